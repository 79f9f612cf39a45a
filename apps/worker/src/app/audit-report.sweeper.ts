import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/** Audit reports asked for while Redis was away, still 'queued' (see QueuedRowSweeper). */
@Injectable()
export class AuditReportSweeper extends QueuedRowSweeper {
  readonly what = 'audit report';
  protected readonly batch = 100;
  protected readonly queuedSql = `SELECT id FROM audit_report WHERE state = 'queued' AND requested_at < now() - make_interval(secs => $1) ORDER BY requested_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.AuditReportPdf, data: { reportId: id } };
  }
}
