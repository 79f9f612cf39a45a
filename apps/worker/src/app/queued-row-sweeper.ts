import { DataSource } from 'typeorm';
import { JobItem, JobProducer } from '@mizan/server/jobs';

/** Younger rows are still being handed to the queue by the api that wrote them. */
const GRACE_SECONDS = 30;

/**
 * The relay half of an outbox: the api queues a job right after its
 * transaction commits, but if Redis was unreachable at that moment the row
 * stays 'queued' in the database. A sweeper finds such rows and queues them;
 * the job id is the row's id, so a row whose job already exists is not queued
 * twice. Sweeps run as the recurring job sweep-queued-rows (a BullMQ job
 * scheduler, see recurring-jobs.ts): once a minute across all workers, the
 * first one as soon as a worker starts.
 */
export abstract class QueuedRowSweeper {
  /** What is swept, for the log. */
  abstract readonly what: string;
  /** Ids of rows left queued, oldest first; `graceSeconds` and `batch` are the query's parameters $1 and $2. */
  protected abstract readonly queuedSql: string;
  protected abstract readonly batch: number;
  protected abstract jobFor(id: string): JobItem;

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async sweep(): Promise<number> {
    const rows = (await this.dataSource.query(this.queuedSql, [GRACE_SECONDS, this.batch])) as { id: string }[];
    for (const { id } of rows) await this.jobs.add(this.jobFor(id), id);
    return rows.length;
  }
}
