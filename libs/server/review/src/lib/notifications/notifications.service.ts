import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KEYSET_COUNT_CAP, type NotificationListView, type NotificationView, type UserLanguage } from '@mizan/contracts';
import {
  FALLBACK_LANGUAGE,
  KeysetColumn,
  KeysetQueryDto,
  MizanException,
  ServerMessage,
  cappedCountSql,
  hasServerMessage,
  keysetTimestampSql,
  languageOrFallback,
  readKeysetPage,
  renderEmail,
  renderNotification,
} from '@mizan/server/core';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { Notification } from './notification.entity';
import { OutboundEmail } from './outbound-email.entity';

export interface NotifyInput {
  userIds: readonly string[];
  /** The agency whose outbox the emails go to. */
  agencyId: string;
  kind: string;
  /** What it says: a key of the server catalog (`libs/server/core/src/i18n`) and its parameters, written in each reader's language. */
  message: ServerMessage;
  entityType?: string | null;
  entityId?: string | null;
  /** Also by email (to each user's sign-in address), not only in-app. */
  email: boolean;
  /** The action this notification asks for (`NotificationAction`): open until `resolve` is called with it. */
  actionKey?: string | null;
}

export interface NotifyResult {
  notificationIds: string[];
  /** Hand these to `deliver` once the transaction has committed. */
  emailIds: string[];
}

