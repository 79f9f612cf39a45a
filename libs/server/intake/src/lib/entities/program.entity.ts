import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';

@Entity({ name: 'program' })
export class Program {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_program' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', array: true }) countries!: string[];
  @Column({ type: 'text', array: true }) themes!: string[];
  @Column({ type: 'bigint', name: 'budget_minor' }) budgetMinor!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'date', name: 'period_start' }) periodStart!: string;
  @Column({ type: 'date', name: 'period_end' }) periodEnd!: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
