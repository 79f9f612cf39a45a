import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file Mizan produced or received, kept on disk with its SHA-256 and size recorded here. */
@Entity({ name: 'stored_document' })
export class StoredDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_stored_document' })
  id!: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', name: 'file_name' })
  fileName!: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType!: string;

  /** Relative to STORAGE_DIR. */
  @Column({ type: 'text', name: 'storage_key' })
  storageKey!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', name: 'size_bytes' })
  sizeBytes!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
