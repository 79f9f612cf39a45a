import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, ReportFileView, UploadMetadata } from '@mizan/contracts';
import { describeRefusedFile, safeDownloadName, sniffReportFileType } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import { GrantReads, assertId } from '@mizan/server/finance';
import { AuthenticatedRequestContext } from '@mizan/server/identity';
import { FileStore, StoredDocument } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { ReportFile } from '../entities/reporting.entities';
import { PhotoMetadata, readPhotoMetadata } from '../monitoring/photo-metadata';
import { actorOf } from '../acting';
import { relationOrReportNotFound } from '../report-access';

interface ReportRow {
  id: string;
  agency_id: string;
  grant_id: string;
  state: string;
}

interface LineRow {
  id: string;
  state: string;
  removed_at: Date | null;
}

interface FileRow {
  id: string;
  purpose: ReportFileView['purpose'];
  line_id: string | null;
  file_name: string;
  content_type: string;
  sha256: string;
  size_bytes: string;
  captured_at: Date | null;
  latitude: number | null;
  longitude: number | null;
  uploaded_by: string;
  uploader_name: string | null;
  created_at: Date;
  storage_key: string;
}

/** Where the uploaded bytes of a report file go to, and what may be added: checked on creation and again when it finishes. */
export interface UploadTarget {
  agencyId: string;
  grantId: string;
  reportId: string;
  lineId: string | null;
}

/** What the file's own metadata says about when and where it was taken. */
export type CaptureMetadata = PhotoMetadata;

const FILE_SELECT = `
  SELECT f.id, f.purpose, f.line_id, f.file_name, f.content_type, f.sha256, f.size_bytes::text AS size_bytes, f.captured_at, f.latitude, f.longitude,
         f.uploaded_by, u.display_name AS uploader_name, f.created_at, d.storage_key
    FROM report_file f JOIN stored_document d ON d.id = f.document_id LEFT JOIN app_user u ON u.id = f.uploaded_by`;

/** Reports a grantee may still add files to: not yet submitted, or sent back. */
const EDITABLE_REPORT = new Set(['draft', 'returned']);
/** Lines whose receipts may change: open ones, and any line an officer questioned (even in a submitted report). */
const EDITABLE_LINE = new Set(['draft', 'submitted', 'questioned']);

