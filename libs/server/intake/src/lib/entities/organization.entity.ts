import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentKind } from '@mizan/domain';

export type DueDiligenceStatus = 'pending' | 'cleared' | 'conditional' | 'rejected';

/** A diaspora organization in the hostland. */
@Entity({ name: 'organization' })
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organization' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', name: 'legal_name' }) legalName!: string;
  @Column({ type: 'text', name: 'registration_number' }) registrationNumber!: string;
  @Column({ type: 'char', length: 2, name: 'hostland_country' }) hostlandCountry!: string;
  @Column({ type: 'text' }) address!: string;
  @Column({ type: 'date', name: 'founded_on', nullable: true }) foundedOn!: string | null;
  @Column({ type: 'text', name: 'contact_email' }) contactEmail!: string;
  @Column({ type: 'text', name: 'contact_phone', nullable: true }) contactPhone!: string | null;
  @Column({ type: 'text' }) iban!: string;
  @Column({ type: 'text', name: 'account_holder' }) accountHolder!: string;
  @Column({ type: 'text', name: 'holder_explanation', nullable: true }) holderExplanation!: string | null;
  @Column({ type: 'text', array: true, name: 'thematic_expertise' }) thematicExpertise!: string[];
  @Column({ type: 'text', name: 'dd_status' }) ddStatus!: DueDiligenceStatus;
  @Column({ type: 'text', name: 'dd_conditions', nullable: true }) ddConditions!: string | null;
  @Column({ type: 'date', name: 'dd_expires_on', nullable: true }) ddExpiresOn!: string | null;
  @Column({ type: 'uuid', name: 'dd_reviewed_by', nullable: true }) ddReviewedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'dd_reviewed_at', nullable: true }) ddReviewedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'organization_member' })
export class OrganizationMember {
  @PrimaryColumn({ type: 'uuid', name: 'organization_id', primaryKeyConstraintName: 'pk_organization_member' }) organizationId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'pk_organization_member' }) userId!: string;
  @Column({ type: 'text', name: 'role_in_organization' }) roleInOrganization!: string;
  @Column({ type: 'text', array: true }) skills!: string[];
  @CreateDateColumn({ type: 'timestamptz', name: 'joined_at' }) joinedAt!: Date;
}

/** A partner organization in the country of origin, registered by a diaspora organization. */
@Entity({ name: 'partner_organization' })
export class PartnerOrganization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partner_organization' }) id!: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'governorate_code' }) governorateCode!: string;
  @Column({ type: 'text', name: 'local_registration_number' }) localRegistrationNumber!: string;
  @Column({ type: 'text', name: 'contact_person' }) contactPerson!: string;
  @Column({ type: 'text', name: 'contact_email', nullable: true }) contactEmail!: string | null;
  @Column({ type: 'text', name: 'contact_phone', nullable: true }) contactPhone!: string | null;
  @Column({ type: 'text' }) relationship!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'partner_member' })
export class PartnerMember {
  @PrimaryColumn({ type: 'uuid', name: 'partner_organization_id', primaryKeyConstraintName: 'pk_partner_member' }) partnerOrganizationId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'pk_partner_member' }) userId!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'joined_at' }) joinedAt!: Date;
}

/** An emailed invitation to join an organization (applicant) or one of its partners (partner). */
@Entity({ name: 'invitation' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invitation' }) id!: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId!: string;
  @Column({ type: 'uuid', name: 'partner_organization_id', nullable: true }) partnerOrganizationId!: string | null;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) role!: 'applicant' | 'partner';
  @Column({ type: 'char', length: 64, name: 'token_hash' }) tokenHash!: string;
  @Column({ type: 'uuid', name: 'invited_by' }) invitedBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  @Column({ type: 'uuid', name: 'accepted_user_id', nullable: true }) acceptedUserId!: string | null;
}

@Entity({ name: 'due_diligence_document' })
export class DueDiligenceDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_due_diligence_document' }) id!: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId!: string;
  @Column({ type: 'text' }) kind!: DocumentKind;
  @Column({ type: 'uuid', name: 'stored_document_id' }) storedDocumentId!: string;
  @Column({ type: 'text', name: 'original_name' }) originalName!: string;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'uploaded_at' }) uploadedAt!: Date;
}

@Entity({ name: 'governorate' })
export class Governorate {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_governorate' }) code!: string;
  @Column({ type: 'char', length: 2, name: 'country_code' }) countryCode!: string;
  @Column({ type: 'text', name: 'name_en' }) nameEn!: string;
  @Column({ type: 'text', name: 'name_ar' }) nameAr!: string;
  @Column({ type: 'text', name: 'security_level' }) securityLevel!: 'accessible' | 'restricted' | 'no_access';
}
