import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One link of the hash-chained activity trail. Append-only: a trigger in the
 * database refuses UPDATE, DELETE and TRUNCATE (migration 1764000000000).
 */
@Entity({ name: 'activity_record' })
export class ActivityRecord {
  /** 1-based, gap-free position in the chain. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_activity_record' })
  seq!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'uuid', name: 'agency_id', nullable: true })
  agencyId!: string | null;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', name: 'actor_label' })
  actorLabel!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', name: 'entity_type' })
  entityType!: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'char', length: 64, name: 'previous_hash' })
  previousHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  /** How `hash` was computed (HashVersion in @mizan/domain); migration 1765100000000. */
  @Column({ type: 'smallint', name: 'hash_version', default: 1 })
  hashVersion!: number;
}
