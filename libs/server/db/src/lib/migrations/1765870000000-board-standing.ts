import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * The review board's ranking kept in a table (issue 14): a page of the board costs O(page), not a ranking of the
 * whole call by window functions on every request (20,500 applications in the busiest call at scale 10 timed out).
 *
 * board_standing has one row per application on a board (eligible, in_review, approved, rejected, reserve) with
 * what the board sorts and filters on: the mean of submitted scores (hundredths, rounded half up), their spread, the
 * rank among competing rows (scored and not rejected), the running sum of requests in rank order (the funding line
 * is `cumulative <= envelope`, read with the call's envelope of the moment) and board_pos, the board's own order.
 *
 * Kept exact in the transaction of every write that changes it: row triggers on application and review_assignment
 * note the call in board_refresh_pending (one row per call and transaction); a deferred constraint trigger on that
 * table ranks the call again at commit, once per call and transaction (a change of state that keeps the row's place —
 * eligible → in_review, in_review → approved or reserve — or of title updates that row alone) (a bulk load of 10,000 rows ranks each call
 * once), under an advisory lock per call (7331014) so that two committing writers rank one after the other, each
 * seeing what the other committed. Only rows whose values change are written.
 */
export class BoardStanding1765870000000 implements MigrationInterface {
  name = 'BoardStanding1765870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE board_standing (
        application_id uuid PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
        call_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        state text NOT NULL,
        title text NOT NULL,
        submitted_at timestamptz,
        receipt_number text,
        requested bigint NOT NULL,
        submitted_reviews int NOT NULL,
        mean_h int,
        spread_h int,
        competing boolean NOT NULL,
        rank bigint,
        cumulative bigint,
        board_pos bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_board_standing_pos ON board_standing (call_id, board_pos)`);
    await q.query(`CREATE INDEX ix_board_standing_line ON board_standing (call_id, cumulative, rank) WHERE competing`);
    await q.query(`CREATE INDEX ix_board_standing_score ON board_standing (call_id, mean_h DESC NULLS LAST, board_pos)`);
    await q.query(`CREATE INDEX ix_board_standing_spread ON board_standing (call_id, spread_h DESC NULLS LAST, board_pos)`);
    await q.query(`CREATE INDEX ix_board_standing_requested ON board_standing (call_id, requested, board_pos)`);
    await q.query(`CREATE INDEX ix_board_standing_submitted ON board_standing (call_id, submitted_at, board_pos)`);
    await q.query(`CREATE INDEX ix_board_standing_title ON board_standing (call_id, title, board_pos)`);
    // application_id NULL: rank the call again; else only that application's state and title changed (not its place).
    await q.query(`CREATE TABLE board_refresh_pending (call_id uuid NOT NULL, txid bigint NOT NULL, application_id uuid)`);
    await q.query(`CREATE UNIQUE INDEX uq_board_refresh_pending ON board_refresh_pending (call_id, txid, COALESCE(application_id, '00000000-0000-0000-0000-000000000000'))`);
    await revokeFromRuntime(q, 'UPDATE', 'board_refresh_pending');

    // The ranking of one call, as the board ranked it in SQL before (board.service.ts RANKED_SQL).
    await q.query(`
      CREATE FUNCTION board_refresh(p_call uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7331014, hashtext(p_call::text));
        DELETE FROM board_standing s
         WHERE s.call_id = p_call
           AND NOT EXISTS (SELECT 1 FROM application a WHERE a.id = s.application_id AND a.call_id = p_call
                              AND a.state IN ('eligible','in_review','approved','rejected','reserve'));
        INSERT INTO board_standing AS s (application_id, call_id, agency_id, state, title, submitted_at, receipt_number, requested,
                                         submitted_reviews, mean_h, spread_h, competing, rank, cumulative, board_pos)
        SELECT x.id, p_call, x.agency_id, x.state, x.title, x.submitted_at, x.receipt_number, x.requested, x.submitted_reviews,
               x.mean_h, x.spread_h, x.competing, x.rank, x.cumulative,
               row_number() OVER (ORDER BY x.rank ASC NULLS LAST, x.submitted_at ASC NULLS LAST, x.receipt_number COLLATE "C" ASC NULLS LAST, x.id)
          FROM (SELECT b.*,
                       CASE WHEN b.competing THEN row_number() OVER w END AS rank,
                       CASE WHEN b.competing THEN sum(b.requested) OVER w END AS cumulative
                  FROM (SELECT a.id, a.agency_id, a.state, a.title, a.submitted_at, a.receipt_number, a.requested_minor AS requested,
                               COALESCE(r.n, 0) AS submitted_reviews,
                               CASE WHEN r.n > 0 THEN floor((2 * r.total + r.n)::numeric / (2 * r.n))::int END AS mean_h,
                               r.spread_h,
                               COALESCE(r.n, 0) > 0 AND a.state <> 'rejected' AS competing
                          FROM application a
                          LEFT JOIN (SELECT ra.application_id, count(*)::int AS n, sum(ra.weighted_hundredths)::bigint AS total,
                                            (max(ra.weighted_hundredths) - min(ra.weighted_hundredths))::int AS spread_h
                                       FROM review_assignment ra
                                      WHERE ra.call_id = p_call AND ra.status = 'submitted' AND ra.weighted_hundredths IS NOT NULL
                                      GROUP BY ra.application_id) r ON r.application_id = a.id
                         WHERE a.call_id = p_call AND a.state IN ('eligible','in_review','approved','rejected','reserve')) b
                WINDOW w AS (PARTITION BY b.competing ORDER BY b.mean_h DESC, b.submitted_at ASC NULLS LAST, b.receipt_number COLLATE "C" ASC NULLS LAST, b.id
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) x
        ON CONFLICT (application_id) DO UPDATE
           SET call_id = excluded.call_id, agency_id = excluded.agency_id, state = excluded.state, title = excluded.title,
               submitted_at = excluded.submitted_at, receipt_number = excluded.receipt_number, requested = excluded.requested,
               submitted_reviews = excluded.submitted_reviews, mean_h = excluded.mean_h, spread_h = excluded.spread_h,
               competing = excluded.competing, rank = excluded.rank, cumulative = excluded.cumulative, board_pos = excluded.board_pos
         WHERE (s.call_id, s.agency_id, s.state, s.title, s.submitted_at, s.receipt_number, s.requested, s.submitted_reviews, s.mean_h,
                s.spread_h, s.competing, s.rank, s.cumulative, s.board_pos)
               IS DISTINCT FROM
               (excluded.call_id, excluded.agency_id, excluded.state, excluded.title, excluded.submitted_at, excluded.receipt_number,
                excluded.requested, excluded.submitted_reviews, excluded.mean_h, excluded.spread_h, excluded.competing, excluded.rank,
                excluded.cumulative, excluded.board_pos);
      END $$`);

    // At commit: rank each noted call once.
    await q.query(`
      CREATE FUNCTION board_refresh_pending_run() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.application_id IS NULL THEN
          PERFORM board_refresh(NEW.call_id);
        ELSIF NOT EXISTS (SELECT 1 FROM board_refresh_pending p WHERE p.call_id = NEW.call_id AND p.txid = NEW.txid AND p.application_id IS NULL) THEN
          -- A state that keeps the row's place (not into or out of rejected) or a new title: that row alone, under the
          -- call's lock (a fresh snapshot after it: what another writer committed meanwhile is seen).
          PERFORM pg_advisory_xact_lock(7331014, hashtext(NEW.call_id::text));
          UPDATE board_standing s SET state = a.state, title = a.title FROM application a
           WHERE s.application_id = NEW.application_id AND a.id = s.application_id AND (s.state, s.title) IS DISTINCT FROM (a.state, a.title);
        END IF;
        DELETE FROM board_refresh_pending WHERE call_id = NEW.call_id AND txid = NEW.txid AND application_id IS NOT DISTINCT FROM NEW.application_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_board_refresh_pending AFTER INSERT ON board_refresh_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION board_refresh_pending_run()`);

    // Note the calls whose board a write may change (only writes that touch what the ranking reads).
    await q.query(`
      CREATE FUNCTION board_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        on_board CONSTANT text[] := ARRAY['eligible','in_review','approved','rejected','reserve'];
      BEGIN
        IF TG_TABLE_NAME = 'application' THEN
          IF TG_OP = 'UPDATE' AND OLD.state = ANY(on_board) AND NEW.state = ANY(on_board) AND (OLD.state = 'rejected') = (NEW.state = 'rejected')
             AND (OLD.call_id, OLD.agency_id, OLD.submitted_at, OLD.receipt_number, OLD.requested_minor)
                 IS NOT DISTINCT FROM (NEW.call_id, NEW.agency_id, NEW.submitted_at, NEW.receipt_number, NEW.requested_minor) THEN
            -- The row keeps its place (e.g. in_review -> approved, eligible -> in_review): update it alone at commit.
            INSERT INTO board_refresh_pending VALUES (NEW.call_id, txid_current(), NEW.id) ON CONFLICT DO NOTHING;
            RETURN NULL;
          END IF;
          IF TG_OP <> 'INSERT' AND OLD.state = ANY(on_board) THEN
            INSERT INTO board_refresh_pending VALUES (OLD.call_id, txid_current(), NULL) ON CONFLICT DO NOTHING;
          END IF;
          IF TG_OP <> 'DELETE' AND NEW.state = ANY(on_board) THEN
            INSERT INTO board_refresh_pending VALUES (NEW.call_id, txid_current(), NULL) ON CONFLICT DO NOTHING;
          END IF;
        ELSE
          IF TG_OP <> 'INSERT' AND OLD.status = 'submitted' THEN
            INSERT INTO board_refresh_pending VALUES (OLD.call_id, txid_current(), NULL) ON CONFLICT DO NOTHING;
          END IF;
          IF TG_OP <> 'DELETE' AND NEW.status = 'submitted' THEN
            INSERT INTO board_refresh_pending VALUES (NEW.call_id, txid_current(), NULL) ON CONFLICT DO NOTHING;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_application_board AFTER INSERT OR DELETE OR UPDATE OF call_id, agency_id, state, title, submitted_at, receipt_number, requested_minor
      ON application FOR EACH ROW EXECUTE FUNCTION board_note_change()`);
    await q.query(`
      CREATE TRIGGER tr_review_assignment_board AFTER INSERT OR DELETE OR UPDATE OF call_id, application_id, status, weighted_hundredths
      ON review_assignment FOR EACH ROW EXECUTE FUNCTION board_note_change()`);

    // Backfill: every call with applications.
    await q.query(`SELECT board_refresh(c.id) FROM grant_call c WHERE EXISTS (SELECT 1 FROM application a WHERE a.call_id = c.id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_review_assignment_board ON review_assignment`);
    await q.query(`DROP TRIGGER tr_application_board ON application`);
    await q.query(`DROP FUNCTION board_note_change()`);
    await q.query(`DROP TABLE board_refresh_pending`);
    await q.query(`DROP FUNCTION board_refresh_pending_run()`);
    await q.query(`DROP FUNCTION board_refresh(uuid)`);
    await q.query(`DROP TABLE board_standing`);
  }
}
