import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { RepeatOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_REPORT_REMINDERS_CRON, MIZAN_CONFIG, MizanConfig, REDIS } from '@mizan/server/core';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobProducer } from '@mizan/server/jobs';

/** The id of the reminders' BullMQ job scheduler (kept from issue 11: it lives on in Redis). */
export const REPORT_REMINDERS_SCHEDULER = 'report-reminders-daily';
export const QUEUED_ROWS_SCHEDULER = 'sweep-queued-rows';
export const TRAIL_CHECKPOINT_SCHEDULER = 'trail-checkpoint';
export const EXPIRED_UPLOADS_SCHEDULER = 'expired-uploads-cleanup';
export const IATI_REPUBLISH_SCHEDULER = 'iati-republish';
/** Every published program's IATI file is built again every 6 hours (a file that did not change is not a new version). */
export const IATI_REPUBLISH_EVERY_MS = 6 * 60 * 60 * 1000;

/** Rows left queued while Redis was away are looked for every minute. */
export const QUEUED_ROWS_EVERY_MS = 60_000;
/** Partial uploads older than a week are removed every 6 hours. */
export const EXPIRED_UPLOADS_EVERY_MS = 6 * 60 * 60 * 1000;

type RecurringJobName = JobName.ReportReminders | JobName.SweepQueuedRows | JobName.TrailCheckpoint | JobName.ExpiredUploadsCleanup | JobName.IatiRepublish;

interface Recurring {
  id: string;
  job: RecurringJobName;
  /** null: this deployment does not run it (TRAIL_CHECKPOINT_SECONDS=0); a scheduler left from before is removed. */
  repeat: Omit<RepeatOptions, 'key'> | null;
  keepSeconds: number;
}

/**
 * All recurring work of Mizan, as BullMQ job schedulers (Queue.upsertJobScheduler):
 * the scheduler lives in Redis, so however many workers run, each interval
 * produces one job, taken by one worker — never one timer per process.
 *
 * Every worker upserts them at start (an upsert with the same id replaces the
 * scheduler, never adds a second), and again whenever its Redis connection is
 * ready after a reconnect: a Redis that came back empty (no persistence) gets
 * them back, so the sweep of rows left queued while it was away still runs.
 */
@Injectable()
export class RecurringJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecurringJobs.name);
  private readonly onReady = (): void => void this.upsertAll();

  constructor(
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly producer: JobProducer,
  ) {}

  schedules(): Recurring[] {
    const checkpointSeconds = this.config.trailCheckpointSeconds;
    return [
      { id: REPORT_REMINDERS_SCHEDULER, job: JobName.ReportReminders, repeat: { pattern: this.config.reportRemindersCron ?? DEFAULT_REPORT_REMINDERS_CRON, tz: 'UTC' }, keepSeconds: 30 * 24 * 3600 },
      // `every` runs the first job at once: a worker that starts sweeps at once, as the per-process sweepers did.
      { id: QUEUED_ROWS_SCHEDULER, job: JobName.SweepQueuedRows, repeat: { every: QUEUED_ROWS_EVERY_MS }, keepSeconds: 3600 },
      { id: TRAIL_CHECKPOINT_SCHEDULER, job: JobName.TrailCheckpoint, repeat: checkpointSeconds > 0 ? { every: checkpointSeconds * 1000 } : null, keepSeconds: 24 * 3600 },
      { id: EXPIRED_UPLOADS_SCHEDULER, job: JobName.ExpiredUploadsCleanup, repeat: { every: EXPIRED_UPLOADS_EVERY_MS }, keepSeconds: 7 * 24 * 3600 },
      { id: IATI_REPUBLISH_SCHEDULER, job: JobName.IatiRepublish, repeat: { every: IATI_REPUBLISH_EVERY_MS }, keepSeconds: 7 * 24 * 3600 },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll();
    this.redis.on('ready', this.onReady);
  }

  onApplicationShutdown(): void {
    this.redis.off('ready', this.onReady);
  }

  async upsertAll(): Promise<void> {
    for (const schedule of this.schedules()) {
      const queue = this.producer.queue(JOB_QUEUE[schedule.job]);
      try {
        if (!schedule.repeat) {
          await queue.removeJobScheduler(schedule.id);
          continue;
        }
        const options = JOB_OPTIONS[schedule.job];
        await queue.upsertJobScheduler(schedule.id, schedule.repeat, {
          name: schedule.job,
          data: {},
          opts: {
            attempts: options.attempts,
            backoff: { type: 'exponential', delay: options.backoffMs },
            removeOnComplete: { age: schedule.keepSeconds },
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        });
      } catch (error) {
        this.logger.error(`could not schedule ${schedule.id}: ${(error as Error).message}`);
      }
    }
    this.logger.log(`recurring jobs scheduled: ${this.schedules().map((s) => `${s.id} (${s.repeat ? (s.repeat.pattern ? `${s.repeat.pattern} UTC` : `every ${s.repeat.every} ms`) : 'off'})`).join(', ')}`);
  }
}
