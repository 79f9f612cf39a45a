import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationContent, ApplicationState, CurrencyCode, RuleResult } from '@mizan/domain';

/** The working copy of an application; submitted versions are frozen in application_version. */
@Entity({ name: 'application' })
export class Application {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application' }) id!: string;
  @Column({ type: 'uuid', name: 'call_id' }) callId!: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text' }) state!: ApplicationState;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'jsonb' }) content!: ApplicationContent;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'bigint', name: 'requested_minor' }) requestedMinor!: string;
  /** Optimistic concurrency: every save must name the version it edited. */
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', name: 'receipt_number', nullable: true }) receiptNumber!: string | null;
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'text', name: 'screening_message', nullable: true }) screeningMessage!: string | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy!: string;
}

@Entity({ name: 'application_partner' })
export class ApplicationPartner {
  @PrimaryColumn({ type: 'uuid', name: 'application_id', primaryKeyConstraintName: 'pk_application_partner' }) applicationId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'partner_organization_id', primaryKeyConstraintName: 'pk_application_partner' }) partnerOrganizationId!: string;
}

/** A submitted application as it was sent: never changed (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'application_version' })
export class ApplicationVersion {
  @PrimaryColumn({ type: 'uuid', name: 'application_id', primaryKeyConstraintName: 'pk_application_version' }) applicationId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_application_version' }) number!: number;
  @Column({ type: 'text' }) kind!: 'submission' | 'resubmission';
  @Column({ type: 'jsonb' }) content!: ApplicationContent;
  @Column({ type: 'jsonb' }) totals!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) eligibility!: RuleResult[];
  @Column({ type: 'integer', name: 'call_version' }) callVersion!: number;
  @Column({ type: 'char', length: 64, name: 'content_sha256' }) contentSha256!: string;
  @Column({ type: 'text', name: 'receipt_number' }) receiptNumber!: string;
  @Column({ type: 'uuid', name: 'submitted_by' }) submittedBy!: string;
  @Column({ type: 'timestamptz', name: 'submitted_at' }) submittedAt!: Date;
}

@Entity({ name: 'application_attachment' })
export class ApplicationAttachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_attachment' }) id!: string;
  @Column({ type: 'uuid', name: 'application_id' }) applicationId!: string;
  @Column({ type: 'uuid', name: 'stored_document_id' }) storedDocumentId!: string;
  @Column({ type: 'text', name: 'original_name' }) originalName!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'uploaded_at' }) uploadedAt!: Date;
}
