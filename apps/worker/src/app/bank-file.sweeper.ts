import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobItem, JobName, JobProducer } from '@mizan/server/jobs';
import { QueuedRowSweeper } from './queued-row-sweeper';

/** Bank files left 'queued' (their payments already sent_to_bank) while Redis was away (see QueuedRowSweeper). */
@Injectable()
export class BankFileSweeper extends QueuedRowSweeper {
  readonly what = 'bank file';
  protected readonly batch = 100;
  protected readonly queuedSql = `SELECT id FROM bank_file WHERE state = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`;

  constructor(@InjectDataSource() dataSource: DataSource, jobs: JobProducer) {
    super(dataSource, jobs);
  }

  protected jobFor(id: string): JobItem {
    return { name: JobName.BankFilePain001, data: { bankFileId: id } };
  }
}
