import { ApiErrorBody, CallView, IntakePaths, KeysetPage, ProgramView, SCREENING_QUEUE_SORTS, ScreeningQueueItem, ScreeningQueueSummary } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { callRequest, eligibleContent, insertApplication, insertDocument, insertOrganization, insertPartner, insertVersion, programRequest, windowAround } from './calls-testing';

describe('screening queue (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let officer: string;
  let call: CallView;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await ApiHarness.start('screening_queue');
    north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    officer = await api.signIn('officer@north.test');
    const ds = api.dataSource;
    const agencyId = north.agency.id;
    const userId = north.users.applicant.id;

    const program = (await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest() })).json<ProgramView>();
    call = (await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest(windowAround(new Date(), -60, 60 * 24)) })).json<CallView>();
    await api.request('POST', `${IntakePaths.calls}/${call.id}/publish`, { cookie: officer });
    const otherCall = (await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest({ title: 'Another call' }) })).json<CallView>();

    // Sabil: registered in Sweden, old enough, documents on file, but its clearance expired in 2020.
    const sabil = await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Sabil Association', ddStatus: 'cleared', ddExpiresOn: '2020-01-01' });
    await insertDocument(ds, agencyId, sabil, 'statutes', userId);
    await insertDocument(ds, agencyId, sabil, 'board_list', userId);
    const basra = await insertPartner(ds, sabil, 'IQ-BA');
    const nineveh = await insertPartner(ds, sabil, 'IQ-NI');
    // Furat: registered in Germany a few months ago, nothing on file.
    const furat = await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Furat e.V.', hostland: 'DE', foundedOn: new Date().toISOString().slice(0, 10) });
    // Noor: conditionally cleared until far in the future.
    const noor = await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Noor Foundation', ddStatus: 'conditional', ddExpiresOn: '2099-12-31' });

    const t = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    ids['sabil'] = await insertApplication(ds, {
      callId: call.id,
      organizationId: sabil,
      agencyId,
      userId,
      state: 'submitted',
      title: 'Clean water in Basra',
      submittedAt: t(30),
      content: eligibleContent([basra, nineveh]),
      partnerIds: [nineveh, basra],
    });
    // Names Sabil's partner although it is not Furat's: that partner does not count for Furat.
    ids['furat'] = await insertApplication(ds, { callId: call.id, organizationId: furat, agencyId, userId, state: 'returned', title: 'Furat returned', submittedAt: t(60), partnerIds: [basra] });
    // What Furat submitted (the working copy has been emptied since it was returned).
    await ds.query(
      `INSERT INTO application_version (application_id, number, kind, content, totals, eligibility, call_version, content_sha256, receipt_number, submitted_by, submitted_at)
       VALUES ($1, 1, 'submission', $2, '{}', '[]', 1, $3, 'MZ-FURAT-1', $4, $5)`,
      [ids['furat'], JSON.stringify(eligibleContent([])), 'b'.repeat(64), userId, t(60)],
    );
    ids['noor'] = await insertApplication(ds, { callId: call.id, organizationId: noor, agencyId, userId, state: 'eligible', title: 'Noor eligible', submittedAt: t(10) });
    ids['draft'] = await insertApplication(ds, { callId: call.id, organizationId: noor, agencyId, userId, state: 'draft', title: 'Noor draft' });
    ids['withdrawn'] = await insertApplication(ds, { callId: call.id, organizationId: noor, agencyId, userId, state: 'withdrawn', title: 'Noor withdrawn', submittedAt: t(5) });
    ids['other'] = await insertApplication(ds, { callId: otherCall.id, organizationId: noor, agencyId, userId, state: 'submitted', title: 'Other call' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function queue(query = ''): Promise<ScreeningQueueItem[]> {
    const res = await api.request('GET', `${IntakePaths.calls}/${call.id}/screening${query}`, { cookie: officer });
    expect(res.statusCode).toBe(200);
    return res.json<KeysetPage<ScreeningQueueItem>>().items;
  }

  it('lists the call’s submitted applications in screening states by submission time; not drafts, withdrawals or other calls', async () => {
    const items = await queue();
    expect(items.map((i) => [i.title, i.state])).toEqual([
      ['Furat returned', 'returned'],
      ['Clean water in Basra', 'submitted'],
      ['Noor eligible', 'eligible'],
    ]);
    expect(items[1]).toMatchObject({ callId: call.id, callTitle: call.title, organizationName: 'Sabil Association', currency: 'SEK', receiptNumber: expect.any(String) });
  });

  it('recomputes eligibility against the call’s rules: each rule passed or failed with the reason', async () => {
    const [furat, sabil] = await queue();
    expect(sabil.eligibility.every((r) => r.passed)).toBe(true);
    expect(sabil.eligibility.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['max_grant', 'cofunding_share', 'admin_cost_cap', 'hostland_country', 'partner_required', 'organization_age', 'required_documents']),
    );
    const failed = Object.fromEntries(furat.eligibility.filter((r) => !r.passed).map((r) => [r.rule, r.message]));
    expect(Object.keys(failed).sort()).toEqual(['hostland_country', 'organization_age', 'partner_required', 'required_documents']);
    expect(failed['hostland_country']).toBe('The call is open to organizations registered in SE; this one is registered in DE');
    expect(failed['required_documents']).toBe('Missing due-diligence documents: statutes, board_list');
    // Judged on the submitted version, not the emptied working copy.
    expect(furat.eligibility.find((r) => r.rule === 'logframe_complete')?.passed).toBe(true);
  });

  it('shows due-diligence status, expired when a clearance is past its date, and the partners’ governorates', async () => {
    const [furat, sabil, noor] = await queue();
    expect(sabil.dueDiligence).toEqual({ status: 'cleared', expired: true, expiresOn: '2020-01-01' });
    expect(sabil.partnerGovernorates).toEqual(['IQ-BA', 'IQ-NI']);
    expect(furat.dueDiligence).toEqual({ status: 'pending', expired: false, expiresOn: null });
    expect(furat.partnerGovernorates).toEqual([]);
    expect(noor.dueDiligence).toEqual({ status: 'conditional', expired: false, expiresOn: '2099-12-31' });
  });

  it('follows the call’s rules as corrected: a lower maximum grant fails the same application', async () => {
    const current = (await api.request('GET', `${IntakePaths.calls}/${call.id}`, { cookie: officer })).json<CallView>();
    const { opensAtLocal, closesAtLocal, timeZone } = current;
    const res = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, {
      cookie: officer,
      body: { ...callRequest({ opensAtLocal, closesAtLocal, timeZone }), maxGrantMinor: '500000', reason: 'Smaller grants, more of them' },
    });
    expect(res.statusCode).toBe(201);
    const sabil = (await queue()).find((i) => i.id === ids['sabil']);
    expect(sabil?.eligibility.find((r) => r.rule === 'max_grant')).toMatchObject({ passed: false });
  });

  it('filters by state; an unknown state is refused naming the field', async () => {
    expect((await queue('?state=returned')).map((i) => i.id)).toEqual([ids['furat']]);
    expect(await queue('?state=screening')).toEqual([]);
    const bad = await api.request('GET', `${IntakePaths.calls}/${call.id}/screening?state=draft`, { cookie: officer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['state']);
  });

  it('another agency’s officer gets 404; applicants 403', async () => {
    const south = await api.signIn('officer@south.test');
    expect((await api.request('GET', `${IntakePaths.calls}/${call.id}/screening`, { cookie: south })).statusCode).toBe(404);
    const applicant = await api.signIn('applicant@north.test');
    expect((await api.request('GET', `${IntakePaths.calls}/${call.id}/screening`, { cookie: applicant })).statusCode).toBe(403);
  });

  it('counts the whole queue on the server for the chart: by state, passing and failing, clearance problems', async () => {
    const res = await api.request('GET', `${IntakePaths.calls}/${call.id}/screening/summary`, { cookie: officer });
    expect(res.statusCode).toBe(200);
    const summary = res.json<ScreeningQueueSummary>();
    const all = await queue('?pageSize=100');
    expect(summary.total).toBe(all.length);
    expect(summary.byState.find((s) => s.state === 'returned')?.count).toBe(1);
    expect(summary.byState.find((s) => s.state === 'submitted')?.count).toBe(1);
    expect(summary.failing).toBe(all.filter((i) => i.eligibility.some((r) => !r.passed)).length);
    expect(summary.passing + summary.failing).toBe(summary.total);
    // Sabil's clearance expired in 2020.
    expect(summary.ddProblems).toBe(1);
    const south = await api.signIn('officer@south.test');
    expect((await api.request('GET', `${IntakePaths.calls}/${call.id}/screening/summary`, { cookie: south })).statusCode).toBe(404);
  });

  describe('the summary judges in SQL exactly as checkEligibility does', () => {
    let judged: CallView;
    const today = new Date().toISOString().slice(0, 10);
    /** A date `months` months before today, moved by `days` (the day-of-month edge of monthsBetween). */
    const monthsAgo = (months: number, days: number): string => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - months);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };

    beforeAll(async () => {
      const ds = api.dataSource;
      const agencyId = north.agency.id;
      const userId = north.users.applicant.id;
      const program = (await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest() })).json<ProgramView>();
      judged = (await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest({ title: 'Judged in SQL', ...windowAround(new Date(), -60, 60 * 24) }) })).json<CallView>();
      // Rules are corrected on a published call.
      expect((await api.request('POST', `${IntakePaths.calls}/${judged.id}/publish`, { cookie: officer })).statusCode).toBe(200);
      // A seeded generator: the same varied world on every run.
      let seed = 1414;
      const rnd = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return Math.floor(seed / 65_536) % n; // the high bits: an LCG's low bits repeat quickly
      };
      const orgs: { id: string; partner: string }[] = [];
      const docs = [[], ['statutes'], ['board_list'], ['statutes', 'board_list'], ['statutes', 'board_list', 'accounts']];
      // Each attribute drawn on its own, so every rule meets organizations that pass all the others.
      for (let i = 0; i < 30; i++) {
        const org = await insertOrganization(ds, {
          agencyId,
          createdBy: userId,
          name: `Judged org ${i}`,
          hostland: ['SE', 'DE', 'GB'][rnd(3)],
          foundedOn: rnd(10) === 0 ? null : monthsAgo([11, 12, 13, 24, 25][rnd(5)], [-1, 0, 0, 1][rnd(4)]),
        });
        for (const kind of docs[rnd(docs.length)]) await insertDocument(ds, agencyId, org, kind, userId);
        orgs.push({ id: org, partner: await insertPartner(ds, org, 'IQ-BA') });
      }
      const states = ['submitted', 'resubmitted', 'screening', 'eligible', 'ineligible', 'returned'] as const;
      for (let i = 0; i < 48; i++) {
        const org = orgs[rnd(orgs.length)];
        // Around every threshold: the maximum grant (500,000.00), co-funding 10 %, admin 7 %; sometimes nothing requested.
        const base = [49_000_000, 50_000_000, 50_000_001, 80_000_000, 300_000][rnd(5)];
        const admin = Math.floor((base * [0, 500, 699, 700, 701, 1500][rnd(6)]) / 10_000);
        const cofunding = [0, Math.floor(base / 9), Math.floor(base / 10), base + admin][rnd(4)];
        const content = eligibleContent([org.partner], { work: base - admin, admin, cofunding });
        // Its own partner counts; another organization's partner does not; or none.
        const partner = [[org.partner], [orgs[(orgs.indexOf(org) + 1) % orgs.length].partner], []][rnd(3)];
        const id = await insertApplication(ds, { callId: judged.id, organizationId: org.id, agencyId, userId, state: states[rnd(states.length)], partnerIds: partner, content });
        await insertVersion(ds, { applicationId: id, content, userId, receipt: `MZ-JUDGED-${i}` });
      }
    });

    /** Nothing asked: each variant below turns on one or two rules over it. */
    const open = { hostCountries: [], requirePartner: false, minOrganizationAgeMonths: 0, requiredDocuments: [], maxGrantMinor: '100000000', minCofundingBp: 0, adminCapBp: 10_000 };
    const variants: [string, Partial<ReturnType<typeof callRequest>>][] = [
      ['the call as opened', {}],
      ['nothing asked', open],
      ['a small maximum', { ...open, maxGrantMinor: '49000000' }],
      ['co-funding 10 %', { ...open, minCofundingBp: 1_000 }],
      ['admin 7 %', { ...open, adminCapBp: 700 }],
      ['two countries', { ...open, hostCountries: ['SE', 'DE'] }],
      ['a partner', { ...open, requirePartner: true }],
      ['12 months old', { ...open, minOrganizationAgeMonths: 12 }],
      ['24 months old', { ...open, minOrganizationAgeMonths: 24 }],
      ['one document', { ...open, requiredDocuments: ['statutes'] }],
      ['three documents', { ...open, requiredDocuments: ['statutes', 'board_list', 'accounts'] }],
      ['stricter on all', { hostCountries: ['SE', 'DE'], minOrganizationAgeMonths: 13, requiredDocuments: ['statutes'], adminCapBp: 500, minCofundingBp: 1_111 }],
    ];
    it('under twelve sets of rules, passing and failing equal the queue’s own judgement; every rule judged in SQL fails somewhere', async () => {
      const failedRules = new Set<string>();
      for (const [name, rules] of variants) {
        const current = (await api.request('GET', `${IntakePaths.calls}/${judged.id}`, { cookie: officer })).json<CallView>();
        const { opensAtLocal, closesAtLocal, timeZone } = current;
        const corrected = await api.request('POST', `${IntakePaths.calls}/${judged.id}/corrections`, {
          cookie: officer,
          body: { ...callRequest({ opensAtLocal, closesAtLocal, timeZone, ...rules }), reason: `Rules: ${name}` },
        });
        expect(corrected.statusCode).toBe(201);
        const items: ScreeningQueueItem[] = [];
        let cursor: string | null = null;
        do {
          const res = await api.request('GET', `${IntakePaths.calls}/${judged.id}/screening?pageSize=20${cursor ? `&after=${cursor}` : ''}`, { cookie: officer });
          const page = res.json<KeysetPage<ScreeningQueueItem>>();
          items.push(...page.items);
          cursor = page.next;
        } while (cursor);
        expect(items).toHaveLength(48);
        const failing = items.filter((i) => i.eligibility.some((r) => !r.passed)).length;
        for (const item of items) for (const r of item.eligibility) if (!r.passed) failedRules.add(r.rule);
        const summary = (await api.request('GET', `${IntakePaths.calls}/${judged.id}/screening/summary`, { cookie: officer })).json<ScreeningQueueSummary>();
        expect({ rules: name, total: summary.total, failing: summary.failing, passing: summary.passing }).toEqual({ rules: name, total: 48, failing, passing: 48 - failing });
      }
      expect([...failedRules].sort()).toEqual(
        ['admin_cost_cap', 'cofunding_share', 'hostland_country', 'max_grant', 'organization_age', 'partner_required', 'requested_amount', 'required_documents'].sort(),
      );
    });
  });

  describe('keyset pages', () => {
    let big: CallView;
    const path = (query: string) => `${IntakePaths.calls}/${big.id}/screening${query}`;
    const page = async (query: string): Promise<KeysetPage<ScreeningQueueItem>> => {
      const res = await api.request('GET', path(query), { cookie: officer });
      expect(res.statusCode).toBe(200);
      return res.json<KeysetPage<ScreeningQueueItem>>();
    };

    beforeAll(async () => {
      const ds = api.dataSource;
      const agencyId = north.agency.id;
      const userId = north.users.applicant.id;
      const program = (await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest() })).json<ProgramView>();
      big = (await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest({ title: 'A big call' }) })).json<CallView>();
      const orgs = [
        await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Alpha Relief' }),
        await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Beta Aid' }),
        await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Gamma Trust' }),
      ];
      const basra = await insertPartner(ds, orgs[0], 'IQ-BA');
      const states = ['submitted', 'screening', 'eligible', 'returned'] as const;
      const same = new Date(Date.now() - 3_600_000);
      // 23 applications: ties on every sorted column (same instant, same organization, same amount).
      for (let i = 0; i < 23; i++) {
        const id = await insertApplication(ds, {
          callId: big.id,
          organizationId: orgs[i % 3],
          agencyId,
          userId,
          state: states[i % 4],
          title: `Project ${String.fromCharCode(65 + (i % 7))}`,
          submittedAt: i % 5 === 0 ? same : new Date(Date.now() - i * 61_000),
          partnerIds: i % 3 === 0 && i % 2 === 0 ? [basra] : [],
        });
        await ds.query(`UPDATE application SET requested_minor = $2 WHERE id = $1`, [id, (i % 4) * 1000]);
      }
    });

    async function walk(query: string): Promise<{ forward: string[]; backward: string[] }> {
      const forward: string[] = [];
      let cursor: string | null = null;
      let last: KeysetPage<ScreeningQueueItem> | null = null;
      do {
        last = await page(`?pageSize=4${query}${cursor ? `&after=${cursor}` : ''}`);
        forward.push(...last.items.map((i) => i.id));
        cursor = last.next;
      } while (cursor);
      // Back from the last page to the first.
      const backward: string[] = [...(last?.items.map((i) => i.id) ?? [])];
      cursor = last?.previous ?? null;
      while (cursor) {
        const before = await page(`?pageSize=4${query}&before=${cursor}`);
        backward.unshift(...before.items.map((i) => i.id));
        cursor = before.previous;
      }
      return { forward, backward };
    }

    for (const sort of SCREENING_QUEUE_SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        it(`sort ${sort} ${direction}: walking the pages forward and back gives the whole ordering once`, async () => {
          const whole = (await page(`?pageSize=100&sort=${sort}&direction=${direction}`)).items.map((i) => i.id);
          expect(whole).toHaveLength(23);
          const { forward, backward } = await walk(`&sort=${sort}&direction=${direction}`);
          expect(forward).toEqual(whole);
          expect(backward).toEqual(whole);
          expect(new Set(forward).size).toBe(23);
        });
      }
    }

    it('sorts by the column asked, ties by id; the count is of every row matching', async () => {
      const first = await page('?pageSize=5&sort=requested&direction=desc');
      expect(first.total).toBe(23);
      expect(first.totalCapped).toBe(false);
      expect(first.previous).toBeNull();
      expect(first.items.map((i) => i.requestedMinor)).toEqual(['3000', '3000', '3000', '3000', '3000']);
      const ids = first.items.map((i) => i.id);
      expect(ids).toEqual([...ids].sort().reverse());
    });

    it('filters combine with paging: state, search and governorate', async () => {
      const { forward } = await walk('&state=eligible&sort=organization');
      const eligible = (await page('?pageSize=100&state=eligible&sort=organization')).items;
      expect(eligible.every((i) => i.state === 'eligible')).toBe(true);
      expect(forward).toEqual(eligible.map((i) => i.id));
      expect((await page('?pageSize=4&state=eligible')).total).toBe(eligible.length);
      const searched = await walk('&search=project%20c');
      const titles = (await page('?pageSize=100&search=project%20c')).items.map((i) => i.title);
      expect(new Set(titles)).toEqual(new Set(['Project C']));
      expect(searched.forward).toHaveLength(titles.length);
      const byOrg = (await page('?pageSize=100&search=beta')).items;
      expect(byOrg.length).toBeGreaterThan(0);
      expect(byOrg.every((i) => i.organizationName === 'Beta Aid')).toBe(true);
      const inBasra = (await page('?pageSize=100&governorate=IQ-BA')).items;
      expect(inBasra.length).toBeGreaterThan(0);
      expect(inBasra.every((i) => i.partnerGovernorates.includes('IQ-BA'))).toBe(true);
      expect((await page('?pageSize=100&search=%25')).items).toEqual([]);
    });

    it('sorts and searches by the organization as renamed (its copy on the application follows in the same transaction)', async () => {
      const before = (await page('?pageSize=100&sort=organization')).items;
      const alpha = before.find((i) => i.organizationName === 'Alpha Relief') as ScreeningQueueItem;
      const runner = api.dataSource.createQueryRunner();
      await runner.startTransaction();
      await runner.query(`UPDATE organization SET legal_name = 'Zeta Relief' WHERE id = $1`, [alpha.organizationId]);
      const [copy] = (await runner.query(`SELECT DISTINCT organization_name FROM application WHERE organization_id = $1`, [alpha.organizationId])) as { organization_name: string }[];
      expect(copy.organization_name).toBe('Zeta Relief');
      await runner.commitTransaction();
      await runner.release();
      const after = (await page('?pageSize=100&sort=organization')).items;
      expect(after.map((i) => i.organizationName)).toEqual([...after.map((i) => i.organizationName)].sort((a, b) => a.localeCompare(b)));
      expect(after.at(-1)?.organizationName).toBe('Zeta Relief');
      expect((await walk('&sort=organization')).forward).toEqual(after.map((i) => i.id));
      expect((await page('?pageSize=100&search=zeta')).items.length).toBe(before.filter((i) => i.organizationId === alpha.organizationId).length);
      expect((await page('?pageSize=100&search=alpha')).items).toEqual([]);
      await api.dataSource.query(`UPDATE organization SET legal_name = 'Alpha Relief' WHERE id = $1`, [alpha.organizationId]);
    });

    it('a submitted application always has its submission time and receipt number (the queue sorts on them as never NULL)', async () => {
      const [row] = (await api.dataSource.query(`SELECT id, organization_id FROM application WHERE call_id = $1 LIMIT 1`, [big.id])) as { id: string; organization_id: string }[];
      for (const column of ['submitted_at', 'receipt_number']) {
        await expect(api.env.queryAs('owner', `UPDATE application SET ${column} = NULL WHERE id = $1`, [row.id])).rejects.toMatchObject({
          code: '23514',
          constraint: 'ck_application_submitted',
        });
      }
      // A draft has neither, and may be withdrawn as it is.
      const draft = await insertApplication(api.dataSource, { callId: big.id, organizationId: row.organization_id, agencyId: north.agency.id, userId: north.users.applicant.id, state: 'draft' });
      await api.env.queryAs('owner', `UPDATE application SET state = 'withdrawn' WHERE id = $1`, [draft]);
      await api.env.queryAs('owner', `DELETE FROM application WHERE id = $1`, [draft]);
      // A cursor claiming a NULL submission time is not one the queue gave out.
      const nullCursor = Buffer.from(JSON.stringify([null, row.id]), 'utf8').toString('base64url');
      const res = await api.request('GET', path(`?sort=submitted&after=${nullCursor}`), { cookie: officer });
      expect(res.statusCode).toBe(400);
      expect(res.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['after']);
    });

    it('refuses a bad cursor, a cursor of another sort, both directions at once, and a bad sort (400 naming the field)', async () => {
      const next = (await page('?pageSize=4&sort=submitted')).next as string;
      for (const [query, field] of [
        ['?after=!!', 'after'],
        ['?before=bm90LWpzb24', 'before'],
        [`?sort=requested&after=${next}`, 'after'],
        [`?after=${next}&before=${next}`, 'before'],
        ['?sort=state', 'sort'],
        ['?pageSize=0', 'pageSize'],
        ['?governorate=Basra', 'governorate'],
      ] as const) {
        const res = await api.request('GET', path(query), { cookie: officer });
        expect(res.statusCode).toBe(400);
        expect(res.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain(field);
      }
    });
  });
});
