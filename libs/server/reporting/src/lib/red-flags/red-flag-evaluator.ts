import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExpenditureLineFacts, RED_FLAG_CODES, RedFlag, evaluateRedFlags, mergeRedFlagSettings, redFlagOverridesOf } from '@mizan/domain';
import { SYSTEM_ACTOR, TrailService } from '@mizan/server/trail';
import { RedFlagRun } from '../entities/reporting.entities';
import { agencyGrants, agencyLines, fillReferenceRates } from './red-flag-facts';

/** Flags written per statement. */
const UPSERT_BATCH = 1000;

/**
 * The identity of a flag across runs: the rule and what it is about — its sorted lines, or for a grant-level flag
 * (Benford, monitoring) the grant (and for monitoring the due date, so a new overdue period is a new flag). Hashed:
 * a flag over thousands of lines still fits the unique index. A flag cleared once stays cleared while the same
 * fingerprint is raised again; a different set of lines is a new question.
 */
export function redFlagFingerprint(flag: RedFlag): string {
  const subject =
    flag.lineIds.length > 0 ? `lines:${flag.lineIds.join(',')}` : flag.code === 'MONITORING_OVERDUE' ? `grant:${flag.grantId}:${String(flag.params['dueOn'])}` : `grant:${flag.grantId}`;
  return `${flag.code}:${createHash('sha256').update(subject).digest('hex')}`;
}

export type ProgressReporter = (percent: number) => Promise<void>;

/**
 * One run of the red-flag engine over an agency (the worker's RedFlagRun job): read the facts set-based and page
 * by page, evaluate, then in one transaction upsert the flags by fingerprint, mark the flags no longer raised
 * inactive, finish the run row and write one trail record summarizing the run.
 */
