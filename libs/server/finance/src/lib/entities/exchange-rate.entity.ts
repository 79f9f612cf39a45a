import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';

/** 1 base = rate quote on rate_date, from a named source. Append-only; `rate` is an exact decimal string. */
@Entity({ name: 'exchange_rate' })
export class ExchangeRate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_exchange_rate' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'date', name: 'rate_date' }) rateDate!: string;
  @Column({ type: 'char', length: 3 }) base!: CurrencyCode;
  @Column({ type: 'char', length: 3 }) quote!: CurrencyCode;
  @Column({ type: 'numeric', precision: 28, scale: 12 }) rate!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
