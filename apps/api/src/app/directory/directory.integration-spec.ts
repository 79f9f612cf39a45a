import {
  ApiErrorBody,
  DIRECTORY_MIN_CELL,
  DirectoryAggregateView,
  DirectoryCandidatesView,
  DirectoryExport,
  DirectoryMatchView,
  DirectoryNeedView,
  DirectoryOwnProfileView,
  DirectoryPaths,
  DirectoryProfileInput,
  DirectoryPublicPage,
  DirectorySearchPage,
  DirectoryTaxonomyView,
  ErrorCode,
} from '@mizan/contracts';
import { addDaysIso, directorySearchText, latestTodayIso } from '@mizan/domain';
import { SeededAgency, TEST_PASSWORD, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';

/*
 * The directory on the real database: self-registration (verification mail, rate limit), profiles and who sees
 * them, no contact details before the expert accepts, matching (never in person where there is no access),
 * sessions and closing, the k ≥ 5 map data, bad input, and erasure leaving no personal data in any table.
 */

const EXPERT_NAME = 'Zainab Qasim-Lindqvist';
const EXPERT_EMAIL = 'zainab.lindqvist@example.org';

function profileInput(overrides: Partial<DirectoryProfileInput> = {}): DirectoryProfileInput {
  return {
    name: EXPERT_NAME,
    profession: 'Clinical psychologist',
    skills: ['mental_health.psychotherapy', 'mental_health.trainer'],
    freeSkills: ['EMDR'],
    yearsOfExperience: 14,
    languages: ['ar', 'sv', 'en'],
    residenceCountry: 'SE',
    residenceCity: 'Malmö',
    availabilityDaysPerYear: 30,
    mode: 'both',
    travelGovernorates: ['IQ-BA'],
    bio: 'Trains counsellors in trauma-focused therapy.',
    phone: '+46 70 123 45 67',
    visibility: 'officers',
    ...overrides,
  };
}

describe('directory', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  const t: Record<string, string> = {};
  let expertProfileId: string;

  const call = (method: 'GET' | 'POST' | 'PUT', path: string, cookie?: string, body?: unknown) => api.request(method, path, { cookie, body });

  /** Experts written straight to the database (active, completed), for search, visibility and aggregates. */
  async function bulkExperts(rows: { name: string; country: string; city: string; visibility: string; skills: string[]; sectors: string[]; mode?: string }[]): Promise<void> {
    for (const r of rows) {
      const [u] = await api.env.queryAs<{ id: string }>(
        'owner',
        `INSERT INTO app_user (agency_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`,
        [north.agency.id, `${r.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@bulk.test`, r.name],
      );
      await api.env.queryAs('owner', `INSERT INTO user_role (user_id, role) VALUES ($1, 'expert')`, [u.id]);
      await api.env.queryAs(
        'owner',
        `INSERT INTO directory_profile (agency_id, user_id, status, name, profession, skills, sectors, languages, residence_country, residence_city, city_key, availability_days, mode, visibility, completed, search_text)
         VALUES ($1, $2, 'active', $3, 'Engineer', $4, $5, '{ar,en}', $6, $7, lower($7), 20, $8, $9, true, $10)`,
        [north.agency.id, u.id, r.name, r.skills, r.sectors, r.country, r.city, r.mode ?? 'online', r.visibility, directorySearchText([r.name, r.city])],
      );
    }
  }

  beforeAll(async () => {
    api = await ApiHarness.start('directory', { signInIpMaxAttempts: 10_000 });
    north = await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    t['officer'] = await api.signIn('officer@north.test');
    t['partner'] = await api.signIn('partner@north.test');
    t['applicant'] = await api.signIn('applicant@north.test');
    t['southOfficer'] = await api.signIn('officer@south.test');
    t['reviewer'] = await api.signIn('reviewer@north.test');
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('publishes the taxonomy with names in three languages', async () => {
    const res = await call('GET', DirectoryPaths.taxonomy);
    expect(res.statusCode).toBe(200);
    const sectors = res.json<DirectoryTaxonomyView>().sectors;
    expect(sectors.map((s) => s.code)).toContain('womens_rights');
    expect(sectors.find((s) => s.code === 'mental_health')?.name.ar).toBe('الصحة النفسية');
  });

  it('registers an expert: a verification mail, then an active account; the same address gets no second account', async () => {
    let res = await call('POST', DirectoryPaths.registrations, undefined, { name: EXPERT_NAME, email: EXPERT_EMAIL, password: TEST_PASSWORD, language: 'sv' });
    expect(res.statusCode).toBe(202);
    const [mail] = await api.env.queryAs<{ text_body: string; language: string }>('owner', `SELECT text_body, language FROM outbound_email WHERE to_address = $1`, [EXPERT_EMAIL]);
    expect(mail.language).toBe('sv');
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text_body)?.[1] ?? '');
    expect(token.length).toBeGreaterThan(20);
    // Cannot sign in before verifying.
    expect((await call('POST', '/api/v1/auth/sign-in', undefined, { email: EXPERT_EMAIL, password: TEST_PASSWORD })).statusCode).toBe(401);
    // A link copied out of a right-to-left mail may carry direction marks: they are not part of the token.
    res = await call('POST', DirectoryPaths.verifyRegistration, undefined, { token: `\u200f${token}\u200e` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'active' });
    expect((await call('POST', DirectoryPaths.verifyRegistration, undefined, { token })).json<ApiErrorBody>().code).toBe(ErrorCode.DirectoryVerificationInvalid);
    t['expert'] = await api.signIn(EXPERT_EMAIL);
    res = await call('PUT', DirectoryPaths.me, t['expert'], profileInput());
    expect(res.statusCode).toBe(200);
    const own = res.json<DirectoryOwnProfileView>();
    expect(own).toMatchObject({ status: 'active', email: EXPERT_EMAIL, sectors: ['mental_health'], phone: '+46 70 123 45 67' });
    expertProfileId = own.id;
    // Registering the same address again creates nothing (and says the same thing).
    res = await call('POST', DirectoryPaths.registrations, undefined, { name: 'Someone Else', email: EXPERT_EMAIL, password: TEST_PASSWORD, language: 'en' });
    expect(res.statusCode).toBe(202);
    const [{ n }] = await api.env.queryAs<{ n: number }>('owner', `SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [EXPERT_EMAIL]);
    expect(n).toBe(1);
  });

  it('rate-limits registrations of one address', async () => {
    const body = { name: 'Rate Limited', email: 'rate@example.org', password: TEST_PASSWORD, language: 'en' };
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call('POST', DirectoryPaths.registrations, undefined, body)).statusCode);
    expect(codes.slice(0, 3)).toEqual([202, 202, 202]);
    expect(codes[4]).toBe(429);
  });

  it('refuses bad input with a 400 naming the field (NUL bytes, huge and fractional numbers, unknown skills)', async () => {
    let res = await call('PUT', DirectoryPaths.me, t['expert'], profileInput({ bio: 'a\u0000b' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('bio');
    res = await call('PUT', DirectoryPaths.me, t['expert'], profileInput({ availabilityDaysPerYear: 1e20 }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('availabilityDaysPerYear');
    res = await call('PUT', DirectoryPaths.me, t['expert'], profileInput({ yearsOfExperience: 2.5 }));
    expect(res.statusCode).toBe(400);
    res = await call('PUT', DirectoryPaths.me, t['expert'], profileInput({ skills: ['medicine.astrology'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiErrorBody>().code).toBe(ErrorCode.DirectoryUnknownSkill);
    res = await call('GET', `${DirectoryPaths.profiles}?minDays=99999999999999999999`, t['officer']);
    expect(res.statusCode).toBe(400);
    res = await call('POST', DirectoryPaths.registrations, undefined, { name: 'X\u0000', email: 'nul@example.org', password: TEST_PASSWORD, language: 'en' });
    expect(res.statusCode).toBe(400);
  });

  it('shows profiles by visibility: officers all, hosts officers_and_hosts and public, the world public only; never contacts', async () => {
    await bulkExperts([
      { name: 'Hosts Visible Ali', country: 'GB', city: 'London', visibility: 'officers_and_hosts', skills: ['engineering.water'], sectors: ['engineering'] },
      { name: 'Public Listed Huda', country: 'DE', city: 'Berlin', visibility: 'public', skills: ['law.family'], sectors: ['law'] },
    ]);
    const names = async (cookie: string | undefined, path: string = DirectoryPaths.profiles) =>
      (await call('GET', `${path}?pageSize=200`, cookie)).json<DirectorySearchPage | DirectoryPublicPage>().items.map((p) => p.name).sort();
    expect(await names(t['officer'])).toEqual(expect.arrayContaining([EXPERT_NAME, 'Hosts Visible Ali', 'Public Listed Huda']));
    const host = await names(t['partner']);
    expect(host).toEqual(expect.arrayContaining(['Hosts Visible Ali', 'Public Listed Huda']));
    expect(host).not.toContain(EXPERT_NAME);
    expect(await names(undefined, DirectoryPaths.publicProfiles)).toEqual(['Public Listed Huda']);
    expect((await call('GET', DirectoryPaths.profile(expertProfileId), t['partner'])).statusCode).toBe(404);
    expect((await call('GET', DirectoryPaths.profile(expertProfileId), t['southOfficer'])).statusCode).toBe(404);
    expect((await call('GET', DirectoryPaths.profiles, t['reviewer'])).statusCode).toBe(403);
    expect((await call('GET', DirectoryPaths.profiles, t['expert'])).statusCode).toBe(403);
    const officerView = await call('GET', DirectoryPaths.profile(expertProfileId), t['officer']);
    expect(officerView.body).not.toContain(EXPERT_EMAIL);
    expect(officerView.body).not.toContain('123 45 67');
    // Full text, Arabic-aware and prefix: "malm" finds Malmö; filters narrow.
    const found = (await call('GET', `${DirectoryPaths.profiles}?q=malm&language=sv&mode=online`, t['officer'])).json<DirectorySearchPage>();
    expect(found.items.map((p) => p.id)).toEqual([expertProfileId]);
    expect((await call('GET', `${DirectoryPaths.profiles}?q=malm&country=GB`, t['officer'])).json<DirectorySearchPage>().items).toEqual([]);
  });

  it('matches, proposes, hides contacts until the expert accepts, then runs the assignment to its rating', async () => {
    let res = await call('POST', DirectoryPaths.needs, t['partner'], {
      kind: 'assignment',
      title: 'Online psychotherapy trainer for Basra counsellors',
      description: 'Train 12 counsellors over two months.',
      assignment: { sector: 'mental_health', skills: ['mental_health.psychotherapy', 'mental_health.trainer'], language: 'ar', durationWeeks: 8, daysNeeded: 10, mode: 'online', governorate: 'IQ-BA', startFrom: '2027-01-10', startTo: '2027-02-10' },
    });
    expect(res.statusCode).toBe(201);
    const need = res.json<DirectoryNeedView>();
    expect((await call('GET', DirectoryPaths.need(need.id), t['applicant'])).statusCode).toBe(404);

    res = await call('GET', DirectoryPaths.candidates(need.id), t['officer']);
    expect(res.statusCode).toBe(200);
    const ranked = res.json<DirectoryCandidatesView>();
    expect(ranked.candidates[0]).toMatchObject({ profile: { id: expertProfileId }, score: 100, proposableMode: 'online' });
    expect(ranked.candidates[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['skills_matched', 'language', 'availability', 'mode']));
    expect((await call('GET', DirectoryPaths.candidates(need.id), t['partner'])).statusCode).toBe(403);

    res = await call('POST', DirectoryPaths.proposals(need.id), t['officer'], { profileId: expertProfileId, note: 'Strong fit' });
    expect(res.statusCode).toBe(201);
    const match = res.json<DirectoryMatchView>();
    expect(match).toMatchObject({ state: 'proposed', expertContact: null, hostContact: null });
    // One need's matches: the officer sees the proposal, the host not before the expert answered; another agency none.
    const ofNeed = async (who: string, needId: string) => (await call('GET', `${DirectoryPaths.matches}?needId=${needId}`, t[who])).json<DirectoryMatchView[]>().map((m) => m.id);
    expect(await ofNeed('officer', need.id)).toEqual([match.id]);
    expect(await ofNeed('officer', '00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(await ofNeed('partner', need.id)).toEqual([]);
    expect(await ofNeed('southOfficer', need.id)).toEqual([]);
    expect((await call('GET', `${DirectoryPaths.matches}?needId=not-an-id`, t['officer'])).statusCode).toBe(400);
    for (const who of ['officer', 'partner', 'expert']) {
      const view = await call('GET', DirectoryPaths.match(match.id), t[who]);
      expect(view.statusCode).toBe(200);
      expect(view.body).not.toContain(EXPERT_EMAIL);
      expect(view.body).not.toContain('partner@north.test');
    }
    // Another expert, another agency: 404.
    await call('POST', DirectoryPaths.registrations, undefined, { name: 'Other Expert', email: 'other.expert@example.org', password: TEST_PASSWORD, language: 'en' });
    await api.env.queryAs('owner', `UPDATE directory_profile SET status = 'active' FROM app_user u WHERE u.id = directory_profile.user_id AND u.email = 'other.expert@example.org'`);
    await api.env.queryAs('owner', `UPDATE app_user SET active = true WHERE email = 'other.expert@example.org'`);
    t['otherExpert'] = await api.signIn('other.expert@example.org');
    expect((await call('GET', DirectoryPaths.match(match.id), t['otherExpert'])).statusCode).toBe(404);
    expect((await call('POST', DirectoryPaths.acceptMatch(match.id), t['otherExpert'])).statusCode).toBe(404);
    expect((await call('GET', DirectoryPaths.match(match.id), t['southOfficer'])).statusCode).toBe(404);
    expect((await call('GET', DirectoryPaths.match(match.id), t['applicant'])).statusCode).toBe(404);
    // The host cannot accept before the expert.
    expect((await call('POST', DirectoryPaths.acceptMatch(match.id), t['partner'])).json<ApiErrorBody>().code).toBe(ErrorCode.DirectoryMatchTransitionNotAllowed);

    res = await call('POST', DirectoryPaths.acceptMatch(match.id), t['expert']);
    expect(res.json<DirectoryMatchView>()).toMatchObject({ state: 'accepted', expertContact: { email: EXPERT_EMAIL, phone: '+46 70 123 45 67' } });
    const hostSees = (await call('GET', DirectoryPaths.match(match.id), t['partner'])).json<DirectoryMatchView>();
    expect(await ofNeed('partner', need.id)).toEqual([match.id]);
    expect(hostSees.expertContact?.email).toBe(EXPERT_EMAIL);
    expect(hostSees.hostContact?.email).toBe('partner@north.test');
    expect((await call('POST', DirectoryPaths.matchSessions(match.id), t['expert'], { date: '2026-01-05', hours: 2, mode: 'online', topic: 'x', note: '' })).statusCode).toBe(409);
    res = await call('POST', DirectoryPaths.acceptMatch(match.id), t['partner']);
    expect(res.json<DirectoryMatchView>().state).toBe('active');
    for (const date of ['2026-01-05', '2026-01-12']) {
      res = await call('POST', DirectoryPaths.matchSessions(match.id), t['expert'], { date, hours: 1.5, mode: 'online', topic: 'Trauma-focused CBT', note: 'Group of 12' });
      expect(res.statusCode).toBe(201);
    }
    expect(res.json<DirectoryMatchView>().totalHours).toBe(3);
    expect((await call('POST', DirectoryPaths.matchSessions(match.id), t['expert'], { date: '2026-01-19', hours: 2, mode: 'in_person', topic: 'x', note: '' })).statusCode).toBe(409);
    expect((await call('POST', DirectoryPaths.matchSessions(match.id), t['expert'], { date: '2026-01-19', hours: 1e9, mode: 'online', topic: 'x', note: '' })).statusCode).toBe(400);
    // The date of a session held today where the expert is, even when UTC is still on yesterday; the day after is refused.
    const latest = latestTodayIso();
    res = await call('POST', DirectoryPaths.matchSessions(match.id), t['expert'], { date: latest, hours: 1, mode: 'online', topic: 'Supervision', note: '' });
    expect(res.statusCode).toBe(201);
    res = await call('POST', DirectoryPaths.matchSessions(match.id), t['expert'], { date: addDaysIso(latest, 1), hours: 1, mode: 'online', topic: 'x', note: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['date']);
    expect((await call('POST', DirectoryPaths.closeMatch(match.id), t['expert'], { rating: 5, outcome: 'x' })).statusCode).toBe(403);
    res = await call('POST', DirectoryPaths.closeMatch(match.id), t['partner'], { rating: 5, outcome: 'Counsellors trained' });
    expect(res.json<DirectoryMatchView>()).toMatchObject({ state: 'closed', rating: 5 });
  });

  it('never proposes in-person work in a no-access governorate', async () => {
    await api.env.queryAs(
      'owner',
      `INSERT INTO governorate_security_level (agency_id, governorate_code, level, effective_on, reason, set_by) VALUES ($1, 'IQ-NI', 'no_access', current_date - 1, 'test', $2)`,
      [north.agency.id, north.users.officer.id],
    );
    await call('PUT', DirectoryPaths.me, t['expert'], profileInput({ travelGovernorates: ['IQ-NI'], skills: ['engineering.water'] }));
    const need = (
      await call('POST', DirectoryPaths.needs, t['partner'], {
        kind: 'assignment',
        title: 'Water plant assessment in Mosul',
        description: 'On site.',
        assignment: { sector: 'engineering', skills: ['engineering.water'], language: 'ar', durationWeeks: 4, daysNeeded: 5, mode: 'in_person', governorate: 'IQ-NI', startFrom: '2027-03-01', startTo: '2027-04-01' },
      })
    ).json<DirectoryNeedView>();
    const ranked = (await call('GET', DirectoryPaths.candidates(need.id), t['officer'])).json<DirectoryCandidatesView>();
    expect(ranked.securityLevel).toBe('no_access');
    expect(ranked.candidates.length).toBeGreaterThan(0);
    for (const c of ranked.candidates) {
      expect(c.proposableMode).toBe('online');
      expect(c.reasons.map((r) => r.code)).toContain('in_person_blocked');
    }
    const match = (await call('POST', DirectoryPaths.proposals(need.id), t['officer'], { profileId: expertProfileId })).json<DirectoryMatchView>();
    expect(match.mode).toBe('online');
  });

  it('publishes no group smaller than 5 on the map data', async () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ name: `Gothenburg Expert ${i}`, country: 'SE', city: 'Göteborg', visibility: 'officers', skills: ['medicine.surgery'], sectors: ['medicine'] }));
    const few = Array.from({ length: 2 }, (_, i) => ({ name: `Oslo Expert ${i}`, country: 'NO', city: 'Oslo', visibility: 'officers', skills: ['medicine.surgery'], sectors: ['medicine'] }));
    const one = { name: 'Amsterdam Expert', country: 'NL', city: 'Amsterdam', visibility: 'officers', skills: ['law.family'], sectors: ['law'] };
    await bulkExperts([...many, ...few, one]);
    for (const dimension of ['country', 'city', 'sector', 'language', 'mode']) {
      const res = await call('GET', `${DirectoryPaths.aggregates}?dimension=${dimension}`, t['officer']);
      expect(res.statusCode).toBe(200);
      const view = res.json<DirectoryAggregateView>();
      for (const cell of view.cells) expect(cell.count).toBeGreaterThanOrEqual(DIRECTORY_MIN_CELL);
    }
    const countries = (await call('GET', `${DirectoryPaths.aggregates}?dimension=country`, t['officer'])).json<DirectoryAggregateView>();
    expect(countries.cells.map((c) => c.key)).not.toContain('NO');
    // SE 8 (the expert and 7 in Göteborg); GB 1, DE 1, NO 2, NL 1 together as other (5).
    expect(countries.cells).toEqual([
      { key: 'SE', count: 8 },
      { key: 'other', count: 5 },
    ]);
    expect((await call('GET', `${DirectoryPaths.aggregates}?dimension=email`, t['officer'])).statusCode).toBe(400);
    expect((await call('GET', `${DirectoryPaths.aggregates}?dimension=country`, t['partner'])).statusCode).toBe(403);
    expect((await call('GET', `${DirectoryPaths.aggregates}?dimension=country`)).statusCode).toBe(401);
  });

  it('keeps a CV (PDF only), for the expert and officers; hosts and other experts cannot download it', async () => {
    const boundary = 'dirbench0boundary';
    const pdf = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
    const body = (content: string, name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n--${boundary}--\r\n`;
    const upload = (content: string, name: string) =>
      api.request('POST', DirectoryPaths.myCv, { cookie: t['expert'], rawBody: body(content, name), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    let res = await upload('hello, not a pdf', 'cv.txt');
    expect(res.statusCode).toBe(415);
    res = await upload(pdf, 'Zainab Lindqvist CV.pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json<DirectoryOwnProfileView>().cv).toMatchObject({ sizeBytes: pdf.length });
    expect((await call('GET', DirectoryPaths.myCv, t['expert'])).body).toBe(pdf);
    expect((await call('GET', DirectoryPaths.profileCv(expertProfileId), t['officer'])).statusCode).toBe(200);
    expect((await call('GET', DirectoryPaths.profileCv(expertProfileId), t['partner'])).statusCode).toBe(403);
    expect((await call('GET', DirectoryPaths.profileCv(expertProfileId), t['southOfficer'])).statusCode).toBe(404);
  });

  it('exports the expert’s data, then erases it: no table holds their name or email, the trail still verifies', async () => {
    let res = await call('GET', DirectoryPaths.myExport, t['expert']);
    expect(res.statusCode).toBe(200);
    const exported = res.json<DirectoryExport>();
    expect(exported.account.email).toBe(EXPERT_EMAIL);
    expect(exported.matches.length).toBeGreaterThanOrEqual(2);
    expect((await call('POST', DirectoryPaths.myErasure, t['expert'], { password: 'wrong password here' })).statusCode).toBe(401);
    res = await call('POST', DirectoryPaths.myErasure, t['expert'], { password: TEST_PASSWORD });
    expect(res.statusCode).toBe(204);

    const columns = await api.env.queryAs<{ table_name: string; column_name: string }>(
      'owner',
      `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'tsvector')`,
    );
    const needles = [EXPERT_EMAIL, EXPERT_NAME, 'Lindqvist', '123 45 67', 'lindqvist'];
    const scan = columns
      .map(({ table_name, column_name }) => `SELECT '${table_name}.${column_name}' AS hit FROM "${table_name}" WHERE "${column_name}"::text ILIKE ANY($1::text[])`)
      .join(' UNION ');
    const hits = await api.env.queryAs<{ hit: string }>('superuser', scan, [needles.map((n) => `%${n}%`)]);
    expect(hits.map((h) => h.hit)).toEqual([]);
    expect((await call('GET', DirectoryPaths.me, t['expert'])).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/auth/sign-in', undefined, { email: EXPERT_EMAIL, password: TEST_PASSWORD })).statusCode).toBe(401);
    const names = (await call('GET', `${DirectoryPaths.profiles}?pageSize=200`, t['officer'])).json<DirectorySearchPage>().items.map((p) => p.name);
    expect(names).not.toContain(EXPERT_NAME);
    const auditor = await api.signIn('auditor@north.test');
    res = await call('POST', '/api/v1/trail/verifications', auditor, {});
    expect(res.statusCode).toBeLessThan(300);
    expect(JSON.stringify(res.json())).not.toContain('"broken"');
  });
});
