import { ReportRemindersService } from '@mizan/server/reporting';
import { ApiHarness } from '../../testing/api-harness';
import { GrantWorld, Tokens, activeGrant, grantWorld } from '../grants/grants.fixtures';

/*
 * The daily reminders on the real database and Redis (the emails are queued),
 * run for fixed days: an upcoming reminder once within 14 days of the due
 * date, an overdue one every 7 days (or the agency's setting), none twice on
 * one day, none for a submitted report; each to the grantee organization's
 * members, in-app and by email, in their language.
 */
describe('report reminders (the worker’s daily job)', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let reminders: ReportRemindersService;
  let interimId: string;
  let finalId: string;
  const t = {} as Tokens;

  beforeAll(async () => {
    api = await ApiHarness.start('report_reminders', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    const grant = await activeGrant(api, w, t);
    grantNumber = grant.grantNumber;
    const dues = (await api.dataSource.query(`SELECT id, kind FROM grant_report_due WHERE grant_id = $1 ORDER BY due_on`, [grant.id])) as { id: string; kind: string }[];
    interimId = dues.find((d) => d.kind === 'interim')?.id as string;
    finalId = dues.find((d) => d.kind === 'final')?.id as string;
    // Relative to the fixed "today" 2030-01-10: the interim report due in 10 days, the final one 5 days late.
    await api.env.queryAs('owner', `UPDATE grant_report_due SET due_on = '2030-01-20' WHERE id = $1`, [interimId]);
    await api.env.queryAs('owner', `UPDATE grant_report_due SET due_on = '2030-01-05' WHERE id = $1`, [finalId]);
    await api.env.queryAs('owner', `UPDATE app_user SET language = 'ar' WHERE id = $1`, [w.applicantId]);
    reminders = api.app.get(ReportRemindersService);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  async function notes(kind: string): Promise<Array<{ user_id: string; title: string }>> {
    return (await api.dataSource.query(`SELECT user_id, title FROM notification WHERE kind = $1 ORDER BY created_at, user_id`, [kind])) as Array<{ user_id: string; title: string }>;
  }
  let grantNumber = '';
  const emails = async () =>
    (await api.dataSource.query(`SELECT to_address, subject FROM outbound_email WHERE position($1 in subject) > 0 ORDER BY to_address`, [grantNumber])) as Array<{ to_address: string; subject: string }>;

  it('sends the upcoming reminder once and the overdue one, to every member of the grantee organization', async () => {
    expect(await reminders.run('2030-01-10')).toEqual({ upcoming: 1, overdue: 1 });
    const upcoming = await notes('report.reminder_upcoming');
    expect(upcoming.map((n) => n.user_id).sort()).toEqual([w.applicantId, w.coMemberId].sort());
    expect(upcoming[0].title).toContain('2030-01-20');
    expect((await notes('report.reminder_overdue')).length).toBe(2);
    const mail = await emails();
    expect(mail.map((m) => m.subject)).toHaveLength(4);
    // Written in each reader's language: the applicant reads Arabic.
    expect(mail.some((m) => /تقرير/.test(m.subject))).toBe(true);
    expect(await api.dataSource.query(`SELECT kind, sent_on::text AS sent_on FROM report_reminder ORDER BY kind`)).toEqual([
      { kind: 'overdue', sent_on: '2030-01-10' },
      { kind: 'upcoming', sent_on: '2030-01-10' },
    ]);
  });

  it('sends nothing more on the same day, nor the next (the overdue one waits 7 days)', async () => {
    expect(await reminders.run('2030-01-10')).toEqual({ upcoming: 0, overdue: 0 });
    expect(await reminders.run('2030-01-11')).toEqual({ upcoming: 0, overdue: 0 });
    expect(await reminders.run('2030-01-16')).toEqual({ upcoming: 0, overdue: 0 });
    expect((await notes('report.reminder_overdue')).length).toBe(2);
    expect(await reminders.run('2030-01-17')).toEqual({ upcoming: 0, overdue: 1 });
    expect((await notes('report.reminder_overdue')).length).toBe(4);
  });

  it('follows the agency’s setting and leaves a submitted report alone', async () => {
    await api.env.queryAs('owner', `INSERT INTO reporting_settings (agency_id, overdue_reminder_every_days, reminder_days_before) VALUES ($1, 1, 3)`, [w.north.agency.id]);
    expect(await reminders.run('2030-01-18')).toEqual({ upcoming: 0, overdue: 1 });
    expect(await reminders.run('2030-01-19')).toEqual({ upcoming: 0, overdue: 1 });
    await api.env.queryAs('owner', `UPDATE grant_report_due SET state = 'submitted' WHERE id = $1`, [finalId]);
    // The interim one is past due on the 21st; its upcoming reminder went out already.
    expect(await reminders.run('2030-01-21')).toEqual({ upcoming: 0, overdue: 1 });
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM report_reminder WHERE report_due_id = $1`, [finalId])).toEqual([{ n: 4 }]);
  });
});
