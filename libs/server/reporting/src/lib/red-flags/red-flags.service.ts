import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  RED_FLAG_LINES_SHOWN,
  RedFlagCounts,
  RedFlagHistoryEntry,
  RedFlagLineRef,
  RedFlagListQuery,
  RedFlagPage,
  RedFlagRunView,
  RedFlagSettingsView,
  RedFlagView,
  can,
} from '@mizan/contracts';
import {
  CurrencyCode,
  DEFAULT_RED_FLAG_SETTINGS,
  RedFlagCode,
  RedFlagSeverity,
  mergeRedFlagSettings,
  parseRedFlagOverrides,
  redFlagOverridesOf,
  redFlagSettingsToJson,
} from '@mizan/domain';
import { KeysetColumn, MizanException, cappedCountSql, readKeysetPage } from '@mizan/server/core';
import { assertId } from '@mizan/server/finance';
import { auditorReadsGrant } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { TrailService } from '@mizan/server/trail';
import { RedFlagRunsService } from './red-flag-runs.service';

const REASON_MAX = 2000;

interface FlagRow {
  id: string;
  grant_id: string;
  grant_number: string;
  grant_title: string;
  report_id: string | null;
  code: RedFlagCode;
  severity: RedFlagSeverity;
  state: 'open' | 'cleared' | 'escalated';
  active: boolean;
  params: Record<string, unknown>;
  line_ids: string[];
  first_raised_at: Date;
  last_evaluated_at: Date;
  resolved_at: Date | null;
  resolved_by_name: string | null;
  resolution_reason: string | null;
  row_version: number;
}

const FLAG_COLUMNS = `SELECT f.id, f.grant_id, g.grant_number, g.title AS grant_title, f.report_id, f.code, f.severity, f.state, f.active, f.params, f.line_ids,
    f.first_raised_at, f.last_evaluated_at, f.resolved_at, u.display_name AS resolved_by_name, f.resolution_reason, f.row_version`;
const FLAG_FROM = `FROM red_flag f JOIN grant_award g ON g.id = f.grant_id LEFT JOIN app_user u ON u.id = f.resolved_by`;
const FLAG_SELECT = `${FLAG_COLUMNS} ${FLAG_FROM}`;

const STATE_RANK: Record<FlagRow['state'], number> = { escalated: 0, open: 1, cleared: 2 };
const SEVERITY_RANK: Record<RedFlagSeverity, number> = { high: 0, medium: 1, low: 2 };

/**
 * The list's order — escalated, open, cleared; high severity first; newest first — as a keyset.
 * The rank expressions are those of the index ix_red_flag_keyset (agency_id, state rank, severity rank, first_raised_at DESC, id).
 */
export const FLAG_KEYSET: readonly KeysetColumn[] = [
  { sql: `(CASE f.state WHEN 'escalated' THEN 0 WHEN 'open' THEN 1 ELSE 2 END)`, direction: 'asc', type: 'int' },
  { sql: `(CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END)`, direction: 'asc', type: 'int' },
  { sql: 'f.first_raised_at', direction: 'desc', type: 'timestamptz' },
  { sql: 'f.id', direction: 'asc', type: 'uuid' },
];

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

