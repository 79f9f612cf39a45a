import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';
import type { GrantState, Modality, RiskRating } from '@mizan/contracts';

/**
 * A grant: what the agency committed to one organization on a confirmed
 * approval. The agreed content (budget lines, tranche plan, reporting
 * schedule, conditions) lives in versions (`grant_version`); this row holds
 * the current state and the parts that are queried.
 */
@Entity({ name: 'grant_award' })
export class GrantAward {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_award' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'program_id' }) programId!: string;
  @Column({ type: 'uuid', name: 'call_id' }) callId!: string;
  @Column({ type: 'uuid', name: 'application_id' }) applicationId!: string;
  @Column({ type: 'uuid', name: 'decision_id' }) decisionId!: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId!: string;
  @Column({ type: 'text', name: 'grant_number' }) grantNumber!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor!: string;
  @Column({ type: 'text' }) state!: GrantState;
  @Column({ type: 'integer', name: 'current_version' }) currentVersion!: number;
  @Column({ type: 'date', name: 'starts_on' }) startsOn!: string;
  @Column({ type: 'date', name: 'ends_on' }) endsOn!: string;
  @Column({ type: 'text', name: 'risk_rating', nullable: true }) riskRating!: RiskRating | null;
  @Column({ type: 'jsonb', name: 'risk_assessment', nullable: true }) riskAssessment!: unknown;
  @Column({ type: 'text' }) modality!: Modality;
  @Column({ type: 'text', nullable: true }) monitoring!: string | null;
  @Column({ type: 'text', name: 'payee_name' }) payeeName!: string;
  @Column({ type: 'text', name: 'payee_iban' }) payeeIban!: string;
  @Column({ type: 'text', name: 'payee_bic', nullable: true }) payeeBic!: string | null;
  @Column({ type: 'uuid', name: 'signatory_user_id', nullable: true }) signatoryUserId!: string | null;
  @Column({ type: 'uuid', name: 'signed_by', nullable: true }) signedBy!: string | null;
  @Column({ type: 'text', name: 'signed_name', nullable: true }) signedName!: string | null;
  @Column({ type: 'timestamptz', name: 'signed_at', nullable: true }) signedAt!: Date | null;
  @Column({ type: 'uuid', name: 'countersigned_by', nullable: true }) countersignedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'countersigned_at', nullable: true }) countersignedAt!: Date | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}
