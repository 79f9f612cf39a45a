import { Injectable } from '@nestjs/common';
import { BankFileBuilder } from '@mizan/server/finance';
import { JobName, JobOf, JobStatus } from '@mizan/server/jobs';
import type { ProgressReporter } from './trail-export.processor';

/** Writes one bank file's ISO 20022 pain.001.001.09 XML (the api never renders it). */
@Injectable()
export class BankFileProcessor {
  constructor(private readonly builder: BankFileBuilder) {}

  process(data: JobOf<JobName.BankFilePain001>, reportProgress: ProgressReporter): Promise<JobStatus> {
    return this.builder.build(data.bankFileId, reportProgress);
  }

  markFailed(bankFileId: string, reason: string): Promise<void> {
    return this.builder.markFailed(bankFileId, reason);
  }
}
