import { ApiErrorBody, BOARD_SORTS, BoardRowView, BoardView } from '@mizan/contracts';
import { fundingLine, rankApplications } from '@mizan/domain';
import { ApiHarness } from '../../testing/api-harness';
import { insertApplication, insertOrganization } from '../intake/calls/calls-testing';
import { ReviewWorld, callPath, reviewWorld } from './review.fixtures';

/*
 * The board by keyset pages (issue 14): 62 applications, scores with many ties, some unscored,
 * some rejected. The ranking and the funding line are checked against the domain's own functions
 * over the whole list, and every sort walked page by page both ways.
 */
const ENVELOPE = 800000n;

describe('review board: keyset pages (real PostgreSQL)', () => {
  let api: ApiHarness;
  let w: ReviewWorld;
  let officer: string;

  beforeAll(async () => {
    api = await ApiHarness.start('review_board_keyset');
    w = await reviewWorld(api, { envelopeMinor: ENVELOPE.toString(), maxGrantMinor: '50000' });
    officer = await api.signIn('officer@north.test');
    const ds = api.dataSource;
    const agencyId = w.north.agency.id;
    const userId = w.north.users.applicant.id;
    const orgs = [
      await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Keyset One' }),
      await insertOrganization(ds, { agencyId, createdBy: userId, name: 'Keyset Two' }),
    ];
    const reviewers = [w.reviewers.r1.id, w.reviewers.r2.id, w.reviewers.r3.id];
    const same = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 62; i++) {
      const state = i % 13 === 5 ? 'rejected' : i % 4 === 0 ? 'eligible' : 'in_review';
      const id = await insertApplication(ds, {
        callId: w.call.id,
        organizationId: orgs[i % 2],
        agencyId,
        userId,
        state,
        title: `Board ${String.fromCharCode(65 + (i % 9))}`,
        submittedAt: i % 7 === 0 ? same : new Date(Date.now() - 86_400_000 + i * 1_000),
      });
      await ds.query(`UPDATE application SET requested_minor = $2 WHERE id = $1`, [id, 10000 + (i % 5) * 10000]);
      if (i % 11 === 3) continue; // never scored
      const count = 1 + (i % 3);
      for (let r = 0; r < count; r++) {
        await ds.query(
          `INSERT INTO review_assignment (application_id, call_id, agency_id, reviewer_id, status, assigned_by, submitted_at, recommendation, weighted_hundredths)
           VALUES ($1, $2, $3, $4, 'submitted', $5, now(), 'fund', $6)`,
          [id, w.call.id, agencyId, reviewers[r], w.north.users.officer.id, 200 + ((i * 37 + r * 91) % 7) * 25],
        );
      }
    }
  });
  afterAll(async () => {
    await api?.stop();
  });

  const page = async (query: string): Promise<BoardView> => {
    const response = await api.request('GET', callPath(w.call.id, `board${query}`), { cookie: officer });
    expect(response.statusCode).toBe(200);
    return response.json<BoardView>();
  };
  const whole = async (query: string): Promise<BoardRowView[]> => (await page(`?pageSize=200${query}`)).items;

  async function walk(query: string): Promise<{ forward: BoardRowView[]; backward: BoardRowView[]; pages: BoardView[] }> {
    const pages: BoardView[] = [];
    let cursor: string | null = null;
    do {
      const next: BoardView = await page(`?pageSize=7${query}${cursor ? `&after=${cursor}` : ''}`);
      pages.push(next);
      cursor = next.next;
    } while (cursor);
    const last = pages[pages.length - 1];
    const backward = [...last.items];
    cursor = last.previous;
    while (cursor) {
      const before = await page(`?pageSize=7${query}&before=${cursor}`);
      backward.unshift(...before.items);
      cursor = before.previous;
    }
    return { forward: pages.flatMap((p) => p.items), backward, pages };
  }

  /** The board's ranking and line against the domain's own functions over the whole list. */
  async function expectRankedAsDomain(count = 62, envelope = ENVELOPE): Promise<ReturnType<typeof fundingLine>> {
    const rows = await whole('');
    expect(rows).toHaveLength(count);
    const competing = rows
      .filter((r) => r.meanScore !== null && r.state !== 'rejected')
      .map((r) => ({ r, meanHundredths: Math.round((r.meanScore as number) * 100), submittedAt: r.submittedAt, receiptNumber: r.receiptNumber, requestedMinor: BigInt(r.requestedMinor) }));
    const line = fundingLine(rankApplications(competing), envelope);
    const expected = line.positions.map((p, i) => [p.item.r.applicationId, i + 1, p.cumulativeMinor.toString(), p.aboveLine]);
    expect(rows.filter((r) => r.rank !== null).map((r) => [r.applicationId, r.rank, r.cumulativeRequestedMinor, r.aboveFundingLine])).toEqual(expected);
    const view = await page('?pageSize=3');
    expect(view.fundingLine).toEqual({ aboveCount: line.aboveCount, fundedMinor: line.fundedMinor.toString(), remainingMinor: line.remainingMinor.toString() });
    expect(view.total).toBe(count);
    return line;
  }

  it('ranks and draws the funding line as the domain does over the whole call', async () => {
    const line = await expectRankedAsDomain();
    expect(line.aboveCount).toBeGreaterThan(3);
    expect(line.aboveCount).toBeLessThan(line.positions.length);
  });

  it('page 3 carries the same rank, cumulative request and line as the whole list', async () => {
    const all = await whole('');
    const { pages } = await walk('');
    const third = pages[2].items;
    expect(third).toHaveLength(7);
    expect(third.map((r) => [r.applicationId, r.rank, r.cumulativeRequestedMinor, r.aboveFundingLine])).toEqual(
      all.slice(14, 21).map((r) => [r.applicationId, r.rank, r.cumulativeRequestedMinor, r.aboveFundingLine]),
    );
    // Sorted another way, a row's funding-line values do not change either.
    const byTitle = new Map(all.map((r) => [r.applicationId, r.cumulativeRequestedMinor]));
    const titled = (await walk('&sort=title')).pages[2].items;
    expect(titled.map((r) => r.cumulativeRequestedMinor)).toEqual(titled.map((r) => byTitle.get(r.applicationId)));
  });

  for (const sort of BOARD_SORTS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sort ${sort} ${direction}: the pages forward and back give the whole ordering once`, async () => {
        const expected = (await whole(`&sort=${sort}&direction=${direction}`)).map((r) => r.applicationId);
        const { forward, backward } = await walk(`&sort=${sort}&direction=${direction}`);
        expect(forward.map((r) => r.applicationId)).toEqual(expected);
        expect(backward.map((r) => r.applicationId)).toEqual(expected);
        expect(new Set(expected).size).toBe(62);
      });
    }
  }

  it('filters combine with paging and the count', async () => {
    for (const query of ['&line=below&sort=score', '&disagreement=true&sort=spread', '&state=eligible&sort=requested&direction=asc', '&line=above']) {
      const expected = (await whole(query)).map((r) => r.applicationId);
      const { forward, pages } = await walk(query);
      expect(forward.map((r) => r.applicationId)).toEqual(expected);
      expect(pages[0].total).toBe(expected.length);
    }
    expect((await whole('&line=above')).every((r) => r.aboveFundingLine)).toBe(true);
    expect((await whole('&state=eligible')).every((r) => r.state === 'eligible')).toBe(true);
    // One application's row, as the application's review page reads it: the same rank and line as on the board.
    const all = await whole('');
    const sample = all[20];
    expect((await page(`?applicationId=${sample.applicationId}&pageSize=1`)).items).toEqual([sample]);
  });

  it('refuses bad cursors (400 naming the field); another agency’s officer finds no board (404)', async () => {
    const next = (await page('?pageSize=5&sort=submitted')).next as string;
    for (const [query, field] of [
      ['?after=%%%', 'after'],
      ['?before=WzEsMiwzXQ', 'before'], // [1,2,3]: the rank order's cursor is one value (board_pos)
      [`?sort=score&after=${next}`, 'after'],
      ['?pageSize=1000', 'pageSize'],
    ] as const) {
      const response = await api.request('GET', callPath(w.call.id, `board${query}`), { cookie: officer });
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain(field);
    }
    const south = await api.signIn('officer@south.test');
    expect((await api.request('GET', callPath(w.call.id, 'board?pageSize=5'), { cookie: south })).statusCode).toBe(404);
  });

  // Last: these change the world. board_standing (migration 1765870000000) is ranked again at the commit of each write.
  describe('the kept ranking stays exact after writes', () => {
    const ds = () => api.dataSource;
    const submitScore = (applicationId: string, reviewer: string, hundredths: number) =>
      ds().query(
        `INSERT INTO review_assignment (application_id, call_id, agency_id, reviewer_id, status, assigned_by, submitted_at, recommendation, weighted_hundredths)
         VALUES ($1, $2, $3, $4, 'submitted', $5, now(), 'fund', $6)`,
        [applicationId, w.call.id, w.north.agency.id, reviewer, w.north.users.officer.id, hundredths],
      );

    it('a score submitted for an unscored application ranks it; a decision (rejected) takes it out again', async () => {
      const unscored = (await whole('')).find((r) => r.rank === null && r.state !== 'rejected') as BoardRowView;
      await submitScore(unscored.applicationId, w.reviewers.r1.id, 500);
      await expectRankedAsDomain();
      expect((await whole('')).find((r) => r.applicationId === unscored.applicationId)?.rank).toBe(1);
      await ds().query(`UPDATE application SET state = 'rejected' WHERE id = $1`, [unscored.applicationId]);
      await expectRankedAsDomain();
      expect((await whole('')).find((r) => r.applicationId === unscored.applicationId)).toMatchObject({ rank: null, state: 'rejected', aboveFundingLine: false });
    });

    it('a decision that keeps the row’s place (in_review → approved, reserve) changes that row’s state alone', async () => {
      const before = await whole('');
      const ranked = before.filter((r) => r.rank !== null && r.state === 'in_review').slice(0, 2);
      await ds().query(`UPDATE application SET state = 'approved' WHERE id = $1`, [ranked[0].applicationId]);
      await ds().query(`UPDATE application SET state = 'reserve' WHERE id = $1`, [ranked[1].applicationId]);
      const after = await whole('');
      const states = new Map([
        [ranked[0].applicationId, 'approved'],
        [ranked[1].applicationId, 'reserve'],
      ]);
      expect(after).toEqual(before.map((r) => ({ ...r, state: states.get(r.applicationId) ?? r.state })));
      expect((await whole('&state=approved')).map((r) => r.applicationId)).toContain(ranked[0].applicationId);
      await expectRankedAsDomain();
    });

    it('a change of request moves every cumulative amount after it; the envelope moves the line without ranking again', async () => {
      const [first] = await whole('');
      await ds().query(`UPDATE application SET requested_minor = requested_minor + 70000 WHERE id = $1`, [first.applicationId]);
      const line = await expectRankedAsDomain();
      expect((await whole('')).find((r) => r.applicationId === first.applicationId)?.cumulativeRequestedMinor).toBe((BigInt(first.requestedMinor) + 70000n).toString());
      await ds().query(`UPDATE grant_call SET envelope_minor = envelope_minor / 2 WHERE id = $1`, [w.call.id]);
      const halved = await expectRankedAsDomain(62, ENVELOPE / 2n);
      expect(halved.aboveCount).toBeLessThan(line.aboveCount);
      await ds().query(`UPDATE grant_call SET envelope_minor = $2 WHERE id = $1`, [w.call.id, ENVELOPE.toString()]);
    });

    it('a rolled-back write leaves the ranking as it was; two writers committing at once both count', async () => {
      const before = await whole('');
      const runner = ds().createQueryRunner();
      await runner.startTransaction();
      await runner.query(`UPDATE application SET state = 'rejected' WHERE id = $1`, [before[0].applicationId]);
      await runner.rollbackTransaction();
      await runner.release();
      expect(await whole('')).toEqual(before);

      const unscored = before.filter((r) => r.rank === null && r.state !== 'rejected').slice(0, 2);
      expect(unscored).toHaveLength(2);
      const runners = [ds().createQueryRunner(), ds().createQueryRunner()];
      for (const [i, r] of runners.entries()) {
        await r.startTransaction();
        await r.query(
          `INSERT INTO review_assignment (application_id, call_id, agency_id, reviewer_id, status, assigned_by, submitted_at, recommendation, weighted_hundredths)
           VALUES ($1, $2, $3, $4, 'submitted', $5, now(), 'fund', $6)`,
          [unscored[i].applicationId, w.call.id, w.north.agency.id, w.reviewers.r2.id, w.north.users.officer.id, 300 + i * 25],
        );
      }
      await Promise.all(runners.map((r) => r.commitTransaction()));
      await Promise.all(runners.map((r) => r.release()));
      await expectRankedAsDomain();
      const after = await whole('');
      for (const u of unscored) expect(after.find((r) => r.applicationId === u.applicationId)?.rank).not.toBeNull();
    });
  });
});
