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
