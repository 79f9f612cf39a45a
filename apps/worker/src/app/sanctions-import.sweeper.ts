import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/** Sanctions list imports still 'queued' (see QueuedRowSweeper): uploaded while Redis was away. */
@Injectable()
export class SanctionsImportSweeper extends QueuedRowSweeper {
  readonly what = 'sanctions list import';
  protected readonly batch = 20;
  protected readonly queuedSql = `SELECT id FROM sanctions_list_version WHERE state = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.SanctionsImport, data: { versionId: id } };
  }
}
