import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CurrencyCode, DocumentKind } from '@mizan/domain';

export interface RubricCriterion {
  id: string;
  title: string;
  description: string;
  /** Whole percent; the criteria of a rubric sum to 100. */
  weight: number;
}

export interface Rubric {
  criteria: RubricCriterion[];
  /** Descriptions of the scores 0–5, index = score. */
  scale: string[];
}

/** A call for proposals under a program ("call" alone is too common a word for a table). */
@Entity({ name: 'grant_call' })
export class GrantCall {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_call' }) id!: string;
  @Column({ type: 'uuid', name: 'program_id' }) programId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) status!: 'draft' | 'published';
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text', name: 'time_zone' }) timeZone!: string;
  @Column({ type: 'timestamptz', name: 'opens_at' }) opensAt!: Date;
  @Column({ type: 'timestamptz', name: 'closes_at' }) closesAt!: Date;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'bigint', name: 'envelope_minor' }) envelopeMinor!: string;
  @Column({ type: 'bigint', name: 'max_grant_minor' }) maxGrantMinor!: string;
  @Column({ type: 'integer', name: 'min_cofunding_bp' }) minCofundingBp!: number;
  @Column({ type: 'integer', name: 'admin_cap_bp' }) adminCapBp!: number;
  @Column({ type: 'text', array: true, name: 'host_countries' }) hostCountries!: string[];
  @Column({ type: 'boolean', name: 'require_partner' }) requirePartner!: boolean;
  @Column({ type: 'integer', name: 'min_organization_age_months' }) minOrganizationAgeMonths!: number;
  @Column({ type: 'text', array: true, name: 'required_documents' }) requiredDocuments!: DocumentKind[];
  @Column({ type: 'jsonb' }) rubric!: Rubric;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

/** The rules of a call as they stood at one version, with why it changed. */
@Entity({ name: 'grant_call_version' })
export class GrantCallVersion {
  @PrimaryColumn({ type: 'uuid', name: 'call_id', primaryKeyConstraintName: 'pk_grant_call_version' }) callId!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_grant_call_version' }) version!: number;
  @Column({ type: 'jsonb' }) rules!: object;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
