import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RedFlagRunReason } from '@mizan/contracts';
import { JobName, JobProducer } from '@mizan/server/jobs';

export interface RedFlagRunRequest {
  agencyId: string;
  reason: RedFlagRunReason;
  reportId?: string | null;
  requestedBy?: string | null;
}

/**
 * Asks for a run of the red-flag engine over an agency: a red_flag_run row in state 'queued', written in the
 * caller's transaction, and a job queued once that transaction has committed (`enqueue`). A row whose job never
 * reached Redis is picked up by the worker's RedFlagRunSweeper, so a failed enqueue loses nothing.
 */
@Injectable()
export class RedFlagRunsService {
  private readonly logger = new Logger(RedFlagRunsService.name);

  constructor(private readonly jobs: JobProducer) {}

  /** Inserts the queued run in `manager`'s transaction; call `enqueue(runId)` after the commit. */
  async request(manager: EntityManager, request: RedFlagRunRequest): Promise<string> {
    const [row] = (await manager.query(`INSERT INTO red_flag_run (agency_id, reason, report_id, requested_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
      request.agencyId,
      request.reason,
      request.reportId ?? null,
      request.requestedBy ?? null,
    ])) as { id: string }[];
    return row.id;
  }

  /** Queues the run's job (the run id is the job id: queuing twice runs once). Redis away: the sweeper queues it later. */
  async enqueue(runId: string): Promise<void> {
    try {
      await this.jobs.add({ name: JobName.RedFlagRun, data: { runId } }, runId);
    } catch (error) {
      this.logger.warn(`red-flag run ${runId} not queued now (${(error as Error).message}); the worker's sweep will queue it`);
    }
  }
}
