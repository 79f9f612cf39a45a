import { DataSource } from 'typeorm';
import { ApiHarness } from './api-harness';

/**
 * Audit rows written straight to the database, for the specs whose subject is not the route that would write them:
 * engagements with their auditors (and chosen grants), a frozen population with a tested sample, findings with
 * responses. One module for every audit spec (engagements, sampling, findings, scope, reports, the api-responses
 * world and the report benchmark).
 */

/** Where the rows are written: the api's own connection (`api.dataSource`) or the owner's (`asOwner(api)`). */
export type Sql = Pick<DataSource, 'query'>;

/** The database owner's connection of the test environment, as a `Sql`. */
export function asOwner(api: ApiHarness): Sql {
  return { query: (sql: string, params?: unknown[]) => api.env.queryAs('owner', sql, params) } as Sql;
}

export interface EngagementFixture {
  id: string;
  reference: string;
}

export type EngagementScopeFixture = { kind: 'program' | 'call' | 'organization'; id: string } | { kind: 'grants'; grantIds: string[] };

let engagementSeq = 0;

/**
 * An engagement (by default a financial audit of 2025–2027 in fieldwork, on payments) with its auditors, the first
 * one lead. With `sample`, its population is frozen and a monetary-unit sample drawn (the parameters stored as the
 * sampling api would); without, both are still to come.
 */
export async function insertEngagement(
  db: Sql,
  e: {
    agencyId: string;
    createdBy: string;
    auditorIds: string[];
    scope: EngagementScopeFixture;
    reference?: string;
    kind?: 'spot_check' | 'financial_audit' | 'special_audit';
    title?: string;
    period?: { from: string; to: string };
    firmName?: string;
    state?: string;
    populationKind?: 'payments' | 'expenditure_lines' | null;
    sample?: { intervalMinor?: string };
  },
): Promise<EngagementFixture> {
  const reference = e.reference ?? `AUD-2026-${String(++engagementSeq).padStart(3, '0')}-${Math.random().toString(36).slice(2, 6)}`;
  const sampling = e.sample && {
    method: 'monetary_unit',
    seed: '20261205',
    confidencePct: 95,
    materialityMinor: '5000000',
    expectedMisstatementMinor: '0',
    includeOpenRedFlags: true,
    includeAboveMinor: null,
    size: { intervalMinor: e.sample.intervalMinor ?? '1000000', formula: 'n = ceil(V × R ÷ (TM − EM × E))', reliabilityFactor: 3, expansionFactor: 1.6 },
  };
  const [row] = (await db.query(
    `INSERT INTO audit_engagement (agency_id, reference, kind, title, scope_kind, scope_id, period_from, period_to, firm_name, state, population_kind, sampling,
                                   population_frozen_at, sample_drawn_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, CASE WHEN $12::jsonb IS NULL THEN NULL ELSE now() END, CASE WHEN $12::jsonb IS NULL THEN NULL ELSE now() END, $13)
     RETURNING id`,
    [
      e.agencyId,
      reference,
      e.kind ?? 'financial_audit',
      e.title ?? 'Financial audit of the Basra clinics',
      e.scope.kind,
      e.scope.kind === 'grants' ? null : e.scope.id,
      e.period?.from ?? '2025-01-01',
      e.period?.to ?? '2027-12-31',
      e.firmName ?? 'مكتب بغداد للتدقيق Baghdad Audit',
      e.state ?? 'fieldwork',
      e.populationKind === undefined ? 'payments' : e.populationKind,
      sampling ? JSON.stringify(sampling) : null,
      e.createdBy,
    ],
  )) as { id: string }[];
  if (e.scope.kind === 'grants') {
    for (const grantId of e.scope.grantIds) await db.query('INSERT INTO audit_engagement_grant (engagement_id, grant_id) VALUES ($1, $2)', [row.id, grantId]);
  }
  for (const [i, userId] of e.auditorIds.entries()) {
    await db.query('INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, $3, $4)', [row.id, userId, i === 0, e.createdBy]);
  }
  return { id: row.id, reference };
}

