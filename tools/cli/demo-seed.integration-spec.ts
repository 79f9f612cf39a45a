import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { pdfTextItems } from '@mizan/contracts/testing';
import { lookupIssuedReport } from '@mizan/server/audit';
import { dataSourceOptions } from '@mizan/server/db';
import { FileStore } from '@mizan/server/storage';
import { TransparencyService } from '@mizan/server/transparency';
import { TestEnvironment, createTestEnvironment } from '@mizan/server/testing';
import { AppModule } from '../../apps/api/src/app/app.module';
import { DEMO_AUDIT_SEEDS, DEMO_AUDIT_TITLES, seedAuditDemo } from './demo-audit-seed';
import { seedFinanceDemo } from './demo-finance-seed';
import { DEMO_PROGRAM, actingAs, seedIntakeDemo } from './demo-intake-seed';
import { seedMonitoringDemo } from './demo-monitoring-seed';
import { DEMO_EXPERT_EMAIL, seedDirectoryDemo } from './demo-directory-seed';
import { seedReportingDemo } from './demo-reporting-seed';
import { DEMO_RESTRICTED_PARTNER, seedTransparencyDemo } from './demo-transparency-seed';
import { seedReviewDemo } from './demo-review-seed';
import { DEMO_SCREENING_OPEN_REFERENCE, DEMO_SCREENING_PARTNER, seedScreeningDemo } from './demo-screening-seed';
import { seedDemo } from './demo-seed';
import { sha256OfFile, verifyReportLines } from './verify-report';

/*
 * `tools/mizan seed` on a fresh database, as the command runs it (the api's module, no worker): the demo ends with
 * the audit demo — one engagement in fieldwork with a monetary-unit sample, tests and two findings, and one closed
 * engagement whose final report is a real PDF on record (verify-report says issued) — and then the screening demo:
 * the UN list imported and every party screened, one match left open. Run again, neither creates anything new.
 */
