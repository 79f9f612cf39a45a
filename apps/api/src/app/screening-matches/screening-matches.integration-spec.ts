import {
  ApiErrorBody,
  ErrorCode,
  FinancePaths,
  GrantPaths,
  GrantView,
  OrganizationScreeningView,
  KeysetPage,
  Page,
  PaymentView,
  ScreeningMatchDetail,
  ScreeningMatchView,
  ScreeningPaths,
} from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { SeededSanctionsList, insertScreeningMatch, seedSanctionsList } from '../../testing/screening-fixtures';
import { GrantWorld, activeGrant, grantWorld, signedGrant } from '../grants/grants.fixtures';
import { createOrganization, createUser } from '../intake/applications/applications.fixtures';

/**
 * The screening queue and the gates where money moves (issue 13): resolving potential matches with four eyes
 * (a confirmation, or clearing a high score, needs a second officer), stale and final states, bad reasons, who may
 * see what; and a grant with an unresolved or confirmed match that cannot be countersigned, paid or released.
 * The list is the real UN list; the matches are rows as the screening engine raises them.
 */
describe('screening matches', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let list: SeededSanctionsList;
  let southList: SeededSanctionsList;
  /** A north organization with no grants: its matches block nothing the other tests need. */
  let quietOrgId: string;
  const t = {} as Record<'officer' | 'officer2' | 'admin' | 'applicant' | 'finance' | 'southOfficer', string>;
  let officer2Id: string;

  const call = (method: 'GET' | 'POST', path: string, cookie: string, body?: unknown) => api.request(method, path, { cookie, body });
  const error = (r: { json: <T>() => T }) => r.json<ApiErrorBody>();
  const detail = async (id: string, cookie = t.officer) => {
    const r = await call('GET', ScreeningPaths.match(id), cookie);
    expect(r.statusCode).toBe(200);
    return r.json<ScreeningMatchDetail>();
  };
  const resolve = (id: string, cookie: string, body: { resolution: string; reason: string; rowVersion: number }) => call('POST', ScreeningPaths.matchResolution(id), cookie, body);
  const second = (id: string, cookie: string, body: { agree: boolean; reason: string; rowVersion: number }) => call('POST', ScreeningPaths.matchSecond(id), cookie, body);
  const trailOf = async (id: string) =>
    (await api.dataSource.query(`SELECT action, actor_id, reason, after FROM activity_record WHERE entity_type = 'screening_match' AND entity_id = $1 ORDER BY seq`, [id])) as {
      action: string;
      actor_id: string;
      reason: string | null;
      after: Record<string, unknown>;
    }[];
  const quiet = (screenedName: string, score: number, reference = 'IQi.006') =>
    insertScreeningMatch(api.dataSource, list, { agencyId: w.north.agency.id, partyKind: 'organization', partyId: quietOrgId, organizationId: quietOrgId, screenedName, reference, score });

  beforeAll(async () => {
    api = await ApiHarness.start('screening_matches', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    // The decision world's second officer seconds.
    officer2Id = ((await api.dataSource.query('SELECT id FROM app_user WHERE email = $1', [w.secondOfficerEmail])) as { id: string }[])[0].id;
    quietOrgId = await createOrganization(api.dataSource, w.north.agency.id, 'Al-Rafidain Trading', [w.north.users.applicant.id]);
    list = await seedSanctionsList(api.dataSource, w.north.agency.id, w.north.users.officer.id);
    southList = await seedSanctionsList(api.dataSource, w.south.agency.id, w.south.users.officer.id);
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(w.secondOfficerEmail);
    t.admin = await api.signIn('admin@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('the seeded list is the real UN list: IQi.006 with its Arabic name', () => {
    const entry = list.entries.get('IQi.006');
    expect(entry?.entry.names.some((n) => n.type === 'original_script' && /[\u0600-\u06ff]/.test(n.name))).toBe(true);
  });

  it('a false positive below the high score is cleared by one officer, on the trail', async () => {
    const id = await quiet('Izzat Ibrahim al-Dury', 0.85);
    const before = await detail(id);
    expect(before).toMatchObject({ state: 'open', high: false, reference: 'IQi.006', actions: { resolve: true, second: false }, party: { kind: 'organization', organizationName: 'Al-Rafidain Trading' } });
    expect(before.entry.names.find((n) => n.type === 'original_script')?.script).toBe('arabic');
    expect(before.entry.names.find((n) => n.type === 'primary')?.script).toBe('latin');
    expect(before.explanationText.length).toBeGreaterThan(0);
    const r = await resolve(id, t.officer, { resolution: 'false_positive', reason: 'Different person: born 1980 in Basra', rowVersion: before.rowVersion });
    expect(r.statusCode).toBe(200);
    expect(r.json<ScreeningMatchDetail>()).toMatchObject({ state: 'cleared', resolvedBy: { id: w.north.users.officer.id }, resolutionReason: 'Different person: born 1980 in Basra', proposedBy: null });
    const trail = await trailOf(id);
    expect(trail.map((e) => e.action)).toEqual(['screening.match_cleared']);
    expect(trail[0]).toMatchObject({ actor_id: w.north.users.officer.id, reason: 'Different person: born 1980 in Basra' });

    // Final: resolving it again is 409 naming its state; the decision stays.
    const again = await resolve(id, t.officer2, { resolution: 'confirmed', reason: 'It is him after all, really', rowVersion: r.json<ScreeningMatchDetail>().rowVersion });
    expect(again.statusCode).toBe(409);
    expect(error(again)).toMatchObject({ code: ErrorCode.ScreeningMatchNotOpen, params: { state: 'cleared' } });
    expect((await detail(id)).state).toBe('cleared');
  });

  it('clearing a high score needs a second officer: the proposer cannot second it, another officer can; the proposer is told', async () => {
    const id = await quiet('Ezzat Ibrahim Al Douri', 0.95);
    const open = await detail(id);
    expect(open.high).toBe(true);
    const proposed = await resolve(id, t.officer, { resolution: 'false_positive', reason: 'Our partner’s accountant, born 1975', rowVersion: open.rowVersion });
    expect(proposed.statusCode).toBe(200);
    const pending = proposed.json<ScreeningMatchDetail>();
    expect(pending).toMatchObject({ state: 'pending_second', proposedResolution: 'false_positive', proposedBy: { id: w.north.users.officer.id }, resolvedBy: null });
    expect(pending.actions).toEqual({ resolve: false, second: false });
    expect((await detail(id, t.officer2)).actions).toEqual({ resolve: false, second: true });

    const self = await second(id, t.officer, { agree: true, reason: 'I agree with myself, obviously', rowVersion: pending.rowVersion });
    expect(self.statusCode).toBe(422);
    expect(error(self).code).toBe(ErrorCode.ScreeningSecondOfficerRequired);
    expect((await detail(id)).state).toBe('pending_second');

    const agreed = await second(id, t.officer2, { agree: true, reason: 'Checked the birth date: not him', rowVersion: pending.rowVersion });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json<ScreeningMatchDetail>()).toMatchObject({ state: 'cleared', proposedBy: { id: w.north.users.officer.id }, resolvedBy: { id: officer2Id }, proposalReason: 'Our partner’s accountant, born 1975' });
    const trail = await trailOf(id);
    expect(trail.map((e) => e.action)).toEqual(['screening.match_proposed', 'screening.match_cleared']);
    expect(trail[1].after).toMatchObject({ proposedBy: w.north.users.officer.id, resolvedBy: officer2Id });
    const notes = (await api.dataSource.query(`SELECT user_id, message_key, message_params FROM notification WHERE entity_type = 'screening_match' AND entity_id = $1`, [id])) as {
      user_id: string;
      message_key: string;
      message_params: Record<string, unknown>;
    }[];
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ user_id: w.north.users.officer.id, message_key: 'screening.match_cleared', message_params: { name: 'Ezzat Ibrahim Al Douri', reference: 'IQi.006' } });
  });

  it('the database keeps four eyes even past the service', async () => {
    const id = await quiet('Izzat al-Douri', 0.9);
    await resolve(id, t.officer, { resolution: 'confirmed', reason: 'Same birth year and place', rowVersion: 1 });
    await expect(
      api.dataSource.query(`UPDATE screening_match SET state = 'confirmed', resolved_by = proposed_by, resolved_at = now(), resolution_reason = 'self' WHERE id = $1`, [id]),
    ).rejects.toThrow(/ck_screening_match_four_eyes/);
  });

  it('confirming needs a second officer; sending back opens the match again with the proposal gone', async () => {
    const id = await quiet('Izzat Ibrahim', 0.86);
    const proposed = await resolve(id, t.officer, { resolution: 'confirmed', reason: 'Same birth year, same town', rowVersion: 1 });
    expect(proposed.json<ScreeningMatchDetail>()).toMatchObject({ state: 'pending_second', proposedResolution: 'confirmed' });
    const back = await second(id, t.officer2, { agree: false, reason: 'The birth year alone is not enough', rowVersion: proposed.json<ScreeningMatchDetail>().rowVersion });
    expect(back.statusCode).toBe(200);
    expect(back.json<ScreeningMatchDetail>()).toMatchObject({ state: 'open', proposedResolution: null, proposedBy: null, proposalReason: null, proposedAt: null, resolvedBy: null });
    expect((await trailOf(id)).map((e) => [e.action, e.reason])).toEqual([
      ['screening.match_proposed', 'Same birth year, same town'],
      ['screening.match_returned', 'The birth year alone is not enough'],
    ]);
    const [note] = (await api.dataSource.query(`SELECT user_id, message_key FROM notification WHERE entity_id = $1`, [id])) as { user_id: string; message_key: string }[];
    expect(note).toEqual({ user_id: w.north.users.officer.id, message_key: 'screening.match_returned' });

    // Proposed again, and this time a second officer confirms it.
    const again = await resolve(id, t.officer2, { resolution: 'confirmed', reason: 'Passport copy matches the listing', rowVersion: back.json<ScreeningMatchDetail>().rowVersion });
    const confirmed = await second(id, t.officer, { agree: true, reason: 'Agreed: the passport matches', rowVersion: again.json<ScreeningMatchDetail>().rowVersion });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<ScreeningMatchDetail>()).toMatchObject({ state: 'confirmed', proposedBy: { id: officer2Id }, resolvedBy: { id: w.north.users.officer.id } });
    expect((await trailOf(id)).map((e) => e.action).slice(-1)).toEqual(['screening.match_confirmed']);

    // The organization's status says confirmed.
    const status = (await call('GET', ScreeningPaths.organization(quietOrgId), t.officer)).json<OrganizationScreeningView>();
    expect(status.status).toBe('confirmed');
    expect(status.listVersionId).toBe(list.versionId);
    expect(status.matches.some((m) => m.id === id && m.state === 'confirmed')).toBe(true);
  });

  it('a stale rowVersion is 409 and changes nothing; a second on an open match is 409', async () => {
    const id = await quiet('Ibrahim al-Duri', 0.84);
    const stale = await resolve(id, t.officer, { resolution: 'false_positive', reason: 'A different family entirely', rowVersion: 7 });
    expect(stale.statusCode).toBe(409);
    expect(error(stale)).toMatchObject({ code: ErrorCode.StaleScreeningMatch, params: { rowVersion: 1 } });
    const notPending = await second(id, t.officer2, { agree: true, reason: 'Nothing to second here', rowVersion: 1 });
    expect(notPending.statusCode).toBe(409);
    expect(error(notPending)).toMatchObject({ code: ErrorCode.ScreeningMatchNotOpen, params: { state: 'open' } });
    expect(await detail(id)).toMatchObject({ state: 'open', rowVersion: 1 });
    expect(await trailOf(id)).toEqual([]);
  });

  it('bad reasons and bodies are 4xx naming the problem, never 500, and change nothing', async () => {
    const id = await quiet('Izat Ibraheem', 0.83);
    const cases: { body: unknown; status: number; code?: ErrorCode }[] = [
      { body: { resolution: 'false_positive', reason: 'short', rowVersion: 1 }, status: 400 },
      { body: { resolution: 'false_positive', reason: '          padded   ', rowVersion: 1 }, status: 400 },
      { body: { resolution: 'false_positive', reason: 'A NUL \u0000 inside the reason', rowVersion: 1 }, status: 400, code: ErrorCode.InvalidText },
      { body: { resolution: 'false_positive', reason: 'Lone surrogate \ud800 inside', rowVersion: 1 }, status: 400, code: ErrorCode.InvalidText },
      { body: { resolution: 'false_positive', reason: 'x'.repeat(2001), rowVersion: 1 }, status: 400 },
      { body: { resolution: 'maybe', reason: 'A perfectly fine reason', rowVersion: 1 }, status: 400 },
      { body: { resolution: 'false_positive', reason: 'A perfectly fine reason', rowVersion: 1e20 }, status: 400 },
      { body: { resolution: 'false_positive', reason: 'A perfectly fine reason' }, status: 400 },
    ];
    for (const c of cases) {
      const r = await call('POST', ScreeningPaths.matchResolution(id), t.officer, c.body);
      expect({ body: c.body, status: r.statusCode }).toEqual({ body: c.body, status: c.status });
      expect(error(r).code).toBe(c.code ?? ErrorCode.ValidationFailed);
    }
    const short = await second(id, t.officer2, { agree: true, reason: 'no', rowVersion: 1 });
    expect(short.statusCode).toBe(400);
    expect(await detail(id)).toMatchObject({ state: 'open', rowVersion: 1 });
  });

  it('two officers seconding at once: exactly one decides', async () => {
    const id = await quiet('Izzat Ibrahim al-Douri', 0.97);
    const proposed = await resolve(id, t.officer, { resolution: 'confirmed', reason: 'Name, birth year and town match', rowVersion: 1 });
    const rowVersion = proposed.json<ScreeningMatchDetail>().rowVersion;
    const [a, b] = await Promise.all([
      second(id, t.officer2, { agree: true, reason: 'Agreed: it is the listed man', rowVersion }),
      second(id, t.admin, { agree: false, reason: 'Not enough: ask for the passport', rowVersion }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect([ErrorCode.StaleScreeningMatch, ErrorCode.ScreeningMatchNotOpen]).toContain(error(loser).code);
    const trail = await trailOf(id);
    expect(trail).toHaveLength(2);
    expect(['screening.match_confirmed', 'screening.match_returned']).toContain(trail[1].action);
  });

  it('the queue pages by keyset in its order (state, score, raised, id): forward and back give the whole, ties included', async () => {
    const ids: string[] = [];
    for (const [i, score] of [0.9, 0.9, 0.9, 0.85, 0.99, 0.9, 0.85].entries()) ids.push(await quiet(`Kqz Page ${i}`, score));
    await resolve(ids[3], t.officer, { resolution: 'confirmed', reason: 'Looks like the listed man', rowVersion: 1 });
    const url = (more: string) => `${ScreeningPaths.matches}?q=Kqz%20Page&${more}`;
    const whole = (await call('GET', url('pageSize=100'), t.officer)).json<KeysetPage<ScreeningMatchView>>();
    expect(whole.items).toHaveLength(7);
    expect(whole.items[0].id).toBe(ids[3]);
    expect(whole.items.slice(1).map((m) => m.score)).toEqual([0.99, 0.9, 0.9, 0.9, 0.9, 0.85]);
    const walked: string[] = [];
    let page = (await call('GET', url('pageSize=2'), t.officer)).json<KeysetPage<ScreeningMatchView>>();
    expect(page).toMatchObject({ total: 7, totalCapped: false, previous: null });
    walked.push(...page.items.map((m) => m.id));
    while (page.next) {
      page = (await call('GET', url(`pageSize=2&after=${page.next}`), t.officer)).json<KeysetPage<ScreeningMatchView>>();
      walked.push(...page.items.map((m) => m.id));
    }
    expect(walked).toEqual(whole.items.map((m) => m.id));
    const back: string[] = [...page.items.map((m) => m.id)];
    while (page.previous) {
      page = (await call('GET', url(`pageSize=2&before=${page.previous}`), t.officer)).json<KeysetPage<ScreeningMatchView>>();
      back.unshift(...page.items.map((m) => m.id));
    }
    expect(back).toEqual(walked);
    const bad = await call('GET', url(`before=${Buffer.from('[1,"x","2026-01-01T00:00:00Z","y"]').toString('base64url')}`), t.officer);
    expect(bad.statusCode).toBe(400);
    expect(error(bad).fields?.[0]?.field).toBe('before');
  });

  it('the queue: open and pending by default, by state, then score, searchable; non-officers 403; another agency 404', async () => {
    const low = await quiet('Zzq Queue Low', 0.82);
    const high = await quiet('Zzq Queue High', 0.99);
    const page = (await call('GET', `${ScreeningPaths.matches}?q=Zzq%20Queue`, t.officer)).json<KeysetPage<ScreeningMatchView>>();
    expect(page.items.map((m) => m.id)).toEqual([high, low]);
    expect(page.total).toBe(2);
    const proposed = await resolve(low, t.officer, { resolution: 'confirmed', reason: 'Looks like the listed man', rowVersion: 1 });
    expect(proposed.statusCode).toBe(200);
    // Waiting for a second officer comes first.
    expect((await call('GET', `${ScreeningPaths.matches}?q=zzq`, t.officer)).json<KeysetPage<ScreeningMatchView>>().items.map((m) => m.id)).toEqual([low, high]);
    expect((await call('GET', `${ScreeningPaths.matches}?q=zzq&state=pending_second`, t.officer)).json<KeysetPage<ScreeningMatchView>>().items.map((m) => m.id)).toEqual([low]);
    const byRef = (await call('GET', `${ScreeningPaths.matches}?q=IQi.006&partyKind=organization&pageSize=100`, t.officer)).json<KeysetPage<ScreeningMatchView>>();
    expect(byRef.items.length).toBeGreaterThanOrEqual(2);
    expect(byRef.items.every((m) => m.reference === 'IQi.006' && (m.state === 'open' || m.state === 'pending_second'))).toBe(true);
    // Cleared ones only when asked for.
    const cleared = (await call('GET', `${ScreeningPaths.matches}?state=cleared`, t.officer)).json<KeysetPage<ScreeningMatchView>>();
    expect(cleared.items.every((m) => m.state === 'cleared')).toBe(true);
    expect(cleared.total).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `${ScreeningPaths.matches}?state=nonsense`, t.officer)).statusCode).toBe(400);
    expect((await call('GET', `${ScreeningPaths.matches}?q=${'x'.repeat(201)}`, t.officer)).statusCode).toBe(400);
    // A % in the search is a character, not a wildcard.
    expect((await call('GET', `${ScreeningPaths.matches}?q=%25`, t.officer)).json<KeysetPage<ScreeningMatchView>>().total).toBe(0);

    for (const token of [t.finance, t.applicant]) {
      expect((await call('GET', ScreeningPaths.matches, token)).statusCode).toBe(403);
      expect((await call('GET', ScreeningPaths.match(high), token)).statusCode).toBe(403);
      expect((await resolve(high, token, { resolution: 'false_positive', reason: 'Not our business here', rowVersion: 1 })).statusCode).toBe(403);
      expect((await call('GET', ScreeningPaths.organization(quietOrgId), token)).statusCode).toBe(403);
    }
    expect((await call('GET', ScreeningPaths.match(high), t.southOfficer)).statusCode).toBe(404);
    expect((await resolve(high, t.southOfficer, { resolution: 'false_positive', reason: 'Another agency tries it', rowVersion: 1 })).statusCode).toBe(404);
    expect((await second(low, t.southOfficer, { agree: true, reason: 'Another agency tries it', rowVersion: 2 })).statusCode).toBe(404);
    expect((await call('GET', ScreeningPaths.organization(quietOrgId), t.southOfficer)).statusCode).toBe(404);
    expect((await call('GET', ScreeningPaths.matches, t.southOfficer)).json<KeysetPage<ScreeningMatchView>>().items.some((m) => m.id === high)).toBe(false);
    expect((await detail(high)).state).toBe('open');
    // The south agency sees its own.
    const southOwn = await insertScreeningMatch(api.dataSource, southList, {
      agencyId: w.south.agency.id,
      partyKind: 'organization',
      partyId: w.southOrganizationId,
      organizationId: w.southOrganizationId,
      screenedName: 'Mosul Friends',
      reference: 'IQi.006',
      score: 0.83,
    });
    expect((await call('GET', ScreeningPaths.match(southOwn), t.southOfficer)).statusCode).toBe(200);
    expect((await call('GET', ScreeningPaths.match(southOwn), t.officer)).statusCode).toBe(404);
  });

  describe('where money moves', () => {
    it('a partner with an open match blocks countersigning and due diligence; once cleared the grant goes ahead', async () => {
      const active = await activeGrant(api, w, { officer: t.officer, applicant: t.applicant });
      const signed = await signedGrant(api, w, { officer: t.officer, applicant: t.applicant });
      await api.reauth(t.officer);
      const matchId = await insertScreeningMatch(api.dataSource, list, {
        agencyId: w.north.agency.id,
        partyKind: 'partner',
        partyId: w.partnerOrganizationId,
        organizationId: w.organizationId,
        partnerOrganizationId: w.partnerOrganizationId,
        screenedName: 'شركاء البصرة',
        reference: 'IQi.006',
        score: 0.84,
      });
      const before = (await call('GET', GrantPaths.grant(signed.id), t.officer)).json<GrantView>();
      const blocked = await call('POST', GrantPaths.countersign(signed.id), t.officer, { version: signed.currentVersion });
      expect(blocked.statusCode).toBe(409);
      expect(error(blocked)).toMatchObject({ code: ErrorCode.ScreeningMatchUnresolved, params: { count: 1, names: 'شركاء البصرة' } });
      const after = (await call('GET', GrantPaths.grant(signed.id), t.officer)).json<GrantView>();
      expect(after).toMatchObject({ state: 'awaiting_countersignature', rowVersion: before.rowVersion });
      expect((await api.dataSource.query(`SELECT count(*)::int AS n FROM journal_entry WHERE grant_id = $1`, [signed.id]))[0].n).toBe(0);

      // The active grant's tranche says why it cannot be released.
      const activeView = (await call('GET', GrantPaths.grant(active.id), t.officer)).json<GrantView>();
      const dd = activeView.tranches[0].conditions.find((c) => c.kind === 'due_diligence_valid');
      expect(dd).toMatchObject({ ok: false, reasonCode: 'CONDITION_SANCTIONS_UNRESOLVED', reasonParams: { count: 1 } });
      expect(activeView.tranches[0].requestable).toBe(false);
      const status = (await call('GET', ScreeningPaths.organization(w.organizationId), t.officer)).json<OrganizationScreeningView>();
      expect(status).toMatchObject({ status: 'pending' });
      expect(status.matches.map((m) => m.id)).toEqual([matchId]);
      expect(status.matches[0].party).toMatchObject({ kind: 'partner', partnerName: 'شركاء البصرة' });

      const cleared = await resolve(matchId, t.officer2, { resolution: 'false_positive', reason: 'A partner registered in Basra since 2009', rowVersion: 1 });
      expect(cleared.json<ScreeningMatchDetail>().state).toBe('cleared');
      const ok = await call('POST', GrantPaths.countersign(signed.id), t.officer, { version: signed.currentVersion });
      expect(ok.statusCode).toBe(200);
      expect(ok.json<GrantView>().state).toBe('active');
      const released = (await call('GET', GrantPaths.grant(active.id), t.officer)).json<GrantView>();
      expect(released.tranches[0].conditions.find((c) => c.kind === 'due_diligence_valid')?.ok).toBe(true);
      expect((await call('GET', ScreeningPaths.organization(w.organizationId), t.officer)).json<OrganizationScreeningView>().status).toBe('clear');
    });

    it('a payment of a grant with a confirmed match cannot be approved; the desk says why', async () => {
      const grant = await activeGrant(api, w, { officer: t.officer, applicant: t.applicant });
      const release = await call('POST', GrantPaths.trancheRelease(grant.id, grant.tranches[0].id), t.officer, { note: 'First tranche' });
      expect(release.statusCode).toBe(201);
      const { paymentId } = release.json<{ paymentId: string }>();
      const unblocked = (await call('GET', FinancePaths.payment(paymentId), t.finance)).json<PaymentView>();
      expect(unblocked).toMatchObject({ screeningBlock: null });
      expect(unblocked.actions).toContain('approve');

      // A supplier on the grant's lines is confirmed on the list (after the request).
      const matchId = await insertScreeningMatch(api.dataSource, list, {
        agencyId: w.north.agency.id,
        partyKind: 'supplier',
        partyId: grant.id,
        organizationId: w.organizationId,
        screenedName: 'Al-Duri Construction',
        reference: 'IQi.006',
        score: 0.88,
      });
      const pendingView = (await call('GET', FinancePaths.payment(paymentId), t.finance)).json<PaymentView>();
      expect(pendingView.screeningBlock).toEqual({ code: 'SCREENING_MATCH_UNRESOLVED', count: 1, names: 'Al-Duri Construction' });
      const proposed = await resolve(matchId, t.officer, { resolution: 'confirmed', reason: 'The supplier’s owner is the listed man', rowVersion: 1 });
      await second(matchId, t.officer2, { agree: true, reason: 'Agreed, from the registry extract', rowVersion: proposed.json<ScreeningMatchDetail>().rowVersion });
      expect((await detail(matchId)).state).toBe('confirmed');

      await api.reauth(t.finance);
      const approve = await call('POST', FinancePaths.approve(paymentId), t.finance);
      expect(approve.statusCode).toBe(409);
      expect(error(approve)).toMatchObject({ code: ErrorCode.ScreeningMatchConfirmed, params: { count: 1, names: 'Al-Duri Construction' } });
      const [payment] = (await api.dataSource.query('SELECT state, approved_by FROM payment WHERE id = $1', [paymentId])) as { state: string; approved_by: string | null }[];
      expect(payment).toEqual({ state: 'requested', approved_by: null });
      const desk = (await call('GET', FinancePaths.payment(paymentId), t.finance)).json<PaymentView>();
      expect(desk.screeningBlock).toEqual({ code: 'SCREENING_MATCH_CONFIRMED', count: 1, names: 'Al-Duri Construction' });
      expect(desk.actions).not.toContain('approve');
      const listed = (await call('GET', `${FinancePaths.payments}?grantId=${grant.id}`, t.finance)).json<Page<PaymentView>>();
      expect(listed.items.find((p) => p.id === paymentId)?.screeningBlock?.code).toBe('SCREENING_MATCH_CONFIRMED');
      // The grantee never sees screening.
      const mine = (await call('GET', GrantPaths.myGrant(grant.id), t.applicant)).json<GrantView>();
      expect(JSON.stringify(mine)).not.toContain('Al-Duri Construction');
      // Only this grant is blocked: the supplier names its own grant.
      const other = (await call('GET', GrantPaths.grant(grant.id), t.officer)).json<GrantView>();
      expect(other.tranches[1].conditions.find((c) => c.kind === 'due_diligence_valid')).toMatchObject({ ok: false, reasonCode: 'CONDITION_SANCTIONS_CONFIRMED', reasonParams: { count: 1 } });
    });

    it('a match raised after the approvals stops the bank file; the payment stays approved', async () => {
      await createUser(api.dataSource, w.north.agency.id, 'finance2@north.test', 'finance');
      const finance2 = await api.signIn('finance2@north.test');
      const grant = await activeGrant(api, w, { officer: t.officer, applicant: t.applicant });
      const release = await call('POST', GrantPaths.trancheRelease(grant.id, grant.tranches[0].id), t.officer, { note: 'First tranche' });
      const { paymentId } = release.json<{ paymentId: string }>();
      await api.reauth(t.finance);
      await api.reauth(finance2);
      expect((await call('POST', FinancePaths.approve(paymentId), t.finance)).statusCode).toBe(200);
      const approved = await call('POST', FinancePaths.approve(paymentId), finance2);
      expect(approved.statusCode).toBe(200);
      expect(approved.json<PaymentView>().state).toBe('approved');
      await api.dataSource.query(`UPDATE finance_settings SET agency_name = 'Styrelsen', agency_iban = 'SE4550000000058398257466', agency_bic = 'ESSESESS' WHERE agency_id = $1`, [
        w.north.agency.id,
      ]);
      await insertScreeningMatch(api.dataSource, list, {
        agencyId: w.north.agency.id,
        partyKind: 'supplier',
        partyId: grant.id,
        organizationId: w.organizationId,
        screenedName: 'Ibrahim Douri Transport',
        reference: 'IQi.006',
        score: 0.83,
      });
      expect((await call('GET', FinancePaths.payment(paymentId), t.finance)).json<PaymentView>().screeningBlock).toEqual({
        code: 'SCREENING_MATCH_UNRESOLVED',
        count: 1,
        names: 'Ibrahim Douri Transport',
      });
      const today = new Date().toISOString().slice(0, 10);
      const file = await call('POST', FinancePaths.bankFiles, t.finance, { executionDate: today, paymentIds: [paymentId] });
      expect(file.statusCode).toBe(409);
      expect(error(file)).toMatchObject({ code: ErrorCode.ScreeningMatchUnresolved, params: { count: 1, names: 'Ibrahim Douri Transport' } });
      const [payment] = (await api.dataSource.query('SELECT state, bank_file_id FROM payment WHERE id = $1', [paymentId])) as { state: string; bank_file_id: string | null }[];
      expect(payment).toEqual({ state: 'approved', bank_file_id: null });
    });
  });
});
