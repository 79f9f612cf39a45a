import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';

/** An account of the double-entry ledger: a code (see LEDGER_ACCOUNTS in @mizan/domain) at a scope, in one currency. */
@Entity({ name: 'ledger_account' })
export class LedgerAccount {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ledger_account' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text', name: 'scope_type' }) scopeType!: 'agency' | 'program' | 'call' | 'grant';
  @Column({ type: 'uuid', name: 'scope_id' }) scopeId!: string;
  @Column({ type: 'uuid', name: 'program_id', nullable: true }) programId!: string | null;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'boolean', name: 'non_negative' }) nonNegative!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** A journal entry: two or more postings summing to zero per currency (checked by the database at commit). Append-only. */
@Entity({ name: 'journal_entry' })
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_journal_entry' }) id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'program_id', nullable: true }) programId!: string | null;
  @Column({ type: 'uuid', name: 'grant_id', nullable: true }) grantId!: string | null;
  @Column({ type: 'uuid', name: 'payment_id', nullable: true }) paymentId!: string | null;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'date', name: 'effective_on' }) effectiveOn!: string;
  @Column({ type: 'uuid', name: 'reverses_entry_id', nullable: true }) reversesEntryId!: string | null;
  @Column({ type: 'bigint', name: 'trail_seq' }) trailSeq!: string;
  @Column({ type: 'jsonb', nullable: true }) details!: unknown;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** One side of an entry: signed minor units, debit > 0, credit < 0. Append-only. */
@Entity({ name: 'posting' })
export class Posting {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_posting', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column({ type: 'uuid', name: 'entry_id' }) entryId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor!: string;
}

/** Kept by a database trigger in the same transaction as each posting; read-only to the api. */
@Entity({ name: 'account_balance' })
export class AccountBalance {
  @PrimaryColumn({ type: 'uuid', name: 'account_id', primaryKeyConstraintName: 'pk_account_balance' }) accountId!: string;
  @Column({ type: 'boolean', name: 'non_negative' }) nonNegative!: boolean;
  @Column({ type: 'bigint', name: 'debit_minor' }) debitMinor!: string;
  @Column({ type: 'bigint', name: 'credit_minor' }) creditMinor!: string;
  @Column({ type: 'bigint', name: 'balance_minor' }) balanceMinor!: string;
  @Column({ type: 'bigint', name: 'posting_count' }) postingCount!: string;
}
