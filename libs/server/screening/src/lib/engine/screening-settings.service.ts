import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, FieldErrorCode, type FieldProblem, type ScreeningSettingsInput, type ScreeningSettingsView } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailService } from '@mizan/server/trail';
import { latestListVersionId } from './screening-index.cache';
import { ScreeningRunsService } from './screening-runs.service';
import { DEFAULT_SCREENING_THRESHOLDS, thresholdsOf } from './screening-thresholds';

/** The lowest threshold an agency may set: below it nearly every name "matches". */
export const SCREENING_THRESHOLD_MIN = 0.5;
const DECIMALS = 4;

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(DECIMALS)) === value;
}

/** The problems of a settings body, each naming its field (empty when it is fine). */
export function screeningSettingsProblems(input: Partial<Record<keyof ScreeningSettingsInput, unknown>>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { threshold, highScore, rowVersion } = input;
  if (!isScore(threshold)) problems.push({ field: 'threshold', code: FieldErrorCode.NotNumber, message: `threshold must be a number with at most ${DECIMALS} decimals` });
  else if (threshold < SCREENING_THRESHOLD_MIN)
    problems.push({ field: 'threshold', code: FieldErrorCode.TooSmall, params: { min: SCREENING_THRESHOLD_MIN }, message: `threshold must be at least ${SCREENING_THRESHOLD_MIN}` });
  else if (threshold > 1) problems.push({ field: 'threshold', code: FieldErrorCode.TooLarge, params: { max: 1 }, message: 'threshold must be at most 1' });
  if (!isScore(highScore)) problems.push({ field: 'highScore', code: FieldErrorCode.NotNumber, message: `highScore must be a number with at most ${DECIMALS} decimals` });
  else if (highScore > 1) problems.push({ field: 'highScore', code: FieldErrorCode.TooLarge, params: { max: 1 }, message: 'highScore must be at most 1' });
  else if (isScore(threshold) && threshold >= SCREENING_THRESHOLD_MIN && threshold <= 1 && highScore < threshold)
    problems.push({ field: 'highScore', code: FieldErrorCode.TooSmall, params: { min: threshold }, message: 'highScore must be at least the threshold' });
  if (typeof rowVersion !== 'number' || !Number.isInteger(rowVersion) || rowVersion < 0 || rowVersion > 2_147_483_647)
    problems.push({ field: 'rowVersion', code: FieldErrorCode.NotInteger, message: 'rowVersion must be the whole number read with the settings' });
  return problems;
}

/** The agency's screening threshold and high score: read (defaults until set) and changed (trail, and everyone screened again). */
@Injectable()
export class ScreeningSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly runs: ScreeningRunsService,
  ) {}

  async get(auth: AuthenticatedRequestContext): Promise<ScreeningSettingsView> {
    const [row] = (await this.dataSource.query(
      `SELECT s.threshold::float8 AS threshold, s.high_score::float8 AS high_score, s.updated_by, u.display_name, s.updated_at, s.row_version
         FROM screening_settings s LEFT JOIN app_user u ON u.id = s.updated_by WHERE s.agency_id = $1`,
      [auth.user.agencyId],
    )) as { threshold: number; high_score: number; updated_by: string | null; display_name: string | null; updated_at: Date; row_version: number }[];
    const defaults = { ...DEFAULT_SCREENING_THRESHOLDS };
    if (!row) return { ...defaults, defaults, updatedBy: null, updatedAt: null, rowVersion: 0 };
    return {
      ...thresholdsOf(row),
      defaults,
      updatedBy: row.updated_by ? { id: row.updated_by, name: row.display_name ?? '' } : null,
      updatedAt: new Date(row.updated_at).toISOString(),
      rowVersion: row.row_version,
    };
  }

  /**
   * Sets the threshold and high score (0.5 ≤ threshold ≤ highScore ≤ 1; 400 naming each field
   * otherwise); `rowVersion` is the one read (0 before the first change): another's change
   * meanwhile is 409 STALE_SCREENING_SETTINGS. On the trail, and a run (trigger settings)
   * screens everyone again with the new threshold when a list is imported.
   */
  async update(auth: AuthenticatedRequestContext, input: ScreeningSettingsInput): Promise<ScreeningSettingsView> {
    const problems = screeningSettingsProblems(input);
    if (problems.length) throw new MizanException(ErrorCode.ValidationFailed, problems.map((p) => p.message).join('; '), problems);
    const agencyId = auth.user.agencyId;
    const runId = await this.trail.record(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`screening_settings:${agencyId}`]);
      const [before] = (await manager.query('SELECT threshold::float8 AS threshold, high_score::float8 AS high_score, row_version FROM screening_settings WHERE agency_id = $1 FOR UPDATE', [
        agencyId,
      ])) as { threshold: number; high_score: number; row_version: number }[];
      const current = before?.row_version ?? 0;
      if (current !== input.rowVersion)
        throw MizanException.withParams(ErrorCode.StaleScreeningSettings, 'Someone changed the screening settings since you loaded them', { rowVersion: current });
      if (before) {
        await manager.query('UPDATE screening_settings SET threshold = $2, high_score = $3, updated_by = $4, updated_at = now(), row_version = row_version + 1 WHERE agency_id = $1', [
          agencyId,
          input.threshold,
          input.highScore,
          auth.user.id,
        ]);
      } else {
        await manager.query('INSERT INTO screening_settings (agency_id, threshold, high_score, updated_by) VALUES ($1, $2, $3, $4)', [agencyId, input.threshold, input.highScore, auth.user.id]);
      }
      const versionId = await latestListVersionId(manager, agencyId);
      const id = versionId ? await this.runs.request(manager, { agencyId, trigger: 'settings', listVersionId: versionId, requestedBy: auth.user.id }) : null;
      return {
        result: id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId,
            action: 'screening.settings_changed',
            entityType: 'screening_settings',
            entityId: agencyId,
            before: before ? thresholdsOf(before) : { ...DEFAULT_SCREENING_THRESHOLDS, defaults: true },
            after: { threshold: input.threshold, highScore: input.highScore, runId: id },
          },
        ],
      };
    });
    if (runId) await this.runs.enqueue(runId);
    return this.get(auth);
  }
}
