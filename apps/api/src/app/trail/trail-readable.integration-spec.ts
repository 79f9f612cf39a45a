import { ApiPaths, TrailExportView, TrailPage, type TrailAction, type TrailEntityType } from '@mizan/contracts';
import { seedAgency, type SeededAgency } from '@mizan/server/testing';
import { TrailService } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';

/** Issue 10: the trail filtered by action and entity, names instead of user ids, and exports that keep the filters. */
describe('trail for readers: filters, names, export filters', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let south: SeededAgency;
  let auditor: string;
  let admin: string;

  beforeAll(async () => {
    api = await ApiHarness.start('trail-readable');
    north = await seedAgency(api.dataSource, 'north');
    south = await seedAgency(api.dataSource, 'south');
    auditor = await api.signIn('auditor@north.test');
    admin = await api.signIn('admin@north.test');
    const trail = new TrailService(api.dataSource);
    const officer = north.users.officer;
    await trail.record(async () => ({
      result: undefined,
      entries: [
        {
          actor: { id: officer.id, label: officer.email },
          agencyId: north.agency.id,
          action: 'payment.paid' satisfies TrailAction,
          entityType: 'payment' satisfies TrailEntityType,
          entityId: '11111111-2222-4333-8444-555555555555',
          before: { state: 'sent_to_bank' },
          // A user of this agency, one of another agency, and an id that is no user at all.
          after: { state: 'paid', amountMinor: '47000000', currency: 'SEK', paidBy: north.users.finance.id, other: south.users.finance.id, grantId: '99999999-2222-4333-8444-555555555555' },
          reason: 'Bank advice',
        },
      ],
    }));
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  const list = async (query: string, cookie = auditor): Promise<TrailPage> => {
    const response = await api.request('GET', `${ApiPaths.trail}?${query}`, { cookie });
    expect(response.statusCode).toBe(200);
    return response.json<TrailPage>();
  };

  it('pages newest first by keyset, filtered or not: forward and back give the whole list, no record twice', async () => {
    // A date window pages by stored time then seq (its own cursor): the same records in the same order.
    for (const filter of ['', 'action=auth.signed_in&', 'from=2000-01-01&to=2100-01-01&']) {
      const whole = await list(`${filter}pageSize=200`);
      expect(whole.items.length).toBeGreaterThan(1);
      expect(whole).toMatchObject({ next: null, previous: null, total: whole.items.length, totalCapped: false });
      const seqs = whole.items.map((r) => BigInt(r.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      let page = await list(`${filter}pageSize=2`);
      const walked = [...page.items];
      while (page.next) {
        page = await list(`${filter}pageSize=2&after=${page.next}`);
        walked.push(...page.items);
      }
      expect(walked.map((r) => r.seq)).toEqual(whole.items.map((r) => r.seq));
      const back = [...page.items];
      while (page.previous) {
        page = await list(`${filter}pageSize=2&before=${page.previous}`);
        back.unshift(...page.items);
      }
      expect(back.map((r) => r.seq)).toEqual(whole.items.map((r) => r.seq));
    }
  });

  it('filters by action: only records of that code', async () => {
    const signIns = await list('action=auth.signed_in');
    expect(signIns.total).toBe(2);
    expect(signIns.items.every((r) => r.action === 'auth.signed_in')).toBe(true);
    const none = await list('action=auth.signed_out');
    expect(none.total).toBe(0);
  });

  it('filters by entity type and id together with the action', async () => {
    const page = await list('entityType=payment&entityId=11111111-2222-4333-8444-555555555555&action=payment.paid');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ action: 'payment.paid', reason: 'Bank advice' });
    expect((await list('entityType=payment&entityId=11111111-2222-4333-8444-555555555555&action=payment.approved')).total).toBe(0);
  });

  it('names the actors and the users in before / after, only of the reader’s agency', async () => {
    const page = await list('action=payment.paid');
    expect(page.names[north.users.officer.id]).toBe('officer of north');
    expect(page.names[north.users.finance.id]).toBe('finance of north');
    expect(page.names).not.toHaveProperty(south.users.finance.id);
    expect(page.names).not.toHaveProperty('99999999-2222-4333-8444-555555555555');
    // The admin reads the trail too and gets the same names.
    expect((await list('action=payment.paid', admin)).names[north.users.finance.id]).toBe('finance of north');
  });

  it('refuses a date range backwards with a 400, not a 500', async () => {
    const response = await api.request('GET', `${ApiPaths.trail}?from=2026-12-05&to=2026-12-01`, { cookie: auditor });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
  });

  it('an export keeps the filters on screen: same filters, same export; other filters, another one', async () => {
    const filters = { action: ' payment.paid ', entityType: 'payment', entityId: '', actor: '' };
    const first = await api.request('POST', ApiPaths.trailExports, { cookie: auditor, body: { filters } });
    expect(first.statusCode).toBe(202);
    const view = first.json<TrailExportView>();
    // Normalized: trimmed, empty ones left out — what the worker applies and the PDF prints.
    expect(view.filters).toEqual({ action: 'payment.paid', entityType: 'payment' });
    const stored = (await api.dataSource.query(`SELECT filters FROM trail_export WHERE id = $1`, [view.id])) as { filters: unknown }[];
    expect(stored[0].filters).toEqual({ action: 'payment.paid', entityType: 'payment' });

    const same = await api.request('POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: { entityType: 'payment', action: 'payment.paid' } } });
    expect(same.json<TrailExportView>().id).toBe(view.id);
    const whole = await api.request('POST', ApiPaths.trailExports, { cookie: auditor });
    expect(whole.json<TrailExportView>().id).not.toBe(view.id);
    expect(whole.json<TrailExportView>().filters).toEqual({});
    const listed = (await api.request('GET', ApiPaths.trailExports, { cookie: auditor })).json<TrailExportView[]>();
    expect(listed.find((e) => e.id === view.id)?.filters).toEqual({ action: 'payment.paid', entityType: 'payment' });
  });

  it('refuses export filters of the wrong shape with a 400', async () => {
    const wrong = await api.request('POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: 'action=x' } });
    expect(wrong.statusCode).toBe(400);
    const unknown = await api.request('POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: { colour: 'red' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ code: string }>().code).toBe('UNKNOWN_FIELDS');
    const backwards = await api.request('POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: { from: '2026-12-05', to: '2026-12-01' } } });
    expect(backwards.statusCode).toBe(400);
  });
});
