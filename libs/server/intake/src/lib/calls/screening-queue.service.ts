import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DueDiligenceStatus, KeysetPage, ScreeningQueueItem, ScreeningQueueSort, ScreeningQueueSummary } from '@mizan/contracts';
import { ApplicationContent, ApplicationState, CurrencyCode, DocumentKind, checkEligibility } from '@mizan/domain';
import { KeysetColumn, KeysetValue, MizanException, cappedCountSql, readKeysetPage } from '@mizan/server/core';
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
  working_content: ApplicationContent;
  hostland_country: string;
  founded_on: string | null;
  dd_status: DueDiligenceStatus;
  dd_expires_on: string | null;
  document_kinds: DocumentKind[];
  partner_count: number;
  partner_governorates: string[];
  [key: `k${number}`]: unknown;
}

export interface ScreeningQueueQuery {
  state?: ScreeningQueueState;
  /** Words of the title, the organization's name or the receipt number. */
  search?: string;
  /** Only applications with a partner in this governorate. */
  governorate?: string;
  sort?: ScreeningQueueSort;
  direction?: 'asc' | 'desc';
  after?: string;
  before?: string;
  pageSize?: number;
}

/**
 * The keyset of each sort: the sorted column, then the id, both in the asked direction (indexes in migration
 * 1765830000000; by organization: the application's copy of its organization's name, 1765871000000).
 */
export function queueColumns(sort: ScreeningQueueSort, direction: 'asc' | 'desc'): KeysetColumn[] {
  const id: KeysetColumn = { sql: 'a.id', direction, type: 'uuid' };
  switch (sort) {
    case 'submitted':
      return [{ sql: 'a.submitted_at', direction, type: 'timestamptz', nullable: true }, id];
    case 'organization':
      return [{ sql: 'a.organization_name', direction, type: 'text' }, id];
    case 'requested':
      return [{ sql: 'a.requested_minor', direction, type: 'bigint' }, id];
    case 'receipt':
      return [{ sql: 'a.receipt_number', direction, type: 'text', nullable: true }, id];
    case 'title':
      return [{ sql: 'a.title', direction, type: 'text' }, id];
  }
}

