import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DueDiligenceStatus, ScreeningQueueItem } from '@mizan/contracts';
import { ApplicationContent, ApplicationState, CurrencyCode, DocumentKind, checkEligibility } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { assertUuid } from '../access/intake-access.service';
import { GrantCall } from '../entities/grant-call.entity';
import { rulesOf } from './call-rules';

/** The states an officer works on at screening: submitted once, not yet in review. */
export const SCREENING_QUEUE_STATES = ['submitted', 'resubmitted', 'screening', 'eligible', 'ineligible', 'returned'] as const satisfies readonly ApplicationState[];
export type ScreeningQueueState = (typeof SCREENING_QUEUE_STATES)[number];

interface QueueRow {
  id: string;
  call_id: string;
  call_title: string;
  organization_id: string;
  organization_name: string;
  title: string;
  state: ApplicationState;
  currency: CurrencyCode;
  requested_minor: string;
  receipt_number: string | null;
  submitted_at: Date | null;
  updated_at: Date;
  content: ApplicationContent;
  hostland_country: string;
  founded_on: string | null;
  dd_status: DueDiligenceStatus;
  dd_expires_on: string | null;
  document_kinds: DocumentKind[];
  partner_count: number;
  partner_governorates: string[];
}

/** Today as an ISO date in UTC: the day the eligibility and expiry checks are judged on. */
function isoToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The officer's screening desk for one call. Eligibility is worked out again
 * on every read against the call's current rules and the organization as it
 * stands today (documents uploaded, clearance expired), so the officer never
 * screens against stale results.
 */
@Injectable()
export class ScreeningQueueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async queue(auth: AuthenticatedRequestContext, callId: string, state?: ScreeningQueueState, now = new Date()): Promise<ScreeningQueueItem[]> {
    assertUuid(callId, 'Call');
    const call = await this.dataSource.manager.findOne(GrantCall, { where: { id: callId, agencyId: auth.user.agencyId } });
    if (!call) throw MizanException.notFound('Call');
    const states: readonly string[] = state ? [state] : SCREENING_QUEUE_STATES;
    // The last submitted version is what is being screened; a returned application's working copy may be mid-edit.
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.call_id, c.title AS call_title, a.organization_id, o.legal_name AS organization_name, a.title, a.state,
              a.currency, a.requested_minor::text AS requested_minor, a.receipt_number, a.submitted_at, a.updated_at,
              COALESCE((SELECT v.content FROM application_version v WHERE v.application_id = a.id ORDER BY v.number DESC LIMIT 1), a.content) AS content,
              o.hostland_country, o.founded_on::text AS founded_on, o.dd_status, o.dd_expires_on::text AS dd_expires_on,
              ARRAY(SELECT DISTINCT d.kind FROM due_diligence_document d WHERE d.organization_id = o.id ORDER BY d.kind) AS document_kinds,
              (SELECT count(*)::int FROM application_partner ap
                 JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = a.organization_id
                WHERE ap.application_id = a.id) AS partner_count,
              ARRAY(SELECT DISTINCT po.governorate_code FROM application_partner ap
                      JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = a.organization_id
                     WHERE ap.application_id = a.id ORDER BY po.governorate_code) AS partner_governorates
         FROM application a
         JOIN grant_call c ON c.id = a.call_id
         JOIN organization o ON o.id = a.organization_id
        WHERE a.call_id = $1 AND a.agency_id = $2 AND a.state = ANY($3)
        ORDER BY a.submitted_at ASC NULLS LAST, a.id`,
      [call.id, auth.user.agencyId, states],
    )) as QueueRow[];
    const rules = rulesOf(call);
    const today = isoToday(now);
    return rows.map((r) => {
      const cleared = r.dd_status === 'cleared' || r.dd_status === 'conditional';
      return {
        id: r.id,
        callId: r.call_id,
        callTitle: r.call_title,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        title: r.title,
        state: r.state,
        currency: r.currency,
        requestedMinor: r.requested_minor,
        receiptNumber: r.receipt_number,
        submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
        updatedAt: r.updated_at.toISOString(),
        eligibility: checkEligibility(rules, r.content, {
          organization: { hostlandCountry: r.hostland_country, foundedOn: r.founded_on, documentKinds: r.document_kinds },
          partnerCount: r.partner_count,
          today,
        }),
        dueDiligence: {
          status: r.dd_status,
          expired: cleared && r.dd_expires_on !== null && r.dd_expires_on < today,
          expiresOn: r.dd_expires_on,
        },
        partnerGovernorates: r.partner_governorates,
      };
    });
  }
}
