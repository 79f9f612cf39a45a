import { EntityManager } from 'typeorm';
import type { DocumentView, InvitationView, OrganizationMemberView, OrganizationView } from '@mizan/contracts';
import { API_PREFIX, IntakePaths } from '@mizan/contracts';
import { organizationChecks } from '@mizan/domain';
import type { DueDiligenceDocument, Invitation, Organization } from '../entities/organization.entity';
import { dateColumn, isoDateOf } from './dates';
import { dueDiligenceSummary } from './due-diligence';

/** Builds OrganizationViews for several organizations with three queries, whatever their number. */
export async function organizationViews(manager: EntityManager, orgs: Organization[], today: Date | string = new Date()): Promise<OrganizationView[]> {
  if (orgs.length === 0) return [];
  const ids = orgs.map((o) => o.id);
  const members = (await manager.query(
    `SELECT m.organization_id, m.user_id, u.email, u.display_name, m.role_in_organization, m.skills
       FROM organization_member m JOIN app_user u ON u.id = m.user_id
      WHERE m.organization_id = ANY($1::uuid[])
      ORDER BY m.joined_at, u.email`,
    [ids],
  )) as { organization_id: string; user_id: string; email: string; display_name: string; role_in_organization: string; skills: string[] }[];
  const documents = (await manager.query(`SELECT organization_id, kind FROM due_diligence_document WHERE organization_id = ANY($1::uuid[])`, [ids])) as {
    organization_id: string;
    kind: string;
  }[];
  const reviewerIds = [...new Set(orgs.map((o) => o.ddReviewedBy).filter((id): id is string => id !== null))];
  const reviewers = reviewerIds.length
    ? ((await manager.query(`SELECT id, email FROM app_user WHERE id = ANY($1::uuid[])`, [reviewerIds])) as { id: string; email: string }[])
    : [];
  const reviewerEmail = new Map(reviewers.map((r) => [r.id, r.email]));
  const day = isoDateOf(today);

  return orgs.map((org) => {
    const memberViews: OrganizationMemberView[] = members
      .filter((m) => m.organization_id === org.id)
      .map((m) => ({ userId: m.user_id, email: m.email, displayName: m.display_name, roleInOrganization: m.role_in_organization, skills: m.skills }));
    const kinds = documents.filter((d) => d.organization_id === org.id).map((d) => d.kind);
    const foundedOn = dateColumn(org.foundedOn);
    const summary = dueDiligenceSummary(org, day);
    return {
      id: org.id,
      version: org.version,
      createdAt: org.createdAt.toISOString(),
      legalName: org.legalName,
      registrationNumber: org.registrationNumber,
      hostlandCountry: org.hostlandCountry,
      address: org.address,
      foundedOn,
      contactEmail: org.contactEmail,
      contactPhone: org.contactPhone,
      iban: org.iban,
      accountHolder: org.accountHolder,
      holderExplanation: org.holderExplanation,
      thematicExpertise: org.thematicExpertise,
      members: memberViews,
      dueDiligence: {
        status: summary.status,
        expired: summary.expired,
        expiresOn: summary.expiresOn,
        conditions: org.ddConditions,
        reviewedBy: org.ddReviewedBy ? (reviewerEmail.get(org.ddReviewedBy) ?? null) : null,
        reviewedAt: org.ddReviewedAt ? org.ddReviewedAt.toISOString() : null,
        checks: organizationChecks(
          {
            legalName: org.legalName,
            registrationNumber: org.registrationNumber,
            foundedOn,
            iban: org.iban,
            accountHolder: org.accountHolder,
            holderExplanation: org.holderExplanation,
            documentKinds: kinds,
          },
          day,
        ),
      },
    };
  });
}

export function invitationView(invitation: Invitation, token?: string): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: invitation.acceptedAt ? invitation.acceptedAt.toISOString() : null,
    ...(token ? { acceptPath: `/accept-invitation?token=${token}` } : {}),
  };
}

export function documentPath(organizationId: string, documentId: string): string {
  return `${API_PREFIX}/${IntakePaths.organizations}/${organizationId}/documents/${documentId}/file`;
}

export function documentView(
  doc: Pick<DueDiligenceDocument, 'id' | 'organizationId' | 'kind' | 'originalName' | 'uploadedAt'>,
  stored: { contentType: string; sizeBytes: string | number; sha256: string },
): DocumentView {
  return {
    id: doc.id,
    kind: doc.kind,
    originalName: doc.originalName,
    contentType: stored.contentType,
    sizeBytes: Number(stored.sizeBytes),
    sha256: stored.sha256,
    uploadedAt: doc.uploadedAt.toISOString(),
    downloadPath: documentPath(doc.organizationId, doc.id),
  };
}
