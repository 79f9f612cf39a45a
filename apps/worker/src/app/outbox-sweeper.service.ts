import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/** Emails of the outbox left 'queued' while Redis was away (see QueuedRowSweeper). */
@Injectable()
export class OutboxSweeper extends QueuedRowSweeper {
  readonly what = 'outbox';
  protected readonly batch = 500;
  protected readonly queuedSql = `SELECT id FROM outbound_email WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.SendEmail, data: { emailId: id } };
  }
}
