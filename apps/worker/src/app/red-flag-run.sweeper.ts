import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/**
 * Red-flag runs still 'queued' (see QueuedRowSweeper): requested while Redis was away, or inserted by a report's
 * submission transaction (reason report_submitted) without queuing the job itself.
 */
@Injectable()
export class RedFlagRunSweeper extends QueuedRowSweeper {
  readonly what = 'red-flag run';
  protected readonly batch = 100;
  protected readonly queuedSql = `SELECT id FROM red_flag_run WHERE state = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.RedFlagRun, data: { runId: id } };
  }
}
