import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reviewer's score of one rubric criterion; final once the review is submitted (a trigger refuses changes). */
@Entity({ name: 'review_score' })
export class ReviewScore {
  @PrimaryColumn({ type: 'uuid', name: 'assignment_id', primaryKeyConstraintName: 'pk_review_score' }) assignmentId!: string;
  @PrimaryColumn({ type: 'text', name: 'criterion_id', primaryKeyConstraintName: 'pk_review_score' }) criterionId!: string;
  @Column({ type: 'smallint' }) score!: number;
  @Column({ type: 'text' }) comment!: string;
}
