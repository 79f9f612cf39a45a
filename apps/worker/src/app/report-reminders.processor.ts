import { Injectable } from '@nestjs/common';
import { isIsoDate } from '@mizan/domain';
import type { JobStatus, ReportRemindersPayload } from '@mizan/server/jobs';
import { ReportRemindersService } from '@mizan/server/reporting';

/** The daily reminders job: today's reminders of reports due (the service dedupes per item, kind and day). */
@Injectable()
export class ReportRemindersProcessor {
  constructor(private readonly reminders: ReportRemindersService) {}

  async process(payload: ReportRemindersPayload, now = new Date()): Promise<JobStatus> {
    const today = payload.today && isIsoDate(payload.today) ? payload.today : now.toISOString().slice(0, 10);
    const sent = await this.reminders.run(today);
    return sent.upcoming + sent.overdue > 0 ? 'done' : 'skipped';
  }
}
