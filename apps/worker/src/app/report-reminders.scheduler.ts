import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_REPORT_REMINDERS_CRON, MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobProducer } from '@mizan/server/jobs';

/** The id of the BullMQ job scheduler: upserting it again (every worker start) replaces it, never a second one. */
export const REPORT_REMINDERS_SCHEDULER = 'report-reminders-daily';

/**
 * Registers the daily reminders job with BullMQ's job scheduler
 * (Queue.upsertJobScheduler, bullmq ≥ 5.16): one scheduler per Redis prefix
 * whatever the number of workers; its cron comes from REPORT_REMINDERS_CRON.
 */
@Injectable()
export class ReportRemindersScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportRemindersScheduler.name);

  constructor(
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pattern = this.config.reportRemindersCron ?? DEFAULT_REPORT_REMINDERS_CRON;
    const options = JOB_OPTIONS[JobName.ReportReminders];
    try {
      await this.producer.queue(JOB_QUEUE[JobName.ReportReminders]).upsertJobScheduler(
        REPORT_REMINDERS_SCHEDULER,
        { pattern, tz: 'UTC' },
        {
          name: JobName.ReportReminders,
          data: {},
          opts: { attempts: options.attempts, backoff: { type: 'exponential', delay: options.backoffMs }, removeOnComplete: { age: 30 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 } },
        },
      );
      this.logger.log(`report reminders scheduled (${pattern} UTC)`);
    } catch (error) {
      this.logger.error(`could not schedule the report reminders: ${(error as Error).message}`);
    }
  }
}
