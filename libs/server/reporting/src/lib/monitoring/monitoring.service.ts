import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import {
  API_PREFIX,
  ErrorCode,
  FieldProblem,
  GrantMonitorView,
  GrantMonitoringView,
  MonitoredGrantSummary,
  MonitoringPaths,
  MonitoringPolicy,
  MonitoringPolicyView,
  MonitoringVisitView,
  MonitorUserView,
  PersonRef,
  RecordVisitRequest,
  SecurityLevel,
  SecurityLevelHistoryView,
  SecurityLevelView,
  SetSecurityLevelRequest,
  VisitFileView,
} from '@mizan/contracts';
import {
  MONITORING_OUTCOMES,
  SECURITY_LEVELS,
  effectiveMonitoringPolicy,
  isIsoDate,
  isMonitoringKind,
  latestTodayIso,
  monitoringRuleProblem,
  monitoringStatus,
  securityEntryOn,
  visitInputProblem,
} from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import { auditorReadsGrant } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { assertId, todayUtc } from '@mizan/server/finance';
import { FileStore, StoredDocument, StoredFile, acceptedFileType, plainFileName } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { readPhotoMetadata } from './photo-metadata';
import { actorOf } from '../acting';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isoOf = (d: Date | string): string => new Date(d).toISOString();

function invalid(field: string, message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, message, [{ field, message }]);
}

/** Grants whose monitoring matters: signed and running (a draft or a closed grant is not visited). */
const MONITORED_STATES = ['active', 'suspended'];

interface LevelRow {
  id: string;
  governorate_code: string;
  level: SecurityLevel;
  effective_on: string;
  reason: string;
  set_by: string;
  set_by_name: string;
  set_at: Date;
}

interface GovernorateRow {
  code: string;
  name_en: string;
  name_ar: string;
  security_level: SecurityLevel;
}

interface GrantRow {
  id: string;
  agency_id: string;
  grant_number: string;
  title: string;
  organization_name: string;
  state: string;
  starts_on: string;
  ends_on: string;
  governorate: string | null;
}

const GRANT_SELECT = `
  SELECT g.id, g.agency_id, g.grant_number, g.title, o.legal_name AS organization_name, g.state,
         to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on, g.governorate
    FROM grant_award g JOIN organization o ON o.id = g.organization_id`;

interface VisitRow {
  id: string;
  grant_id: string;
  kind: MonitoringVisitView['kind'];
  visited_on: string;
  security_level: SecurityLevel;
  checklist: MonitoringVisitView['checklist'];
  findings: string;
  outcome: MonitoringVisitView['outcome'];
  recorded_by: string;
  recorded_by_name: string;
  created_at: Date;
}

interface FileRow {
  id: string;
  grant_id: string;
  visit_id: string;
  file_name: string;
  content_type: string;
  sha256: string;
  size_bytes: string;
  captured_at: Date | null;
  latitude: number | null;
  longitude: number | null;
  uploaded_by: string;
  uploaded_by_name: string;
  created_at: Date;
  storage_key: string;
}

const FILE_SELECT = `
  SELECT f.id, f.grant_id, f.visit_id, f.file_name, f.content_type, f.sha256, f.size_bytes::text AS size_bytes, f.captured_at, f.latitude, f.longitude,
         f.uploaded_by, u.display_name AS uploaded_by_name, f.created_at, d.storage_key
    FROM report_file f JOIN stored_document d ON d.id = f.document_id JOIN app_user u ON u.id = f.uploaded_by`;

/** Who is asking: an officer of the agency, or a monitor (only their assigned grants). */
/** `auditor`: reads (never records) the monitoring of a grant in an open engagement's scope (issue 12). */
export type MonitoringSide = 'officer' | 'monitor' | 'auditor';

/**
 * Security levels, the monitoring policy, monitor assignments and monitoring
 * visits (issue 11, docs/monitoring.md). Every change is on the trail in the
 * same transaction; the level history and the visits are append-only.
 */
@Injectable()
export class MonitoringService {
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  // ---------------------------------------------------------------- security levels

