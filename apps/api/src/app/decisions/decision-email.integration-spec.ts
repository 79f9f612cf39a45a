import { DecisionPaths, FundingDecisionView, NotificationListView, OutboundEmailView } from '@mizan/contracts';
import { JobName, JobProducer, QueueName } from '@mizan/server/jobs';
import { TestSmtpServer } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';
import { createOrganization } from '../intake/applications/applications.fixtures';
import { DecisionWorld, decisionWorld, insertInReview } from './decisions.fixtures';

/**
 * The whole way of a decision's email: the api writes it to the outbox in the
 * decision's transaction and queues a job; the real worker process sends it
 * over SMTP to a real (test) mail server, which turns the first try away with
 * "451 try again later". The job retries; the message arrives once.
 */
describe('decision email: outbox → BullMQ → real worker → SMTP, retried and delivered once', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let smtp: TestSmtpServer;
  let w: DecisionWorld;
  let organizationId: string;
  let officer: string;
  let applicant: string;
  let strandedId: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    api = await ApiHarness.start('decision_email');
    w = await decisionWorld(api, { envelopeMinor: '500000000', thresholdMinor: '50000000' });
    // One member only, so exactly one email per decision.
    organizationId = await createOrganization(api.dataSource, w.north.agency.id, 'Erbil Youth Media', [w.north.users.applicant.id]);
    officer = await api.signIn('officer@north.test');
    applicant = await api.signIn('applicant@north.test');
    // An email written while Redis was unreachable: in the outbox, never queued.
    const [stranded] = (await api.dataSource.query(
      `INSERT INTO outbound_email (agency_id, to_address, subject, text_body, created_at)
       VALUES ($1, 'comember@north.test', 'Left in the outbox', 'Queued while Redis was down', now() - interval '5 minutes') RETURNING id`,
      [w.north.agency.id],
    )) as { id: string }[];
    strandedId = stranded.id;
    worker = await WorkerProcess.start(api.env.config, { SMTP_URL: smtp.url, MAIL_FROM: 'Mizan grants <grants@north.test>' });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
  });

  const inReview = (title: string) =>
    insertInReview(api.dataSource, { callId: w.callId, organizationId, agencyId: w.north.agency.id, userId: w.north.users.applicant.id, requestedMinor: '86000000', title });

  async function emailOf(applicationId: string): Promise<string> {
    const [row] = (await api.dataSource.query('SELECT id FROM outbound_email WHERE entity_id = $1', [applicationId])) as { id: string }[];
    return row.id;
  }

  async function outboxUntil(emailId: string, status: OutboundEmailView['status']): Promise<OutboundEmailView> {
    let view: OutboundEmailView | undefined;
    for (let i = 0; i < 300; i++) {
      view = (await api.request('GET', `${DecisionPaths.outbox}/${emailId}`, { cookie: officer })).json<OutboundEmailView>();
      if (view.status === status) return view;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`email ${emailId} is ${view?.status} (attempts ${view?.attempts}, ${view?.lastError}), not ${status}\n${worker.log}`);
  }

  /** Waits until the job `jobId` is completed and the notifications queue holds nothing still to run. */
  async function settled(jobId: string): Promise<void> {
    const queue = api.app.get(JobProducer).queue(QueueName.Notifications);
    let state = 'missing';
    let pending: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      state = (await (await queue.getJob(jobId))?.getState()) ?? 'missing';
      pending = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
      // The daily report reminders' job scheduler keeps its next run delayed on this queue: not an email still to send.
      pending['delayed'] = (await queue.getDelayed()).filter((job) => job.name !== JobName.ReportReminders).length;
      if (state === 'completed' && Object.values(pending).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} is ${state}; queue still holds ${JSON.stringify(pending)}\n${worker.log}`);
  }

  let emailId: string;

  it("an email left queued in the outbox (Redis was down at commit) is queued by the worker's sweep and sent", async () => {
    const [message] = await smtp.waitFor(1, 30_000);
    expect(message).toMatchObject({ to: ['comember@north.test'], subject: 'Left in the outbox', messageId: `<${strandedId}@mizan.local>` });
    expect(await outboxUntil(strandedId, 'sent')).toMatchObject({ attempts: 1 });
  });

  it('an approval reaches the applicant by email after a refused first try, once, with the amount and conditions', async () => {
    smtp.failNext(1);
    const attemptsBefore = smtp.attempts;
    const applicationId = await inReview('Citizen journalism in Erbil');
    const response = await api.request('POST', DecisionPaths.applicationDecision(applicationId), {
      cookie: officer,
      body: { outcome: 'approved', amountMinor: '750000', conditions: 'Editorial independence statement signed by the partner', rationale: 'Ranked first' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<FundingDecisionView>().state).toBe('confirmed');
    emailId = await emailOf(applicationId);

    const message = (await smtp.waitFor(2, 45_000))[1];
    expect(message.to).toEqual(['applicant@north.test']);
    expect(message.envelopeTo).toEqual(['applicant@north.test']);
    expect(message.from).toContain('grants@north.test');
    expect(message.subject).toBe('Application approved: Citizen journalism in Erbil');
    expect(message.text).toContain('Amount granted: 7,500.00 SEK (you requested 860,000.00 SEK).');
    expect(message.text).toContain('Editorial independence statement signed by the partner');
    expect(message.text).not.toContain('Ranked first');
    expect(message.messageId).toBe(`<${emailId}@mizan.local>`);
    expect(smtp.attempts - attemptsBefore).toBe(2);

    const sent = await outboxUntil(emailId, 'sent');
    expect(sent).toMatchObject({ toAddress: 'applicant@north.test', attempts: 2, lastError: null, messageId: `<${emailId}@mizan.local>`, sentAt: expect.any(String) });

    // Another delivery could only come from another attempt of this job: once
    // it is completed and nothing in the queue waits, is delayed (a retry in its
    // back-off) or runs, no more mail can come. Then still exactly one message.
    await settled(emailId);
    expect(smtp.messages).toHaveLength(2);

    const list = (await api.request('GET', DecisionPaths.notifications, { cookie: applicant })).json<NotificationListView>();
    expect(list.items.find((n) => n.entityId === applicationId)).toMatchObject({ kind: 'application.approved', readAt: null });
  });

  it('queueing the sent email again sends nothing: the same job id is a no-op, another job for it is skipped', async () => {
    const jobs = api.app.get(JobProducer);
    await jobs.add({ name: JobName.SendEmail, data: { emailId } }, emailId);
    const again = `again-${emailId}`;
    await jobs.add({ name: JobName.SendEmail, data: { emailId } }, again);
    const queue = jobs.queue(QueueName.Notifications);
    let returned: unknown;
    for (let i = 0; i < 200 && returned === undefined; i++) {
      const job = await queue.getJob(again);
      if (job?.finishedOn) returned = job.returnvalue;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(returned).toBe('skipped');
    expect(smtp.messages).toHaveLength(2);
    const view = (await api.request('GET', `${DecisionPaths.outbox}/${emailId}`, { cookie: officer })).json<OutboundEmailView>();
    expect(view).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a mailbox refused for good (550) is not retried: the outbox shows it failed, with the error', async () => {
    smtp.failNext(1, 550);
    const applicationId = await inReview('Heritage walks in Mosul');
    const response = await api.request('POST', DecisionPaths.applicationDecision(applicationId), {
      cookie: officer,
      body: { outcome: 'rejected', rejectionReasons: ['outside_priorities'], rationale: 'Not a health project' },
    });
    expect(response.statusCode).toBe(201);
    const failed = await outboxUntil(await emailOf(applicationId), 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('550');
    expect(smtp.messages).toHaveLength(2);
    const listed = (await api.request('GET', `${DecisionPaths.outbox}?status=failed`, { cookie: officer })).json<OutboundEmailView[]>();
    expect(listed.map((e) => e.id)).toEqual([failed.id]);
  });
});
