import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportDueState, ReportKind } from '@mizan/contracts';

/** The reporting schedule of a grant: one row per report due (the reporting issue files reports against them). */
@Entity({ name: 'grant_report_due' })
export class GrantReportDue {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_report_due' }) id!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'text' }) kind!: ReportKind;
  @Column({ type: 'date', name: 'period_from' }) periodFrom!: string;
  @Column({ type: 'date', name: 'period_to' }) periodTo!: string;
  @Column({ type: 'date', name: 'due_on' }) dueOn!: string;
  @Column({ type: 'text' }) state!: ReportDueState;
}
