import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { Role, UserLanguage } from '@mizan/contracts';
import { UserRole } from './user-role.entity';

/** A person who signs in. Staff belong to one agency; grantees and experts are registered with one too. */
@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id!: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId!: string;

  /** Stored lower-cased; unique across the deployment. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', name: 'display_name' })
  displayName!: string;

  @Column({ type: 'text', name: 'password_hash' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The language notifications and emails are written in for this user; null until they choose (English then). */
  @Column({ type: 'text', nullable: true })
  language!: UserLanguage | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @OneToMany(() => UserRole, (r) => r.user, { cascade: false })
  roleRows?: Relation<UserRole>[];

  roles(): Role[] {
    return (this.roleRows ?? []).map((r) => r.role).sort();
  }
}
