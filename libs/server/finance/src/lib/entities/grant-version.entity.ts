import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GrantContent, GrantVersionKind } from '@mizan/contracts';

/** One version of what was agreed. Append-only: an amendment is a new version with a reason. */
@Entity({ name: 'grant_version' })
export class GrantVersion {
  @PrimaryColumn({ type: 'uuid', name: 'grant_id', primaryKeyConstraintName: 'pk_grant_version' }) grantId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_grant_version' }) version!: number;
  @Column({ type: 'jsonb' }) content!: GrantContent;
  @Column({ type: 'text' }) kind!: GrantVersionKind;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
