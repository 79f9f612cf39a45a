import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';
import type { ReleaseConditionRecord, TrancheState } from '@mizan/contracts';

@Entity({ name: 'tranche' })
export class Tranche {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_tranche' }) id!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'smallint' }) seq!: number;
  @Column({ type: 'date', name: 'planned_on' }) plannedOn!: string;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'text' }) state!: TrancheState;
  @Column({ type: 'jsonb' }) conditions!: ReleaseConditionRecord[];
  @Column({ type: 'uuid', name: 'report_accepted_by', nullable: true }) reportAcceptedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'report_accepted_at', nullable: true }) reportAcceptedAt!: Date | null;
  @Column({ type: 'text', name: 'report_acceptance_note', nullable: true }) reportAcceptanceNote!: string | null;
  /** Recorded with the manual acceptance: how much of this tranche the accepted report accounts for (issue 9, until issue 11). */
  @Column({ type: 'bigint', name: 'report_accounted_minor', nullable: true }) reportAccountedMinor!: string | null;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}
