import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignmentStatus, Recommendation } from '@mizan/domain';

/** One reviewer on one application, from assignment to submitted review (or conflict / reassignment, kept as history). */
@Entity({ name: 'review_assignment' })
export class ReviewAssignment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_assignment' }) id!: string;
  @Column({ type: 'uuid', name: 'application_id' }) applicationId!: string;
  @Column({ type: 'uuid', name: 'call_id' }) callId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'reviewer_id' }) reviewerId!: string;
  @Column({ type: 'text' }) status!: AssignmentStatus;
  @Column({ type: 'uuid', name: 'assigned_by' }) assignedBy!: string;
  @Column({ type: 'timestamptz', name: 'assigned_at' }) assignedAt!: Date;
  @Column({ type: 'date', name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column({ type: 'timestamptz', name: 'conflict_declared_at', nullable: true }) conflictDeclaredAt!: Date | null;
  @Column({ type: 'boolean', name: 'has_conflict', nullable: true }) hasConflict!: boolean | null;
  @Column({ type: 'text', name: 'conflict_statement', nullable: true }) conflictStatement!: string | null;
  @Column({ type: 'text', nullable: true }) recommendation!: Recommendation | null;
  @Column({ type: 'text', name: 'overall_comment', nullable: true }) overallComment!: string | null;
  @Column({ type: 'integer', name: 'weighted_hundredths', nullable: true }) weightedHundredths!: number | null;
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  /** Optimistic concurrency for draft saves. */
  @Column({ type: 'integer' }) version!: number;
}
