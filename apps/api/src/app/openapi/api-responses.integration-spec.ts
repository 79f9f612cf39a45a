import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiPaths, AuditPaths, DirectoryPaths, EngagementView, GrantPaths, ROLES, ReportDueView, ReportView, ReportingPaths, Role, SanctionsListVersionView, ScreeningPaths, TransparencyPaths } from '@mizan/contracts';
import { SanctionsImporter } from '@mizan/server/screening';
import { ApiHarness } from '../../testing/api-harness';
import { ResponseValidator } from '../../testing/openapi-responses';
import { insertEngagement, insertSample } from '../../testing/audit-fixtures';
import { insertScreeningMatch, unEntry } from '../../testing/screening-fixtures';
import { activeGrant, grantWorld } from '../grants/grants.fixtures';

/**
 * Does the api answer what its document says? On a world with programs, calls,
 * organizations, applications, a confirmed decision, an active grant with a
 * released tranche (a payment) and a trail export, every GET route of the
 * document is called by every role — path ids taken from what earlier answers
 * listed — and every answer (success or error) is validated against the schema
 * the document gives for its status.
 */

const PREFIX = '/api/v1';
const IDS_PER_PARAMETER = 2;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** "programs" for `/api/v1/programs/{id}`, "tranches" for `{trancheId}`: where to look for ids of a path parameter. */
function idKeys(path: string, parameter: string): string[] {
  const segments = path.split('/');
  const before = segments[segments.indexOf(`{${parameter}}`) - 1] ?? '';
  return [before, `${parameter.replace(/Id$/, '')}s`];
}

