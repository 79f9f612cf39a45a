import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/** Screening runs still 'queued' (see QueuedRowSweeper): requested while Redis was away, or written by an import's transaction. */
@Injectable()
export class ScreeningRunSweeper extends QueuedRowSweeper {
  readonly what = 'screening run';
  protected readonly batch = 100;
  protected readonly queuedSql = `SELECT id FROM screening_run WHERE state = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.ScreeningRun, data: { runId: id } };
  }
}
