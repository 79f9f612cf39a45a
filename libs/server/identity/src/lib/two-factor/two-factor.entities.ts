import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A user's TOTP factor. Active only once `confirmedAt` is set (the first code was right). */
@Entity({ name: 'user_two_factor' })
export class UserTwoFactor {
  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'pk_user_two_factor' })
  userId!: string;

  /** AES-256-GCM of the base32 secret (see totp.ts); never sent after enrolment starts. */
  @Column({ type: 'text', name: 'secret_ciphertext' })
  secretCiphertext!: string;

  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  /** The 30-second step of the last accepted code: that code and older ones are refused. */
  @Column({ type: 'bigint', name: 'last_used_step', nullable: true })
  lastUsedStep!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** One single-use recovery code, stored only as an HMAC. */
@Entity({ name: 'user_recovery_code' })
export class UserRecoveryCode {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_recovery_code' })
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'char', length: 64, name: 'code_hash' })
  codeHash!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt!: Date | null;
}