/** Closes the engagement: its auditors' access ends. */
export async function closeEngagement(db: Sql, engagementId: string): Promise<void> {
  await db.query(`UPDATE audit_engagement SET state = 'closed', closed_at = now() WHERE id = $1`, [engagementId]);
}

/** One payment of 1,000.00 in the frozen population at `seq`, sampled at pick order `seq`; the sample item's id. */
export async function insertSampledPayment(db: Sql, engagementId: string, seq: number, grantId: string, sourceId: string): Promise<string> {
  await db.query(
    `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on, label) VALUES ($1, $2, 'payment', $3, $4, 100000, 'SEK', CURRENT_DATE, 'tranche')`,
    [engagementId, seq, sourceId, grantId],
  );
  const [row] = (await db.query(`INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons) VALUES ($1, $2, $2, ARRAY['random']) RETURNING id`, [engagementId, seq])) as { id: string }[];
  return row.id;
}

/**
 * `count` population items of the grant (payments of 1,000.00 + seq minor units), every one sampled in order; one in
 * seven an exception, the rest passed; labels in Arabic every tenth item. Bulk SQL: 10,000 items take a second.
 */
export async function insertSample(db: Sql, engagementId: string, grantId: string, count: number, testedBy: string): Promise<void> {
  await db.query(
    `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on, label)
     SELECT $1, n, 'payment', gen_random_uuid(), $2, 100000 + n, 'SEK', DATE '2026-01-01' + (n % 300),
            CASE WHEN n % 10 = 0 THEN 'دفعة الشريحة ' || n ELSE 'Tranche payment ' || n END
       FROM generate_series(1, $3::int) AS n`,
    [engagementId, grantId, count],
  );
  await db.query(
    `INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons, result, checklist, notes, tested_by, tested_at)
     SELECT $1, n, n, ARRAY['monetary_unit'], CASE WHEN n % 7 = 0 THEN 'exception' ELSE 'pass' END,
            '[{"id":"receipt_present","answer":"yes"},{"id":"amount_matches","answer":"yes"}]'::jsonb,
            CASE WHEN n % 7 = 0 THEN 'Receipt missing for part of the amount' ELSE '' END, $3, '2026-12-01T10:00:00Z'
       FROM generate_series(1, $2::int) AS n`,
    [engagementId, count, testedBy],
  );
}

export async function insertFinding(
  db: Sql,
  f: { engagementId: string; agencyId: string; grantId: string; pickOrder: number; raisedBy: string; responder: string; title: string; affectedMinor: string },
): Promise<string> {
  const [item] = (await db.query('SELECT id FROM audit_sample_item WHERE engagement_id = $1 AND pick_order = $2', [f.engagementId, f.pickOrder])) as { id: string }[];
  const [row] = (await db.query(
    `INSERT INTO audit_finding (engagement_id, agency_id, grant_id, sample_item_id, number, category, title, description, priority, affected_minor, ineligible_minor,
                                currency, recommendation, action, action_owner, action_due_on, raised_by)
     VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(number), 0) + 1 FROM audit_finding WHERE engagement_id = $1), 'ineligible_expenditure', $5,
             'Fuel for a private car was charged to the grant.', 'high', $6, $6, 'SEK', 'Refund the amount.', 'Refund and train the accountant', 'فاطمة الزهراء', '2027-01-31', $7)
     RETURNING id`,
    [f.engagementId, f.agencyId, f.grantId, item.id, f.title, f.affectedMinor, f.raisedBy],
  )) as { id: string }[];
  await db.query(`INSERT INTO audit_finding_response (finding_id, side, kind, body, author_id) VALUES ($1, 'grantee', 'response', 'سنعيد المبلغ في يناير. We will refund in January.', $2)`, [
    row.id,
    f.responder,
  ]);
  return row.id;
}