function queueFilter(call: GrantCall, agencyId: string, query: ScreeningQueueQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [call.id, agencyId, query.state ? [query.state] : SCREENING_QUEUE_STATES];
  const where = ['a.call_id = $1', 'a.agency_id = $2', 'a.state = ANY($3)'];
  const search = query.search?.trim();
  if (search) {
    params.push(`%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    const n = params.length;
    // Trigram indexes on the three columns (migration 1765871000000) answer a rare word without reading the call.
    where.push(`(a.title ILIKE $${n} OR a.organization_name ILIKE $${n} OR a.receipt_number ILIKE $${n})`);
  }
  if (query.governorate) {
    params.push(query.governorate);
    where.push(`EXISTS (SELECT 1 FROM application_partner ap JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = a.organization_id
                         WHERE ap.application_id = a.id AND po.governorate_code = $${params.length})`);
  }
  return { where: where.join(' AND '), params };
}

/** Instants go into cursors to the microsecond (a Date would drop what PostgreSQL keeps past the millisecond). */
export function keySql(column: KeysetColumn): string {
  return column.type === 'timestamptz' ? `to_char(${column.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : column.sql;
}

/** A sort value as the cursor carries it: instants as ISO text, the rest as the driver gave them. */
function keyValue(value: unknown): KeysetValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'number' ? value : String(value);
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

  /**
   * One keyset page of the queue (issue 14): filtered and sorted in SQL over indexes on
   * (call_id, <sort>, id); eligibility is worked out only for the rows of the page.
   */
  async queue(auth: AuthenticatedRequestContext, callId: string, query: ScreeningQueueQuery = {}, now = new Date()): Promise<KeysetPage<ScreeningQueueItem>> {
    const call = await this.callOf(auth, callId);
    const columns = queueColumns(query.sort ?? 'submitted', query.direction ?? 'asc');
    const { where, params } = queueFilter(call, auth.user.agencyId, query);
    // The filters and sorts read the application alone (its copy of the organization's name): the count needs no join.
    const from = `FROM application a WHERE ${where}`;
    const rules = rulesOf(call);
    const today = isoToday(now);
    return readKeysetPage<QueueRow, ScreeningQueueItem>({
      columns,
      query,
      firstParam: params.length + 1,
      // The page is chosen first (index order, LIMIT); the per-row reads then run for its rows only.
      select: async (condition, order, limit, extra) =>
        (await this.dataSource.query(
          `SELECT p.*, c.title AS call_title, COALESCE(v.content, p.working_content) AS content,
                  ARRAY(SELECT DISTINCT d.kind FROM due_diligence_document d WHERE d.organization_id = p.organization_id ORDER BY d.kind) AS document_kinds,
                  (SELECT count(*)::int FROM application_partner ap
                     JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = p.organization_id
                    WHERE ap.application_id = p.id) AS partner_count,
                  ARRAY(SELECT DISTINCT po.governorate_code FROM application_partner ap
                          JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = p.organization_id
                         WHERE ap.application_id = p.id ORDER BY po.governorate_code) AS partner_governorates
             FROM (SELECT a.id, a.call_id, a.organization_id, o.legal_name AS organization_name, a.title, a.state, a.currency,
                          a.requested_minor::text AS requested_minor, a.receipt_number, a.submitted_at, a.updated_at, a.content AS working_content,
                          o.hostland_country, o.founded_on::text AS founded_on, o.dd_status, o.dd_expires_on::text AS dd_expires_on,
                          ${columns.map((c, i) => `${keySql(c)} AS k${i}`).join(', ')}
                     FROM application a JOIN organization o ON o.id = a.organization_id WHERE ${where} AND ${condition} ORDER BY ${order} LIMIT ${limit}) p
             JOIN grant_call c ON c.id = p.call_id
             -- The last submitted version is what is being screened (primary key (application_id, number) answers it);
             -- a returned application's working copy may be mid-edit.
             LEFT JOIN LATERAL (SELECT v.content FROM application_version v WHERE v.application_id = p.id ORDER BY v.number DESC LIMIT 1) v ON true
            ORDER BY ${order.replace(/\b[ao]\.[a-z_]+/g, (m) => `p.k${columns.findIndex((c) => c.sql === m)}`)}`,
          [...params, ...extra],
        )) as QueueRow[],
      keyOf: (r) => columns.map((c, i) => keyValue(r[`k${i}`])),
      toItem: (r) => this.item(r, rules, today),
      count: async (cap) => ((await this.dataSource.query(cappedCountSql(from, cap), params)) as { n: number }[])[0].n,
    });
  }

  /**
   * The chart above the queue, over the whole call: counts by state (GROUP BY on (call_id, state)),
   * clearance problems, and how many pass every rule (worked out on the few fields the rules read).
   */
  async summary(auth: AuthenticatedRequestContext, callId: string, now = new Date()): Promise<ScreeningQueueSummary> {
    const call = await this.callOf(auth, callId);
    const today = isoToday(now);
    const byState = (await this.dataSource.query(
      `SELECT a.state, count(*)::int AS n FROM application a
        WHERE a.call_id = $1 AND a.agency_id = $2 AND a.state = ANY($3) GROUP BY a.state`,
      [call.id, auth.user.agencyId, SCREENING_QUEUE_STATES],
    )) as { state: ApplicationState; n: number }[];
    const [dd] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM application a JOIN organization o ON o.id = a.organization_id
        WHERE a.call_id = $1 AND a.agency_id = $2 AND a.state = ANY($3)
          AND (o.dd_status = 'rejected' OR (o.dd_status IN ('cleared','conditional') AND o.dd_expires_on < $4::date))`,
      [call.id, auth.user.agencyId, SCREENING_QUEUE_STATES, today],
    )) as { n: number }[];
    // Eligibility depends on the call's rules and the organization today: judged here, per application, without sending rows out.
    const facts = (await this.dataSource.query(
      `SELECT COALESCE(v.content, a.content) AS content, o.hostland_country, o.founded_on::text AS founded_on,
              ARRAY(SELECT DISTINCT d.kind FROM due_diligence_document d WHERE d.organization_id = o.id ORDER BY d.kind) AS document_kinds,
              (SELECT count(*)::int FROM application_partner ap
                 JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = a.organization_id
                WHERE ap.application_id = a.id) AS partner_count
         FROM application a JOIN organization o ON o.id = a.organization_id
         LEFT JOIN LATERAL (SELECT v.content FROM application_version v WHERE v.application_id = a.id ORDER BY v.number DESC LIMIT 1) v ON true
        WHERE a.call_id = $1 AND a.agency_id = $2 AND a.state = ANY($3)`,
      [call.id, auth.user.agencyId, SCREENING_QUEUE_STATES],
    )) as Pick<QueueRow, 'content' | 'hostland_country' | 'founded_on' | 'document_kinds' | 'partner_count'>[];
    const rules = rulesOf(call);
    const failing = facts.filter((r) =>
      checkEligibility(rules, r.content, {
        organization: { hostlandCountry: r.hostland_country, foundedOn: r.founded_on, documentKinds: r.document_kinds },
        partnerCount: r.partner_count,
        today,
      }).some((x) => !x.passed),
    ).length;
    const counts = new Map(byState.map((r) => [r.state, r.n]));
    const total = byState.reduce((sum, r) => sum + r.n, 0);
    return {
      total,
      byState: SCREENING_QUEUE_STATES.map((state) => ({ state, count: counts.get(state) ?? 0 })),
      passing: total - failing,
      failing,
      ddProblems: dd?.n ?? 0,
    };
  }

  private async callOf(auth: AuthenticatedRequestContext, callId: string): Promise<GrantCall> {
    assertUuid(callId, 'Call');
    const call = await this.dataSource.manager.findOne(GrantCall, { where: { id: callId, agencyId: auth.user.agencyId } });
    if (!call) throw MizanException.notFound('Call');
    return call;
  }

  private item(r: QueueRow, rules: ReturnType<typeof rulesOf>, today: string): ScreeningQueueItem {
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
  }
}
