import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobProducer } from '@mizan/server/jobs';

const SWEEP_EVERY_MS = 60_000;
/** Younger files are still being handed to the queue by the api that wrote them. */
const GRACE_SECONDS = 30;
const BATCH = 100;

/**
 * The api queues a bank file's job right after its transaction commits; if
 * Redis was unreachable at that moment the file stays 'queued' (its payments
 * already sent_to_bank). This finds such files (at start and then every
 * minute) and queues them; the job id is the file's id, so a file whose job
 * already exists is not queued twice.
 */
@Injectable()
export class BankFileSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BankFileSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.warn(`bank file sweep failed: ${(error as Error).message}`))
        .finally(() => this.schedule(SWEEP_EVERY_MS));
    }, delayMs);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM bank_file WHERE state = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
      [GRACE_SECONDS, BATCH],
    )) as { id: string }[];
    for (const { id } of rows) await this.jobs.add({ name: JobName.BankFilePain001, data: { bankFileId: id } }, id);
    return rows.length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
