import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reviewer's score of one rubric criterion; final once the review is submitted (a trigger refuses changes). */
@Entity({ name: 'review_score' })
export class ReviewScore {
  @PrimaryColumn({ type: 'uuid', name: 'assignment_id', primaryKeyConstraintName: 'pk_review_score' }) assignmentId!: string;
  @PrimaryColumn({ type: 'text', name: 'criterion_id', primaryKeyConstraintName: 'pk_review_score' }) criterionId!: string;
  /** Null in a draft whose comment came before its score; never null once submitted. */
  @Column({ type: 'smallint', nullable: true }) score!: number | null;
  @Column({ type: 'text' }) comment!: string;
}
