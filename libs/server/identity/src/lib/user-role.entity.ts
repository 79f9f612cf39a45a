import { Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { Role } from '@mizan/contracts';
import { User } from './user.entity';

@Entity({ name: 'user_role' })
export class UserRole {
  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'pk_user_role' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_user_role' })
  role!: Role;

  @ManyToOne(() => User, (u) => u.roleRows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_role_user' })
  user?: Relation<User>;
}
