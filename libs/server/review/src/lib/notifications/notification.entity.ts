import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageParams } from '@mizan/server/core';

/** An in-app message to one user; unread until they open it. One that asks for an action is open until someone does it. */
@Entity({ name: 'notification' })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification' }) id!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  /** What it says, as a key of the server catalog and its parameters, rendered in the reader's language; null on rows written before issue 10 (their English title and body are shown). */
  @Column({ type: 'text', name: 'message_key', nullable: true }) messageKey!: string | null;
  @Column({ type: 'jsonb', name: 'message_params', nullable: true }) messageParams!: MessageParams | null;
  @Column({ type: 'text', name: 'entity_type', nullable: true }) entityType!: string | null;
  @Column({ type: 'text', name: 'entity_id', nullable: true }) entityId!: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true }) readAt!: Date | null;
  /** The action the notification asks for (see `NotificationAction`), null for plain news. */
  @Column({ type: 'text', name: 'action_key', nullable: true }) actionKey!: string | null;
  /** Set when that action was done by anyone, in the same transaction. */
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'uuid', name: 'resolved_by', nullable: true }) resolvedBy!: string | null;
}