function toView(row: FileRow): ReportFileView {
  return {
    id: row.id,
    purpose: row.purpose,
    lineId: row.line_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    capturedAt: row.captured_at ? new Date(row.captured_at).toISOString() : null,
    latitude: row.latitude,
    longitude: row.longitude,
    uploadedBy: { id: row.uploaded_by, name: row.uploader_name ?? '' },
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A plain name for the stored file, with the extension its bytes really have. */
export function cleanReportFileName(name: string, extension: string): string {
  const base = safeDownloadName(name, 'file').replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 200);
  return `${base || 'file'}.${extension}`;
}

/**
 * Capture time and position read by exifr from the file's EXIF (JPEG, HEIC,
 * PNG); null where the file has none or they are unusable. PDFs carry none.
 */
export async function readCaptureMetadata(bytes: Buffer, contentType: string): Promise<CaptureMetadata> {
  if (contentType === 'application/pdf') return { capturedAt: null, latitude: null, longitude: null };
  // One reader for every photo Mizan keeps (receipts, evidence, monitoring visits): exifr, times read as UTC.
  return readPhotoMetadata(bytes);
}

/**
 * Report files (receipts of expenditure lines, evidence of a report): the
 * checks before an upload starts, storing a finished upload, listing,
 * downloading and removing. The grantee (members of the organization) and
 * partners of the grant add files; officers of the agency read them too;
 * anyone else gets 404.
 */
@Injectable()
export class ReportFilesService {
  readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: GrantReads,
    private readonly trail: TrailService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  private async report(reportId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ReportRow> {
    assertId(reportId, 'Report');
    const [row] = (await manager.query(`SELECT id, agency_id, grant_id, state FROM grant_report WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [reportId])) as ReportRow[];
    if (!row) throw MizanException.notFound('Report');
    return row;
  }

  /** The report if the caller is its grantee (member or partner of the grant); otherwise 404. */
  private async granteeReport(auth: AuthenticatedRequestContext, reportId: string, manager?: EntityManager, lock = false): Promise<ReportRow> {
    const report = await this.report(reportId, manager, lock);
    await relationOrReportNotFound(this.reads.granteeRelation(auth, report.grant_id, manager));
    return report;
  }

  /** The report if the caller may read it: its grantee, or staff of its agency with grant.read; otherwise 404. */
  private async readableReport(auth: AuthenticatedRequestContext, reportId: string): Promise<ReportRow> {
    const report = await this.report(reportId);
    await relationOrReportNotFound(this.reads.relation(auth, report.grant_id));
    return report;
  }

  private async assertEditable(manager: EntityManager, report: ReportRow, lineId: string | null, lock: boolean): Promise<void> {
    if (!lineId) {
      if (!EDITABLE_REPORT.has(report.state)) {
        throw MizanException.withParams(ErrorCode.Conflict, `This report is ${report.state}: files can no longer be added or removed`, { state: report.state });
      }
      return;
    }
    const [line] = (await manager.query(`SELECT id, state, removed_at FROM expenditure_line WHERE id = $1 AND report_id = $2${lock ? ' FOR UPDATE' : ''}`, [lineId, report.id])) as LineRow[];
    if (!line || line.removed_at) throw MizanException.notFound('Expenditure line');
    const open = line.state === 'questioned' || (EDITABLE_REPORT.has(report.state) && EDITABLE_LINE.has(line.state));
    if (!open) {
      throw MizanException.withParams(ErrorCode.Conflict, `This line is ${line.state} in a ${report.state} report: its receipts can no longer change`, { state: line.state });
    }
  }

  /** Before an upload is created: the caller may add this file to this report (and line). */
  async uploadTarget(auth: AuthenticatedRequestContext, meta: UploadMetadata): Promise<UploadTarget> {
    const report = await this.granteeReport(auth, meta.reportId);
    const lineId = meta.purpose === 'receipt' ? (meta.lineId ?? null) : null;
    await this.assertEditable(this.dataSource.manager, report, lineId, false);
    return { agencyId: report.agency_id, grantId: report.grant_id, reportId: report.id, lineId };
  }

  /** The report file a finished upload became, if it was stored already (only its uploader sees it). */
  async byUpload(auth: AuthenticatedRequestContext, uploadId: string): Promise<ReportFileView | null> {
    const [row] = (await this.dataSource.query(`${FILE_SELECT} WHERE f.upload_id = $1`, [uploadId])) as FileRow[];
    if (!row) return null;
    if (row.uploaded_by !== auth.user.id) throw MizanException.notFound('Upload');
    return toView(row);
  }

  /**
   * A finished upload: its bytes must be a PDF, JPEG, PNG or HEIC (by their
   * first bytes; 415 naming what it really is otherwise); capture time and
   * position come from its EXIF. The bytes go to the FileStore first, then the
   * stored_document, the report_file and the trail record in one
   * transaction; if that is refused the stored bytes are removed again.
   * Finishing the same upload twice returns the first file.
   */
  async storeUpload(auth: AuthenticatedRequestContext, uploadId: string, meta: UploadMetadata, bytes: Buffer): Promise<ReportFileView> {
    const existing = await this.byUpload(auth, uploadId);
    if (existing) return existing;
    if (bytes.length === 0) throw new MizanException(ErrorCode.ValidationFailed, 'The file is empty', [{ field: 'file', message: 'the file is empty' }]);
    const type = sniffReportFileType(bytes);
    if (!type) {
      const really = describeRefusedFile(bytes);
      throw MizanException.withParams(ErrorCode.UnsupportedFileType, 'Only PDF, JPEG, PNG and HEIC files are accepted', { fileName: meta.filename, ...(really ? { actual: really } : {}) }, [
        { field: 'file', message: `only PDF, JPEG, PNG or HEIC files are accepted${really ? `; "${meta.filename}" is ${really}` : `; "${meta.filename}" is none of them`}` },
      ]);
    }
    const capture = await readCaptureMetadata(bytes, type.contentType);
    const stored = await this.files.put(bytes, 'report-files', type.extension);
    const fileName = cleanReportFileName(meta.filename, type.extension);
    try {
      const id = await this.trail.record(async (manager) => {
        const report = await this.granteeReport(auth, meta.reportId, manager, true);
        const lineId = meta.purpose === 'receipt' ? (meta.lineId ?? null) : null;
        await this.assertEditable(manager, report, lineId, true);
        const document = manager.create(StoredDocument, {
          agencyId: report.agency_id,
          kind: `report_${meta.purpose}`,
          fileName,
          contentType: type.contentType,
          storageKey: stored.storageKey,
          sha256: stored.sha256,
          sizeBytes: String(stored.sizeBytes),
        });
        await manager.insert(StoredDocument, document);
        const file = manager.create(ReportFile, {
          agencyId: report.agency_id,
          grantId: report.grant_id,
          reportId: report.id,
          lineId,
          visitId: null,
          purpose: meta.purpose,
          documentId: document.id,
          fileName,
          contentType: type.contentType,
          sha256: stored.sha256,
          sizeBytes: String(stored.sizeBytes),
          capturedAt: capture.capturedAt,
          latitude: capture.latitude,
          longitude: capture.longitude,
          uploadedBy: auth.user.id,
          uploadId,
          createdAt: new Date(),
          removedAt: null,
          removedBy: null,
        });
        await manager.insert(ReportFile, file);
        return {
          result: file.id,
          entries: [
            {
              actor: actorOf(auth),
              agencyId: report.agency_id,
              action: 'report_file.added',
              entityType: 'report_file',
              entityId: file.id,
              after: {
                reportId: report.id,
                lineId,
                purpose: meta.purpose,
                fileName,
                contentType: type.contentType,
                sha256: stored.sha256,
                sizeBytes: stored.sizeBytes,
                capturedAt: capture.capturedAt?.toISOString() ?? null,
                latitude: capture.latitude,
                longitude: capture.longitude,
              },
            },
          ],
        };
      });
      const [row] = (await this.dataSource.query(`${FILE_SELECT} WHERE f.id = $1`, [id])) as FileRow[];
      return toView(row);
    } catch (error) {
      await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      // The same upload finished concurrently (unique upload_id): answer with the file that won.
      const winner = await this.byUpload(auth, uploadId).catch(() => null);
      if (winner) return winner;
      throw error;
    }
  }

  async list(auth: AuthenticatedRequestContext, reportId: string): Promise<ReportFileView[]> {
    const report = await this.readableReport(auth, reportId);
    const rows = (await this.dataSource.query(`${FILE_SELECT} WHERE f.report_id = $1 AND f.removed_at IS NULL ORDER BY f.created_at, f.id`, [report.id])) as FileRow[];
    return rows.map(toView);
  }

  /** The file to download (not removed), for its grantee and the agency's staff; otherwise 404. */
  async download(auth: AuthenticatedRequestContext, reportId: string, fileId: string): Promise<ReportFileView & { storageKey: string }> {
    assertId(fileId, 'File');
    const report = await this.readableReport(auth, reportId);
    const [row] = (await this.dataSource.query(`${FILE_SELECT} WHERE f.id = $1 AND f.report_id = $2 AND f.removed_at IS NULL`, [fileId, report.id])) as FileRow[];
    if (!row) throw MizanException.notFound('File');
    return { ...toView(row), storageKey: row.storage_key };
  }

  /** Removes a file (kept, marked removed) while its line or report is still editable; on the trail. */
  async remove(auth: AuthenticatedRequestContext, reportId: string, fileId: string): Promise<void> {
    assertId(fileId, 'File');
    await this.granteeReport(auth, reportId);
    await this.trail.record(async (manager) => {
      const report = await this.granteeReport(auth, reportId, manager, true);
      const [row] = (await manager.query(`SELECT id, line_id, file_name, sha256, purpose FROM report_file WHERE id = $1 AND report_id = $2 AND removed_at IS NULL FOR UPDATE`, [
        fileId,
        report.id,
      ])) as { id: string; line_id: string | null; file_name: string; sha256: string; purpose: string }[];
      if (!row) throw MizanException.notFound('File');
      await this.assertEditable(manager, report, row.line_id, true);
      await manager.query(`UPDATE report_file SET removed_at = now(), removed_by = $2 WHERE id = $1`, [row.id, auth.user.id]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: report.agency_id,
            action: 'report_file.removed',
            entityType: 'report_file',
            entityId: row.id,
            before: { reportId: report.id, lineId: row.line_id, purpose: row.purpose, fileName: row.file_name, sha256: row.sha256 },
          },
        ],
      };
    });
  }
}
