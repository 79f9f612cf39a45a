import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';
import type { BackgroundState } from '@mizan/contracts';

/** An ISO 20022 pain.001.001.09 credit-transfer file, built by the worker. A payment in it can be in no other file. */
@Entity({ name: 'bank_file' })
export class BankFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bank_file' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', name: 'message_id' }) messageId!: string;
  @Column({ type: 'date', name: 'execution_date' }) executionDate!: string;
  @Column({ type: 'text' }) state!: BackgroundState;
  @Column({ type: 'integer', name: 'payment_count' }) paymentCount!: number;
  @Column({ type: 'bigint', name: 'control_sum_minor' }) controlSumMinor!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'uuid', name: 'document_id', nullable: true }) documentId!: string | null;
  @Column({ type: 'text', nullable: true }) sha256!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
