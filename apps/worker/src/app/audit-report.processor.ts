import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { JobOf, JobName, JobStatus } from '@mizan/server/jobs';
import { AuditReportBuilder } from '@mizan/server/pdf';
import { FileStore } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import type { ProgressReporter } from './trail-export.processor';

export { SnapshotChangedError } from '@mizan/server/pdf';

/**
 * The worker's job for an audit report (docs/audit.md, "Reports"): the build itself is `AuditReportBuilder`
 * (libs/server/pdf), the one piece the demo seed calls too; the job reports its progress.
 */
@Injectable()
export class AuditReportProcessor {
  private readonly builder: AuditReportBuilder;

  constructor(@InjectDataSource() dataSource: DataSource, trail: TrailService, @Inject(MIZAN_CONFIG) config: MizanConfig) {
    this.builder = new AuditReportBuilder(dataSource, trail, new FileStore(config.storageDir));
  }

  async process(data: JobOf<JobName.AuditReportPdf>, reportProgress: ProgressReporter): Promise<JobStatus> {
    return this.builder.build(data.reportId, reportProgress);
  }

  async markFailed(reportId: string, reason: string): Promise<void> {
    await this.builder.markFailed(reportId, reason);
  }
}
