import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDaysIso, daysBetweenIso } from '@mizan/domain';
import { NotificationsService } from '@mizan/server/review';

/** Used when an agency has no reporting_settings row (the column defaults). */
export const DEFAULT_REMINDER_DAYS_BEFORE = 14;
export const DEFAULT_OVERDUE_REMINDER_EVERY_DAYS = 7;

export interface ReminderRunResult {
  upcoming: number;
  overdue: number;
}

interface DueRow {
  id: string;
  grant_id: string;
  agency_id: string;
  grant_number: string;
  organization_id: string;
  due_on: string;
  period_from: string;
  period_to: string;
  days_before: number;
  every_days: number;
}

/**
 * The daily reminders of reports due (a scheduled worker job, never a
 * request): for each schedule item still `due` of an active grant, one
 * "upcoming" reminder once it is within the agency's reminder_days_before of
 * its date, and an "overdue" reminder once past it, again every
 * overdue_reminder_every_days. A report_reminder row per (item, kind, day)
 * makes a second run on the same day send nothing; the row and the
 * notifications to the grantee organization's members commit together.
 */
@Injectable()
export class ReportRemindersService {
  private readonly logger = new Logger(ReportRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async run(today: string): Promise<ReminderRunResult> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.grant_id, g.agency_id, g.grant_number, g.organization_id, to_char(d.due_on, 'YYYY-MM-DD') AS due_on,
              to_char(d.period_from, 'YYYY-MM-DD') AS period_from, to_char(d.period_to, 'YYYY-MM-DD') AS period_to,
              COALESCE(s.reminder_days_before, $2)::int AS days_before, COALESCE(s.overdue_reminder_every_days, $3)::int AS every_days
         FROM grant_report_due d JOIN grant_award g ON g.id = d.grant_id LEFT JOIN reporting_settings s ON s.agency_id = g.agency_id
        WHERE d.state = 'due' AND g.state = 'active' AND d.due_on <= $1::date + COALESCE(s.reminder_days_before, $2)::int
        ORDER BY d.due_on, d.id`,
      [today, DEFAULT_REMINDER_DAYS_BEFORE, DEFAULT_OVERDUE_REMINDER_EVERY_DAYS],
    )) as DueRow[];
    const result: ReminderRunResult = { upcoming: 0, overdue: 0 };
    for (const row of rows) {
      try {
        const kind = await this.remind(row, today);
        if (kind) result[kind]++;
      } catch (error) {
        // One item's trouble does not stop the others; tomorrow's run tries it again.
        this.logger.warn(`reminder for report due ${row.id} failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  private async remind(row: DueRow, today: string): Promise<'upcoming' | 'overdue' | null> {
    const overdue = row.due_on < today;
    const kind = overdue ? 'overdue' : 'upcoming';
    const emailIds = await this.dataSource.transaction(async (manager) => {
      // Upcoming: once. Overdue: when none was sent in the last every_days days.
      const since = overdue ? addDaysIso(today, -(row.every_days - 1)) : '0001-01-01';
      const inserted = (await manager.query(
        `INSERT INTO report_reminder (report_due_id, kind, sent_on)
         SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM report_reminder WHERE report_due_id = $1 AND kind = $2 AND sent_on >= $4::date)
         ON CONFLICT DO NOTHING RETURNING report_due_id`,
        [row.id, kind, today, since],
      )) as unknown[];
      if (inserted.length === 0) return null;
      const members = (await manager.query(
        `SELECT m.user_id FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.active ORDER BY m.user_id`,
        [row.organization_id],
      )) as { user_id: string }[];
      const days = overdue ? daysBetweenIso(row.due_on, today) : daysBetweenIso(today, row.due_on);
      const { emailIds } = await this.notifications.notify(manager, {
        userIds: members.map((m) => m.user_id),
        agencyId: row.agency_id,
        kind: `report.reminder_${kind}`,
        message: { key: `report.reminder_${kind}`, params: { grant: row.grant_number, periodFrom: row.period_from, periodTo: row.period_to, dueOn: row.due_on, days } },
        entityType: 'grant',
        entityId: row.grant_id,
        email: true,
      });
      return emailIds;
    });
    if (emailIds === null) return null;
    await this.notifications.deliver(emailIds);
    return kind;
  }
}
