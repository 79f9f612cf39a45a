import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { safeDownloadName } from '@mizan/domain';

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * unencoded, which the grammar does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The Content-Disposition of every download (RFC 6266): an ASCII fallback and
 * the exact UTF-8 name, both from the sanitized name: no direction controls
 * (a stored "invoice\u202Efdp.exe" would be offered as "invoiceexe.pdf"), no
 * control characters, no path separators, no quote or backslash in the
 * quoted fallback.
 */
export function contentDisposition(fileName: string): string {
  const safe = safeDownloadName(fileName);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

/** The media type of the XLSX files the api builds (report templates, audit working papers). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file built for this answer (an XLSX export) as a download: as an attachment, never sniffed into another type. */
export async function sendBuiltFile(reply: FastifyReply, file: { contentType: string; fileName: string }, buffer: Buffer): Promise<void> {
  await reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Length', buffer.length)
    .send(buffer);
}

/** What a stored upload is sent as: its type, name, size and SHA-256, as the file views carry them. */
export interface StoredFileHead {
  contentType: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Sends an uploaded file (receipt, evidence, visit photo) as a download: as
 * an attachment, never sniffed into another type, sandboxed if a browser opens
 * it anyway, with its length and SHA-256.
 */
export async function sendStoredFile(reply: FastifyReply, file: StoredFileHead, stream: Readable): Promise<void> {
  await reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Content-Length', file.sizeBytes)
    .header('X-Content-SHA256', file.sha256)
    .send(stream);
}
