import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the long lists read by keyset (issue 14): each filter of a list and its sort in one index, so a page
 * seeks to its cursor instead of skipping rows, and the capped count stops early.
 * - Trail (seq DESC within the agency): by entity type, by entity id, by actor id, and by time (the action filter
 *   has ix_activity_record_agency_action, the whole agency ix_activity_record_agency_seq).
 * - Notifications (created_at DESC, id DESC per user), and the bell's count of unread, open ones (index only).
 * - Screening queue: the state's place in the queue (pending second, open, confirmed, cleared, lapsed), then score
 *   DESC (as its negation, so one row comparison seeks), raised_at, id. The expression is the service's
 *   SCREENING_QUEUE_RANK_SQL and must stay identical for the planner to use the index.
 */
const QUEUE_RANK = `(CASE state WHEN 'pending_second' THEN 0 WHEN 'open' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'cleared' THEN 3 ELSE 4 END)`;

export class KeysetIndexes1765820000000 implements MigrationInterface {
  name = 'KeysetIndexes1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_activity_record_agency_entity_type ON activity_record (agency_id, entity_type, seq DESC)`);
    await q.query(`CREATE INDEX ix_activity_record_agency_entity_id ON activity_record (agency_id, entity_id, seq DESC)`);
    await q.query(`CREATE INDEX ix_activity_record_agency_actor ON activity_record (agency_id, actor_id, seq DESC) WHERE actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_activity_record_agency_occurred ON activity_record (agency_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX ix_notification_user_list ON notification (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_notification_user_unread_open ON notification (user_id) WHERE read_at IS NULL AND resolved_at IS NULL`);
    await q.query(`CREATE INDEX ix_screening_match_queue_keyset ON screening_match (agency_id, ${QUEUE_RANK}, (-score), raised_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'ix_screening_match_queue_keyset',
      'ix_notification_user_unread_open',
      'ix_notification_user_list',
      'ix_activity_record_agency_occurred',
      'ix_activity_record_agency_actor',
      'ix_activity_record_agency_entity_id',
      'ix_activity_record_agency_entity_type',
    ]) {
      await q.query(`DROP INDEX ${name}`);
    }
  }
}
