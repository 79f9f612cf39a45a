import { Workbook, Worksheet } from 'exceljs';
import { ApiErrorBody, AssignmentView, BoardChartsView, BoardRowView, BoardView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { ReviewWorld, applicationPath, callPath, eligibleApplication, reviewWorld, scoreAndSubmit } from './review.fixtures';

/*
 * Envelope 2,000,000.00 SEK. Requests: 860,000.00 SEK (100 %) or 430,000.00 SEK (50 %).
 *
 *   P  4.00 (4,4,4 | 4,4,4)   860,000   cum   860,000  above
 *   R  4.00 (4,4,4 | 4,4,4)   430,000   cum 1,290,000  above   (ties with P: P was submitted first)
 *   Q  3.50 (5,5,5 | 2,2,2)   860,000   cum 2,150,000  below   (spread 3.00 > 1.50: disagreement)
 *   S  2.90 (3,2,4 | —)       860,000   cum 3,010,000  below   (one review of two submitted)
 *   T  2.00 (2,2,2 | 2,2,2)   430,000   cum 3,440,000  below   (would fit in what is left: the line is strict)
 *   U  —                      860,000   unranked
 */
const ENVELOPE = '200000000';

describe('review board: weighted scores, ranking, funding line, export, charts', () => {
  let api: ApiHarness;
  let w: ReviewWorld;
  const t = {} as Record<'officer' | 'applicant' | 'bashir' | 'r1' | 'r2' | 'southOfficer', string>;
  const apps = {} as Record<'P' | 'R' | 'Q' | 'S' | 'T' | 'U', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('review_board');
    w = await reviewWorld(api, { envelopeMinor: ENVELOPE });
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.bashir = await api.signIn('bashir@north.test');
    t.r1 = await api.signIn(w.reviewers.r1.email);
    t.r2 = await api.signIn(w.reviewers.r2.email);
    t.southOfficer = await api.signIn('officer@south.test');
    await api.dataSource.query(`UPDATE organization SET thematic_expertise = '{Water, education}' WHERE id = $1`, [w.orgB]);
    const a = { applicant: t.applicant, officer: t.officer, callId: w.call.id, organizationId: w.orgA, partnerIds: [w.partnerA] };
    const b = { applicant: t.bashir, officer: t.officer, callId: w.call.id, organizationId: w.orgB, partnerIds: [w.partnerB] };
    apps.P = await eligibleApplication(api, { ...a, title: 'P: psychosocial support' });
    apps.R = await eligibleApplication(api, { ...b, title: 'R: rainwater tanks', percent: 50 });
    apps.Q = await eligibleApplication(api, { ...a, title: 'Q: quality of care' });
    apps.S = await eligibleApplication(api, { ...b, title: 'S: sanitation' });
    apps.T = await eligibleApplication(api, { ...a, title: 'T: teacher training', percent: 50 });
    apps.U = await eligibleApplication(api, { ...b, title: 'U: unreviewed' });
    const assignments: Record<string, Record<'r1' | 'r2', string>> = {};
    for (const [key, id] of Object.entries(apps)) {
      assignments[key] = { r1: '', r2: '' };
      for (const r of ['r1', 'r2'] as const) {
        const response = await api.request('POST', applicationPath(id, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers[r].id } });
        assignments[key][r] = response.json<AssignmentView>().id;
      }
    }
    const scores: [keyof typeof apps, 'r1' | 'r2', [number, number, number]][] = [
      ['P', 'r1', [4, 4, 4]],
      ['P', 'r2', [4, 4, 4]],
      ['R', 'r1', [4, 4, 4]],
      ['R', 'r2', [4, 4, 4]],
      ['Q', 'r1', [5, 5, 5]],
      ['Q', 'r2', [2, 2, 2]],
      ['S', 'r1', [3, 2, 4]],
      ['T', 'r1', [2, 2, 2]],
      ['T', 'r2', [2, 2, 2]],
    ];
    for (const [key, r, values] of scores) await scoreAndSubmit(api, t[r], assignments[key][r], values);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const board = async (query = ''): Promise<BoardView> => {
    const response = await api.request('GET', callPath(w.call.id, `board${query}`), { cookie: t.officer });
    expect(response.statusCode).toBe(200);
    return response.json<BoardView>();
  };
  const row = (view: BoardView, key: keyof typeof apps): BoardRowView => view.items.find((r) => r.applicationId === apps[key]) as BoardRowView;

  it('shows each reviewer, the exact weighted scores, mean, spread and the disagreement flag', async () => {
    const view = await board();
    expect(view).toMatchObject({ callId: w.call.id, currency: 'SEK', envelopeMinor: ENVELOPE, disagreementThreshold: 1.5 });
    expect(row(view, 'S')).toMatchObject({
      submittedReviews: 1,
      // 40·3 + 35·2 + 25·4 = 120 + 70 + 100 = 290
      meanScore: 2.9,
      spread: 0,
      disagreement: false,
      reviewers: [
        expect.objectContaining({ reviewerId: w.reviewers.r1.id, status: 'submitted', weightedScore: 2.9, recommendation: 'fund' }),
        expect.objectContaining({ reviewerId: w.reviewers.r2.id, status: 'assigned', weightedScore: null, recommendation: null }),
      ],
    });
    expect(row(view, 'Q')).toMatchObject({ meanScore: 3.5, spread: 3, disagreement: true });
    expect(row(view, 'P')).toMatchObject({ meanScore: 4, spread: 0, disagreement: false });
    expect(row(view, 'U')).toMatchObject({ submittedReviews: 0, meanScore: null, spread: null, disagreement: false, rank: null, cumulativeRequestedMinor: null, aboveFundingLine: false });
  });

  it('ranks by mean score (ties to the earlier submission) and draws a strict funding line within the envelope', async () => {
    const view = await board();
    expect(view.items.map((r) => [r.title.slice(0, 1), r.rank, r.requestedMinor, r.cumulativeRequestedMinor, r.aboveFundingLine])).toEqual([
      ['P', 1, '86000000', '86000000', true],
      ['R', 2, '43000000', '129000000', true],
      ['Q', 3, '86000000', '215000000', false],
      ['S', 4, '86000000', '301000000', false],
      // T would fit in the 710,000.00 SEK left, but stays below a strict line.
      ['T', 5, '43000000', '344000000', false],
      ['U', null, '86000000', null, false],
    ]);
    expect(view.fundingLine).toEqual({ aboveCount: 2, fundedMinor: '129000000', remainingMinor: '71000000' });
    const above = view.items.filter((r) => r.aboveFundingLine).reduce((sum, r) => sum + BigInt(r.requestedMinor), 0n);
    expect(above <= BigInt(ENVELOPE)).toBe(true);
  });

  it('a rejected application keeps its scores but leaves the ranking, and the line moves', async () => {
    await api.dataSource.query(`UPDATE application SET state = 'rejected' WHERE id = $1`, [apps.Q]);
    try {
      const view = await board();
      expect(row(view, 'Q')).toMatchObject({ state: 'rejected', meanScore: 3.5, rank: null, aboveFundingLine: false });
      expect(view.items.filter((r) => r.rank !== null).map((r) => [r.title.slice(0, 1), r.rank, r.aboveFundingLine])).toEqual([
        ['P', 1, true],
        ['R', 2, true],
        ['S', 3, false],
        ['T', 4, false],
      ]);
    } finally {
      await api.dataSource.query(`UPDATE application SET state = 'in_review' WHERE id = $1`, [apps.Q]);
    }
  });

  it('sorts and filters; the rank stays the ranking', async () => {
    expect((await board('?sort=requested&direction=asc')).items.map((r) => r.title.slice(0, 1))).toEqual(['R', 'T', 'P', 'Q', 'S', 'U']);
    expect((await board('?sort=spread')).items.map((r) => r.title.slice(0, 1))).toEqual(['Q', 'P', 'R', 'S', 'T', 'U']);
    expect((await board('?sort=score&direction=asc')).items.map((r) => r.title.slice(0, 1))).toEqual(['T', 'S', 'Q', 'P', 'R', 'U']);
    const disagreeing = await board('?disagreement=true');
    expect(disagreeing.items.map((r) => [r.title.slice(0, 1), r.rank])).toEqual([['Q', 3]]);
    expect((await board('?line=above')).items.map((r) => r.title.slice(0, 1))).toEqual(['P', 'R']);
    expect((await board('?line=below&sort=title&direction=desc')).items.map((r) => r.title.slice(0, 1))).toEqual(['U', 'T', 'S', 'Q']);
    expect((await board('?state=eligible')).items).toEqual([]);
    const bad = await api.request('GET', callPath(w.call.id, 'board?sort=luck'), { cookie: t.officer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ApiErrorBody>().fields?.[0].field).toBe('sort');
  });

  describe('XLSX export', () => {
    let sheet: Worksheet;
    let summary: Worksheet;

    beforeAll(async () => {
      const response = await api.request('GET', callPath(w.call.id, 'board.xlsx'), { cookie: t.officer });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="(review-board-\d{4}-\d{2}-\d{2}\.xlsx)"; filename\*=UTF-8''\1$/);
      const workbook = new Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      sheet = workbook.getWorksheet('Board') as Worksheet;
      summary = workbook.getWorksheet('Summary') as Worksheet;
    });

    it('parses back with a header row and one row per application, in rank order', () => {
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        'Rank',
        'Receipt',
        'Application',
        'Organization',
        'State',
        'Reviews submitted',
        'Reviewers',
        'Mean score',
        'Spread',
        'Disagreement',
        'Requested',
        'Cumulative requested',
        'Above funding line',
      ]);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.actualRowCount).toBe(7);
      const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(cells(2)).toEqual([
        1,
        expect.stringMatching(/^MZ-/),
        'P: psychosocial support',
        'Rafidain Health Association',
        'in review',
        '2 of 2',
        'reviewer of north (submitted, 4.00); r2@north.test (submitted, 4.00)',
        4,
        0,
        'No',
        860000,
        860000,
        'Yes',
      ]);
      expect(cells(4).slice(7, 13)).toEqual([3.5, 3, 'Yes', 860000, 2150000, 'No']);
      expect(sheet.getRow(7).getCell(1).value).toBeNull();
      expect(sheet.getRow(7).getCell(12).value).toBeNull();
    });

    it('keeps money as numbers in the currency format, freezes the header, and marks the funding line', () => {
      const requested = sheet.getRow(2).getCell(11);
      expect(typeof requested.value).toBe('number');
      expect(requested.numFmt).toBe('#,##0.00 "SEK"');
      expect(sheet.getRow(2).getCell(8).numFmt).toBe('0.00');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 3 });
      // The line runs under R, the last application that fits (rank 2, row 3).
      expect(sheet.getRow(3).getCell(1).border?.bottom?.style).toBe('thick');
      expect(sheet.getRow(2).getCell(1).border?.bottom).toBeUndefined();
      expect(sheet.getRow(4).getCell(1).border?.bottom).toBeUndefined();
      expect((sheet.getRow(3).getCell(5).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFE2F0D9');
      expect(sheet.getRow(4).getCell(5).fill).toBeUndefined();
    });

    it('summarises the envelope and the line', () => {
      const facts = new Map<string, unknown>();
      summary.eachRow((r) => facts.set(String(r.getCell(1).value), r.getCell(2).value));
      expect(facts.get('Envelope')).toBe(2000000);
      expect(facts.get('Requested above the funding line')).toBe(1290000);
      expect(facts.get('Left in the envelope')).toBe(710000);
      expect(facts.get('Applications above the funding line')).toBe(2);
    });

    it('applies the same filters as the board', async () => {
      const response = await api.request('GET', callPath(w.call.id, 'board.xlsx?disagreement=true'), { cookie: t.officer });
      const workbook = new Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const filtered = workbook.getWorksheet('Board') as Worksheet;
      expect(filtered.actualRowCount).toBe(2);
      expect(filtered.getRow(2).getCell(3).value).toBe('Q: quality of care');
    });
  });

  describe('charts', () => {
    it('bins mean scores and single reviews on the 0–5 scale, and sums requested against approved per theme and governorate', async () => {
      // An approval of P for 800,000.00 SEK, confirmed; and a proposal for R that is not final yet (not counted).
      // Written as the database allows (four eyes, also on INSERT): proposed, then confirmed by a second person.
      const [{ id: officerId }] = (await api.dataSource.query(`SELECT id FROM app_user WHERE email = 'officer@north.test'`)) as { id: string }[];
      const [{ id: secondId }] = (await api.dataSource.query(`SELECT id FROM app_user WHERE email = 'admin@north.test'`)) as { id: string }[];
      await api.dataSource.query(
        `INSERT INTO funding_decision (application_id, call_id, agency_id, outcome, state, amount_minor, currency, rationale, proposed_by, confirmed_at)
         VALUES ($1, $3, $4, 'approved', 'proposed', 80000000, 'SEK', 'Strong', $5, NULL),
                ($2, $3, $4, 'approved', 'proposed', 43000000, 'SEK', 'Good', $5, NULL)`,
        [apps.P, apps.R, w.call.id, w.north.agency.id, officerId],
      );
      await api.dataSource.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = $2, confirmed_at = now() WHERE application_id = $1`, [apps.P, secondId]);
      const response = await api.request('GET', callPath(w.call.id, 'board/charts'), { cookie: t.officer });
      expect(response.statusCode).toBe(200);
      const charts = response.json<BoardChartsView>();
      expect(charts.scoreDistribution).toHaveLength(10);
      expect(charts.scoreDistribution[0]).toEqual({ from: 0, to: 0.5, applications: 0, reviews: 0 });
      const bin = (from: number) => charts.scoreDistribution.find((b) => b.from === from);
      // Means: T 2.00, S 2.90, Q 3.50, P 4.00, R 4.00. Reviews: T 2,2; Q 5,2; S 2.9; P 4,4; R 4,4.
      expect(bin(2)).toMatchObject({ applications: 1, reviews: 3 });
      expect(bin(2.5)).toMatchObject({ applications: 1, reviews: 1 });
      expect(bin(3.5)).toMatchObject({ applications: 1, reviews: 0 });
      expect(bin(4)).toMatchObject({ applications: 2, reviews: 4 });
      expect(bin(4.5)).toMatchObject({ applications: 0, reviews: 1 });
      expect(charts.scoreDistribution.reduce((n, b) => n + b.reviews, 0)).toBe(9);
      expect(charts.totals).toEqual({ applications: 6, requestedMinor: '430000000', approvedMinor: '80000000' });
      // Organization B works in water (a theme of the program); A names none of the program's themes.
      expect(charts.byTheme).toEqual([
        { key: 'unspecified', label: 'Unspecified', applications: 3, requestedMinor: '215000000', approvedMinor: '80000000' },
        { key: 'water', label: 'water', applications: 3, requestedMinor: '215000000', approvedMinor: '0' },
      ]);
      expect(charts.byGovernorate).toEqual([{ key: 'IQ-BA', label: 'Basra', applications: 6, requestedMinor: '430000000', approvedMinor: '80000000' }]);
    });
  });

  it('an officer of another agency finds no board, export or charts of this call (404)', async () => {
    for (const rest of ['board', 'board.xlsx', 'board/charts']) {
      const response = await api.request('GET', callPath(w.call.id, rest), { cookie: t.southOfficer });
      expect(response.statusCode).toBe(404);
    }
    const own = await api.request('GET', callPath(w.southCall.id, 'board'), { cookie: t.southOfficer });
    expect(own.json<BoardView>().items).toEqual([]);
  });

  describe('disagreement threshold', () => {
    const put = (body: unknown, cookie = t.officer) => api.request('PUT', callPath(w.call.id, 'disagreement-threshold'), { cookie, body });
    afterEach(async () => {
      await api.dataSource.query('UPDATE grant_call SET disagreement_threshold = 1.50 WHERE id = $1', [w.call.id]);
    });

    it('an officer raises it with a reason: Q (spread 3.00) no longer disagrees, and the change is on the trail', async () => {
      const response = await put({ threshold: 3, reason: 'Rubric is coarse; only flag extreme splits' });
      expect(response.statusCode).toBe(200);
      const view = response.json<BoardView>();
      expect(view.disagreementThreshold).toBe(3);
      expect(row(view, 'Q')).toMatchObject({ spread: 3, disagreement: false });
      expect((await board()).disagreementThreshold).toBe(3);
      const [record] = (await api.dataSource.query(
        `SELECT action, reason, before, after FROM activity_record WHERE entity_id = $1 AND action = 'call.disagreement_threshold_changed' ORDER BY seq DESC LIMIT 1`,
        [w.call.id],
      )) as { action: string; reason: string; before: unknown; after: unknown }[];
      expect(record).toMatchObject({ reason: 'Rubric is coarse; only flag extreme splits', before: { disagreementThreshold: 1.5 }, after: { disagreementThreshold: 3 } });
    });

    it('refuses a threshold outside 0–5, with more than two decimals, not a number, or without a reason (400, nothing changed)', async () => {
      for (const body of [{ threshold: 5.5, reason: 'x' }, { threshold: -1, reason: 'x' }, { threshold: 1.234, reason: 'x' }, { threshold: 'high', reason: 'x' }, { threshold: 2, reason: '  ' }]) {
        const response = await put(body);
        expect(response.statusCode).toBe(400);
        expect(response.json<ApiErrorBody>().fields?.length).toBeGreaterThan(0);
      }
      expect((await board()).disagreementThreshold).toBe(1.5);
    });

    it('is refused to a reviewer (403) and unknown to an officer of another agency (404)', async () => {
      expect((await put({ threshold: 2, reason: 'mine' }, t.r1)).statusCode).toBe(403);
      expect((await put({ threshold: 2, reason: 'theirs' }, t.southOfficer)).statusCode).toBe(404);
      expect((await board()).disagreementThreshold).toBe(1.5);
    });
  });
});
