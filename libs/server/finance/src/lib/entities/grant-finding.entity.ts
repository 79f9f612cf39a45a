import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FindingPriority } from '@mizan/contracts';

/** A finding on a grant (monitoring now; audit and red flags later). An open high-priority finding blocks the next tranche. */
@Entity({ name: 'grant_finding' })
export class GrantFinding {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_finding' }) id!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'text' }) priority!: FindingPriority;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) state!: 'open' | 'closed';
  @Column({ type: 'uuid', name: 'raised_by' }) raisedBy!: string;
  @Column({ type: 'timestamptz', name: 'raised_at' }) raisedAt!: Date;
  @Column({ type: 'uuid', name: 'closed_by', nullable: true }) closedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', name: 'close_reason', nullable: true }) closeReason!: string | null;
}
