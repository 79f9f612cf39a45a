import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboundEmailStatus, UserLanguage } from '@mizan/contracts';

/**
 * The outbox: an email written in the same transaction as the change it tells
 * about, delivered afterwards by the worker (job id = this id).
 */
@Entity({ name: 'outbound_email' })
export class OutboundEmail {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outbound_email' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', name: 'to_address' }) toAddress!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text', name: 'text_body' }) textBody!: string;
  /** The HTML part (with `lang` and `dir`); null on emails written before issue 10, sent as text only. */
  @Column({ type: 'text', name: 'html_body', nullable: true }) htmlBody!: string | null;
  /** The language it is written in: the recipient's at the time it was written. */
  @Column({ type: 'text', nullable: true }) language!: UserLanguage | null;
  @Column({ type: 'text' }) status!: OutboundEmailStatus;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'text', name: 'message_id', nullable: true }) messageId!: string | null;
  @Column({ type: 'text', name: 'entity_type', nullable: true }) entityType!: string | null;
  @Column({ type: 'text', name: 'entity_id', nullable: true }) entityId!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'last_attempt_at', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
