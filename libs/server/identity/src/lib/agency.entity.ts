import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: a hostland agency running grant programs. */
@Entity({ name: 'agency' })
export class Agency {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agency' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'char', length: 2, name: 'country_code' })
  countryCode!: string;

  /** Staff (officers, finance, auditors, admins) must sign in with a second factor. */
  @Column({ type: 'boolean', name: 'requires_two_factor', default: false })
  requiresTwoFactor!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