/** The list's order: newest first, the id breaking ties (the direction of both, so one row comparison seeks). */
const NOTIFICATION_ORDER: KeysetColumn[] = [
  { sql: 'n.created_at', direction: 'desc', type: 'timestamptz' },
  { sql: 'n.id', direction: 'desc', type: 'uuid' },
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** In the reader's language when the row carries a message the catalog knows; else the English written at the time. */
/** What a notification's view reads (an entity, or a raw row of the list). */
type NotificationFields = Pick<Notification, 'id' | 'kind' | 'title' | 'body' | 'messageKey' | 'messageParams' | 'entityType' | 'entityId' | 'createdAt' | 'readAt' | 'actionKey' | 'resolvedAt'>;

/** The list's columns as raw rows (no entity hydration on the hot path). */
const NOTIFICATION_COLUMNS = `n.id, n.kind, n.title, n.body, n.message_key AS "messageKey", n.message_params AS "messageParams",
  n.entity_type AS "entityType", n.entity_id AS "entityId", n.created_at AS "createdAt", n.read_at AS "readAt",
  n.action_key AS "actionKey", n.resolved_at AS "resolvedAt"`;

function toView(row: NotificationFields, lang: UserLanguage): NotificationView {
  let text: { title: string; body: string } = row;
  if (row.messageKey && row.messageParams && hasServerMessage(`${row.messageKey}.title`)) {
    try {
      text = renderNotification(lang, { key: row.messageKey, params: row.messageParams });
    } catch {
      // Parameters an older version wrote that the message no longer fits: the English of the time.
    }
  }
  return {
    id: row.id,
    kind: row.kind,
    title: text.title,
    body: text.body,
    entityType: row.entityType,
    entityId: row.entityId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
    actionRequired: row.actionKey !== null,
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
  };
}

/**
 * In-app notifications and the email outbox. `notify` writes inside the
 * caller's transaction, so a change and the news of it commit (or roll back)
 * together; `deliver` queues the emails only after that commit, so the worker
 * never picks up an email whose change was rolled back.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async notify(manager: EntityManager, input: NotifyInput): Promise<NotifyResult> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('NotificationsService.notify must run inside the transaction of the change it tells about');
    }
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return { notificationIds: [], emailIds: [] };
    // The English text stays on the row too: for readers of the database and API users, and as the fallback.
    const english = renderNotification(FALLBACK_LANGUAGE, input.message);
    const notifications = userIds.map((userId) =>
      manager.create(Notification, {
        userId,
        kind: input.kind,
        title: english.title,
        body: english.body,
        messageKey: input.message.key,
        messageParams: input.message.params,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        readAt: null,
        actionKey: input.actionKey ?? null,
        resolvedAt: null,
        resolvedBy: null,
      }),
    );
    await manager.insert(Notification, notifications);
    const emailIds: string[] = [];
    if (input.email) {
      // Deactivated accounts keep their in-app history but get no mail.
      // Each in the recipient's language, as it stands when the email is written.
      const recipients = (await manager.query('SELECT email, language FROM app_user WHERE id = ANY($1::uuid[]) AND active ORDER BY email', [userIds])) as {
        email: string;
        language: string | null;
      }[];
      for (const { email, language } of recipients) {
        const rendered = renderEmail(languageOrFallback(language), input.message);
        const row = manager.create(OutboundEmail, {
          agencyId: input.agencyId,
          toAddress: email,
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          language: rendered.language,
          status: 'queued',
          attempts: 0,
          lastError: null,
          messageId: null,
          entityType: input.entityType ?? null,
          entityId: input.entityId ?? null,
          lastAttemptAt: null,
          sentAt: null,
        });
        await manager.insert(OutboundEmail, row);
        emailIds.push(row.id);
      }
    }
    return { notificationIds: notifications.map((n) => n.id), emailIds };
  }

  /**
   * The action was done (by `userId`, whoever was asked) or became moot: every
   * open notification asking for it is resolved, inside the caller's
   * transaction so the task and its news change together. Returns how many.
   */
  async resolve(manager: EntityManager, actionKeys: readonly string[], userId: string): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('NotificationsService.resolve must run inside the transaction of the action it resolves');
    }
    if (actionKeys.length === 0) return 0;
    const [, resolved] = (await manager.query(
      'UPDATE notification SET resolved_at = now(), resolved_by = $2 WHERE action_key = ANY($1::text[]) AND resolved_at IS NULL',
      [[...new Set(actionKeys)], userId],
    )) as [unknown, number];
    return resolved;
  }

  /**
   * Queues one job per email, with the email's id as the job id (a second add
   * is a no-op). If Redis is unreachable the emails stay queued in the outbox
   * and the worker's sweep picks them up later; the change itself stands.
   */
  async deliver(emailIds: readonly string[]): Promise<void> {
    for (const emailId of emailIds) {
      try {
        await this.jobs.add({ name: JobName.SendEmail, data: { emailId } }, emailId);
      } catch (error) {
        this.logger.warn(`email ${emailId} stays queued in the outbox for the worker's sweep: ${(error as Error).message}`);
      }
    }
  }

  /**
   * A keyset page of the user's notifications, newest first (created_at DESC, id DESC: ix_notification_user_list),
   * each in `lang` (the reader's stored language), and the bell's count (ix_notification_user_unread_open).
   */
  async list(userId: string, lang: UserLanguage = FALLBACK_LANGUAGE, page: KeysetQueryDto = {}): Promise<NotificationListView> {
    const [result, unread] = await Promise.all([
      readKeysetPage<NotificationFields & { cursorAt: string }, NotificationView>({
        columns: NOTIFICATION_ORDER,
        query: page,
        defaultPageSize: 25,
        firstParam: 2,
        select: async (condition, order, limit, params) =>
          (await this.dataSource.query(
            `SELECT ${NOTIFICATION_COLUMNS}, ${keysetTimestampSql('n.created_at')} AS "cursorAt"
               FROM notification n WHERE n.user_id = $1 AND ${condition} ORDER BY ${order} LIMIT ${limit}`,
            [userId, ...params],
          )) as (NotificationFields & { cursorAt: string })[],
        keyOf: (row) => [row.cursorAt, row.id],
        toItem: (row) => toView(row, lang),
        count: async (cap) => {
          const [row] = (await this.dataSource.query(cappedCountSql('FROM notification WHERE user_id = $1', cap), [userId])) as { n: number }[];
          return row.n;
        },
      }),
      // A task someone already did is not news any more: the bell counts unread notifications that are not resolved
      // (ix_notification_user_unread_open), up to the cap like every count of a list.
      this.dataSource
        .query(cappedCountSql('FROM notification WHERE user_id = $1 AND read_at IS NULL AND resolved_at IS NULL'), [userId])
        .then((rows: { n: number }[]) => rows[0].n),
    ]);
    return { ...result, unreadCount: Math.min(unread, KEYSET_COUNT_CAP), unreadCapped: unread > KEYSET_COUNT_CAP };
  }

  /**
   * Reading is the user's own bookkeeping, not a change to the agency's
   * business, so it is not put on the trail. Someone else's notification is
   * "not found". Reading twice keeps the first time.
   */
  async markRead(userId: string, notificationId: string, lang: UserLanguage = FALLBACK_LANGUAGE): Promise<NotificationView> {
    if (!UUID.test(notificationId)) throw MizanException.notFound('Notification');
    await this.dataSource.query('UPDATE notification SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL', [notificationId, userId]);
    const row = await this.dataSource.getRepository(Notification).findOneBy({ id: notificationId, userId });
    if (!row) throw MizanException.notFound('Notification');
    return toView(row, lang);
  }

  async markAllRead(userId: string): Promise<{ marked: number }> {
    const [, marked] = (await this.dataSource.query('UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId])) as [unknown, number];
    return { marked };
  }
}
