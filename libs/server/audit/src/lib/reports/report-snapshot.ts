import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type {
  AuditOpinion,
  EngagementKind,
  EngagementScopeKind,
  FindingCategory,
  ReconciliationDifference,
  ReconciliationLine,
  ResponseKind,
  ResponseSide,
  SampleReason,
  SampleResult,
} from '@mizan/contracts';
import { canonicalJson, coverageBasisPoints, type CurrencyCode, projectMisstatement } from '@mizan/domain';
import type { EngagementRow } from '../audit-access';

/**
 * Everything an audit report prints, frozen when the report is asked for (docs/audit.md, "Reports"). Its canonical
 * JSON's SHA-256 is the report's snapshot_sha256: the same engagement and data give the same snapshot, so asking
 * twice returns the same report. The appendix of sampled items is not copied into the snapshot (10,000 items would
 * be a large row read whole by the worker): the snapshot holds the items' count and a digest (SHA-256 over the
 * canonical JSON of every appendix row, in pick order), and the worker streams the rows from the database page by
 * page and checks the digest before it issues the report.
 */
export interface AuditReportSnapshot {
  schema: 1;
  agency: { id: string; name: string };
  engagement: {
    id: string;
    reference: string;
    title: string;
    kind: EngagementKind;
    firmName: string;
    scope: { kind: EngagementScopeKind; id: string | null; name: string; grantNumbers: string[] };
    periodFrom: string;
    periodTo: string;
    populationKind: string | null;
    auditors: { name: string; email: string; lead: boolean }[];
  };
  sampling: {
    method: string | null;
    seed: string | null;
    parameters: Record<string, unknown>;
    formula: string | null;
    drawnAt: string | null;
    frozenAt: string | null;
  };
  summary: {
    currency: CurrencyCode | null;
    populationCount: number;
    populationValueMinor: string;
    sampleCount: number;
    sampleValueMinor: string;
    /** Sample value ÷ population value, in basis points. */
    coverageBasisPoints: number;
    tested: number;
    passed: number;
    exceptions: number;
    untested: number;
    findings: number;
    findingsHigh: number;
    affectedMinor: string;
    ineligibleMinor: string;
    /** Monetary-unit sampling only. */
    misstatement: { intervalMinor: string; knownMinor: string; projectedMinor: string; upperLimitMinor: string | null; itemsWithMisstatement: number; items: { sampleItemId: string; bookMinor: string; misstatementMinor: string; projectedMinor: string; topStratum: boolean }[] } | null;
  };
  appendix: { count: number; digest: string };
  findings: SnapshotFinding[];
  reconciliation: { lines: ReconciliationLine[]; differences: ReconciliationDifference[]; balanced: boolean };
  opinion: AuditOpinion | null;
  conclusion: string | null;
}

export interface SnapshotFinding {
  id: string;
  number: number;
  grantId: string;
  grantNumber: string;
  organizationName: string;
  sampleItemId: string | null;
  category: FindingCategory | null;
  title: string;
  description: string;
  priority: string;
  affectedMinor: string;
  ineligibleMinor: string;
  currency: CurrencyCode;
  recommendation: string;
  action: string;
  actionOwner: string;
  actionDueOn: string | null;
  actionState: string;
  completionNote: string | null;
  refundJournalEntryId: string | null;
  responses: { id: string; side: ResponseSide; kind: ResponseKind; body: string; author: string; createdAt: string }[];
}

/** One row of the report's appendix: a sampled item with its test. */
export interface AppendixItem {
  id: string;
  pickOrder: number;
  populationSeq: number;
  reasons: SampleReason[];
  itemKind: string;
  sourceId: string;
  grantNumber: string;
  amountMinor: string;
  currency: CurrencyCode;
  bookedOn: string;
  label: string;
  result: SampleResult;
  checks: { id: string; answer: string }[];
  notes: string;
  testedBy: string | null;
  testedAt: string | null;
}

export const APPENDIX_PAGE = 500;

