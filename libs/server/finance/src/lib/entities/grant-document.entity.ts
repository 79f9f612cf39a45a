import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BackgroundState } from '@mizan/contracts';

/** A document of a grant built by the worker (the agreement PDF of one version), with its progress. */
@Entity({ name: 'grant_document' })
export class GrantDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_document' }) id!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'integer', name: 'grant_version' }) grantVersion!: number;
  @Column({ type: 'text' }) kind!: 'agreement';
  @Column({ type: 'text' }) state!: BackgroundState;
  @Column({ type: 'smallint' }) progress!: number;
  @Column({ type: 'uuid', name: 'document_id', nullable: true }) documentId!: string | null;
  @Column({ type: 'text', nullable: true }) sha256!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'uuid', name: 'requested_by' }) requestedBy!: string;
  @Column({ type: 'timestamptz', name: 'requested_at' }) requestedAt!: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