@Injectable()
export class RedFlagEvaluator {
  private readonly logger = new Logger(RedFlagEvaluator.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  async run(runId: string, reportProgress: ProgressReporter = async () => undefined, today = new Date().toISOString().slice(0, 10)): Promise<'done' | 'skipped'> {
    const runs = this.dataSource.getRepository(RedFlagRun);
    const run = await runs.findOneBy({ id: runId });
    if (!run) {
      this.logger.warn(`red-flag run ${runId} no longer exists`);
      return 'skipped';
    }
    if (run.state === 'done') return 'skipped';
    const progress = async (percent: number): Promise<void> => {
      await runs.update({ id: runId }, { progress: percent });
      await reportProgress(percent);
    };
    await runs.update({ id: runId }, { state: 'running', startedAt: new Date(), error: null, progress: 0 });
    const started = Date.now();

    const manager = this.dataSource.manager;
    const [settingsRow] = (await manager.query('SELECT red_flags FROM reporting_settings WHERE agency_id = $1', [run.agencyId])) as { red_flags: unknown }[];
    const settings = mergeRedFlagSettings(settingsRow?.red_flags ?? {});
    const grants = await agencyGrants(manager, run.agencyId, today);
    await progress(5);
    const [{ total }] = (await manager.query(
      `SELECT count(*)::int AS total FROM expenditure_line l JOIN grant_report r ON r.id = l.report_id AND r.state <> 'draft' WHERE l.agency_id = $1 AND l.removed_at IS NULL`,
      [run.agencyId],
    )) as { total: number }[];
    const lines: ExpenditureLineFacts[] = [];
    for await (const page of agencyLines(manager, run.agencyId)) {
      lines.push(...page);
      await progress(5 + Math.min(55, Math.floor((lines.length * 55) / Math.max(1, total))));
    }
    await fillReferenceRates(manager, run.agencyId, lines, grants);
    await progress(65);
    const read = Date.now();
    const flags = evaluateRedFlags({ grants, lines }, settings, today);
    const evaluated = Date.now();
    await progress(80);

    const byCode: Record<string, number> = {};
    for (const f of flags) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const reportOfLine = new Map(lines.map((l) => [l.id, l.reportId]));
    const rows = flags.map((f) => {
      const reports = new Set(f.lineIds.map((id) => reportOfLine.get(id)));
      const reportId = typeof f.params['reportId'] === 'string' ? f.params['reportId'] : reports.size === 1 ? ([...reports][0] ?? null) : null;
      return { grant_id: f.grantId, report_id: reportId, code: f.code, severity: f.severity, fingerprint: redFlagFingerprint(f), line_ids: f.lineIds, params: f.params };
    });
    // The same fingerprint twice in one run (cannot happen by construction, but ON CONFLICT would refuse it): keep the first.
    const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()];

    const summary = await this.trail.record(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`red_flag_run:${run.agencyId}`]);
      let raisedNew = 0;
      for (let i = 0; i < unique.length; i += UPSERT_BATCH) {
        const batch = unique.slice(i, i + UPSERT_BATCH);
        const result = (await tx.query(
          `INSERT INTO red_flag AS f (agency_id, grant_id, report_id, code, severity, fingerprint, line_ids, params, state, active, first_raised_at, last_evaluated_at)
           SELECT $1, x.grant_id, x.report_id, x.code, x.severity, x.fingerprint, ARRAY(SELECT jsonb_array_elements_text(x.line_ids))::uuid[], x.params, 'open', true, now(), now()
             FROM jsonb_to_recordset($2::jsonb) AS x(grant_id uuid, report_id uuid, code text, severity text, fingerprint text, line_ids jsonb, params jsonb)
           ON CONFLICT (agency_id, fingerprint) DO UPDATE
             SET severity = EXCLUDED.severity, params = EXCLUDED.params, line_ids = EXCLUDED.line_ids, grant_id = EXCLUDED.grant_id, report_id = EXCLUDED.report_id,
                 active = true, last_evaluated_at = now(),
                 row_version = f.row_version + CASE WHEN f.active AND f.severity = EXCLUDED.severity AND f.params = EXCLUDED.params THEN 0 ELSE 1 END
           RETURNING (xmax = 0) AS inserted`,
          [run.agencyId, JSON.stringify(batch)],
        )) as { inserted: boolean }[];
        raisedNew += result.filter((r) => r.inserted).length;
      }
      const retired = (await tx.query(
        `UPDATE red_flag SET active = false, row_version = row_version + 1 WHERE agency_id = $1 AND active AND last_evaluated_at < now() RETURNING id`,
        [run.agencyId],
      )) as unknown as [unknown[], number];
      const retiredCount = Array.isArray(retired[0]) ? retired[0].length : 0;
      await tx.update(RedFlagRun, { id: runId }, { state: 'done', progress: 100, lineCount: lines.length, flagCount: unique.length, finishedAt: new Date(), error: null });
      const after = {
        reason: run.reason,
        reportId: run.reportId,
        lineCount: lines.length,
        grantCount: grants.length,
        flagCount: unique.length,
        newFlags: raisedNew,
        retiredFlags: retiredCount,
        byCode: Object.fromEntries(RED_FLAG_CODES.filter((c) => byCode[c]).map((c) => [c, byCode[c]])),
        settings: redFlagOverridesOf(settings),
        today,
        ms: Date.now() - started,
        readMs: read - started,
        evaluateMs: evaluated - read,
      };
      return {
        result: after,
        entries: [{ actor: SYSTEM_ACTOR, agencyId: run.agencyId, action: 'red_flag.run_completed', entityType: 'red_flag_run', entityId: runId, after }],
      };
    });
    await reportProgress(100);
    this.logger.log(`red-flag run ${runId}: ${summary.lineCount} lines, ${summary.flagCount} flags (${summary.newFlags} new, ${summary.retiredFlags} retired) in ${summary.ms} ms (read ${summary.readMs}, evaluate ${summary.evaluateMs})`);
    return 'done';
  }

  async markFailed(runId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(RedFlagRun).update({ id: runId }, { state: 'failed', error: reason.slice(0, 1000), finishedAt: new Date() });
  }
}
