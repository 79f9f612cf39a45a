import type { EntityManager } from 'typeorm';
import { FALLBACK_LANGUAGE, renderNotification } from '@mizan/server/core';

export interface ScreeningNotification {
  /** Who is told: these users, or the active officers of an agency. */
  to: { userIds: readonly string[] } | { officersOf: string };
  kind: string;
  message: { key: string; params: Record<string, string | number> };
  entity: { type: string; id: string };
}

/**
 * In-app notifications of screening (no email), in the caller's transaction: the same row, in the
 * same server message catalog, as the review library's NotificationsService writes. Written here
 * because that library depends on intake, which calls screening (a library cycle otherwise).
 * Returns how many were written (one a recipient).
 */
export async function notifyScreening(manager: EntityManager, n: ScreeningNotification): Promise<number> {
  const english = renderNotification(FALLBACK_LANGUAGE, n.message);
  const recipients =
    'officersOf' in n.to
      ? { sql: `SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.agency_id = $1 AND u.active AND r.role = 'officer'`, param: n.to.officersOf }
      : { sql: 'SELECT DISTINCT id FROM unnest($1::uuid[]) AS id', param: [...n.to.userIds] };
  const rows = (await manager.query(
    `INSERT INTO notification (user_id, kind, title, body, message_key, message_params, entity_type, entity_id)
     SELECT id, $2, $3, $4, $5, $6::jsonb, $7, $8 FROM (${recipients.sql}) AS recipient
     RETURNING id`,
    [recipients.param, n.kind, english.title, english.body, n.message.key, JSON.stringify(n.message.params), n.entity.type, n.entity.id],
  )) as { id: string }[];
  return rows.length;
}