/** A page of the appendix, in pick order, after `afterPickOrder`. */
export async function appendixPage(manager: EntityManager, engagementId: string, afterPickOrder: number, limit = APPENDIX_PAGE): Promise<AppendixItem[]> {
  const rows = (await manager.query(
    `SELECT s.id, s.pick_order, s.population_seq, s.reasons, p.item_kind, p.source_id, g.grant_number, p.amount_minor::text AS amount_minor, p.currency,
            to_char(p.booked_on, 'YYYY-MM-DD') AS booked_on, p.label, s.result, s.checklist, s.notes, u.display_name AS tested_by,
            to_char(s.tested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS tested_at
       FROM audit_sample_item s
       JOIN audit_population_item p ON p.engagement_id = s.engagement_id AND p.seq = s.population_seq
       JOIN grant_award g ON g.id = p.grant_id
       LEFT JOIN app_user u ON u.id = s.tested_by
      WHERE s.engagement_id = $1 AND s.pick_order > $2
      ORDER BY s.pick_order, s.id
      LIMIT $3`,
    [engagementId, afterPickOrder, limit],
  )) as {
    id: string;
    pick_order: number;
    population_seq: number;
    reasons: SampleReason[];
    item_kind: string;
    source_id: string;
    grant_number: string;
    amount_minor: string;
    currency: CurrencyCode;
    booked_on: string;
    label: string;
    result: SampleResult;
    checklist: { id: string; answer: string }[] | null;
    notes: string;
    tested_by: string | null;
    tested_at: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    pickOrder: r.pick_order,
    populationSeq: r.population_seq,
    reasons: r.reasons,
    itemKind: r.item_kind,
    sourceId: r.source_id,
    grantNumber: r.grant_number,
    amountMinor: r.amount_minor,
    currency: r.currency,
    bookedOn: r.booked_on,
    label: r.label,
    result: r.result,
    checks: Array.isArray(r.checklist) ? r.checklist.map((c) => ({ id: String(c.id), answer: String(c.answer) })) : [],
    notes: r.notes,
    testedBy: r.tested_by,
    testedAt: r.tested_at,
  }));
}

/** All appendix pages in order, one page in memory at a time. */
export async function* appendixPages(manager: EntityManager, engagementId: string, pageSize = APPENDIX_PAGE): AsyncGenerator<AppendixItem[]> {
  let after = -2147483648;
  for (;;) {
    const page = await appendixPage(manager, engagementId, after, pageSize);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].pickOrder;
    if (page.length < pageSize) return;
  }
}

