import type { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScreeningRunTrigger } from '@mizan/contracts';
import { JobName, type JobProducer } from '@mizan/server/jobs';

export interface ScreeningRunRequest {
  agencyId: string;
  trigger: ScreeningRunTrigger;
  listVersionId?: string | null;
  requestedBy?: string | null;
}

/**
 * A queued screening run of every party, written in the caller's transaction (the import's, the
 * settings', a manual run's); queue its job after the commit with `enqueueScreeningRun`.
 */
export async function insertScreeningRun(manager: EntityManager, request: ScreeningRunRequest): Promise<string> {
  const [row] = (await manager.query(`INSERT INTO screening_run (agency_id, trigger, list_version_id, requested_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
    request.agencyId,
    request.trigger,
    request.listVersionId ?? null,
    request.requestedBy ?? null,
  ])) as { id: string }[];
  return row.id;
}

/**
 * Queues the run's job (the run id is the job id: queuing twice runs once). Redis away: the row
 * stays queued and the worker's sweeper queues it later; false then.
 */
export async function enqueueScreeningRun(jobs: JobProducer, logger: Logger, runId: string): Promise<boolean> {
  try {
    await jobs.add({ name: JobName.ScreeningRun, data: { runId } }, runId);
    return true;
  } catch (error) {
    logger.warn(`screening run ${runId} not queued now (${(error as Error).message}); the worker's sweep will queue it`);
    return false;
  }
}
