/**
 * WARNING: queue and job names live on in Redis (waiting, delayed and failed
 * jobs keep them). Renaming one strands the jobs already queued under the old
 * name: add a new name and drain the old one instead.
 */
export enum QueueName {
  Documents = 'documents',
  Notifications = 'notifications',
  /** Recurring upkeep made by BullMQ job schedulers (one run per interval across all workers), apart from the long document jobs. */
  Maintenance = 'maintenance',
}

export enum JobName {
  TrailExportPdf = 'trail-export-pdf',
  SendEmail = 'send-email',
  // issue 9 payments
  BankFilePain001 = 'bank-file-pain001',
  // issue 9 grants
  GrantAgreementPdf = 'grant-agreement-pdf',
  // issue 11 reports: the daily reminders (a BullMQ job scheduler, see recurring-jobs.ts in the worker)
  ReportReminders = 'report-reminders',
  // issue 11 red flags
  RedFlagRun = 'red-flag-run',
  // issue 12 audit
  AuditReportPdf = 'audit-report-pdf',
  // issue 13 sanctions screening
  SanctionsImport = 'sanctions-import',
  ScreeningRun = 'screening-run',
  // issue 14 replicas: recurring work as BullMQ job schedulers (apps/worker recurring-jobs.ts), never one timer per process
  SweepQueuedRows = 'sweep-queued-rows',
  TrailCheckpoint = 'trail-checkpoint',
  ExpiredUploadsCleanup = 'expired-uploads-cleanup',
  // issue 16 transparency: one publication of a program's IATI file; the recurring re-publication of every published program
  IatiPublish = 'iati-publish',
  IatiRepublish = 'iati-republish',
}

export interface TrailExportPdfPayload {
  /** trail_export.id — also the BullMQ job id, which makes the job idempotent. */
  exportId: string;
}

export interface SendEmailPayload {
  /** outbound_email.id — also the BullMQ job id, so an email queued twice is sent once. */
  emailId: string;
}

export interface BankFilePain001Payload {
  /** bank_file.id — also the BullMQ job id. */
  bankFileId: string;
}

export interface GrantAgreementPdfPayload {
  /** grant_document.id — also the BullMQ job id: one build per request. */
  documentId: string;
}

export interface ReportRemindersPayload {
  /** The day to remind for (ISO); omitted: today in UTC when the job runs. */
  today?: string;
}

export interface AuditReportPdfPayload {
  /** audit_report.id — also the BullMQ job id: one build per report row (one row per engagement snapshot). */
  reportId: string;
}

export interface SanctionsImportPayload {
  /** sanctions_list_version.id — also the BullMQ job id: one import per version row. */
  versionId: string;
}

export interface ScreeningRunPayload {
  /** screening_run.id — also the BullMQ job id. */
  runId: string;
}

export interface RedFlagRunPayload {
  /** red_flag_run.id — also the BullMQ job id. */
  runId: string;
}

export interface IatiPublishPayload {
  /** iati_publication.id — also the BullMQ job id: one build per publication row. */
  publicationId: string;
}

/** The recurring jobs carry nothing: each run looks at the database (or the upload folder) as it is then. */
export type RecurringPayload = Record<string, never>;

/** Every job Mizan runs: one discriminated union, so producer and processor agree on payloads. */
export type JobItem =
  | { name: JobName.TrailExportPdf; data: TrailExportPdfPayload }
  | { name: JobName.SendEmail; data: SendEmailPayload }
  | { name: JobName.BankFilePain001; data: BankFilePain001Payload }
  | { name: JobName.GrantAgreementPdf; data: GrantAgreementPdfPayload }
  | { name: JobName.ReportReminders; data: ReportRemindersPayload }
  | { name: JobName.RedFlagRun; data: RedFlagRunPayload }
  | { name: JobName.AuditReportPdf; data: AuditReportPdfPayload }
  | { name: JobName.SanctionsImport; data: SanctionsImportPayload }
  | { name: JobName.ScreeningRun; data: ScreeningRunPayload }
  | { name: JobName.SweepQueuedRows; data: RecurringPayload }
  | { name: JobName.TrailCheckpoint; data: RecurringPayload }
  | { name: JobName.ExpiredUploadsCleanup; data: RecurringPayload }
  | { name: JobName.IatiPublish; data: IatiPublishPayload }
  | { name: JobName.IatiRepublish; data: RecurringPayload };

export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>['data'];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TrailExportPdf]: QueueName.Documents,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.BankFilePain001]: QueueName.Documents,
  [JobName.GrantAgreementPdf]: QueueName.Documents,
  [JobName.ReportReminders]: QueueName.Notifications,
  [JobName.RedFlagRun]: QueueName.Documents,
  [JobName.AuditReportPdf]: QueueName.Documents,
  [JobName.SanctionsImport]: QueueName.Documents,
  [JobName.ScreeningRun]: QueueName.Documents,
  [JobName.SweepQueuedRows]: QueueName.Maintenance,
  [JobName.TrailCheckpoint]: QueueName.Maintenance,
  [JobName.ExpiredUploadsCleanup]: QueueName.Maintenance,
  [JobName.IatiPublish]: QueueName.Documents,
  [JobName.IatiRepublish]: QueueName.Maintenance,
};

/** How each job retries: attempts with exponential backoff. */
export const JOB_OPTIONS: Record<JobName, { attempts: number; backoffMs: number }> = {
  [JobName.TrailExportPdf]: { attempts: 3, backoffMs: 2000 },
  // A mail server that is down or greylisting answers 4xx: retry after 3, 6, 12 and 24 s before giving up.
  [JobName.SendEmail]: { attempts: 5, backoffMs: 3000 },
  [JobName.BankFilePain001]: { attempts: 3, backoffMs: 2000 },
  [JobName.GrantAgreementPdf]: { attempts: 3, backoffMs: 2000 },
  [JobName.ReportReminders]: { attempts: 3, backoffMs: 60_000 },
  [JobName.RedFlagRun]: { attempts: 3, backoffMs: 5000 },
  [JobName.AuditReportPdf]: { attempts: 3, backoffMs: 5000 },
  [JobName.SanctionsImport]: { attempts: 3, backoffMs: 5000 },
  [JobName.ScreeningRun]: { attempts: 3, backoffMs: 5000 },
  // A recurring run that fails is not retried: the scheduler's next run does the same work.
  [JobName.SweepQueuedRows]: { attempts: 1, backoffMs: 1000 },
  [JobName.TrailCheckpoint]: { attempts: 1, backoffMs: 1000 },
  [JobName.ExpiredUploadsCleanup]: { attempts: 1, backoffMs: 1000 },
  [JobName.IatiPublish]: { attempts: 3, backoffMs: 5000 },
  [JobName.IatiRepublish]: { attempts: 1, backoffMs: 1000 },
};

/** What a processor returns: explicit, so a run that skipped work says so. */
export type JobStatus = 'done' | 'skipped';
