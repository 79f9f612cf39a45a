import { DataSource } from 'typeorm';

/**
 * Audit rows written straight to the database (the engagement, sampling and findings routes are built by
 * other parts of issue 12): an engagement in fieldwork with its auditors, a frozen population of payments,
 * a monetary-unit sample with tests, and findings with responses.
 */
export interface EngagementFixture {
  id: string;
  reference: string;
}

let engagementSeq = 0;

export async function insertEngagement(
  ds: DataSource,
  e: {
    agencyId: string;
    programId: string;
    createdBy: string;
    auditorIds: string[];
    kind?: 'spot_check' | 'financial_audit' | 'special_audit';
    state?: string;
    firmName?: string;
    intervalMinor?: string;
  },
): Promise<EngagementFixture> {
  const reference = `AUD-2026-${String(++engagementSeq).padStart(3, '0')}-${Math.random().toString(36).slice(2, 6)}`;
  const sampling = {
    method: 'monetary_unit',
    seed: '20261205',
    confidencePct: 95,
    materialityMinor: '5000000',
    expectedMisstatementMinor: '0',
    includeOpenRedFlags: true,
    includeAboveMinor: null,
    size: { intervalMinor: e.intervalMinor ?? '1000000', formula: 'n = ceil(V × R ÷ (TM − EM × E))', reliabilityFactor: 3, expansionFactor: 1.6 },
  };
  const [row] = (await ds.query(
    `INSERT INTO audit_engagement (agency_id, reference, kind, title, scope_kind, scope_id, period_from, period_to, firm_name, state, population_kind, sampling,
                                   population_frozen_at, sample_drawn_at, created_by)
     VALUES ($1, $2, $3, 'Financial audit of the Basra clinics', 'program', $4, '2025-01-01', '2027-12-31', $5, $6, 'payments', $7::jsonb, now(), now(), $8) RETURNING id`,
    [e.agencyId, reference, e.kind ?? 'financial_audit', e.programId, e.firmName ?? 'مكتب بغداد للتدقيق Baghdad Audit', e.state ?? 'fieldwork', JSON.stringify(sampling), e.createdBy],
  )) as { id: string }[];
  for (const [i, userId] of e.auditorIds.entries()) {
    await ds.query('INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, $3, $4)', [row.id, userId, i === 0, e.createdBy]);
  }
  return { id: row.id, reference };
}

/**
 * `count` population items of the grant (payments of 1,000.00 + seq minor units), every one sampled in order; one in
 * seven an exception, the rest passed; labels in Arabic every tenth item. Bulk SQL: 10,000 items take a second.
 */
export async function insertSample(ds: DataSource, engagementId: string, grantId: string, count: number, testedBy: string): Promise<void> {
  await ds.query(
    `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on, label)
     SELECT $1, n, 'payment', gen_random_uuid(), $2, 100000 + n, 'SEK', DATE '2026-01-01' + (n % 300),
            CASE WHEN n % 10 = 0 THEN 'دفعة الشريحة ' || n ELSE 'Tranche payment ' || n END
       FROM generate_series(1, $3::int) AS n`,
    [engagementId, grantId, count],
  );
  await ds.query(
    `INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons, result, checklist, notes, tested_by, tested_at)
     SELECT $1, n, n, ARRAY['monetary_unit'], CASE WHEN n % 7 = 0 THEN 'exception' ELSE 'pass' END,
            '[{"id":"receipt_present","answer":"yes"},{"id":"amount_matches","answer":"yes"}]'::jsonb,
            CASE WHEN n % 7 = 0 THEN 'Receipt missing for part of the amount' ELSE '' END, $3, '2026-12-01T10:00:00Z'
       FROM generate_series(1, $2::int) AS n`,
    [engagementId, count, testedBy],
  );
}

export async function insertFinding(
  ds: DataSource,
  f: { engagementId: string; agencyId: string; grantId: string; pickOrder: number; raisedBy: string; responder: string; title: string; affectedMinor: string },
): Promise<string> {
  const [item] = (await ds.query('SELECT id FROM audit_sample_item WHERE engagement_id = $1 AND pick_order = $2', [f.engagementId, f.pickOrder])) as { id: string }[];
  const [row] = (await ds.query(
    `INSERT INTO audit_finding (engagement_id, agency_id, grant_id, sample_item_id, number, category, title, description, priority, affected_minor, ineligible_minor,
                                currency, recommendation, action, action_owner, action_due_on, raised_by)
     VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(number), 0) + 1 FROM audit_finding WHERE engagement_id = $1), 'ineligible_expenditure', $5,
             'Fuel for a private car was charged to the grant.', 'high', $6, $6, 'SEK', 'Refund the amount.', 'Refund and train the accountant', 'فاطمة الزهراء', '2027-01-31', $7)
     RETURNING id`,
    [f.engagementId, f.agencyId, f.grantId, item.id, f.title, f.affectedMinor, f.raisedBy],
  )) as { id: string }[];
  await ds.query(`INSERT INTO audit_finding_response (finding_id, side, kind, body, author_id) VALUES ($1, 'grantee', 'response', 'سنعيد المبلغ في يناير. We will refund in January.', $2)`, [
    row.id,
    f.responder,
  ]);
  return row.id;
}
