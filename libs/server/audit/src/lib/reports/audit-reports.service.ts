import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_OPINIONS, ErrorCode } from '@mizan/contracts';
import type { AuditOpinion, AuditReportState, AuditReportView, EngagementState, RequestAuditReportRequest, VerifyReportResult } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { FileStore } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { AuditAccess, EngagementRow, auditActorOf } from '../audit-access';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { AuditReportSnapshot, buildSnapshot, snapshotSha256 } from './report-snapshot';

/** Engagement states in which a report (draft or final) may be built: from fieldwork on, until closed. */
const REPORTING_STATES: readonly EngagementState[] = ['fieldwork', 'draft_report', 'management_comments', 'final'];

export interface AuditReportRow {
  id: string;
  agency_id: string;
  engagement_id: string;
  version: number;
  is_final: boolean;
  snapshot_sha256: string;
  state: AuditReportState;
  progress: number;
  total: number;
  document_id: string | null;
  sha256: string | null;
  trail_head_seq: string | null;
  trail_head_hash: string | null;
  trail_verified: boolean | null;
  supersedes_id: string | null;
  supersede_reason: string | null;
  superseded_by: string | null;
  error: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  finished_at: Date | null;
  size_bytes: string | null;
}

const REPORT_SELECT = `
  SELECT r.id, r.agency_id, r.engagement_id, r.version, r.is_final, r.snapshot_sha256, r.state, r.progress, r.total, r.document_id, r.sha256,
         r.trail_head_seq::text AS trail_head_seq, r.trail_head_hash, r.trail_verified, r.supersedes_id, r.supersede_reason, r.superseded_by, r.error,
         r.requested_by, u.display_name AS requested_by_name, r.requested_at, r.finished_at, d.size_bytes::text AS size_bytes
    FROM audit_report r JOIN app_user u ON u.id = r.requested_by LEFT JOIN stored_document d ON d.id = r.document_id`;

