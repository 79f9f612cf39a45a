import { JOB_OPTIONS, JOB_QUEUE, JobName, QueueName } from './job-names';

describe('job and queue names', () => {
  it('are pinned: they live on in Redis, so a rename would strand queued jobs', () => {
    expect(Object.values(QueueName).sort()).toEqual(['documents', 'maintenance', 'notifications']);
    expect(Object.values(JobName).sort()).toEqual(['audit-report-pdf', 'bank-file-pain001', 'expired-uploads-cleanup', 'grant-agreement-pdf', 'iati-publish', 'iati-republish', 'red-flag-run', 'report-reminders', 'sanctions-import', 'screening-run', 'send-email', 'sweep-queued-rows', 'trail-checkpoint', 'trail-export-pdf']);
  });

  it('every job has a queue and retry options', () => {
    for (const name of Object.values(JobName)) {
      expect(Object.values(QueueName)).toContain(JOB_QUEUE[name]);
      expect(JOB_OPTIONS[name].attempts).toBeGreaterThanOrEqual(1);
      expect(JOB_OPTIONS[name].backoffMs).toBeGreaterThan(0);
    }
  });

  it('an email is tried 5 times with exponential backoff from 3 s, on the notifications queue', () => {
    expect(JOB_QUEUE[JobName.SendEmail]).toBe(QueueName.Notifications);
    expect(JOB_OPTIONS[JobName.SendEmail]).toEqual({ attempts: 5, backoffMs: 3000 });
  });
});
