import { Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { AppendixDigest, type AppendixItem, type AuditReportSnapshot, appendixPages } from '@mizan/server/audit';
import { FileStore, StoredDocument } from '@mizan/server/storage';
import { SYSTEM_ACTOR, TrailService } from '@mizan/server/trail';
import { renderAuditReportPdf } from './audit-report.renderer';

interface ReportRow {
  id: string;
  agency_id: string;
  engagement_id: string;
  version: number;
  is_final: boolean;
  snapshot_sha256: string;
  snapshot: AuditReportSnapshot;
  state: string;
  total: number;
  supersedes_id: string | null;
  supersede_reason: string | null;
  requested_by_name: string;
  requested_by_email: string;
  requested_at: Date;
}

/** The appendix read back differs from the one the snapshot was taken of (tests changed since): ask again. */
export class SnapshotChangedError extends Error {
  constructor() {
    super('snapshot_changed: the sampled items changed after the report was asked for');
  }
}

/** Progress of a build in percent (the worker passes its job's progress; the demo seed, nothing). */
export type ReportProgress = (percent: number) => Promise<void>;

/**
 * Builds an audit report (docs/audit.md, "Reports"): running → the trail's head and its verification → the PDF
 * rendered straight into the file store while the appendix is read from the database 500 items at a time (progress
 * per batch; the digest of what was read must equal the snapshot's) → in one transaction the stored document, the
 * row done with the file's SHA-256 and the trail head, and `audit.report_issued` on the trail.
 *
 * One piece for everyone who builds a report: the worker's job (apps/worker audit-report.processor.ts) and the demo
 * seed (tools/cli/demo-audit-seed.ts, which runs without a worker). The api never builds one (it does not load pdfkit).
 *
 * Idempotent: a report already done is skipped. A worker killed mid-render leaves the row running and a
 * `.partial` file nobody references; BullMQ's stalled-job recovery runs the job again, which renders into a fresh
 * file. Two runs racing to the end: the second finds the row done under its lock, removes its own file and skips,
 * so exactly one document is ever referenced.
 */
export class AuditReportBuilder {
  private readonly logger = new Logger(AuditReportBuilder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly files: FileStore,
  ) {}

  async build(reportId: string, reportProgress: ReportProgress = async () => undefined): Promise<'done' | 'skipped'> {
    const [row] = (await this.dataSource.query(
      `SELECT r.id, r.agency_id, r.engagement_id, r.version, r.is_final, r.snapshot_sha256, r.snapshot, r.state, r.total, r.supersedes_id, r.supersede_reason,
              u.display_name AS requested_by_name, u.email AS requested_by_email, r.requested_at
         FROM audit_report r JOIN app_user u ON u.id = r.requested_by WHERE r.id = $1`,
      [reportId],
    )) as ReportRow[];
    if (!row) {
      this.logger.warn(`audit report ${reportId} no longer exists; nothing to build`);
      return 'skipped';
    }
    if (row.state === 'done' || row.state === 'failed') return 'skipped';
    await this.dataSource.query(`UPDATE audit_report SET state = 'running', progress = 0, error = NULL WHERE id = $1 AND state IN ('queued', 'running')`, [row.id]);
    await reportProgress(1);

    // The agency's trail: the head of its chain (its newest record) and the verification of that chain up to it.
    const head = await this.trail.agencyHead(row.agency_id);
    const verification = await this.trail.verify({ agencyId: row.agency_id, upToSeq: head.seq });
    await reportProgress(10);

    let supersedes: { version: number; reason: string } | null = null;
    if (row.supersedes_id) {
      const [old] = (await this.dataSource.query('SELECT version FROM audit_report WHERE id = $1', [row.supersedes_id])) as { version: number }[];
      supersedes = { version: old?.version ?? 0, reason: row.supersede_reason ?? '' };
    }
    const snapshot = row.snapshot;
    const total = snapshot.appendix.count;
    const manager = this.dataSource.manager;
    const digest = new AppendixDigest();
    const appendix = async function* (): AsyncGenerator<AppendixItem[]> {
      for await (const page of appendixPages(manager, row.engagement_id)) {
        digest.add(page);
        yield page;
      }
      if (digest.count !== total || digest.digest() !== snapshot.appendix.digest) throw new SnapshotChangedError();
    };
    const { stream, done } = renderAuditReportPdf({
      snapshot,
      snapshotSha256: row.snapshot_sha256.trim(),
      report: {
        id: row.id,
        version: row.version,
        final: row.is_final,
        requestedBy: `${row.requested_by_name} (${row.requested_by_email})`,
        requestedAt: new Date(row.requested_at).toISOString(),
        generatedAt: new Date().toISOString(),
        supersedes,
      },
      trail: {
        headSeq: head.seq,
        headHash: verification.headHash,
        intact: verification.intact,
        count: verification.count,
        brokenAtSeq: verification.brokenAtSeq,
        problem: verification.problem,
        verifiedAt: verification.verifiedAt,
      },
      appendix: appendix(),
      onBatch: async (written) => {
        await this.dataSource.query('UPDATE audit_report SET progress = $2 WHERE id = $1 AND state = $3', [row.id, written, 'running']);
        await reportProgress(10 + Math.floor((total === 0 ? 1 : written / total) * 80));
      },
    });
    let stored: Awaited<ReturnType<FileStore['putStream']>>;
    try {
      stored = await this.files.putStream(stream, 'audit-reports', 'pdf');
      await done;
    } catch (error) {
      // The data moved under the snapshot: retrying cannot help; the auditor asks again (a new snapshot, a new row).
      if (error instanceof SnapshotChangedError) {
        await this.markFailed(row.id, error.message);
        this.logger.warn(`audit report ${row.id}: ${error.message}`);
        return 'skipped';
      }
      throw error;
    }
    await reportProgress(95);

    const issued = await this.dataSource.transaction(async (m) => {
      const [current] = (await m.query('SELECT state FROM audit_report WHERE id = $1 FOR UPDATE', [row.id])) as { state: string }[];
      if (current?.state !== 'running' && current?.state !== 'queued') return false;
      const document = m.create(StoredDocument, {
        agencyId: row.agency_id,
        kind: 'audit-report',
        fileName: `audit-report-${snapshot.engagement.reference}-v${row.version}${row.is_final ? '-final' : '-draft'}.pdf`,
        contentType: 'application/pdf',
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        sizeBytes: String(stored.sizeBytes),
      });
      await m.save(document);
      await m.query(
        `UPDATE audit_report SET state = 'done', document_id = $2, sha256 = $3, trail_head_seq = $4, trail_head_hash = $5, trail_verified = $6,
                progress = total, finished_at = now(), error = NULL WHERE id = $1`,
        [row.id, document.id, stored.sha256, head.seq, verification.headHash, verification.intact],
      );
      await this.trail.append(m, {
        actor: SYSTEM_ACTOR,
        agencyId: row.agency_id,
        action: 'audit.report_issued',
        entityType: 'audit_report',
        entityId: row.id,
        after: {
          engagementId: row.engagement_id,
          reference: snapshot.engagement.reference,
          version: row.version,
          final: row.is_final,
          sha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
          documentId: document.id,
          snapshotSha256: row.snapshot_sha256.trim(),
          trailHeadSeq: head.seq,
          trailHeadHash: verification.headHash,
          trailVerified: verification.intact,
          appendixCount: total,
        },
      });
      return true;
    });
    if (!issued) {
      await rm(this.files.pathOf(stored.storageKey), { force: true });
      this.logger.warn(`audit report ${row.id} was finished by another run; this run's file is removed`);
      return 'skipped';
    }
    await reportProgress(100);
    this.logger.log(`audit report ${row.id} v${row.version} built: ${total} items, ${stored.sizeBytes} bytes, sha256 ${stored.sha256}`);
    return 'done';
  }

  async markFailed(reportId: string, reason: string): Promise<void> {
    const code = reason.startsWith('snapshot_changed') ? 'snapshot_changed' : 'render_failed';
    await this.dataSource.query(`UPDATE audit_report SET state = 'failed', error = $2, finished_at = now() WHERE id = $1 AND state IN ('queued', 'running')`, [reportId, code]);
  }
}
