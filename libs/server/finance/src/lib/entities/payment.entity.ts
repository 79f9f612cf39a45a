import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';
import type { PaymentState } from '@mizan/contracts';

/**
 * A payment of one tranche. Requested by an officer, approved by finance
 * (twice above the agency threshold), paid by finance; the database refuses
 * the same person in two of those seats (see the migration's CHECKs).
 */
@Entity({ name: 'payment' })
export class Payment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_payment' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'program_id' }) programId!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'uuid', name: 'tranche_id' }) trancheId!: string;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'text' }) state!: PaymentState;
  @Column({ type: 'smallint', name: 'required_approvals' }) requiredApprovals!: number;
  @Column({ type: 'boolean', name: 'three_people' }) threePeople!: boolean;
  @Column({ type: 'uuid', name: 'requested_by' }) requestedBy!: string;
  @Column({ type: 'timestamptz', name: 'requested_at' }) requestedAt!: Date;
  @Column({ type: 'text', name: 'request_note', nullable: true }) requestNote!: string | null;
  @Column({ type: 'uuid', name: 'approved_by', nullable: true }) approvedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true }) approvedAt!: Date | null;
  @Column({ type: 'uuid', name: 'second_approved_by', nullable: true }) secondApprovedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'second_approved_at', nullable: true }) secondApprovedAt!: Date | null;
  @Column({ type: 'uuid', name: 'bank_file_id', nullable: true }) bankFileId!: string | null;
  @Column({ type: 'uuid', name: 'paid_by', nullable: true }) paidBy!: string | null;
  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt!: Date | null;
  @Column({ type: 'date', name: 'value_date', nullable: true }) valueDate!: string | null;
  @Column({ type: 'text', name: 'bank_reference', nullable: true }) bankReference!: string | null;
  @Column({ type: 'bigint', name: 'debited_minor', nullable: true }) debitedMinor!: string | null;
  @Column({ type: 'char', length: 3, name: 'transfer_currency', nullable: true }) transferCurrency!: CurrencyCode | null;
  @Column({ type: 'bigint', name: 'transfer_minor', nullable: true }) transferMinor!: string | null;
  @Column({ type: 'numeric', precision: 28, scale: 12, nullable: true }) rate!: string | null;
  @Column({ type: 'text', name: 'rate_source', nullable: true }) rateSource!: string | null;
  @Column({ type: 'bigint', name: 'fees_minor', nullable: true }) feesMinor!: string | null;
  @Column({ type: 'uuid', name: 'closed_by', nullable: true }) closedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', name: 'close_reason', nullable: true }) closeReason!: string | null;
  @Column({ type: 'uuid', name: 'receipt_confirmed_by', nullable: true }) receiptConfirmedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'receipt_confirmed_at', nullable: true }) receiptConfirmedAt!: Date | null;
  @Column({ type: 'bigint', name: 'received_minor', nullable: true }) receivedMinor!: string | null;
  @Column({ type: 'char', length: 3, name: 'received_currency', nullable: true }) receivedCurrency!: CurrencyCode | null;
  @Column({ type: 'text', name: 'receipt_note', nullable: true }) receiptNote!: string | null;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}
