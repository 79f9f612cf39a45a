import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One link of the hash-chained activity trail. Append-only: a trigger in the
 * database refuses UPDATE, DELETE and TRUNCATE (migration 1764000000000).
 */
@Entity({ name: 'activity_record' })
export class ActivityRecord {
  /**
   * The deployment-wide order. Gap-free for the legacy chain (hash versions 1 and 2); from
   * migration 1765800000000 taken from a sequence, so a rolled-back append may leave a gap.
   */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_activity_record' })
  seq!: string;

  /** Hash version 3: the 1-based, gap-free position in the chain of its agency (null agency: the platform chain). */
  @Column({ type: 'bigint', name: 'chain_seq', nullable: true })
  chainSeq!: string | null;

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