describe('the api answers what its document says (every GET route × every role)', () => {
  let api: ApiHarness;
  let validator: ResponseValidator;
  let document: OpenAPIObject;
  const tokens = {} as Record<Role, string>;
  /** Ids seen in answers, by the collection they came from (last literal path segment, or the property holding them). */
  const ids = new Map<string, Set<string>>();
  /** Applications whose submitted version the grant fixtures wrote straight to the database with empty totals: not the api's answer to judge. */
  let fixtureVersions = new Set<string>();

  const remember = (key: string, id: string) => {
    if (!ids.has(key)) ids.set(key, new Set());
    ids.get(key)?.add(id);
  };
  const harvest = (key: string, value: Json): void => {
    if (Array.isArray(value)) return value.forEach((item) => harvest(key, item));
    if (!value || typeof value !== 'object') return;
    if (typeof value['id'] === 'string') remember(key, value['id']);
    for (const [property, inner] of Object.entries(value)) {
      if (property === 'items') harvest(key, inner);
      else if (inner && typeof inner === 'object') harvest(property, inner);
    }
  };

  beforeAll(async () => {
    api = await ApiHarness.start('api-responses');
    const world = await grantWorld(api);
    for (const role of ROLES) tokens[role] = await api.signIn(`${role}@north.test`);
    const grant = await activeGrant(api, world, { officer: tokens.officer, applicant: tokens.applicant });
    const released = await api.request('POST', GrantPaths.trancheRelease(grant.id, grant.tranches[0].id), { cookie: tokens.officer, body: { note: 'First tranche' } });
    if (released.statusCode !== 201) throw new Error(`release failed: ${released.statusCode} ${released.body}`);
    // A submitted report with one line (issue 11), so the report routes have something to answer; its id is the POST's answer.
    const [due] = (await api.request('GET', ReportingPaths.schedule(grant.id), { cookie: tokens.applicant })).json<ReportDueView[]>();
    const opened = await api.request('POST', ReportingPaths.reportForDue(grant.id, due.id), { cookie: tokens.applicant });
    if (opened.statusCode !== 201) throw new Error(`report not opened: ${opened.statusCode} ${opened.body}`);
    const report = opened.json<ReportView>();
    const line = await api.request('POST', ReportingPaths.lines(report.id), {
      cookie: tokens.applicant,
      body: { spentOn: '2026-11-03', budgetLineId: report.budgetLines[0].id, supplier: 'Basra print house', description: 'Leaflets', amountMinor: '125050', currency: report.currency, paymentMethod: 'bank' },
    });
    if (line.statusCode !== 201) throw new Error(`line not added: ${line.statusCode} ${line.body}`);
    const submitted = await api.request('POST', ReportingPaths.submit(report.id), { cookie: tokens.applicant });
    if (submitted.statusCode !== 200 && submitted.statusCode !== 201) throw new Error(`report not submitted: ${submitted.statusCode} ${submitted.body}`);
    remember('reports', report.id);
    // An audit engagement on the grant (issue 12), so the engagement routes have one to answer about.
    const planned = await api.request('POST', AuditPaths.engagements, {
      cookie: tokens.officer,
      body: { kind: 'spot_check', title: 'Spot check', scopeKind: 'grants', grantIds: [grant.id], periodFrom: '2026-01-01', periodTo: '2026-12-31', firmName: 'Audit firm', auditorIds: [world.north.users.auditor.id], populationKind: 'payments' },
    });
    if (planned.statusCode !== 201) throw new Error(`engagement not planned: ${planned.statusCode} ${planned.body}`);
    remember('engagements', planned.json<EngagementView>().id);
    // An audit engagement over the grant (issue 12) with a high finding whose action was completed with a file:
    // the findings routes, the finding, its completion file, the grant's findings and the grantee's own list answer.
    const [engagement] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO audit_engagement (agency_id, reference, kind, title, scope_kind, period_from, period_to, firm_name, state, population_kind, created_by)
       VALUES ($1, 'AUD-API-1', 'spot_check', 'Spot check', 'grants', CURRENT_DATE - 365, CURRENT_DATE, 'Basra Audit Partners', 'fieldwork', 'payments', $2) RETURNING id`,
      [world.north.agency.id, world.north.users.officer.id],
    );
    await api.env.queryAs('owner', 'INSERT INTO audit_engagement_grant (engagement_id, grant_id) VALUES ($1, $2)', [engagement.id, grant.id]);
    await api.env.queryAs('owner', 'INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, true, $3)', [
      engagement.id,
      world.north.users.auditor.id,
      world.north.users.officer.id,
    ]);
    remember('engagements', engagement.id);
    const raised = await api.request('POST', AuditPaths.findings(engagement.id), {
      cookie: tokens.auditor,
      body: { grantId: grant.id, category: 'no_supporting_documents', description: 'No receipt', priority: 'high', affectedMinor: '1000', ineligibleMinor: '0', recommendation: '', action: 'File it', actionOwner: 'Finance' },
    });
    if (raised.statusCode !== 201) throw new Error(`finding not raised: ${raised.statusCode} ${raised.body}`);
    await api.env.queryAs('owner', `UPDATE audit_engagement SET state = 'draft_report' WHERE id = $1`, [engagement.id]);
    const findingId = raised.json<{ id: string }>().id;
    const completed = await api.postMultipart(AuditPaths.findingCompletion(engagement.id, findingId), {
      cookie: tokens.applicant,
      fields: { note: 'Receipt filed' },
      file: { name: 'receipt.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n') },
    });
    if (completed.statusCode !== 200) throw new Error(`action not completed: ${completed.statusCode} ${completed.body}`);
    // An audit engagement (issue 12) on the grant with the auditor on it, the report's line accepted, a sample drawn and a working paper:
    // the sampling routes (population, sample, sampled item, working papers, workbook) have something to answer.
    await api.env.queryAs('owner', `UPDATE expenditure_line SET state = 'accepted' WHERE report_id = $1`, [report.id]);
    const [sampled] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO audit_engagement (agency_id, reference, kind, title, scope_kind, period_from, period_to, firm_name, population_kind, created_by)
       VALUES ($1, 'AUD-SAMPLING-1', 'spot_check', 'Spot check of the clinics', 'grants', '2026-01-01', '2026-12-31', 'Audit firm', 'expenditure_lines', $2) RETURNING id`,
      [world.north.agency.id, world.north.users.officer.id],
    );
    await api.env.queryAs('owner', 'INSERT INTO audit_engagement_grant (engagement_id, grant_id) VALUES ($1, $2)', [sampled.id, grant.id]);
    await api.env.queryAs('owner', 'INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, true, $3)', [sampled.id, world.north.users.auditor.id, world.north.users.officer.id]);
    const drawn = await api.request('POST', AuditPaths.sample(sampled.id), {
      cookie: tokens.auditor,
      body: { method: 'simple_random', seed: '1', confidencePct: 95, sampleSize: 1, includeOpenRedFlags: false },
    });
    if (drawn.statusCode !== 200) throw new Error(`sample not drawn: ${drawn.statusCode} ${drawn.body}`);
    const paper = await api.postMultipart(AuditPaths.workingPapers(sampled.id), {
      cookie: tokens.auditor,
      file: { name: 'memo.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
    });
    if (paper.statusCode !== 201) throw new Error(`working paper not added: ${paper.statusCode} ${paper.body}`);
    remember('engagements', sampled.id);
    // A screening run (issue 13), so the run route has one to answer about.
    const [screeningRun] = await api.env.queryAs<{ id: string }>('owner', `INSERT INTO screening_run (agency_id, trigger, requested_by) VALUES ($1, 'manual', $2) RETURNING id`, [
      world.north.agency.id,
      world.north.users.officer.id,
    ]);
    remember('runs', screeningRun.id);
    // The directory (issue 15): the expert's profile and a host's need, so the directory routes have something to answer.
    // The seeded expert did not come through self-registration: its verified profile row is written here, the api fills it.
    await api.env.queryAs('owner', `INSERT INTO directory_profile (agency_id, user_id, status, name) VALUES ($1, $2, 'active', 'Rasha Expert')`, [
      world.north.agency.id,
      world.north.users.expert.id,
    ]);
    const profile = await api.request('PUT', DirectoryPaths.me, {
      cookie: tokens.expert,
      body: {
        name: 'Rasha Expert', profession: 'Clinical psychologist', skills: ['mental_health.psychotherapy'], freeSkills: [], yearsOfExperience: 10,
        languages: ['ar', 'en'], residenceCountry: 'SE', residenceCity: 'Malmö', availabilityDaysPerYear: 20, mode: 'online', travelGovernorates: [],
        bio: 'Trains counsellors.', phone: '+46 70 000 00 00', visibility: 'officers_and_hosts',
      },
    });
    if (profile.statusCode !== 200) throw new Error(`profile not saved: ${profile.statusCode} ${profile.body}`);
    const need = await api.request('POST', DirectoryPaths.needs, {
      cookie: tokens.partner,
      body: {
        kind: 'assignment', title: 'Online psychotherapy trainer', description: 'Train counsellors.',
        assignment: { sector: 'mental_health', skills: ['mental_health.psychotherapy'], language: 'ar', durationWeeks: 4, daysNeeded: 5, mode: 'online', governorate: 'IQ-BA', startFrom: '2027-01-10', startTo: '2027-02-10' },
      },
    });
    if (need.statusCode !== 201) throw new Error(`need not posted: ${need.statusCode} ${need.body}`);
    remember('needs', need.json<{ id: string }>().id);
    // Transparency (issue 16): the agency's IATI identity, so a program's preview answers; its slug for the public routes.
    const identity = await api.request('PUT', TransparencyPaths.identity, {
      cookie: tokens.officer,
      body: { organisationIdentifier: 'XI-IATI-NORTH-TEST', name: { en: 'North Agency' }, organisationType: '10', rowVersion: 0 },
    });
    if (identity.statusCode !== 200) throw new Error(`IATI identity not set: ${identity.statusCode} ${identity.body}`);
    remember('transparency', world.north.agency.slug);
    // An audit engagement on the program, with the auditor on it and a report asked for (issue 12: reconciliation, reports).
    const reported = await insertEngagement(api.dataSource, { agencyId: world.north.agency.id, scope: { kind: 'program', id: grant.programId }, sample: {}, createdBy: world.north.users.officer.id, auditorIds: [world.north.users.auditor.id] });
    await insertSample(api.dataSource, reported.id, grant.id, 20, world.north.users.auditor.id);
    remember('engagements', reported.id);
    const auditReport = await api.request('POST', AuditPaths.reports(reported.id), { cookie: tokens.auditor, body: { final: false } });
    if (auditReport.statusCode !== 202) throw new Error(`audit report not asked for: ${auditReport.statusCode} ${auditReport.body}`);
    const exported = await api.request('POST', ApiPaths.trailExports, { cookie: tokens.auditor });
    if (exported.statusCode !== 202 && exported.statusCode !== 201) throw new Error(`export failed: ${exported.statusCode} ${exported.body}`);
    // A sanctions list imported (issue 13), in this process: its version and an entry have something to answer.
    const list = await api.postMultipart(ScreeningPaths.lists, {
      cookie: tokens.officer,
      file: { name: 'un-list.xml', contentType: 'application/xml', content: readFileSync(join(__dirname, '../../../../../data/sanctions/un-sc-consolidated-2018-10-29.xml')) },
    });
    if (list.statusCode !== 202) throw new Error(`sanctions list not accepted: ${list.statusCode} ${list.body}`);
    await api.app.get(SanctionsImporter).run(list.json<SanctionsListVersionView>().id);
    const [entry] = await api.env.queryAs<{ id: string }>('owner', `SELECT id FROM sanctions_entry WHERE reference = 'IQi.010'`);
    remember('entries', entry.id);
    // A potential match of the organization against the imported IQi.006 (issue 13): the screening queue routes answer about it.
    const [iq] = await api.env.queryAs<{ id: string; content_hash: string }>('owner', `SELECT id, content_hash FROM sanctions_entry WHERE reference = 'IQi.006'`);
    await insertScreeningMatch(api.dataSource, { versionId: list.json<SanctionsListVersionView>().id, entries: new Map([['IQi.006', { id: iq.id, hash: iq.content_hash, entry: unEntry('IQi.006') }]]) }, {
      agencyId: world.north.agency.id,
      partyKind: 'organization',
      partyId: world.organizationId,
      organizationId: world.organizationId,
      screenedName: 'Izzat Basra Health',
      reference: 'IQi.006',
      score: 0.85,
    });
    const written = await api.env.queryAs<{ application_id: string }>('owner', "SELECT application_id FROM application_version WHERE receipt_number LIKE 'FROZEN-%'");
    fixtureVersions = new Set(written.map((r) => `${PREFIX}/applications/${r.application_id}/versions/1`));
    const response = await api.request('GET', '/api/docs/openapi.json');
    document = response.json<OpenAPIObject>();
    validator = new ResponseValidator(document);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('validates every answer against the document, with a success body for most GET routes', async () => {
    const routes = Object.entries(document.paths)
      .filter(([, item]) => item.get)
      .map(([path, item]) => ({ path, parameters: (item.get?.parameters ?? []).filter((p) => 'in' in p) as { in: string; name: string; required?: boolean }[] }))
      // Routes with a required query parameter (the suggested exchange rate) need values this crawl cannot guess.
      .filter(({ parameters }) => !parameters.some((p) => p.in === 'query' && p.required));
    const mismatches: string[] = [];
    const succeeded = new Set<string>();
    let requests = 0;
    // Three rounds: lists first, then what their ids open, then what those open.
    for (let round = 0; round < 3; round++) {
      for (const { path, parameters } of routes) {
        const pathParameters = parameters.filter((p) => p.in === 'path');
        if (round === 0 && pathParameters.length) continue;
        let urls: string[] = [path];
        for (const parameter of pathParameters) {
          const known = parameter.name === 'number' ? ['1'] : [...new Set(idKeys(path, parameter.name).flatMap((key) => [...(ids.get(key) ?? [])]))];
          urls = urls.flatMap((url) => known.slice(0, IDS_PER_PARAMETER).map((id) => url.replace(`{${parameter.name}}`, id)));
        }
        for (const url of urls) {
          for (const role of ROLES) {
            requests++;
            const response = await api.request('GET', url, { cookie: tokens[role] });
            const problem = fixtureVersions.has(url) ? undefined : validator.check('GET', path, response.statusCode, response.body);
            if (problem) mismatches.push(`GET ${url} as ${role} → ${response.statusCode}: ${problem}`);
            if (response.statusCode >= 200 && response.statusCode < 300) {
              succeeded.add(path);
              if ((response.headers['content-type'] ?? '').toString().startsWith('application/json')) {
                const literal = path.split('/').filter((s) => s && !s.startsWith('{'));
                harvest(literal[literal.length - 1] ?? '', JSON.parse(response.body) as Json);
              }
            }
          }
        }
      }
    }
    const missed = routes.map((r) => r.path).filter((p) => !succeeded.has(p));
    console.log(`api responses: ${requests} answers to ${routes.length} GET routes checked against the document; ${succeeded.size} routes answered 2xx; not reached: ${missed.join(', ') || 'none'}`);
    expect(mismatches.slice(0, 30)).toEqual([]);
    expect(succeeded.size).toBeGreaterThanOrEqual(Math.floor(routes.length * 0.8));
    expect(routes.length).toBeGreaterThan(60);
    expect(PREFIX).toBe(Object.keys(document.paths)[0].slice(0, PREFIX.length));
  }, 300_000);
});
