import { ErrorCode, MAX_REPORT_FILE_BYTES, UploadMetadata, UploadPurpose } from '@mizan/contracts';
import { findDirectionControl, findUnstorableCharacter } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURPOSES: readonly UploadPurpose[] = ['receipt', 'evidence'];
const MAX_FILE_NAME = 255;

function invalid(field: string, message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Upload-Metadata: ${message}`, [{ field, message }]);
}

/**
 * The tus Upload-Metadata header: comma-separated `key base64value` pairs
 * (a key alone means an empty value). Unknown keys are ignored; the known
 * ones are checked so a creation names its problem before any byte is sent.
 */
export function parseUploadMetadata(header: string | undefined): UploadMetadata {
  const raw: Record<string, string> = Object.create(null);
  for (const pair of (header ?? '').split(',')) {
    const trimmed = pair.trim();
    if (!trimmed) continue;
    const [key, value = '', ...rest] = trimmed.split(' ');
    if (rest.length > 0 || !/^[A-Za-z0-9._-]{1,64}$/.test(key) || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw invalid('metadata', 'each pair is a key and a base64 value');
    raw[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  const purpose = raw['purpose'] as UploadPurpose | undefined;
  if (!purpose || !PURPOSES.includes(purpose)) throw invalid('purpose', 'purpose must be receipt or evidence');
  const reportId = raw['reportId'] ?? '';
  if (!UUID.test(reportId)) throw invalid('reportId', 'reportId must be the id of a report');
  const lineId = raw['lineId'] || undefined;
  if (purpose === 'receipt' && (!lineId || !UUID.test(lineId))) throw invalid('lineId', 'a receipt needs the lineId of its expenditure line');
  if (purpose === 'evidence' && lineId) throw invalid('lineId', 'evidence belongs to the report, not to a line');
  const filename = (raw['filename'] ?? '').trim();
  if (!filename) throw invalid('filename', 'filename is required');
  if (filename.length > MAX_FILE_NAME) throw invalid('filename', `filename must be at most ${MAX_FILE_NAME} characters`);
  if (findUnstorableCharacter(filename) || findDirectionControl(filename) || [...filename].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '/' || c === '\\')) {
    throw invalid('filename', 'filename holds characters a file name cannot have');
  }
  const filetype = raw['filetype']?.slice(0, 100);
  return { purpose, reportId: reportId.toLowerCase(), ...(lineId ? { lineId: lineId.toLowerCase() } : {}), filename, ...(filetype ? { filetype } : {}) };
}

/** The declared Upload-Length: required (no deferred length), at most MAX_REPORT_FILE_BYTES (413 otherwise). */
export function declaredLength(header: string | undefined): number {
  if (header === undefined || !/^\d{1,16}$/.test(header)) {
    throw new MizanException(ErrorCode.ValidationFailed, 'Upload-Length is required', [{ field: 'Upload-Length', message: 'declare the file size in Upload-Length' }]);
  }
  const length = Number(header);
  if (length === 0) throw new MizanException(ErrorCode.ValidationFailed, 'The file is empty', [{ field: 'file', message: 'the file is empty' }]);
  if (length > MAX_REPORT_FILE_BYTES) {
    const message = `the file is larger than ${MAX_REPORT_FILE_BYTES / (1024 * 1024)} MB`;
    throw MizanException.withParams(ErrorCode.FileTooLarge, message, { maxMb: MAX_REPORT_FILE_BYTES / (1024 * 1024) }, [{ field: 'file', message }]);
  }
  return length;
}