/** Running digest of appendix rows: SHA-256 over each row's canonical JSON followed by a newline. */
export class AppendixDigest {
  private readonly hash = createHash('sha256');
  count = 0;
  add(items: readonly AppendixItem[]): void {
    for (const item of items) {
      this.hash.update(canonicalJson(item));
      this.hash.update('\n');
      this.count += 1;
    }
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

export function snapshotSha256(snapshot: AuditReportSnapshot): string {
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** The monetary-unit sample size the interval comes from (as drawn; risk additions are not part of it), or null for other methods. */
export function musSampleSize(sampling: Record<string, unknown> | null, sampleCount: number): number | null {
  if (!sampling || sampling['method'] !== 'monetary_unit') return null;
  const size = sampling['size'] as { sampleSize?: unknown } | null | undefined;
  const n = Number(size?.sampleSize ?? sampling['sampleSize'] ?? sampleCount);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export interface SnapshotInputs {
  engagement: EngagementRow;
  reconciliation: { lines: ReconciliationLine[]; differences: ReconciliationDifference[]; balanced: boolean };
  opinion: AuditOpinion | null;
  conclusion: string | null;
}

/** Builds the snapshot from the database (the appendix read page by page for its digest). */
export async function buildSnapshot(manager: EntityManager, input: SnapshotInputs): Promise<AuditReportSnapshot> {
  const e = input.engagement;
  const [agency] = (await manager.query('SELECT id, name FROM agency WHERE id = $1', [e.agency_id])) as { id: string; name: string }[];
  const scopeName = await scopeNameOf(manager, e);
  const grantNumbers = [...new Set(input.reconciliation.lines.map((l) => l.grantNumber))];
  const auditors = (await manager.query(
    `SELECT u.display_name AS name, u.email, a.lead FROM audit_engagement_auditor a JOIN app_user u ON u.id = a.user_id
      WHERE a.engagement_id = $1 AND a.removed_at IS NULL ORDER BY a.lead DESC, u.display_name, u.id`,
    [e.id],
  )) as { name: string; email: string; lead: boolean }[];

  const [population] = (await manager.query(
    `SELECT count(*)::int AS n, COALESCE(sum(amount_minor), 0)::text AS value, min(currency) AS currency FROM audit_population_item WHERE engagement_id = $1`,
    [e.id],
  )) as { n: number; value: string; currency: CurrencyCode | null }[];
  const [sample] = (await manager.query(
    `SELECT count(*)::int AS n, COALESCE(sum(p.amount_minor), 0)::text AS value,
            count(*) FILTER (WHERE s.result <> 'untested')::int AS tested, count(*) FILTER (WHERE s.result = 'pass')::int AS passed,
            count(*) FILTER (WHERE s.result = 'exception')::int AS exceptions, count(*) FILTER (WHERE s.result = 'untested')::int AS untested
       FROM audit_sample_item s JOIN audit_population_item p ON p.engagement_id = s.engagement_id AND p.seq = s.population_seq
      WHERE s.engagement_id = $1`,
    [e.id],
  )) as { n: number; value: string; tested: number; passed: number; exceptions: number; untested: number }[];

  const findingRows = (await manager.query(
    `SELECT f.id, f.number, f.grant_id, g.grant_number, o.legal_name AS organization_name, f.sample_item_id, f.category, f.title, f.description, f.priority,
            f.affected_minor::text AS affected_minor, f.ineligible_minor::text AS ineligible_minor, f.currency, f.recommendation, f.action, f.action_owner,
            to_char(f.action_due_on, 'YYYY-MM-DD') AS action_due_on, f.action_state, f.completion_note, f.refund_journal_entry_id
       FROM audit_finding f JOIN grant_award g ON g.id = f.grant_id JOIN organization o ON o.id = g.organization_id
      WHERE f.engagement_id = $1 ORDER BY f.number`,
    [e.id],
  )) as Array<Record<string, unknown>>;
  const responses = (await manager.query(
    `SELECT r.id, r.finding_id, r.side, r.kind, r.body, u.display_name AS author, r.created_at
       FROM audit_finding_response r JOIN audit_finding f ON f.id = r.finding_id JOIN app_user u ON u.id = r.author_id
      WHERE f.engagement_id = $1 ORDER BY r.created_at, r.id`,
    [e.id],
  )) as { id: string; finding_id: string; side: ResponseSide; kind: ResponseKind; body: string; author: string; created_at: Date }[];
  const findings: SnapshotFinding[] = findingRows.map((f) => ({
    id: f['id'] as string,
    number: f['number'] as number,
    grantId: f['grant_id'] as string,
    grantNumber: f['grant_number'] as string,
    organizationName: f['organization_name'] as string,
    sampleItemId: (f['sample_item_id'] as string | null) ?? null,
    category: (f['category'] as FindingCategory | null) ?? null,
    title: f['title'] as string,
    description: f['description'] as string,
    priority: f['priority'] as string,
    affectedMinor: f['affected_minor'] as string,
    ineligibleMinor: f['ineligible_minor'] as string,
    currency: f['currency'] as CurrencyCode,
    recommendation: f['recommendation'] as string,
    action: f['action'] as string,
    actionOwner: f['action_owner'] as string,
    actionDueOn: (f['action_due_on'] as string | null) ?? null,
    actionState: f['action_state'] as string,
    completionNote: (f['completion_note'] as string | null) ?? null,
    refundJournalEntryId: (f['refund_journal_entry_id'] as string | null) ?? null,
    responses: responses
      .filter((r) => r.finding_id === f['id'])
      .map((r) => ({ id: r.id, side: r.side, kind: r.kind, body: r.body, author: r.author, createdAt: new Date(r.created_at).toISOString() })),
  }));

  const digest = new AppendixDigest();
  for await (const page of appendixPages(manager, e.id, 1000)) digest.add(page);

  const sampling = e.sampling ?? null;
  const populationValue = BigInt(population.value);
  const musSize = populationValue > 0n ? musSampleSize(sampling, sample.n) : null;
  let misstatement: AuditReportSnapshot['summary']['misstatement'] = null;
  if (musSize !== null) {
    // Only items with a finding amount carry a misstatement: read those (few), not the whole sample.
    const misstated = (await manager.query(
      `SELECT s.id, p.amount_minor::text AS book, LEAST(sum(f.affected_minor), p.amount_minor)::text AS misstated
         FROM audit_finding f JOIN audit_sample_item s ON s.id = f.sample_item_id
         JOIN audit_population_item p ON p.engagement_id = s.engagement_id AND p.seq = s.population_seq
        WHERE f.engagement_id = $1 AND f.affected_minor > 0
        GROUP BY s.id, p.amount_minor ORDER BY s.id`,
      [e.id],
    )) as { id: string; book: string; misstated: string }[];
    const confidence = Number(sampling?.['confidencePct']);
    // The sampling's own projection (libs/domain/src/lib/audit/sample-size.ts): tainting × interval below it, actual above.
    const projection = projectMisstatement({
      populationValueMinor: populationValue,
      sampleSize: musSize,
      exceptions: misstated.map((m) => ({ bookMinor: BigInt(m.book), misstatementMinor: BigInt(m.misstated) })),
      confidencePct: Number.isFinite(confidence) ? confidence : null,
    });
    misstatement = {
      intervalMinor: projection.intervalMinor.toString(),
      knownMinor: projection.lines.reduce((sum, l) => sum + l.misstatementMinor, 0n).toString(),
      projectedMinor: projection.projectedMinor.toString(),
      upperLimitMinor: projection.upperLimitMinor === null ? null : projection.upperLimitMinor.toString(),
      itemsWithMisstatement: projection.lines.filter((l) => l.misstatementMinor > 0n).length,
      items: misstated.map((m, i) => ({
        sampleItemId: m.id,
        bookMinor: m.book,
        misstatementMinor: projection.lines[i]?.misstatementMinor.toString() ?? m.misstated,
        projectedMinor: projection.lines[i]?.projectedMinor.toString() ?? '0',
        topStratum: projection.lines[i]?.topStratum ?? false,
      })),
    };
  }
  const size = (sampling?.['size'] ?? null) as { formula?: string } | null;
  const parameters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sampling ?? {})) if (k !== 'size' && k !== 'seed' && k !== 'method' && v !== undefined) parameters[k] = v;
  if (size && typeof size === 'object') {
    for (const [k, v] of Object.entries(size)) if (k !== 'formula' && v !== undefined && v !== null && typeof v !== 'object') parameters[`size.${k}`] = v;
    const extra = (size as { params?: Record<string, unknown> }).params;
    if (extra && typeof extra === 'object') for (const [k, v] of Object.entries(extra)) parameters[`formula.${k}`] = v;
  }

  return {
    schema: 1,
    agency: { id: agency.id, name: agency.name },
    engagement: {
      id: e.id,
      reference: e.reference,
      title: e.title,
      kind: e.kind,
      firmName: e.firm_name,
      scope: { kind: e.scope_kind, id: e.scope_id, name: scopeName, grantNumbers },
      periodFrom: e.period_from,
      periodTo: e.period_to,
      populationKind: e.population_kind,
      auditors,
    },
    sampling: {
      method: (sampling?.['method'] as string | undefined) ?? null,
      seed: sampling?.['seed'] !== undefined && sampling?.['seed'] !== null ? String(sampling['seed']) : null,
      parameters,
      formula: size?.formula ?? null,
      drawnAt: iso(e.sample_drawn_at),
      frozenAt: iso(e.sample_frozen_at),
    },
    summary: {
      currency: population.currency,
      populationCount: population.n,
      populationValueMinor: population.value,
      sampleCount: sample.n,
      sampleValueMinor: sample.value,
      coverageBasisPoints: coverageBasisPoints(BigInt(sample.value), populationValue),
      tested: sample.tested,
      passed: sample.passed,
      exceptions: sample.exceptions,
      untested: sample.untested,
      findings: findings.length,
      findingsHigh: findings.filter((f) => f.priority === 'high').length,
      affectedMinor: findings.reduce((sum, f) => sum + BigInt(f.affectedMinor), 0n).toString(),
      ineligibleMinor: findings.reduce((sum, f) => sum + BigInt(f.ineligibleMinor), 0n).toString(),
      misstatement,
    },
    appendix: { count: digest.count, digest: digest.digest() },
    findings,
    reconciliation: input.reconciliation,
    opinion: input.opinion,
    conclusion: input.conclusion,
  };
}

async function scopeNameOf(manager: EntityManager, e: EngagementRow): Promise<string> {
  const sql: Record<EngagementScopeKind, string | null> = {
    program: 'SELECT name FROM program WHERE id = $1',
    call: 'SELECT title AS name FROM grant_call WHERE id = $1',
    organization: 'SELECT legal_name AS name FROM organization WHERE id = $1',
    grants: null,
  };
  const query = sql[e.scope_kind];
  if (!query || !e.scope_id) {
    const [row] = (await manager.query('SELECT count(*)::int AS n FROM audit_engagement_grant WHERE engagement_id = $1', [e.id])) as { n: number }[];
    return `${row.n} chosen grant(s)`;
  }
  const [row] = (await manager.query(query, [e.scope_id])) as { name: string }[];
  return row?.name ?? e.scope_id;
}