export function toReportView(r: AuditReportRow): AuditReportView {
  return {
    id: r.id,
    engagementId: r.engagement_id,
    version: r.version,
    final: r.is_final,
    state: r.state,
    progress: r.progress,
    total: r.total,
    sha256: r.sha256 ? r.sha256.trim() : null,
    snapshotSha256: r.snapshot_sha256.trim(),
    sizeBytes: r.size_bytes,
    trailHeadSeq: r.trail_head_seq,
    trailHeadHash: r.trail_head_hash ? r.trail_head_hash.trim() : null,
    trailVerified: r.trail_verified,
    supersedesId: r.supersedes_id,
    supersedeReason: r.supersede_reason,
    supersededById: r.superseded_by,
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    requestedAt: new Date(r.requested_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    error: r.error,
  };
}

/**
 * Audit reports (docs/audit.md, "Reports"): a POST builds the snapshot of everything the report prints, and —
 * unless a report of the same engagement, snapshot and kind (draft / final) exists, which is then returned —
 * inserts the queued row with its trail record in one transaction and queues the worker's job after the commit
 * (job id = report id; a row whose job never reached Redis is queued by the worker's sweeper). Requests for one
 * engagement are serialized on the engagement row, so twenty identical requests at once make one row and one job.
 * A final report needs an opinion (audits) or a conclusion (spot checks); a second final report needs a reason and
 * supersedes the current one (its superseded_by is set once, the trigger allows nothing else on a final report).
 */
@Injectable()
export class AuditReportsService {
  private readonly logger = new Logger(AuditReportsService.name);
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AuditAccess,
    private readonly reconciliation: ReconciliationService,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async list(auth: AuthenticatedRequestContext, engagementId: string): Promise<AuditReportView[]> {
    await this.access.engagement(auth, engagementId);
    const rows = (await this.dataSource.query(`${REPORT_SELECT} WHERE r.engagement_id = $1 ORDER BY r.version DESC`, [engagementId])) as AuditReportRow[];
    return rows.map(toReportView);
  }

  async get(auth: AuthenticatedRequestContext, engagementId: string, reportId: string): Promise<AuditReportView> {
    await this.access.engagement(auth, engagementId);
    return toReportView(await this.find(this.dataSource.manager, engagementId, reportId));
  }

  async openFile(auth: AuthenticatedRequestContext, engagementId: string, reportId: string): Promise<{ view: { contentType: string; fileName: string; sizeBytes: number; sha256: string }; stream: Readable }> {
    await this.access.engagement(auth, engagementId);
    const report = await this.find(this.dataSource.manager, engagementId, reportId);
    if (report.state !== 'done' || !report.document_id) {
      throw MizanException.withParams(ErrorCode.ExportNotReady, 'This report is not finished yet', { state: report.state });
    }
    const [doc] = (await this.dataSource.query('SELECT file_name, content_type, storage_key, sha256, size_bytes::text AS size_bytes FROM stored_document WHERE id = $1', [
      report.document_id,
    ])) as { file_name: string; content_type: string; storage_key: string; sha256: string; size_bytes: string }[];
    if (!doc) throw MizanException.notFound('Report');
    return {
      view: { contentType: doc.content_type, fileName: doc.file_name, sizeBytes: Number(doc.size_bytes), sha256: doc.sha256 },
      stream: await this.files.open(doc.storage_key),
    };
  }

  /** Builds the snapshot of an engagement as it stands (the reconciliation included), for the given opinion / conclusion. */
  async snapshotOf(engagement: EngagementRow, opinion: AuditOpinion | null, conclusion: string | null, manager: EntityManager = this.dataSource.manager): Promise<AuditReportSnapshot> {
    const recon = await this.reconciliation.reconcile(engagement, manager);
    return buildSnapshot(manager, {
      engagement,
      reconciliation: { lines: recon.lines, differences: recon.differences, balanced: recon.balanced },
      opinion,
      conclusion,
    });
  }

  async request(auth: AuthenticatedRequestContext, engagementId: string, body: RequestAuditReportRequest): Promise<{ report: AuditReportView; created: boolean }> {
    const final = body.final === true;
    const engagement = await this.access.asAuditor(auth, engagementId);
    this.access.assertOpen(engagement);
    if (!REPORTING_STATES.includes(engagement.state)) {
      throw MizanException.withParams(ErrorCode.AuditTransitionNotAllowed, `A report is built from fieldwork on; the engagement is ${engagement.state}`, {
        state: engagement.state,
        action: 'report',
      });
    }
    if (body.opinion !== undefined && body.opinion !== null && !AUDIT_OPINIONS.includes(body.opinion)) {
      throw MizanException.withParams(ErrorCode.ValidationFailed, 'Unknown opinion', { opinion: String(body.opinion) }, [{ field: 'opinion', message: 'unknown opinion' }]);
    }
    const spotCheck = engagement.kind === 'spot_check';
    const conclusion = (body.conclusion ?? engagement.conclusion ?? '').trim() || null;
    const opinion = (body.opinion ?? (engagement.opinion as AuditOpinion | null)) || null;
    if (final && (spotCheck ? !conclusion : !opinion)) {
      throw MizanException.withParams(
        ErrorCode.AuditOpinionRequired,
        spotCheck ? 'A final spot-check report needs a conclusion' : 'A final audit report needs an opinion',
        { kind: engagement.kind, field: spotCheck ? 'conclusion' : 'opinion' },
        [{ field: spotCheck ? 'conclusion' : 'opinion', message: 'required for a final report' }],
      );
    }
    const supersedeReason = (body.supersedeReason ?? '').trim() || null;

    // The snapshot is read before the transaction (no row locks held while the appendix is digested).
    const snapshot = await this.snapshotOf(engagement, spotCheck ? null : opinion, conclusion, this.dataSource.manager);
    const sha = snapshotSha256(snapshot);

    const outcome = await this.dataSource.transaction(async (manager) => {
      // Serializes the requests of one engagement: the check for an existing report and the insert are one step.
      const locked = await this.access.asAuditor(auth, engagementId, manager, true);
      this.access.assertOpen(locked);
      const [existing] = (await manager.query(
        `${REPORT_SELECT} WHERE r.engagement_id = $1 AND r.snapshot_sha256 = $2 AND r.is_final = $3 AND r.state <> 'failed'`,
        [engagementId, sha, final],
      )) as AuditReportRow[];
      if (existing) return { row: existing, created: false };
      let supersedes: AuditReportRow | undefined;
      if (final) {
        [supersedes] = (await manager.query(`${REPORT_SELECT} WHERE r.engagement_id = $1 AND r.is_final AND r.superseded_by IS NULL AND r.state <> 'failed'`, [
          engagementId,
        ])) as AuditReportRow[];
        if (supersedes && !supersedeReason) {
          throw MizanException.withParams(
            ErrorCode.AuditFinalReportExists,
            `Final report version ${supersedes.version} exists: a new final report supersedes it and needs a reason`,
            { version: supersedes.version, reportId: supersedes.id },
            [{ field: 'supersedeReason', message: 'required: a final report exists' }],
          );
        }
      }
      const [{ version }] = (await manager.query('SELECT COALESCE(max(version), 0) + 1 AS version FROM audit_report WHERE engagement_id = $1', [engagementId])) as {
        version: number;
      }[];
      const id = randomUUID();
      const values = [id, locked.agency_id, engagementId, version, final, sha, JSON.stringify(snapshot), supersedes?.id ?? null, supersedes ? supersedeReason : null, auth.user.id, snapshot.appendix.count];
      if (supersedes) {
        // One statement: the old final points at the new one as the new one is inserted (the foreign key is checked at
        // the statement's end, and the old final leaves the "one current final" index before the new one enters it).
        await manager.query(
          `WITH old AS (UPDATE audit_report SET superseded_by = $1 WHERE id = $8 AND superseded_by IS NULL RETURNING id)
           INSERT INTO audit_report (id, agency_id, engagement_id, version, is_final, snapshot_sha256, snapshot, supersedes_id, supersede_reason, requested_by, total)
           SELECT $1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11 FROM old`,
          values,
        );
      } else {
        await manager.query(
          `INSERT INTO audit_report (id, agency_id, engagement_id, version, is_final, snapshot_sha256, snapshot, supersedes_id, supersede_reason, requested_by, total)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)`,
          values,
        );
      }
      const actor = auditActorOf(auth);
      await this.trail.append(manager, {
        actor,
        agencyId: locked.agency_id,
        action: 'audit.report_requested',
        entityType: 'audit_report',
        entityId: id,
        after: { engagementId, reference: locked.reference, version, final, snapshotSha256: sha, appendixCount: snapshot.appendix.count, opinion: snapshot.opinion, supersedesId: supersedes?.id ?? null },
      });
      if (supersedes) {
        await this.trail.append(manager, {
          actor,
          agencyId: locked.agency_id,
          action: 'audit.report_superseded',
          entityType: 'audit_report',
          entityId: supersedes.id,
          before: { version: supersedes.version, supersededBy: null },
          after: { version: supersedes.version, supersededBy: id, newVersion: version },
          reason: supersedeReason,
        });
      }
      const [row] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1`, [id])) as AuditReportRow[];
      return { row, created: true };
    });
    if (outcome.row.state === 'queued' || outcome.row.state === 'running') await this.enqueue(outcome.row.id);
    return { report: toReportView(outcome.row), created: outcome.created };
  }

  /** Queues the build (the report id is the job id: queuing twice builds once). Redis away: the worker's sweeper queues it. */
  async enqueue(reportId: string): Promise<void> {
    try {
      await this.jobs.add({ name: JobName.AuditReportPdf, data: { reportId } }, reportId);
    } catch (error) {
      this.logger.warn(`audit report ${reportId} not queued now (${(error as Error).message}); the worker's sweep will queue it`);
    }
  }

  private async find(manager: EntityManager, engagementId: string, reportId: string): Promise<AuditReportRow> {
    if (!/^[0-9a-f-]{36}$/i.test(reportId)) throw MizanException.notFound('Report');
    const [row] = (await manager.query(`${REPORT_SELECT} WHERE r.id = $1 AND r.engagement_id = $2`, [reportId, engagementId])) as AuditReportRow[];
    if (!row) throw MizanException.notFound('Report');
    return row;
  }
}

/**
 * Whether a file is a report Mizan issued (`tools/mizan verify-report`): the report whose stored SHA-256 is the
 * file's, and the `audit.report_issued` trail record that names it with the same hash.
 */
export async function lookupIssuedReport(manager: EntityManager | DataSource, sha256: string): Promise<VerifyReportResult> {
  const [row] = (await manager.query(
    `SELECT r.id, r.engagement_id, e.reference, r.version, r.is_final, r.superseded_by, r.state
       FROM audit_report r JOIN audit_engagement e ON e.id = r.engagement_id
      WHERE r.sha256 = $1 AND r.state = 'done' ORDER BY r.finished_at LIMIT 1`,
    [sha256],
  )) as { id: string; engagement_id: string; reference: string; version: number; is_final: boolean; superseded_by: string | null; state: string }[];
  if (!row) {
    return { sha256, issued: false, reportId: null, engagementId: null, engagementReference: null, version: null, final: null, trailRecordSeq: null, superseded: null };
  }
  const [record] = (await manager.query(
    `SELECT seq::text AS seq FROM activity_record WHERE action = 'audit.report_issued' AND entity_type = 'audit_report' AND entity_id = $1 AND after->>'sha256' = $2 ORDER BY seq LIMIT 1`,
    [row.id, sha256],
  )) as { seq: string }[];
  return {
    sha256,
    issued: !!record,
    reportId: row.id,
    engagementId: row.engagement_id,
    engagementReference: row.reference,
    version: row.version,
    final: row.is_final,
    trailRecordSeq: record?.seq ?? null,
    superseded: row.superseded_by !== null,
  };
}