  private async governorates(manager: EntityManager): Promise<GovernorateRow[]> {
    return (await manager.query(`SELECT code, name_en, name_ar, security_level FROM governorate ORDER BY name_en`)) as GovernorateRow[];
  }

  private async levelRows(manager: EntityManager, agencyId: string, code?: string): Promise<LevelRow[]> {
    const rows = (await manager.query(
      `SELECT l.id, l.governorate_code, l.level, to_char(l.effective_on, 'YYYY-MM-DD') AS effective_on, l.reason, l.set_by, u.display_name AS set_by_name, l.set_at
         FROM governorate_security_level l JOIN app_user u ON u.id = l.set_by
        WHERE l.agency_id = $1 ${code ? 'AND l.governorate_code = $2' : ''}
        ORDER BY l.effective_on DESC, l.set_at DESC`,
      code ? [agencyId, code] : [agencyId],
    )) as LevelRow[];
    return rows;
  }

  /** The level of each governorate on `date` for an agency (the reference level before any entry). */
  async levelsOn(manager: EntityManager, agencyId: string, date: string): Promise<Map<string, SecurityLevel>> {
    const [govs, rows] = await Promise.all([this.governorates(manager), this.levelRows(manager, agencyId)]);
    const out = new Map<string, SecurityLevel>();
    for (const g of govs) {
      const entry = securityEntryOn(
        rows.filter((r) => r.governorate_code === g.code).map((r) => ({ ...r, effectiveOn: r.effective_on, setAt: isoOf(r.set_at) })),
        date,
      );
      out.set(g.code, entry?.level ?? g.security_level);
    }
    return out;
  }

