import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobItem, JobProducer } from '@mizan/server/jobs';

const SWEEP_EVERY_MS = 60_000;
/** Younger rows are still being handed to the queue by the api that wrote them. */
const GRACE_SECONDS = 30;

/**
 * The relay half of an outbox: the api queues a job right after its
 * transaction commits, but if Redis was unreachable at that moment the row
 * stays 'queued' in the database. A sweeper finds such rows (at start and then
 * every minute) and queues them; the job id is the row's id, so a row whose
 * job already exists is not queued twice.
 */
export abstract class QueuedRowSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  /** What is swept, for the log. */
  protected abstract readonly what: string;
  /** Ids of rows left queued, oldest first; `graceSeconds` and `batch` are the query's parameters $1 and $2. */
  protected abstract readonly queuedSql: string;
  protected abstract readonly batch: number;
  protected abstract jobFor(id: string): JobItem;

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.warn(`${this.what} sweep failed: ${(error as Error).message}`))
        .finally(() => this.schedule(SWEEP_EVERY_MS));
    }, delayMs);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    const rows = (await this.dataSource.query(this.queuedSql, [GRACE_SECONDS, this.batch])) as { id: string }[];
    for (const { id } of rows) await this.jobs.add(this.jobFor(id), id);
    return rows.length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