/** Red flags for the officers of an agency: reads with the lines and history, clearing and escalating, runs, thresholds. */
@Injectable()
export class RedFlagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly runs: RedFlagRunsService,
    private readonly notifications: NotificationsService,
  ) {}

  private where(agencyId: string, query: RedFlagListQuery, withFilters: boolean): { sql: string; params: unknown[] } {
    const params: unknown[] = [agencyId];
    const where = ['f.agency_id = $1'];
    if (!query.inactive) where.push('f.active');
    if (query.grantId) where.push(`f.grant_id = $${params.push(query.grantId)}`);
    if (query.programId) where.push(`g.program_id = $${params.push(query.programId)}`);
    if (withFilters) {
      if (query.state) where.push(`f.state = $${params.push(query.state)}`);
      if (query.severity) where.push(`f.severity = $${params.push(query.severity)}`);
      if (query.code) where.push(`f.code = $${params.push(query.code)}`);
    }
    return { sql: where.join(' AND '), params };
  }

  async list(auth: AuthenticatedRequestContext, query: RedFlagListQuery): Promise<RedFlagPage> {
    const m = this.dataSource.manager;
    const filtered = this.where(auth.user.agencyId, query, true);
    const from = `FROM red_flag f JOIN grant_award g ON g.id = f.grant_id WHERE ${filtered.sql}`;
    const page = await readKeysetPage<FlagRow & { k2: string }, FlagRow>({
      columns: FLAG_KEYSET,
      query,
      firstParam: filtered.params.length + 1,
      select: async (condition, order, limit, extra) =>
        (await m.query(
          `${FLAG_COLUMNS}, to_char(f.first_raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k2 ${FLAG_FROM} WHERE ${filtered.sql} AND ${condition} ORDER BY ${order} LIMIT ${limit}`,
          [...filtered.params, ...extra],
        )) as (FlagRow & { k2: string })[],
      keyOf: (r) => [STATE_RANK[r.state], SEVERITY_RANK[r.severity], r.k2, r.id],
      toItem: (r) => r,
      count: async (cap) => ((await m.query(cappedCountSql(from, cap), filtered.params)) as { n: number }[])[0].n,
    });
    const scope = this.where(auth.user.agencyId, query, false);
    const countRows = (await m.query(
      `SELECT f.code, f.severity, f.state, count(*)::int AS n FROM red_flag f JOIN grant_award g ON g.id = f.grant_id WHERE ${scope.sql} GROUP BY f.code, f.severity, f.state`,
      scope.params,
    )) as { code: RedFlagCode; severity: RedFlagSeverity; state: 'open' | 'cleared' | 'escalated'; n: number }[];
    const counts: RedFlagCounts = { byCode: {}, bySeverity: {}, byState: {} };
    for (const c of countRows) {
      const perCode = (counts.byCode[c.code] ??= {});
      perCode[c.severity] = (perCode[c.severity] ?? 0) + c.n;
      counts.bySeverity[c.severity] = (counts.bySeverity[c.severity] ?? 0) + c.n;
      counts.byState[c.state] = (counts.byState[c.state] ?? 0) + c.n;
    }
    return { ...page, items: await this.views(m, page.items), counts };
  }

  /** The flags of one grant of the caller's agency (404 for another agency's grant). */
  async ofGrant(auth: AuthenticatedRequestContext, grantId: string, query: RedFlagListQuery): Promise<RedFlagPage> {
    await this.grantOfAgency(auth, grantId);
    return this.list(auth, { ...query, grantId });
  }

  async one(auth: AuthenticatedRequestContext, flagId: string, manager: EntityManager = this.dataSource.manager): Promise<RedFlagView> {
    const [row] = (await manager.query(`${FLAG_SELECT} WHERE f.id = $1 AND f.agency_id = $2`, [this.id(flagId), auth.user.agencyId])) as FlagRow[];
    if (!row) throw MizanException.notFound('Red flag');
    // An auditor (no red_flag.manage) reads only flags of grants in an open engagement's scope (issue 12).
    if (!can(auth.user.roles(), 'red_flag.manage') && !(await auditorReadsGrant(manager, auth, row.grant_id))) throw MizanException.notFound('Red flag');
    const [view] = await this.views(manager, [row]);
    return view;
  }

  async clear(auth: AuthenticatedRequestContext, flagId: string, reason: string): Promise<RedFlagView> {
    return this.resolve(auth, flagId, reason, 'cleared');
  }

  async escalate(auth: AuthenticatedRequestContext, flagId: string, reason: string): Promise<RedFlagView> {
    return this.resolve(auth, flagId, reason, 'escalated');
  }

  private async resolve(auth: AuthenticatedRequestContext, flagId: string, reasonText: string, state: 'cleared' | 'escalated'): Promise<RedFlagView> {
    const reason = (reasonText ?? '').trim();
    if (!reason) throw new MizanException(ErrorCode.ValidationFailed, 'A reason is required', [{ field: 'reason', message: 'A reason is required' }]);
    if (reason.length > REASON_MAX) throw new MizanException(ErrorCode.ValidationFailed, `The reason is at most ${REASON_MAX} characters`, [{ field: 'reason', message: 'too long' }]);
    const id = this.id(flagId);
    await this.trail.record(async (manager) => {
      const [row] = (await manager.query(
        'SELECT f.id, f.agency_id, f.grant_id, g.grant_number, f.code, f.severity, f.state FROM red_flag f JOIN grant_award g ON g.id = f.grant_id WHERE f.id = $1 FOR UPDATE OF f',
        [id],
      )) as {
        id: string;
        agency_id: string;
        grant_id: string;
        grant_number: string;
        code: string;
        severity: string;
        state: string;
      }[];
      if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Red flag');
      if (row.state === state) throw MizanException.withParams(ErrorCode.Conflict, `The flag is already ${state}`, { state: row.state });
      if (row.state === 'cleared' && state === 'escalated') throw MizanException.withParams(ErrorCode.Conflict, 'A cleared flag is not escalated', { state: row.state });
      await manager.query(
        `UPDATE red_flag SET state = $2, resolved_by = $3, resolved_at = now(), resolution_reason = $4, row_version = row_version + 1 WHERE id = $1`,
        [id, state, auth.user.id, reason],
      );
      if (state === 'escalated') {
        // Finance is told in-app (in each reader's language), in this transaction.
        const finance = (await manager.query(`SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.agency_id = $1 AND u.active AND r.role = 'finance'`, [
          row.agency_id,
        ])) as { id: string }[];
        await this.notifications.notify(manager, {
          userIds: finance.map((u) => u.id).filter((u) => u !== auth.user.id),
          agencyId: row.agency_id,
          kind: 'red_flag.escalated',
          message: { key: 'red_flag.escalated', params: { grant: row.grant_number, rule: row.code, severity: row.severity, actor: auth.user.email, reason } },
          entityType: 'red_flag',
          entityId: id,
          email: false,
        });
      }
      return {
        result: undefined,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: row.agency_id,
            action: state === 'cleared' ? 'red_flag.cleared' : 'red_flag.escalated',
            entityType: 'red_flag',
            entityId: id,
            before: { state: row.state },
            after: { state, grantId: row.grant_id, code: row.code, severity: row.severity },
            reason,
          },
        ],
      };
    });
    return this.one(auth, id);
  }

  async latestRuns(auth: AuthenticatedRequestContext, limit = 10): Promise<RedFlagRunView[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, reason, report_id, state, progress, line_count, flag_count, error, created_at, started_at, finished_at FROM red_flag_run
        WHERE agency_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [auth.user.agencyId, limit],
    )) as {
      id: string;
      reason: RedFlagRunView['reason'];
      report_id: string | null;
      state: RedFlagRunView['state'];
      progress: number;
      line_count: number | null;
      flag_count: number | null;
      error: string | null;
      created_at: Date;
      started_at: Date | null;
      finished_at: Date | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      reason: r.reason,
      reportId: r.report_id,
      state: r.state,
      progress: r.progress,
      lineCount: r.line_count,
      flagCount: r.flag_count,
      error: r.error,
      createdAt: iso(r.created_at) as string,
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
    }));
  }

  /** Run now: a queued run (reason manual) with its trail record, queued after the commit. */
  async runNow(auth: AuthenticatedRequestContext): Promise<RedFlagRunView> {
    const runId = await this.trail.record(async (manager) => {
      const id = await this.runs.request(manager, { agencyId: auth.user.agencyId, reason: 'manual', requestedBy: auth.user.id });
      return {
        result: id,
        entries: [{ actor: { id: auth.user.id, label: auth.user.email }, agencyId: auth.user.agencyId, action: 'red_flag.run_requested', entityType: 'red_flag_run', entityId: id, after: { reason: 'manual' } }],
      };
    });
    await this.runs.enqueue(runId);
    return (await this.latestRuns(auth, 50)).find((r) => r.id === runId) as RedFlagRunView;
  }

  async settings(auth: AuthenticatedRequestContext): Promise<RedFlagSettingsView> {
    const [row] = (await this.dataSource.query('SELECT red_flags, updated_at, row_version FROM reporting_settings WHERE agency_id = $1', [auth.user.agencyId])) as {
      red_flags: unknown;
      updated_at: Date;
      row_version: number;
    }[];
    const effective = mergeRedFlagSettings(row?.red_flags ?? {});
    return {
      settings: redFlagSettingsToJson(effective),
      defaults: redFlagSettingsToJson(DEFAULT_RED_FLAG_SETTINGS),
      overrides: redFlagOverridesOf(effective) as RedFlagSettingsView['overrides'],
      updatedAt: iso(row?.updated_at ?? null),
      rowVersion: row?.row_version ?? 0,
    };
  }

  /**
   * Replaces the agency's overrides (the body: only what differs from the defaults needs to be sent; a value equal
   * to the default is not stored). Out-of-range values and unknown keys: 400 naming each field. Creates the
   * settings row when missing, writes the trail and queues a run (settings_changed).
   */
  async updateSettings(auth: AuthenticatedRequestContext, body: unknown): Promise<RedFlagSettingsView> {
    const parsed = parseRedFlagOverrides(body);
    if (!parsed.ok) {
      const message = parsed.problems.map((p) => `${p.field || 'body'}: ${p.code}${p.min !== undefined ? ` (${p.min}–${p.max})` : ''}`).join('; ');
      throw MizanException.withParams(
        ErrorCode.ValidationFailed,
        `Red-flag settings refused: ${message}`,
        { fields: parsed.problems.map((p) => p.field).join(',') },
        parsed.problems.map((p) => ({ field: p.field || 'body', message: `${p.code}${p.min !== undefined ? ` (${p.min}–${p.max})` : ''}` })),
      );
    }
    const overrides = redFlagOverridesOf(mergeRedFlagSettings(parsed.overrides));
    const agencyId = auth.user.agencyId;
    const runId = await this.trail.record(async (manager) => {
      await manager.query('INSERT INTO reporting_settings (agency_id) VALUES ($1) ON CONFLICT (agency_id) DO NOTHING', [agencyId]);
      const [before] = (await manager.query('SELECT red_flags FROM reporting_settings WHERE agency_id = $1 FOR UPDATE', [agencyId])) as { red_flags: unknown }[];
      await manager.query('UPDATE reporting_settings SET red_flags = $2::jsonb, updated_by = $3, updated_at = now(), row_version = row_version + 1 WHERE agency_id = $1', [
        agencyId,
        JSON.stringify(overrides),
        auth.user.id,
      ]);
      const id = await this.runs.request(manager, { agencyId, reason: 'settings_changed', requestedBy: auth.user.id });
      return {
        result: id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId,
            action: 'red_flag.settings_updated',
            entityType: 'red_flag_settings',
            entityId: agencyId,
            before: before.red_flags,
            after: { overrides, runId: id },
          },
        ],
      };
    });
    await this.runs.enqueue(runId);
    return this.settings(auth);
  }

  private id(flagId: string): string {
    assertId(flagId, 'Red flag');
    return flagId.toLowerCase();
  }

  private async grantOfAgency(auth: AuthenticatedRequestContext, grantId: string): Promise<void> {
    assertId(grantId, 'Grant');
    const [row] = (await this.dataSource.query('SELECT agency_id FROM grant_award WHERE id = $1', [grantId])) as { agency_id: string }[];
    if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Grant');
    if (!can(auth.user.roles(), 'red_flag.manage') && !(await auditorReadsGrant(this.dataSource.manager, auth, grantId))) throw MizanException.notFound('Grant');
  }

  /** Rows to views: the lines each flag names (first RED_FLAG_LINES_SHOWN) and its history, two queries for the page. */
  private async views(manager: EntityManager, rows: FlagRow[]): Promise<RedFlagView[]> {
    if (rows.length === 0) return [];
    const lineIds = [...new Set(rows.flatMap((r) => r.line_ids.slice(0, RED_FLAG_LINES_SHOWN)))];
    const lines = lineIds.length
      ? ((await manager.query(
          `SELECT id, seq, report_id, spent_on::text AS spent_on, supplier, amount_minor::text AS amount_minor, currency FROM expenditure_line WHERE id = ANY($1::uuid[])`,
          [lineIds],
        )) as { id: string; seq: number; report_id: string; spent_on: string; supplier: string; amount_minor: string; currency: string }[])
      : [];
    const lineOf = new Map<string, RedFlagLineRef>(
      lines.map((l) => [l.id, { id: l.id, seq: l.seq, reportId: l.report_id, date: l.spent_on, supplier: l.supplier, amountMinor: l.amount_minor, currency: l.currency.trim() as CurrencyCode }]),
    );
    const history = (await manager.query(
      `SELECT r.entity_id, r.occurred_at, r.action, u.display_name, r.reason FROM activity_record r LEFT JOIN app_user u ON u.id = r.actor_id
        WHERE r.entity_type = 'red_flag' AND r.entity_id = ANY($1::text[]) ORDER BY r.seq`,
      [rows.map((r) => r.id)],
    )) as { entity_id: string; occurred_at: Date; action: string; display_name: string | null; reason: string | null }[];
    const historyOf = new Map<string, RedFlagHistoryEntry[]>();
    for (const h of history) historyOf.set(h.entity_id, [...(historyOf.get(h.entity_id) ?? []), { at: iso(h.occurred_at) as string, action: h.action, actorName: h.display_name, reason: h.reason }]);
    return rows.map((r) => ({
      id: r.id,
      grantId: r.grant_id,
      grantNumber: r.grant_number,
      grantTitle: r.grant_title,
      reportId: r.report_id,
      code: r.code,
      severity: r.severity,
      state: r.state,
      active: r.active,
      params: r.params,
      lines: r.line_ids
        .slice(0, RED_FLAG_LINES_SHOWN)
        .map((id) => lineOf.get(id))
        .filter((l): l is RedFlagLineRef => !!l),
      lineCount: r.line_ids.length,
      firstRaisedAt: iso(r.first_raised_at) as string,
      lastEvaluatedAt: iso(r.last_evaluated_at) as string,
      resolvedAt: iso(r.resolved_at),
      resolvedByName: r.resolved_by_name,
      resolutionReason: r.resolution_reason,
      history: historyOf.get(r.id) ?? [],
      rowVersion: r.row_version,
    }));
  }
}
