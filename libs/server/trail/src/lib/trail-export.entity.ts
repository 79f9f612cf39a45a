import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ExportState, TrailFilterSet } from '@mizan/contracts';

/**
 * A request to export the trail as PDF, covering records up to `head_seq`
 * that match `filters` (the trail page's filters at the time).
 * Unique per (agency, head_seq, filters): asking again for the same snapshot
 * and filters returns the same export instead of building it twice.
 */
@Entity({ name: 'trail_export' })
export class TrailExport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_trail_export' })
  id!: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId!: string;

  @Column({ type: 'uuid', name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'bigint', name: 'head_seq' })
  headSeq!: string;

  @Column({ type: 'text' })
  state!: ExportState;

  /** Normalized (normalizeTrailFilters); `{}` for the whole trail. Migration 1765430000000. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  filters!: TrailFilterSet;

  @Column({ type: 'uuid', name: 'document_id', nullable: true })
  documentId!: string | null;

  @Column({ type: 'text', name: 'failed_reason', nullable: true })
  failedReason!: string | null;

  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
