import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A money-moving request's Idempotency-Key, with the hash of its body and the answer it got. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'pk_idempotency_key' }) userId!: string;
  @PrimaryColumn({ type: 'text', name: 'idem_key', primaryKeyConstraintName: 'pk_idempotency_key' }) idemKey!: string;
  @Column({ type: 'text' }) method!: string;
  @Column({ type: 'text' }) route!: string;
  @Column({ type: 'text', name: 'request_hash' }) requestHash!: string;
  @Column({ type: 'text' }) state!: 'in_progress' | 'done';
  @Column({ type: 'integer', name: 'response_status', nullable: true }) responseStatus!: number | null;
  @Column({ type: 'jsonb', name: 'response_body', nullable: true }) responseBody!: unknown;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt!: Date | null;
}
