/**
 * Resumable uploads of report files (issue 11): receipts of expenditure lines
 * and evidence of a narrative report, sent with the tus protocol
 * (https://tus.io/protocols/resumable-upload, version 1.0.0) so a photo taken
 * on a weak connection resumes where it stopped instead of starting again.
 * See docs/uploads-and-offline.md.
 */
import type { ReportFileView } from './reporting';

export type UploadPurpose = 'receipt' | 'evidence';

export const UploadPaths = {
  /** tus creation endpoint: POST with Upload-Length and Upload-Metadata (keys below). */
  tus: 'uploads/tus',
  /** tus upload URL (the Location of the creation): HEAD offset, PATCH bytes, DELETE to cancel. Only its creator. */
  tusUpload: (uploadId: string) => `uploads/tus/${uploadId}`,
  /** POST: the report file a finished upload became (stores it now if finishing was cut short). Only its creator. */
  result: (uploadId: string) => `uploads/tus/${uploadId}/result`,
} as const;

/** The Upload-Metadata keys a client sends (values base64, as tus requires). */
export const UPLOAD_METADATA_KEYS = ['purpose', 'reportId', 'lineId', 'filename', 'filetype'] as const;
export type UploadMetadataKey = (typeof UPLOAD_METADATA_KEYS)[number];

export interface UploadMetadata {
  purpose: UploadPurpose;
  reportId: string;
  /** Required for a receipt (the line it proves), absent for evidence. */
  lineId?: string;
  filename: string;
  /** What the browser claims; trusted for nothing, the bytes are sniffed when the upload finishes. */
  filetype?: string;
}

/** The largest report file (receipt photo, scanned PDF) Mizan accepts. */
export const MAX_REPORT_FILE_BYTES = 15 * 1024 * 1024;

/** File types a report file may be, recognised by their first bytes. */
export const REPORT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const;

/** Response header of the PATCH that completes an upload: the id of the report file it became. */
export const REPORT_FILE_ID_HEADER = 'Mizan-Report-File-Id';

/** What POST UploadPaths.result answers. */
export interface UploadResultView {
  uploadId: string;
  file: ReportFileView;
}
