import { HttpErrorResponse, type HttpResponse } from '@angular/common/http';
import { toWebError, type WebError } from './api-error';

/*
 * Files the api hands out (XLSX exports, bank files, PDFs): the name from
 * Content-Disposition, the browser's save, and an error body read back from a Blob.
 */

/** Keeps only characters that are safe in a file name on every system. */
function safeName(name: string): string {
  return Array.from(name, (c) =>
    c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c,
  )
    .join('')
    .slice(0, 200);
}

/** The file name of a Content-Disposition header (RFC 6266, `filename*` first), or `fallback`. */
export function downloadFileName(
  contentDisposition: string | null,
  fallback: string,
): string {
  const header = contentDisposition ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      const name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
      if (name) return safeName(name);
    } catch {
      // A malformed encoded name: try the plain one.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1]).trim() : '';
  return name ? safeName(name) : fallback;
}

/** Hands a downloaded body to the browser as a file; returns the name used. */
export function saveDownload(
  document: Document,
  response: HttpResponse<Blob>,
  fallback: string,
): string {
  const name = downloadFileName(
    response.headers.get('Content-Disposition'),
    fallback,
  );
  const url = URL.createObjectURL(response.body ?? new Blob([]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser; the URL may go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** An error body of a blob request arrives as a Blob: read it back into the api's JSON. */
export async function readBlobError(error: unknown): Promise<WebError> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    try {
      const body: unknown = JSON.parse(await error.error.text());
      return toWebError(
        new HttpErrorResponse({
          error: body,
          status: error.status,
          statusText: error.statusText,
          headers: error.headers,
        }),
      );
    } catch {
      // Not JSON: fall through to the status text.
    }
  }
  return toWebError(error);
}