describe('the demo seed (tools/mizan seed) with the audit and screening demos', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let ds: DataSource;
  const counts = async () =>
    (
      (await ds.query(
        `SELECT (SELECT count(*) FROM audit_engagement)::int AS engagements, (SELECT count(*) FROM audit_sample_item)::int AS items,
                (SELECT count(*) FROM audit_finding)::int AS findings, (SELECT count(*) FROM audit_finding_response)::int AS responses,
                (SELECT count(*) FROM audit_report)::int AS reports, (SELECT count(*) FROM stored_document)::int AS documents,
                (SELECT count(*) FROM activity_record)::int AS trail`,
      )) as Record<string, number>[]
    )[0];

  beforeAll(async () => {
    env = await createTestEnvironment('demo-seed');
    const plain = new DataSource(dataSourceOptions(env.databaseUrl));
    await plain.initialize();
    try {
      expect(await seedDemo(plain)).toEqual({ created: true });
    } finally {
      await plain.destroy();
    }
    app = await NestFactory.createApplicationContext(AppModule.forRoot(env.config), { logger: ['error'] });
    ds = app.get<DataSource>(getDataSourceToken());
    await seedIntakeDemo(app);
    await seedReviewDemo(app);
    await seedFinanceDemo(app);
    await seedMonitoringDemo(app);
    expect((await seedReportingDemo(app)).created).toBe(true);
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('creates the directory: 61 experts across Sweden, the UK and Germany, three open needs, one active match with two sessions; a second run creates nothing', async () => {
    expect(await seedDirectoryDemo(app)).toEqual({ created: true, experts: 61, needs: 3 });
    const [counts] = (await ds.query(
      `SELECT (SELECT count(*)::int FROM directory_profile WHERE status = 'active') AS experts,
              (SELECT count(DISTINCT residence_country)::int FROM directory_profile) AS countries,
              (SELECT count(*)::int FROM directory_need WHERE state = 'open') AS open,
              (SELECT count(*)::int FROM directory_match WHERE state = 'active') AS active,
              (SELECT count(*)::int FROM directory_session) AS sessions`,
    )) as Record<string, number>[];
    expect(counts).toEqual({ experts: 61, countries: 3, open: 3, active: 1, sessions: 2 });
    const [expert] = (await ds.query(`SELECT active FROM app_user WHERE email = $1`, [DEMO_EXPERT_EMAIL])) as { active: boolean }[];
    expect(expert.active).toBe(true);
    expect(await seedDirectoryDemo(app)).toEqual({ created: false, experts: 0, needs: 0 });
  });

  it('creates a closed engagement with a final report PDF and one in fieldwork with a sample and two findings; a second run creates nothing', async () => {
    const first = await seedAuditDemo(app);
    expect(first.created).toBe(true);
    const year = new Date().getUTCFullYear();
    expect(first.references).toEqual({ closed: `AUD-${year}-001`, fieldwork: `AUD-${year}-002` });

    const engagements = (await ds.query(
      `SELECT id, reference, title, kind, state, population_kind, sampling, closed_at FROM audit_engagement ORDER BY reference`,
    )) as { id: string; reference: string; title: string; kind: string; state: string; population_kind: string; sampling: { method: string; seed: string }; closed_at: Date | null }[];
    expect(engagements.map((e) => [e.title, e.kind, e.state, e.population_kind])).toEqual([
      [DEMO_AUDIT_TITLES.closed, 'spot_check', 'closed', 'payments'],
      [DEMO_AUDIT_TITLES.fieldwork, 'financial_audit', 'fieldwork', 'expenditure_lines'],
    ]);
    const [closed, fieldwork] = engagements;
    expect(closed.closed_at).not.toBeNull();

    // Fieldwork: a monetary-unit sample drawn with the demo's seed from report 1's accepted lines; passes, one exception, some untested.
    expect(fieldwork.sampling).toMatchObject({ method: 'monetary_unit', seed: DEMO_AUDIT_SEEDS.fieldwork });
    const results = (await ds.query(
      `SELECT s.result, count(*)::int AS n FROM audit_sample_item s WHERE s.engagement_id = $1 GROUP BY s.result ORDER BY s.result`,
      [fieldwork.id],
    )) as { result: string; n: number }[];
    const byResult = Object.fromEntries(results.map((r) => [r.result, r.n]));
    expect(byResult['exception']).toBe(1);
    expect(byResult['pass']).toBeGreaterThanOrEqual(1);
    expect(byResult['untested']).toBeGreaterThanOrEqual(1);
    const [lines] = (await ds.query(
      `SELECT count(*)::int AS n, bool_and(l.state = 'accepted') AS accepted FROM audit_population_item p JOIN expenditure_line l ON l.id = p.source_id WHERE p.engagement_id = $1`,
      [fieldwork.id],
    )) as { n: number; accepted: boolean }[];
    expect(lines.n).toBe(15);
    expect(lines.accepted).toBe(true);
    const findings = (await ds.query(
      `SELECT f.number, f.priority, f.ineligible_minor::text AS ineligible, f.sample_item_id, s.result AS item_result, f.action_state
         FROM audit_finding f LEFT JOIN audit_sample_item s ON s.id = f.sample_item_id WHERE f.engagement_id = $1 ORDER BY f.number`,
      [fieldwork.id],
    )) as { number: number; priority: string; ineligible: string; sample_item_id: string | null; item_result: string | null; action_state: string }[];
    expect(findings.map((f) => [f.number, f.priority, f.action_state])).toEqual([
      [1, 'high', 'open'],
      [2, 'medium', 'open'],
    ]);
    expect(BigInt(findings[0].ineligible)).toBeGreaterThan(0n);
    // On the trail as the demo's people: Karin planned, Maria drew and tested.
    const actors = (await ds.query(
      `SELECT r.action, u.email FROM activity_record r JOIN app_user u ON u.id = r.actor_id
        WHERE r.entity_id = $1 AND r.action IN ('audit.engagement_planned', 'audit.sample_drawn') ORDER BY r.seq`,
      [fieldwork.id],
    )) as { action: string; email: string }[];
    expect(actors).toEqual([
      { action: 'audit.engagement_planned', email: 'officer@demo.mizan.local' },
      { action: 'audit.sample_drawn', email: 'auditor@demo.mizan.local' },
    ]);
    expect(findings[0].item_result).toBe('exception');

    // Closed: both payments sampled and passed, the low finding's action completed by the grantee and checked by the officer.
    expect(closed.sampling).toMatchObject({ method: 'simple_random', seed: DEMO_AUDIT_SEEDS.closed });
    expect(await ds.query(`SELECT result FROM audit_sample_item WHERE engagement_id = $1`, [closed.id])).toEqual([{ result: 'pass' }, { result: 'pass' }]);
    const [low] = (await ds.query(
      `SELECT f.priority, f.action_state, c.email AS completed_by, k.email AS checked_by FROM audit_finding f
         JOIN app_user c ON c.id = f.completed_by JOIN app_user k ON k.id = f.checked_by WHERE f.engagement_id = $1`,
      [closed.id],
    )) as { priority: string; action_state: string; completed_by: string; checked_by: string }[];
    expect(low).toEqual({ priority: 'low', action_state: 'checked', completed_by: 'applicant@demo.mizan.local', checked_by: 'officer@demo.mizan.local' });
    const transitions = (await ds.query(
      `SELECT after->>'state' AS state, reason FROM activity_record WHERE action = 'audit.engagement_transitioned' AND entity_id = $1 ORDER BY seq`,
      [closed.id],
    )) as { state: string; reason: string }[];
    expect(transitions.map((t) => t.state)).toEqual(['fieldwork', 'draft_report', 'management_comments', 'final', 'closed']);
    for (const t of transitions) expect(t.reason.length).toBeGreaterThan(10);

    // The final report: done, its stored document's bytes hash to its sha256, issued on the trail (verify-report's logic).
    const reports = (await ds.query(
      `SELECT r.id, r.is_final, r.state, r.sha256, r.trail_verified, d.storage_key, d.sha256 AS document_sha256, d.size_bytes::int AS size
         FROM audit_report r JOIN stored_document d ON d.id = r.document_id WHERE r.engagement_id = $1`,
      [closed.id],
    )) as { id: string; is_final: boolean; state: string; sha256: string; trail_verified: boolean; storage_key: string; document_sha256: string; size: number }[];
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report).toMatchObject({ is_final: true, state: 'done', trail_verified: true });
    const path = new FileStore(env.config.storageDir).pathOf(report.storage_key);
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(report.size);
    const sha256 = await sha256OfFile(path);
    expect(sha256).toBe(report.sha256.trim());
    expect(sha256).toBe(report.document_sha256.trim());
    const verified = await lookupIssuedReport(ds, sha256);
    expect(verified).toMatchObject({ issued: true, reportId: report.id, engagementReference: closed.reference, final: true, superseded: false });
    expect(verifyReportLines(verified)).toContain('issued: yes');
    const text = pdfTextItems(bytes).map((i) => i.text).join(' ');
    expect(text).toContain(closed.reference);
    // Issued as the worker issues it: by the system, after the auditor asked for it.
    const trail = (await ds.query(`SELECT action, actor_id FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [report.id])) as { action: string; actor_id: string | null }[];
    expect(trail.map((r) => r.action)).toEqual(['audit.report_requested', 'audit.report_issued']);
    expect(trail[1].actor_id).toBeNull();

    // Again: nothing new.
    const before = await counts();
    const second = await seedAuditDemo(app);
    expect(second).toEqual({ created: false, done: [], references: first.references });
    expect(await counts()).toEqual(before);
  }, 300_000);

  it('then imports the UN list, screens every party and leaves one open match on a partner on no application; nothing blocks a grant; a second run creates nothing', async () => {
    const first = await seedScreeningDemo(app);
    expect(first.created).toBe(true);
    const [version] = (await ds.query(`SELECT id, state, individuals, entities, file_name FROM sanctions_list_version`)) as Record<string, unknown>[];
    expect(version).toEqual({ id: first.listVersionId, state: 'done', individuals: 703, entities: 390, file_name: 'un-sc-consolidated-2018-10-29.xml' });
    const runs = (await ds.query(`SELECT state, trigger, matches_raised FROM screening_run`)) as Record<string, unknown>[];
    expect(runs).toEqual([{ state: 'done', trigger: 'import', matches_raised: 1 }]);

    // Every demo party screened; the one raised is the planted contact person, left open in the queue.
    const matches = (await ds.query(
      `SELECT m.party_kind, m.screened_name, e.reference, m.state, o.legal_name AS organization, p.name AS partner
         FROM screening_match m JOIN sanctions_entry e ON e.id = m.entry_id JOIN organization o ON o.id = m.organization_id
         LEFT JOIN partner_organization p ON p.id = m.partner_organization_id
        ORDER BY m.screened_name, e.reference`,
    )) as Record<string, unknown>[];
    expect(matches).toEqual([
      {
        party_kind: 'partner_contact',
        screened_name: DEMO_SCREENING_PARTNER.contactPerson,
        reference: DEMO_SCREENING_OPEN_REFERENCE,
        state: 'open',
        organization: 'Nineveh Heritage Network',
        partner: DEMO_SCREENING_PARTNER.name,
      },
    ]);
    expect(first).toMatchObject({ open: 1, cleared: 0 });
    // The reporting demo's suppliers were screened too (its bank charges go to "Trade Bank of Iraq, Basra branch").
    const [supplier] = (await ds.query(`SELECT count(*)::int AS n FROM screening_party WHERE party_kind = 'supplier' AND name = 'Trade Bank of Iraq, Basra branch'`)) as { n: number }[];
    expect(supplier.n).toBe(1);
    // The planted partner is on no application: no grant is blocked.
    const [blocked] = (await ds.query(
      `SELECT count(*)::int AS n FROM grant_award g JOIN application_partner ap ON ap.application_id = g.application_id
         JOIN partner_organization p ON p.id = ap.partner_organization_id WHERE p.name = $1`,
      [DEMO_SCREENING_PARTNER.name],
    )) as { n: number }[];
    expect(blocked.n).toBe(0);
    const trail = (await ds.query(`SELECT action, actor_label FROM activity_record WHERE action LIKE 'screening.%' ORDER BY seq`)) as { action: string }[];
    expect(trail.map((r) => r.action)).toEqual(['screening.list_import_requested', 'screening.list_imported', 'screening.run_requested', 'screening.match_raised', 'screening.run_finished']);

    // Again: nothing new.
    const before = await ds.query(`SELECT (SELECT count(*) FROM screening_match)::int AS m, (SELECT count(*) FROM sanctions_list_version)::int AS v, (SELECT count(*) FROM activity_record)::int AS t`);
    expect(await seedScreeningDemo(app)).toEqual({ created: false, done: [], listVersionId: first.listVersionId, open: 1, cleared: 0 });
    expect(await ds.query(`SELECT (SELECT count(*) FROM screening_match)::int AS m, (SELECT count(*) FROM sanctions_list_version)::int AS v, (SELECT count(*) FROM activity_record)::int AS t`)).toEqual(before);
  }, 300_000);
  it('publishes the demo program with its Nineveh partner withheld for security; a second run creates nothing', async () => {
    const first = await seedTransparencyDemo(app);
    expect(first.created).toBe(true);
    expect(first.published).toBeGreaterThan(0);
    const [program] = (await ds.query(`SELECT id FROM program WHERE name = $1`, [DEMO_PROGRAM])) as { id: string }[];
    const [published] = (await ds.query(`SELECT count(*)::int AS n FROM iati_publication WHERE program_id = $1 AND status = 'published'`, [program.id])) as { n: number }[];
    expect(published.n).toBe(1);
    const preview = await app.get(TransparencyService).preview(await actingAs(ds, 'officer@demo.mizan.local'), program.id);
    expect(preview.validation.valid).toBe(true);
    const bySecurity = preview.redactions.filter((r) => r.reason === 'security_level').map((r) => `${r.element}:${r.params['governorate'] ?? ''}`);
    expect(bySecurity).toEqual(expect.arrayContaining(['partner_name:IQ-NI', 'sub_national_location:IQ-NI']));
    expect(JSON.stringify(preview.activities)).not.toContain(DEMO_RESTRICTED_PARTNER.name);
    expect(await seedTransparencyDemo(app)).toEqual({ created: false, published: 0 });
  }, 300_000);
});
