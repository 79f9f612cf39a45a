import { CallView, IntakePaths, KeysetPage, ProgramView, ScreeningQueueItem, ScreeningQueueSummary } from '@mizan/contracts';
import { ScreeningQueueService } from '@mizan/server/intake';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { callRequest, eligibleContent, insertApplication, insertDocument, insertOrganization, insertPartner, insertVersion, programRequest, windowAround } from './calls-testing';

/**
 * The screening summary is kept between reads (screening_summary, migration 1765960000000): these specs show it is
 * served from the table while nothing changed, and computed again after every kind of write that changes it — each
 * checked against the queue's own judgement, application by application.
 */
describe('screening summary kept between reads (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let officer: string;
  let call: CallView;
  let org: string;
  let otherOrg: string;
  let partner: string;
  let app: string;

  beforeAll(async () => {
    api = await ApiHarness.start('screening_summary_cache');
    north = await seedAgency(api.dataSource, 'north');
    officer = await api.signIn('officer@north.test');
    const ds = api.dataSource;
    const agencyId = north.agency.id;
    const userId = north.users.applicant.id;
    const program = (await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest() })).json<ProgramView>();
    call = (await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest(windowAround(new Date(), -60, 60 * 24)) })).json<CallView>();
    // The call asks: SE, a partner, 12 months, statutes and board list, at most 500,000.00, co-funding 10 %, admin 7 %.
    org = await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Sabil', ddStatus: 'cleared', ddExpiresOn: '2099-01-01' });
    await insertDocument(ds, agencyId, org, 'statutes', userId);
    otherOrg = await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Furat' });
    partner = await insertPartner(ds, org, 'IQ-BA');
    app = await addApplication(org, [partner], 900_000, 50_000, 100_000, 'submitted');
    await addApplication(org, [partner], 900_000, 50_000, 100_000, 'eligible');
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function addApplication(organizationId: string, partners: string[], work: number, admin: number, cofunding: number, state: 'submitted' | 'eligible'): Promise<string> {
    const ds = api.dataSource;
    const c = eligibleContent(partners, { work, admin, cofunding });
    const id = await insertApplication(ds, { callId: call.id, organizationId, agencyId: north.agency.id, userId: north.users.applicant.id, state, partnerIds: partners, content: c });
    await insertVersion(ds, { applicationId: id, content: c, userId: north.users.applicant.id });
    return id;
  }

  async function summary(): Promise<ScreeningQueueSummary> {
    const res = await api.request('GET', `${IntakePaths.calls}/${call.id}/screening/summary`, { cookie: officer });
    expect(res.statusCode).toBe(200);
    return res.json<ScreeningQueueSummary>();
  }

  /** What the queue's pages say, judged application by application. */
  async function judged(): Promise<{ total: number; failing: number; passing: number }> {
    const items = (await api.request('GET', `${IntakePaths.calls}/${call.id}/screening?pageSize=100`, { cookie: officer })).json<KeysetPage<ScreeningQueueItem>>().items;
    const failing = items.filter((i) => i.eligibility.some((r) => !r.passed)).length;
    return { total: items.length, failing, passing: items.length - failing };
  }

  /** The summary agrees with the queue; returns its failing count. */
  async function agrees(): Promise<ScreeningQueueSummary> {
    const s = await summary();
    expect({ total: s.total, failing: s.failing, passing: s.passing }).toEqual(await judged());
    return s;
  }

  /** Marks the kept result, so that a read served from the table is told apart from one computed again. */
  async function markKept(): Promise<void> {
    await agrees();
    const [, updated] = (await api.dataSource.query(`UPDATE screening_summary SET summary = jsonb_set(summary, '{ddProblems}', '777') WHERE call_id = $1`, [call.id])) as [unknown, number];
    expect(updated).toBe(1);
    expect((await summary()).ddProblems).toBe(777);
  }

  it('is served from the table while nothing changed, and computed again after a change of state', async () => {
    await markKept();
    await api.dataSource.query(`UPDATE application SET state = 'ineligible' WHERE id = $1`, [app]);
    const s = await agrees();
    expect(s.ddProblems).not.toBe(777);
    expect(s.byState.find((b) => b.state === 'ineligible')?.count).toBe(1);
  });

  it('is computed again after a new submission, a version, a partner named or removed', async () => {
    await markKept();
    const added = await addApplication(otherOrg, [], 900_000, 50_000, 100_000, 'submitted');
    expect((await agrees()).total).toBe(3);
    await markKept();
    await api.dataSource.query(`DELETE FROM application_partner WHERE application_id = $1`, [app]);
    expect((await agrees()).ddProblems).not.toBe(777);
    await markKept();
    await api.dataSource.query(`INSERT INTO application_partner (application_id, partner_organization_id) VALUES ($1, $2)`, [app, partner]);
    expect((await agrees()).ddProblems).not.toBe(777);
    await markKept();
    // A resubmission's version (the same application, number 2).
    await api.dataSource.query(
      `INSERT INTO application_version (application_id, number, kind, content, totals, eligibility, call_version, content_sha256, receipt_number, submitted_by, submitted_at)
       SELECT application_id, 2, 'resubmission', content, jsonb_set(totals, '{adminShareBp}', '9000'), eligibility, call_version, content_sha256, receipt_number || '-2', submitted_by, now()
         FROM application_version WHERE application_id = $1 AND number = 1`,
      [added],
    );
    expect((await agrees()).ddProblems).not.toBe(777);
  });

  it('is computed again when an organization’s facts or documents change, or a partner moves to another organization', async () => {
    await markKept();
    await insertDocument(api.dataSource, north.agency.id, org, 'board_list', north.users.applicant.id);
    expect((await agrees()).ddProblems).not.toBe(777);
    await markKept();
    await api.dataSource.query(`UPDATE organization SET founded_on = CURRENT_DATE - 30 WHERE id = $1`, [org]);
    expect((await agrees()).ddProblems).not.toBe(777);
    await markKept();
    await api.dataSource.query(`UPDATE organization SET dd_expires_on = '2001-01-01' WHERE id = $1`, [org]);
    expect((await agrees()).ddProblems).toBe(2);
    await markKept();
    await api.dataSource.query(`UPDATE partner_organization SET organization_id = $2 WHERE id = $1`, [partner, otherOrg]);
    expect((await agrees()).ddProblems).not.toBe(777);
    // A change that touches none of the facts the rules read keeps the result.
    await markKept();
    await api.dataSource.query(`UPDATE organization SET address = 'Drottninggatan 2' WHERE id = $1`, [org]);
    expect((await summary()).ddProblems).toBe(777);
  });

  it('is computed again when the call’s rules are corrected, and on another day', async () => {
    await markKept();
    const current = (await api.request('GET', `${IntakePaths.calls}/${call.id}`, { cookie: officer })).json<CallView>();
    // Rules are corrected on a published call.
    await api.request('POST', `${IntakePaths.calls}/${call.id}/publish`, { cookie: officer });
    const { opensAtLocal, closesAtLocal, timeZone } = current;
    const corrected = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, {
      cookie: officer,
      body: { ...callRequest({ opensAtLocal, closesAtLocal, timeZone, requiredDocuments: [], minOrganizationAgeMonths: 0 }), reason: 'Fewer documents' },
    });
    expect(corrected.statusCode).toBe(201);
    expect((await agrees()).ddProblems).not.toBe(777);
    await markKept();
    const service = api.app.get(ScreeningQueueService);
    const auth = { user: { id: north.users.officer.id, agencyId: north.agency.id } } as Parameters<ScreeningQueueService['summary']>[0];
    expect((await service.summary(auth, call.id)).ddProblems).toBe(777);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await service.summary(auth, call.id, tomorrow)).ddProblems).not.toBe(777);
  });

  it('a reader does not wait for a writer holding the row (it computes and keeps nothing); after the commit the change shows', async () => {
    await agrees();
    await api.dataSource.query(`UPDATE screening_summary SET generation = generation + 1 WHERE call_id = $1`, [call.id]);
    const runner = api.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`UPDATE application SET state = 'screening' WHERE id = $1`, [app]);
      // Before the writer commits: a reader computes without its change and must not keep the result.
      const during = await summary();
      expect(during.byState.find((b) => b.state === 'screening')?.count ?? 0).toBe(0);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const after = await agrees();
    expect(after.byState.find((b) => b.state === 'screening')?.count).toBe(1);
  });
});
