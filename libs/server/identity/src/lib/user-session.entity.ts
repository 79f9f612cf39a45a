import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionStage } from '@mizan/contracts';

/** A signed-in browser. Only the SHA-256 of the token is stored, so a database leak yields no usable session. */
@Entity({ name: 'user_session' })
export class UserSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_session' })
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_seen_at' })
  lastSeenAt!: Date;

  @Column({ type: 'timestamptz', name: 'idle_expires_at' })
  idleExpiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'absolute_expires_at' })
  absoluteExpiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', name: 'client_ip', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent!: string | null;

  /** `full` only once every factor is checked; a pending session opens only its own step. */
  @Column({ type: 'text', default: 'full' })
  stage!: SessionStage;

  /** When the password (and second factor) was last given again, for sensitive actions. */
  @Column({ type: 'timestamptz', name: 'reauthenticated_at', nullable: true })
  reauthenticatedAt!: Date | null;
}
