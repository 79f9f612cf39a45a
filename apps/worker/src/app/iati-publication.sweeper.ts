import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/** IATI publications still 'queued' (see QueuedRowSweeper): requested while Redis was away. */
@Injectable()
export class IatiPublicationSweeper extends QueuedRowSweeper {
  readonly what = 'IATI publication';
  protected readonly batch = 100;
  protected readonly queuedSql = `SELECT id FROM iati_publication WHERE status = 'queued' AND requested_at < now() - make_interval(secs => $1) ORDER BY requested_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.IatiPublish, data: { publicationId: id } };
  }
}