  async securityLevels(auth: AuthenticatedRequestContext): Promise<SecurityLevelView[]> {
    const today = todayUtc();
    const manager = this.dataSource.manager;
    const [govs, rows] = await Promise.all([this.governorates(manager), this.levelRows(manager, auth.user.agencyId)]);
    return govs.map((g) => {
      const history = rows.filter((r) => r.governorate_code === g.code).map((r) => ({ ...r, effectiveOn: r.effective_on, setAt: isoOf(r.set_at) }));
      const entry = securityEntryOn(history, today);
      const future = history.filter((h) => h.effectiveOn > today).sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : 1));
      const upcoming = future.length ? securityEntryOn(future, future[0].effectiveOn) : null;
      return {
        governorateCode: g.code,
        nameEn: g.name_en,
        nameAr: g.name_ar,
        level: entry?.level ?? g.security_level,
        effectiveOn: entry?.effectiveOn ?? null,
        reason: entry?.reason ?? null,
        setBy: entry ? { id: entry.set_by, name: entry.set_by_name } : null,
        setAt: entry?.setAt ?? null,
        upcoming: upcoming ? { level: upcoming.level, effectiveOn: upcoming.effectiveOn } : null,
      };
    });
  }

  private async governorate(manager: EntityManager, code: string): Promise<GovernorateRow> {
    if (typeof code !== 'string' || !/^[A-Z]{2}-[A-Z]{2}$/.test(code)) throw MizanException.notFound('Governorate');
    const [row] = (await manager.query(`SELECT code, name_en, name_ar, security_level FROM governorate WHERE code = $1`, [code])) as GovernorateRow[];
    if (!row) throw MizanException.notFound('Governorate');
    return row;
  }

  async securityLevelHistory(auth: AuthenticatedRequestContext, code: string): Promise<SecurityLevelHistoryView> {
    const manager = this.dataSource.manager;
    const g = await this.governorate(manager, code);
    const rows = await this.levelRows(manager, auth.user.agencyId, g.code);
    const entries = rows.map((r) => ({ id: r.id, level: r.level, effectiveOn: r.effective_on, reason: r.reason, setBy: { id: r.set_by, name: r.set_by_name }, setAt: isoOf(r.set_at) }));
    const current = securityEntryOn(entries, todayUtc())?.level ?? g.security_level;
    return { governorateCode: g.code, nameEn: g.name_en, nameAr: g.name_ar, current, entries };
  }

  async setSecurityLevel(auth: AuthenticatedRequestContext, code: string, request: SetSecurityLevelRequest): Promise<SecurityLevelHistoryView> {
    const g = await this.governorate(this.dataSource.manager, code);
    const problems: FieldProblem[] = [];
    if (!(SECURITY_LEVELS as readonly string[]).includes(request.level)) problems.push({ field: 'level', message: `level must be one of ${SECURITY_LEVELS.join(', ')}` });
    if (!isIsoDate(request.effectiveOn)) problems.push({ field: 'effectiveOn', message: 'effectiveOn must be a real date (YYYY-MM-DD)' });
    const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
    if (!reason) problems.push({ field: 'reason', message: 'a reason is required' });
    if (problems.length > 0) throw new MizanException(ErrorCode.ValidationFailed, problems.map((p) => p.message).join('; '), problems);
    await this.trail.record(async (manager) => {
      const before = (await this.levelsOn(manager, auth.user.agencyId, request.effectiveOn)).get(g.code);
      const [row] = (await manager.query(
        `INSERT INTO governorate_security_level (agency_id, governorate_code, level, effective_on, reason, set_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [auth.user.agencyId, g.code, request.level, request.effectiveOn, reason, auth.user.id],
      )) as { id: string }[];
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: auth.user.agencyId,
            action: 'security_level.set',
            entityType: 'governorate_security_level',
            entityId: row.id,
            before: { governorate: g.code, level: before },
            after: { governorate: g.code, level: request.level, effectiveOn: request.effectiveOn },
            reason,
          },
        ],
      };
    });
    return this.securityLevelHistory(auth, g.code);
  }

  // ---------------------------------------------------------------- policy

  private async policyRow(manager: EntityManager, agencyId: string): Promise<{ monitoring_policy: unknown; updated_at: Date; updated_by: string | null; updated_by_name: string | null; row_version: number } | undefined> {
    const [row] = (await manager.query(
      `SELECT s.monitoring_policy, s.updated_at, s.updated_by, u.display_name AS updated_by_name, s.row_version
         FROM reporting_settings s LEFT JOIN app_user u ON u.id = s.updated_by WHERE s.agency_id = $1`,
      [agencyId],
    )) as { monitoring_policy: unknown; updated_at: Date; updated_by: string | null; updated_by_name: string | null; row_version: number }[];
    return row;
  }

  async policyOf(manager: EntityManager, agencyId: string): Promise<MonitoringPolicy> {
    return effectiveMonitoringPolicy((await this.policyRow(manager, agencyId))?.monitoring_policy);
  }

  async policy(auth: AuthenticatedRequestContext): Promise<MonitoringPolicyView> {
    const row = await this.policyRow(this.dataSource.manager, auth.user.agencyId);
    return {
      policy: effectiveMonitoringPolicy(row?.monitoring_policy),
      updatedAt: row ? isoOf(row.updated_at) : null,
      updatedBy: row?.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
      rowVersion: row?.row_version ?? null,
    };
  }

  async updatePolicy(auth: AuthenticatedRequestContext, policy: MonitoringPolicy, reasonText: string): Promise<MonitoringPolicyView> {
    const problems: FieldProblem[] = [];
    const given = (typeof policy === 'object' && policy !== null ? policy : {}) as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      if (!(SECURITY_LEVELS as readonly string[]).includes(key)) problems.push({ field: `policy.${key}`, message: `unknown security level ${key}` });
    }
    for (const level of SECURITY_LEVELS) {
      const problem = monitoringRuleProblem(given[level]);
      if (problem === 'missing') problems.push({ field: `policy.${level}`, message: `a rule for ${level} is required` });
      else if (problem === 'kind') problems.push({ field: `policy.${level}.kind`, message: 'kind must be one of on_site, remote, third_party' });
      else if (problem === 'everyDays') problems.push({ field: `policy.${level}.everyDays`, message: 'everyDays must be a whole number of days from 7 to 730' });
    }
    const reason = typeof reasonText === 'string' ? reasonText.trim() : '';
    if (!reason) problems.push({ field: 'reason', message: 'a reason is required' });
    if (problems.length > 0) throw new MizanException(ErrorCode.ValidationFailed, problems.map((p) => p.message).join('; '), problems);
    const clean = effectiveMonitoringPolicy(given);
    await this.trail.record(async (manager) => {
      // The settings row may not exist yet: created with its defaults, then changed.
      await manager.query(`INSERT INTO reporting_settings (agency_id) VALUES ($1) ON CONFLICT (agency_id) DO NOTHING`, [auth.user.agencyId]);
      const [before] = (await manager.query(`SELECT monitoring_policy FROM reporting_settings WHERE agency_id = $1 FOR UPDATE`, [auth.user.agencyId])) as { monitoring_policy: unknown }[];
      await manager.query(
        `UPDATE reporting_settings SET monitoring_policy = $2, updated_by = $3, updated_at = now(), row_version = row_version + 1 WHERE agency_id = $1`,
        [auth.user.agencyId, JSON.stringify(clean), auth.user.id],
      );
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: auth.user.agencyId,
            action: 'monitoring_policy.updated',
            entityType: 'agency',
            entityId: auth.user.agencyId,
            before: effectiveMonitoringPolicy(before?.monitoring_policy),
            after: clean,
            reason,
          },
        ],
      };
    });
    return this.policy(auth);
  }

  // ---------------------------------------------------------------- grants and access

  /**
   * The grant if the caller may see its monitoring: an officer of its agency,
   * or a monitor assigned to it (not removed). Anything else is 404.
   */
  async grantFor(auth: AuthenticatedRequestContext, grantId: string, side: MonitoringSide, manager: EntityManager = this.dataSource.manager): Promise<GrantRow> {
    assertId(grantId, 'Grant');
    const [row] = (await manager.query(`${GRANT_SELECT} WHERE g.id = $1`, [grantId])) as GrantRow[];
    if (!row || row.agency_id !== auth.user.agencyId) throw MizanException.notFound('Grant');
    if (side === 'auditor' && !(await auditorReadsGrant(manager, auth, grantId))) throw MizanException.notFound('Grant');
    if (side === 'monitor') {
      const [assigned] = (await manager.query(`SELECT 1 FROM grant_monitor WHERE grant_id = $1 AND user_id = $2 AND removed_at IS NULL`, [grantId, auth.user.id])) as unknown[];
      if (!assigned) throw MizanException.notFound('Grant');
    }
    return row;
  }

  private async summaries(manager: EntityManager, agencyId: string, grants: GrantRow[]): Promise<MonitoredGrantSummary[]> {
    if (grants.length === 0) return [];
    const today = todayUtc();
    const [levels, policy, visits] = await Promise.all([
      this.levelsOn(manager, agencyId, today),
      this.policyOf(manager, agencyId),
      manager.query(`SELECT grant_id, kind, to_char(visited_on, 'YYYY-MM-DD') AS visited_on FROM monitoring_visit WHERE grant_id = ANY($1::uuid[])`, [grants.map((g) => g.id)]) as Promise<
        { grant_id: string; kind: MonitoringVisitView['kind']; visited_on: string }[]
      >,
    ]);
    return grants.map((g) => {
      const level = (g.governorate && levels.get(g.governorate)) || 'accessible';
      const status = monitoringStatus({
        level,
        policy,
        grantStartOn: g.starts_on,
        visits: visits.filter((v) => v.grant_id === g.id).map((v) => ({ kind: v.kind, visitedOn: v.visited_on })),
        today,
      });
      return {
        grantId: g.id,
        grantNumber: g.grant_number,
        title: g.title,
        organizationName: g.organization_name,
        state: g.state,
        startsOn: g.starts_on,
        endsOn: g.ends_on,
        governorate: g.governorate,
        status,
      };
    });
  }

  /** Every monitored grant of the agency with its status (overdue ones first, most overdue first). */
  async overview(auth: AuthenticatedRequestContext, onlyOverdue: boolean): Promise<MonitoredGrantSummary[]> {
    const manager = this.dataSource.manager;
    const grants = (await manager.query(`${GRANT_SELECT} WHERE g.agency_id = $1 AND g.state = ANY($2::text[]) ORDER BY g.grant_number`, [auth.user.agencyId, MONITORED_STATES])) as GrantRow[];
    const all = await this.summaries(manager, auth.user.agencyId, grants);
    const sorted = [...all].sort((a, b) => b.status.daysOverdue - a.status.daysOverdue || a.status.nextDueOn.localeCompare(b.status.nextDueOn));
    return onlyOverdue ? sorted.filter((s) => s.status.overdue) : sorted;
  }

  async myGrants(auth: AuthenticatedRequestContext): Promise<MonitoredGrantSummary[]> {
    const manager = this.dataSource.manager;
    const grants = (await manager.query(
      `${GRANT_SELECT} JOIN grant_monitor m ON m.grant_id = g.id AND m.user_id = $2 AND m.removed_at IS NULL
        WHERE g.agency_id = $1 ORDER BY g.grant_number`,
      [auth.user.agencyId, auth.user.id],
    )) as GrantRow[];
    return this.summaries(manager, auth.user.agencyId, grants);
  }

  async grantMonitoring(auth: AuthenticatedRequestContext, grantId: string, side: MonitoringSide): Promise<GrantMonitoringView> {
    const manager = this.dataSource.manager;
    const g = await this.grantFor(auth, grantId, side, manager);
    const [summary] = await this.summaries(manager, auth.user.agencyId, [g]);
    return {
      grant: summary,
      visits: await this.visits(manager, g.id, side),
      monitors: side !== 'monitor' ? await this.monitorsOf(manager, g.id) : [],
    };
  }

  // ---------------------------------------------------------------- monitors

  async monitorUsers(auth: AuthenticatedRequestContext): Promise<MonitorUserView[]> {
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.display_name, u.email FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'monitor'
        WHERE u.agency_id = $1 AND u.active ORDER BY u.display_name, u.email`,
      [auth.user.agencyId],
    )) as { id: string; display_name: string; email: string }[];
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email }));
  }

  private async monitorsOf(manager: EntityManager, grantId: string): Promise<GrantMonitorView[]> {
    const rows = (await manager.query(
      `SELECT m.user_id, u.display_name, u.email, m.assigned_at, m.assigned_by, a.display_name AS assigned_by_name
         FROM grant_monitor m JOIN app_user u ON u.id = m.user_id JOIN app_user a ON a.id = m.assigned_by
        WHERE m.grant_id = $1 AND m.removed_at IS NULL ORDER BY m.assigned_at`,
      [grantId],
    )) as { user_id: string; display_name: string; email: string; assigned_at: Date; assigned_by: string; assigned_by_name: string }[];
    return rows.map((r) => ({ user: { id: r.user_id, name: r.display_name }, email: r.email, assignedAt: isoOf(r.assigned_at), assignedBy: { id: r.assigned_by, name: r.assigned_by_name } }));
  }

  async assignMonitor(auth: AuthenticatedRequestContext, grantId: string, userId: string): Promise<GrantMonitoringView> {
    await this.grantFor(auth, grantId, 'officer');
    if (typeof userId !== 'string' || !UUID.test(userId)) throw invalid('userId', 'userId must be the id of a user holding the monitor role');
    await this.trail.record(async (manager) => {
      const g = await this.grantFor(auth, grantId, 'officer', manager);
      await manager.query(`SELECT id FROM grant_award WHERE id = $1 FOR UPDATE`, [g.id]);
      const [user] = (await manager.query(
        `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'monitor' WHERE u.id = $1 AND u.agency_id = $2 AND u.active`,
        [userId, auth.user.agencyId],
      )) as { id: string }[];
      if (!user) throw invalid('userId', 'MONITOR_ROLE_REQUIRED: the user must be an active user of this agency holding the monitor role');
      const [already] = (await manager.query(`SELECT 1 FROM grant_monitor WHERE grant_id = $1 AND user_id = $2 AND removed_at IS NULL`, [g.id, userId])) as unknown[];
      if (already) throw MizanException.withParams(ErrorCode.Conflict, 'This monitor is already assigned to the grant', { userId });
      const [row] = (await manager.query(`INSERT INTO grant_monitor (grant_id, user_id, assigned_by) VALUES ($1, $2, $3) RETURNING id`, [g.id, userId, auth.user.id])) as { id: string }[];
      return {
        result: undefined,
        entries: [
          { actor: actorOf(auth), agencyId: auth.user.agencyId, action: 'grant.monitor_assigned', entityType: 'grant_monitor', entityId: row.id, after: { grantId: g.id, userId } },
        ],
      };
    });
    return this.grantMonitoring(auth, grantId, 'officer');
  }

  async removeMonitor(auth: AuthenticatedRequestContext, grantId: string, userId: string, reasonText: string): Promise<GrantMonitoringView> {
    await this.grantFor(auth, grantId, 'officer');
    assertId(userId, 'Monitor assignment');
    const reason = typeof reasonText === 'string' ? reasonText.trim() : '';
    if (!reason) throw invalid('reason', 'a reason is required');
    await this.trail.record(async (manager) => {
      const [row] = (await manager.query(
        `UPDATE grant_monitor SET removed_at = now(), removed_by = $3 WHERE grant_id = $1 AND user_id = $2 AND removed_at IS NULL RETURNING id`,
        [grantId, userId, auth.user.id],
      )) as [{ id: string }[], number];
      const updated = Array.isArray(row) ? row[0] : undefined;
      if (!updated) throw MizanException.notFound('Monitor assignment');
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: auth.user.agencyId,
            action: 'grant.monitor_removed',
            entityType: 'grant_monitor',
            entityId: updated.id,
            before: { grantId, userId },
            reason,
          },
        ],
      };
    });
    return this.grantMonitoring(auth, grantId, 'officer');
  }

  // ---------------------------------------------------------------- visits

  private downloadPath(side: MonitoringSide, grantId: string, visitId: string, fileId: string): string {
    return `${API_PREFIX}/${side !== 'monitor' ? MonitoringPaths.grantVisitFile(grantId, visitId, fileId) : MonitoringPaths.myGrantVisitFile(grantId, visitId, fileId)}`;
  }

  private fileView(r: FileRow, side: MonitoringSide): VisitFileView {
    return {
      id: r.id,
      visitId: r.visit_id,
      fileName: r.file_name,
      contentType: r.content_type,
      sha256: r.sha256.trim(),
      sizeBytes: Number(r.size_bytes),
      capturedAt: r.captured_at ? isoOf(r.captured_at) : null,
      latitude: r.latitude,
      longitude: r.longitude,
      uploadedBy: { id: r.uploaded_by, name: r.uploaded_by_name },
      createdAt: isoOf(r.created_at),
      downloadPath: this.downloadPath(side, r.grant_id, r.visit_id, r.id),
    };
  }

  private async visits(manager: EntityManager, grantId: string, side: MonitoringSide, visitId?: string): Promise<MonitoringVisitView[]> {
    const rows = (await manager.query(
      `SELECT v.id, v.grant_id, v.kind, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.security_level, v.checklist, v.findings, v.outcome,
              v.recorded_by, u.display_name AS recorded_by_name, v.created_at
         FROM monitoring_visit v JOIN app_user u ON u.id = v.recorded_by
        WHERE v.grant_id = $1 ${visitId ? 'AND v.id = $2' : ''} ORDER BY v.visited_on DESC, v.created_at DESC`,
      visitId ? [grantId, visitId] : [grantId],
    )) as VisitRow[];
    const files = (await manager.query(`${FILE_SELECT} WHERE f.grant_id = $1 AND f.purpose = 'visit' AND f.removed_at IS NULL ORDER BY f.created_at, f.id`, [grantId])) as FileRow[];
    return rows.map((v) => ({
      id: v.id,
      grantId: v.grant_id,
      kind: v.kind,
      visitedOn: v.visited_on,
      securityLevel: v.security_level,
      checklist: v.checklist,
      findings: v.findings,
      outcome: v.outcome,
      recordedBy: { id: v.recorded_by, name: v.recorded_by_name } satisfies PersonRef,
      createdAt: isoOf(v.created_at),
      files: files.filter((f) => f.visit_id === v.id).map((f) => this.fileView(f, side)),
    }));
  }

  async recordVisit(auth: AuthenticatedRequestContext, grantId: string, request: RecordVisitRequest, side: MonitoringSide): Promise<MonitoringVisitView> {
    if (side === 'auditor') throw MizanException.forbidden('Auditors read monitoring; they do not record visits');
    const g = await this.grantFor(auth, grantId, side);
    const problems: FieldProblem[] = [];
    if (!isMonitoringKind(request.kind)) problems.push({ field: 'kind', message: 'kind must be one of on_site, remote, third_party' });
    // On-site means the agency's own staff: a third-party monitor's visit is third_party (or remote), never on_site.
    else if (side === 'monitor' && request.kind === 'on_site') problems.push({ field: 'kind', message: 'MONITOR_NOT_ON_SITE: a third-party monitor records third_party or remote visits' });
    if (!(MONITORING_OUTCOMES as readonly string[]).includes(request.outcome)) problems.push({ field: 'outcome', message: `outcome must be one of ${MONITORING_OUTCOMES.join(', ')}` });
    const checklist = Array.isArray(request.checklist) ? request.checklist : [];
    // Future only when it is future everywhere: a monitor in Basra records this morning's visit at 01:00.
    const today = latestTodayIso();
    const problem = visitInputProblem({ visitedOn: request.visitedOn, today, grantStartOn: g.starts_on, checklist });
    if (problem) {
      switch (problem.code) {
        case 'badDate':
          problems.push({ field: 'visitedOn', message: 'visitedOn must be a real date (YYYY-MM-DD)' });
          break;
        case 'visitInFuture':
          problems.push({ field: 'visitedOn', message: `VISIT_IN_FUTURE: the visit date ${problem.visitedOn} is after today (${problem.today})` });
          break;
        case 'visitBeforeGrantStart':
          problems.push({ field: 'visitedOn', message: `VISIT_BEFORE_GRANT_START: the visit date ${problem.visitedOn} is before the grant started (${problem.grantStartOn})` });
          break;
        case 'unknownChecklistItem':
          problems.push({ field: 'checklist', message: `UNKNOWN_CHECKLIST_ITEM: ${problem.item} is not an item of the visit checklist` });
          break;
        case 'duplicateChecklistItem':
          problems.push({ field: 'checklist', message: `DUPLICATE_CHECKLIST_ITEM: ${problem.item} is answered twice` });
          break;
        case 'badChecklistAnswer':
          problems.push({ field: 'checklist', message: `BAD_CHECKLIST_ANSWER: the answer to ${problem.item} must be yes, no or not_applicable` });
          break;
      }
    }
    if (problems.length > 0) throw new MizanException(ErrorCode.ValidationFailed, problems.map((p) => p.message).join('; '), problems);
    const findings = (request.findings ?? '').trim();
    const cleanChecklist = checklist.map((c) => ({ id: c.id, answer: c.answer, note: (c.note ?? '').trim() }));
    const visitId = await this.trail.record(async (manager) => {
      await this.grantFor(auth, grantId, side, manager);
      const level = (g.governorate && (await this.levelsOn(manager, g.agency_id, request.visitedOn)).get(g.governorate)) || 'accessible';
      const [row] = (await manager.query(
        `INSERT INTO monitoring_visit (agency_id, grant_id, kind, visited_on, security_level, checklist, findings, outcome, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [g.agency_id, g.id, request.kind, request.visitedOn, level, JSON.stringify(cleanChecklist), findings, request.outcome, auth.user.id],
      )) as { id: string }[];
      return {
        result: row.id,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'monitoring_visit.recorded',
            entityType: 'monitoring_visit',
            entityId: row.id,
            after: { grantId: g.id, kind: request.kind, visitedOn: request.visitedOn, securityLevel: level, outcome: request.outcome, checklist: cleanChecklist.length },
          },
        ],
      };
    });
    const [view] = await this.visits(this.dataSource.manager, g.id, side, visitId);
    return view;
  }

  private async visitOf(manager: EntityManager, grantId: string, visitId: string): Promise<void> {
    assertId(visitId, 'Visit');
    const [row] = (await manager.query(`SELECT 1 FROM monitoring_visit WHERE id = $1 AND grant_id = $2`, [visitId, grantId])) as unknown[];
    if (!row) throw MizanException.notFound('Visit');
  }

  /** Access check before the upload is read: a stranger's bytes are not even read. */
  async assertVisit(auth: AuthenticatedRequestContext, grantId: string, visitId: string, side: MonitoringSide): Promise<void> {
    await this.grantFor(auth, grantId, side);
    await this.visitOf(this.dataSource.manager, grantId, visitId);
  }

  async addVisitFile(auth: AuthenticatedRequestContext, grantId: string, visitId: string, side: MonitoringSide, file: { buffer: Buffer; fileName: string }): Promise<VisitFileView> {
    if (side === 'auditor') throw MizanException.forbidden('Auditors read monitoring; they do not add files');
    const g = await this.grantFor(auth, grantId, side);
    await this.visitOf(this.dataSource.manager, g.id, visitId);
    const type = acceptedFileType(file.buffer);
    const meta = type.kind === 'pdf' ? { capturedAt: null, latitude: null, longitude: null } : await readPhotoMetadata(file.buffer);
    const stored = await this.files.put(file.buffer, 'visit-files', type.extension);
    const fileName = plainFileName(file.fileName, `visit.${type.extension}`);
    const id = await this.insertFile(auth, g, visitId, side, stored, fileName, type.contentType, meta).catch(async (error: unknown) => {
      await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      throw error;
    });
    const [row] = (await this.dataSource.query(`${FILE_SELECT} WHERE f.id = $1`, [id])) as FileRow[];
    return this.fileView(row, side);
  }

  private insertFile(
    auth: AuthenticatedRequestContext,
    g: GrantRow,
    visitId: string,
    side: MonitoringSide,
    stored: StoredFile,
    fileName: string,
    contentType: string,
    meta: { capturedAt: Date | null; latitude: number | null; longitude: number | null },
  ): Promise<string> {
    return this.trail.record(async (manager) => {
      await this.grantFor(auth, g.id, side, manager);
      const document = manager.create(StoredDocument, {
        agencyId: g.agency_id,
        kind: 'visit_file',
        fileName,
        contentType,
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        sizeBytes: String(stored.sizeBytes),
      });
      await manager.insert(StoredDocument, document);
      const [row] = (await manager.query(
        `INSERT INTO report_file (agency_id, grant_id, visit_id, purpose, document_id, file_name, content_type, sha256, size_bytes, captured_at, latitude, longitude, uploaded_by)
         VALUES ($1, $2, $3, 'visit', $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [g.agency_id, g.id, visitId, document.id, fileName, contentType, stored.sha256, stored.sizeBytes, meta.capturedAt, meta.latitude, meta.longitude, auth.user.id],
      )) as { id: string }[];
      return {
        result: row.id,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: g.agency_id,
            action: 'monitoring_visit.file_added',
            entityType: 'monitoring_visit',
            entityId: visitId,
            after: { fileId: row.id, fileName, contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, capturedAt: meta.capturedAt, latitude: meta.latitude, longitude: meta.longitude },
          },
        ],
      };
    });
  }

  async openVisitFile(auth: AuthenticatedRequestContext, grantId: string, visitId: string, fileId: string, side: MonitoringSide): Promise<{ view: VisitFileView; stream: Readable }> {
    await this.grantFor(auth, grantId, side);
    assertId(visitId, 'Visit');
    assertId(fileId, 'File');
    const [row] = (await this.dataSource.query(`${FILE_SELECT} WHERE f.id = $1 AND f.visit_id = $2 AND f.grant_id = $3 AND f.purpose = 'visit' AND f.removed_at IS NULL`, [
      fileId,
      visitId,
      grantId,
    ])) as FileRow[];
    if (!row) throw MizanException.notFound('File');
    return { view: this.fileView(row, side), stream: await this.files.open(row.storage_key) };
  }
}
