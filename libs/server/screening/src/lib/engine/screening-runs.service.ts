import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, type Page, type ScreeningRunTrigger, type ScreeningRunView } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { JobProducer } from '@mizan/server/jobs';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailService } from '@mizan/server/trail';
import { PartyScreeningService, ScreeningProgress } from './party-screening.service';
import { latestListVersionId } from './screening-index.cache';
import { ScreeningRunRequest, enqueueScreeningRun, insertScreeningRun } from './screening-run-request';

interface RunRow {
  id: string;
  agency_id: string;
  trigger: ScreeningRunTrigger;
  list_version_id: string | null;
  state: ScreeningRunView['state'];
  progress: number;
  parties_screened: number;
  matches_raised: number;
  failure_code: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const RUN_SELECT = `SELECT r.id, r.agency_id, r.trigger, r.list_version_id, r.state, r.progress, r.parties_screened, r.matches_raised, r.failure_code,
    r.requested_by, u.display_name AS requested_by_name, r.created_at, r.finished_at
  FROM screening_run r LEFT JOIN app_user u ON u.id = r.requested_by`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** failure_code is short text (a code or the first words of an error). */
const FAILURE_MAX = 200;

function toView(r: RunRow): ScreeningRunView {
  return {
    id: r.id,
    trigger: r.trigger,
    listVersionId: r.list_version_id,
    state: r.state,
    progress: r.progress,
    partiesScreened: r.parties_screened,
    matchesRaised: r.matches_raised,
    failureCode: r.failure_code,
    requestedBy: r.requested_by ? { id: r.requested_by, name: r.requested_by_name ?? '' } : null,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/**
 * Screening runs: every party of an agency screened again (after an import, when the
 * settings change, or asked for). A run is a screening_run row written in the caller's
 * transaction and a job queued after the commit (`enqueue`; the worker's sweeper queues
 * rows whose job never reached Redis); the worker calls `process`.
 */
@Injectable()
export class ScreeningRunsService {
  private readonly logger = new Logger(ScreeningRunsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
    private readonly parties: PartyScreeningService,
  ) {}

  /** Inserts the queued run in `manager`'s transaction; call `enqueue(runId)` after the commit. */
  request(manager: EntityManager, request: ScreeningRunRequest): Promise<string> {
    return insertScreeningRun(manager, request);
  }

  /** Queues the run's job (the run id is the job id: queuing twice runs once). Redis away: the sweeper queues it later. */
  async enqueue(runId: string): Promise<void> {
    await enqueueScreeningRun(this.jobs, this.logger, runId);
  }

  /** Screen everyone again now (POST runs): 409 SCREENING_NO_LIST before the first import. */
  async runNow(auth: AuthenticatedRequestContext): Promise<ScreeningRunView> {
    const agencyId = auth.user.agencyId;
    const runId = await this.trail.record(async (manager) => {
      const versionId = await latestListVersionId(manager, agencyId);
      if (!versionId) throw new MizanException(ErrorCode.ScreeningNoList, 'No sanctions list has been imported yet');
      const id = await this.request(manager, { agencyId, trigger: 'manual', listVersionId: versionId, requestedBy: auth.user.id });
      return {
        result: id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId,
            action: 'screening.run_requested',
            entityType: 'screening_run',
            entityId: id,
            after: { trigger: 'manual', listVersionId: versionId },
          },
        ],
      };
    });
    await this.enqueue(runId);
    return this.one(auth, runId);
  }

  async list(auth: AuthenticatedRequestContext, query: { page?: number; pageSize?: number }): Promise<Page<ScreeningRunView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const [{ total }] = (await this.dataSource.query('SELECT count(*)::int AS total FROM screening_run WHERE agency_id = $1', [auth.user.agencyId])) as { total: number }[];
    const rows = (await this.dataSource.query(`${RUN_SELECT} WHERE r.agency_id = $1 ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`, [
      auth.user.agencyId,
      pageSize,
      (page - 1) * pageSize,
    ])) as RunRow[];
    return { items: rows.map(toView), page, pageSize, total };
  }

  /** One run of the caller's agency (404 otherwise). */
  async one(auth: AuthenticatedRequestContext, runId: string): Promise<ScreeningRunView> {
    if (!UUID.test(runId)) throw MizanException.notFound('Screening run');
    const [row] = (await this.dataSource.query(`${RUN_SELECT} WHERE r.id = $1 AND r.agency_id = $2`, [runId, auth.user.agencyId])) as RunRow[];
    if (!row) throw MizanException.notFound('Screening run');
    return toView(row);
  }

  /**
   * The worker's half: queued → running → done, screening every party of the agency
   * (PartyScreeningService.screenAll) and, in the same transaction, the run's counts, its
   * trail record and one notification to the officers when new matches were raised.
   */
  async process(runId: string, reportProgress: ScreeningProgress = async () => undefined): Promise<'done' | 'skipped'> {
    const [run] = (await this.dataSource.query('SELECT id, agency_id, state, trigger FROM screening_run WHERE id = $1', [runId])) as {
      id: string;
      agency_id: string;
      state: string;
      trigger: ScreeningRunTrigger;
    }[];
    if (!run) {
      this.logger.warn(`screening run ${runId} no longer exists`);
      return 'skipped';
    }
    if (run.state === 'done') return 'skipped';
    await this.dataSource.query(`UPDATE screening_run SET state = 'running', progress = 0, failure_code = NULL WHERE id = $1`, [runId]);
    const progress = async (percent: number): Promise<void> => {
      await this.dataSource.query('UPDATE screening_run SET progress = $2 WHERE id = $1 AND progress < $2', [runId, percent]);
      await reportProgress(percent);
    };
    await this.trail.record(async (manager) => {
      const outcome = await this.parties.screenAll(manager, run.agency_id, progress);
      await manager.query(
        `UPDATE screening_run SET state = 'done', progress = 100, parties_screened = $2, matches_raised = $3, list_version_id = COALESCE($4, list_version_id), finished_at = now() WHERE id = $1`,
        [runId, outcome.screened, outcome.raised, outcome.listVersionId],
      );
      await this.parties.notifyOfficers(manager, run.agency_id, outcome.raised, { type: 'screening_run', id: runId });
      return {
        result: undefined,
        entries: [
          {
            actor: { id: null, label: 'screening' },
            agencyId: run.agency_id,
            action: 'screening.run_finished',
            entityType: 'screening_run',
            entityId: runId,
            before: { state: run.state },
            after: { state: 'done', trigger: run.trigger, partiesScreened: outcome.screened, matchesRaised: outcome.raised, matchesLapsed: outcome.lapsed, listVersionId: outcome.listVersionId },
          },
        ],
      };
    });
    await reportProgress(100);
    return 'done';
  }

  /** The job's last attempt failed: the run is failed (its progress kept). */
  async markFailed(runId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE screening_run SET state = 'failed', failure_code = $2, finished_at = now() WHERE id = $1 AND state <> 'done'`, [
      runId,
      reason.slice(0, FAILURE_MAX),
    ]);
  }
}
