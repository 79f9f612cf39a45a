import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per agency: the second-approval threshold, whether the payer must be a third person, and risk-policy overrides. */
@Entity({ name: 'finance_settings' })
export class FinanceSettings {
  @PrimaryColumn({ type: 'uuid', name: 'agency_id', primaryKeyConstraintName: 'pk_finance_settings' }) agencyId!: string;
  @Column({ type: 'bigint', name: 'second_approval_threshold_minor' }) secondApprovalThresholdMinor!: string;
  @Column({ type: 'boolean', name: 'three_people' }) threePeople!: boolean;
  @Column({ type: 'jsonb', name: 'risk_policy', nullable: true }) riskPolicy!: unknown;
  /** The debtor of the agency's bank files (pain.001): account holder name, IBAN and BIC. */
  @Column({ type: 'text', name: 'agency_name', nullable: true }) agencyName!: string | null;
  @Column({ type: 'text', name: 'agency_iban', nullable: true }) agencyIban!: string | null;
  @Column({ type: 'text', name: 'agency_bic', nullable: true }) agencyBic!: string | null;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
