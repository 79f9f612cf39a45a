import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DueDiligenceStatus, KeysetPage, ScreeningQueueItem, ScreeningQueueSort, ScreeningQueueSummary } from '@mizan/contracts';
import { ApplicationContent, ApplicationState, CurrencyCode, DocumentKind, ELIGIBILITY_RULES, EligibilityRule, checkEligibility } from '@mizan/domain';
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
 * 1765830000000; by organization: the application's copy of its organization's name, 1765871000000). The queue
 * lists submitted states only, whose submission time and receipt number are never NULL (constraint
 * ck_application_submitted, 1765963000000): every sort is one row comparison, a seek however deep the page.
 */
export function queueColumns(sort: ScreeningQueueSort, direction: 'asc' | 'desc'): KeysetColumn[] {
  const id: KeysetColumn = { sql: 'a.id', direction, type: 'uuid' };
  switch (sort) {
    case 'submitted':
      return [{ sql: 'a.submitted_at', direction, type: 'timestamptz' }, id];
    case 'organization':
      return [{ sql: 'a.organization_name', direction, type: 'text' }, id];
    case 'requested':
      return [{ sql: 'a.requested_minor', direction, type: 'bigint' }, id];
    case 'receipt':
      return [{ sql: 'a.receipt_number', direction, type: 'text' }, id];
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

/** A rule that reads only the content: a version exists only for content that passed every rule (submit refuses otherwise) and is never changed. */
const FROZEN_WITH_VERSION = 'frozen with the version';

/**
 * Each rule of `checkEligibility` (libs/domain, eligibility.ts) as a condition over the summary's row `q` (the version's
 * frozen totals `q.totals`, the organization) and the call's rules as parameters: $4 today, $5 maximum grant, $6 minimum
 * co-funding (bp), $7 admin cap (bp), $8 host countries, $9 partner required, $10 minimum age (months), $11 documents.
 * A Record, so a rule added to the domain does not compile until it is judged here too; the integration spec
 * screening-queue compares the summary with checkEligibility application by application over varied budgets,
 * organizations and rules.
 */
const ELIGIBILITY_SQL: Record<EligibilityRule, string> = {
  requested_amount: `(q.totals->>'requestedMinor')::numeric > 0`,
  max_grant: `(q.totals->>'requestedMinor')::numeric <= $5::numeric`,
  cofunding_share: `(q.totals->>'cofundingShareBp')::numeric >= $6::int`,
  admin_cost_cap: `(q.totals->>'adminShareBp')::numeric <= $7::int`,
  hostland_country: `cardinality($8::text[]) = 0 OR q.hostland_country = ANY($8::text[])`,
  partner_required: `NOT $9::boolean OR EXISTS (SELECT 1 FROM application_partner ap
                       JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = q.organization_id
                      WHERE ap.application_id = q.id)`,
  // Whole months from the founding date to today, as monthsBetween counts them; no founding date fails a minimum.
  organization_age: `$10::int <= 0 OR (q.founded_on IS NOT NULL AND
                       (date_part('year', $4::date) - date_part('year', q.founded_on)) * 12 + date_part('month', $4::date) - date_part('month', q.founded_on)
                       - CASE WHEN date_part('day', $4::date) < date_part('day', q.founded_on) THEN 1 ELSE 0 END >= $10::int)`,
  required_documents: `cardinality($11::text[]) = 0 OR $11::text[] <@ ARRAY(SELECT d.kind::text FROM due_diligence_document d WHERE d.organization_id = q.organization_id)`,
  logframe_complete: FROZEN_WITH_VERSION,
  activities_located: FROZEN_WITH_VERSION,
};

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
   * The chart above the queue, over the whole call: counts by state, clearance problems, and how many pass every rule,
   * in ONE aggregate in SQL (issue 14). Each application is judged from its last submitted version's frozen totals and
   * its organization as it stands today, against the call's rules as they stand now ({@link ELIGIBILITY_SQL}); no
   * content is read. An application whose version is missing or lacks the totals (none the product writes) is judged
   * in Node with checkEligibility on its content, as the queue's page does.
   */
  async summary(auth: AuthenticatedRequestContext, callId: string, now = new Date()): Promise<ScreeningQueueSummary> {
    const call = await this.callOf(auth, callId);
    const today = isoToday(now);
    const rules = rulesOf(call);
    // Kept between reads (screening_summary, migration 1765960000000): served while no write has raised the call's
    // generation and the rules and the day are the same; else computed and stored with the generation read first.
    const key = JSON.stringify({ rules, today });
    const read = async () =>
      ((await this.dataSource.query(`SELECT generation::text, computed_generation::text, computed_key, summary FROM screening_summary WHERE call_id = $1`, [call.id])) as {
        generation: string;
        computed_generation: string | null;
        computed_key: string | null;
        summary: ScreeningQueueSummary | null;
      }[])[0];
    let kept = await read();
    if (!kept) {
      await this.dataSource.query(`INSERT INTO screening_summary (call_id) VALUES ($1) ON CONFLICT DO NOTHING`, [call.id]);
      kept = await read();
    }
    if (kept.summary && kept.computed_generation === kept.generation && kept.computed_key === key) return kept.summary;
    const summary = await this.computeSummary(call, rules, today);
    // A write holding the row has not committed: it will raise the generation, so the result is not worth keeping.
    await this.dataSource.query(
      `UPDATE screening_summary SET computed_generation = $2, computed_key = $3, summary = $4
        WHERE call_id = (SELECT s.call_id FROM screening_summary s WHERE s.call_id = $1 FOR UPDATE SKIP LOCKED)`,
      [call.id, kept.generation, key, JSON.stringify(summary)],
    );
    return summary;
  }

  /** The summary computed from the tables (see summary()). */
  private async computeSummary(call: GrantCall, rules: ReturnType<typeof rulesOf>, today: string): Promise<ScreeningQueueSummary> {
    const passes = ELIGIBILITY_RULES.map((rule) => ELIGIBILITY_SQL[rule])
      .filter((sql) => sql !== FROZEN_WITH_VERSION)
      .map((sql) => `(${sql})`)
      .join(' AND ');
    const rows = (await this.dataSource.query(
      `WITH q AS (
         SELECT a.id, a.state, a.organization_id, o.hostland_country, o.founded_on, o.dd_status, o.dd_expires_on, v.totals,
                (v.totals->>'requestedMinor' ~ '^[0-9]{1,20}$' AND jsonb_typeof(v.totals->'cofundingShareBp') = 'number'
                 AND jsonb_typeof(v.totals->'adminShareBp') = 'number') IS TRUE AS judged
           FROM application a JOIN organization o ON o.id = a.organization_id
           -- The last submitted version: its totals are stored beside its content, which is not read (primary key (application_id, number)).
           LEFT JOIN LATERAL (SELECT v.totals FROM application_version v WHERE v.application_id = a.id ORDER BY v.number DESC LIMIT 1) v ON true
          WHERE a.call_id = $1 AND a.agency_id = $2 AND a.state = ANY($3))
       SELECT q.state, count(*)::int AS n,
              count(*) FILTER (WHERE q.dd_status = 'rejected' OR (q.dd_status IN ('cleared','conditional') AND q.dd_expires_on < $4::date))::int AS dd,
              count(*) FILTER (WHERE q.judged AND NOT (${passes}))::int AS failing,
              COALESCE(array_agg(q.id) FILTER (WHERE NOT q.judged), '{}') AS unjudged
         FROM q GROUP BY q.state`,
      [
        call.id,
        call.agencyId,
        SCREENING_QUEUE_STATES,
        today,
        rules.maxGrantMinor,
        rules.minCofundingBp,
        rules.adminCapBp,
        rules.hostlandCountries,
        rules.requirePartner,
        rules.minOrganizationAgeMonths,
        rules.requiredDocuments,
      ],
    )) as { state: ApplicationState; n: number; dd: number; failing: number; unjudged: string[] }[];
    const unjudged = rows.flatMap((r) => r.unjudged);
    const failing = rows.reduce((sum, r) => sum + r.failing, 0) + (unjudged.length ? await this.failingInNode(unjudged, rules, today) : 0);
    const counts = new Map(rows.map((r) => [r.state, r.n]));
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    return {
      total,
      byState: SCREENING_QUEUE_STATES.map((state) => ({ state, count: counts.get(state) ?? 0 })),
      passing: total - failing,
      failing,
      ddProblems: rows.reduce((sum, r) => sum + r.dd, 0),
    };
  }

  /** The applications the summary could not judge in SQL, judged on their content as the queue's page does. */
  private async failingInNode(ids: string[], rules: ReturnType<typeof rulesOf>, today: string): Promise<number> {
    const facts = (await this.dataSource.query(
      `SELECT COALESCE(v.content, a.content) AS content, o.hostland_country, o.founded_on::text AS founded_on,
              ARRAY(SELECT DISTINCT d.kind FROM due_diligence_document d WHERE d.organization_id = o.id ORDER BY d.kind) AS document_kinds,
              (SELECT count(*)::int FROM application_partner ap
                 JOIN partner_organization po ON po.id = ap.partner_organization_id AND po.organization_id = a.organization_id
                WHERE ap.application_id = a.id) AS partner_count
         FROM application a JOIN organization o ON o.id = a.organization_id
         LEFT JOIN LATERAL (SELECT v.content FROM application_version v WHERE v.application_id = a.id ORDER BY v.number DESC LIMIT 1) v ON true
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    )) as Pick<QueueRow, 'content' | 'hostland_country' | 'founded_on' | 'document_kinds' | 'partner_count'>[];
    return facts.filter((r) =>
      checkEligibility(rules, r.content, {
        organization: { hostlandCountry: r.hostland_country, foundedOn: r.founded_on, documentKinds: r.document_kinds },
        partnerCount: r.partner_count,
        today,
      }).some((x) => !x.passed),
    ).length;
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
