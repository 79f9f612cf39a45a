import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, FieldProblem } from '@mizan/contracts';
import { directionControlMessage, findDirectionControl, findUnstorableCharacter, unstorableCharacterMessage } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';

export interface Upload {
  buffer: Buffer;
  fileName: string;
  /** What the browser claimed; trusted for nothing (the content is sniffed). */
  mimeType: string;
  fields: Record<string, string>;
}

/** Room for the part headers and the text fields next to the file. */
const ENVELOPE_BYTES = 128 * 1024;
const MAX_FIELDS = 10;
const MAX_FIELD_LENGTH = 10_000;

function fileError(message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, message, [{ field: 'file', message }]);
}

function malformed(message: string): MizanException {
  return new MizanException(ErrorCode.MalformedUpload, message, [{ field: 'file', message }]);
}

function tooLarge(maxBytes: number): MizanException {
  const message = `the file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB`;
  return new MizanException(ErrorCode.FileTooLarge, message, [{ field: 'file', message }]);
}

/** The boundary parameter of a multipart Content-Type (RFC 2046: 1–70 characters, maybe quoted). */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Whether `body` carries the closing delimiter: without it the upload was cut short. */
export function hasClosingDelimiter(body: Buffer, boundary: string): boolean {
  return body.subarray(0, boundary.length + 4).equals(Buffer.from(`--${boundary}--`)) || body.includes(`\r\n--${boundary}--`);
}

/**
 * The raw body, at most `limit` bytes. Listeners stay on until the request is
 * done, so an error the socket raises later (a client that disconnects
 * half-way) is handled, never an unhandled 'error' event.
 */
function readBody(raw: IncomingMessage, limit: number, maxBytes: number): Promise<Buffer> {
  const declared = Number(raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: MizanException | undefined): void => {
      if (settled) return;
      settled = true;
      raw.off('data', onData);
      if (error) {
        // Not read any further; Node discards the rest once the answer is sent.
        raw.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) settle(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    raw.on('data', onData);
    raw.once('end', () => settle(undefined));
    raw.on('error', () => settle(malformed('the upload stopped before its end')));
    raw.once('close', () => settle(malformed('the upload stopped before its end')));
  });
}

function checkText(field: string, value: string, out: FieldProblem[]): void {
  const finding = findUnstorableCharacter(value);
  if (finding) out.push({ field, message: unstorableCharacterMessage(field, finding) });
}

/**
 * The one multipart reader of the api (due-diligence documents, attachments).
 * Reads a multipart body with exactly one file (field `file`) and plain text
 * fields, in any order. Oversize and missing files are field errors, not 413/500s.
 *
 * The body is read whole (bounded by `maxBytes` plus room for the fields) and
 * only then parsed, by the platform's FormData parser, which answers a bad body
 * with a rejected promise. Streaming parsers report a body cut short as an
 * 'error' event on a file stream nobody may be listening to yet, which took the
 * whole process down (issue 8).
 */
export async function readSingleUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  const { file, fields } = await readUploadForm(request, maxBytes, true);
  return { ...(file as Omit<Upload, 'fields'>), fields };
}

/**
 * The same reader for a form whose file may be left out (an audit action's
 * completion: a note, and a file that only high priority requires).
 */
export async function readUploadForm(request: FastifyRequest, maxBytes: number, fileRequired: boolean): Promise<{ file: Omit<Upload, 'fields'> | null; fields: Record<string, string> }> {
  const contentType = request.headers['content-type'];
  if (!/^multipart\/form-data\b/i.test(contentType ?? '')) {
    throw new MizanException(ErrorCode.UnsupportedMediaType, 'This route takes multipart/form-data', [
      { field: 'file', message: 'send the file as multipart/form-data with a field named "file"' },
    ]);
  }
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw malformed('the upload has no boundary in its Content-Type');
  const body = await readBody(request.raw, maxBytes + ENVELOPE_BYTES, maxBytes);
  if (!hasClosingDelimiter(body, boundary)) throw malformed('the upload ended before its closing boundary');

  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch {
    throw malformed('the upload could not be read as multipart/form-data');
  }

  const fields: Record<string, string> = Object.create(null);
  const textErrors: FieldProblem[] = [];
  let file: File | undefined;
  let fieldCount = 0;
  form.forEach((value, name) => {
    if (typeof value === 'string') {
      if (++fieldCount > MAX_FIELDS) throw fileError('too many fields in this upload');
      if (value.length > MAX_FIELD_LENGTH) throw new MizanException(ErrorCode.ValidationFailed, `${name} is too long`, [{ field: name, message: `${name} is longer than ${MAX_FIELD_LENGTH} characters` }]);
      checkText(name, name, textErrors);
      checkText(name, value, textErrors);
      fields[name] = value;
    } else {
      if (name !== 'file' || file) throw fileError('send exactly one file, in the field named "file"');
      file = value;
    }
  });
  // A browser sends an empty, unnamed file part when the file input was left empty: that is no file.
  const sent = file && !(file.size === 0 && file.name === '') ? file : undefined;
  if (!sent && fileRequired) throw fileError('no file was sent: use a field named "file"');
  if (sent) checkText('file', sent.name, textErrors);
  if (textErrors.length > 0) throw new MizanException(ErrorCode.InvalidText, `Text that cannot be stored in ${textErrors.map((f) => f.field).join(', ')}`, textErrors);
  if (!sent) return { file: null, fields };
  const direction = findDirectionControl(sent.name);
  if (direction) throw fileError(directionControlMessage('the file name', direction));
  if (sent.size > maxBytes) throw tooLarge(maxBytes);
  return { file: { buffer: Buffer.from(await sent.arrayBuffer()), fileName: sent.name, mimeType: sent.type || 'application/octet-stream' }, fields };
}
