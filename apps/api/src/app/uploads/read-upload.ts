import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';

export interface Upload {
  buffer: Buffer;
  fileName: string;
  /** What the browser claimed; trusted for nothing (the content is sniffed). */
  mimeType: string;
  fields: Record<string, string>;
}

function fileError(message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, message, [{ field: 'file', message }]);
}

/**
 * The one multipart reader of the api (due-diligence documents, attachments).
 * Reads a multipart body with exactly one file (field `file`) and plain text
 * fields, in any order. Oversize and missing files are field errors, not 413/500s.
 */
export async function readSingleUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) throw fileError('send the file as multipart/form-data with a field named "file"');
  const fields: Record<string, string> = {};
  let file: { buffer: Buffer; fileName: string; mimeType: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw fileError('send exactly one file, in the field named "file"');
        }
        file = { buffer: await part.toBuffer(), fileName: part.filename, mimeType: part.mimetype };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof MizanException) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      const message = `the file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB`;
      throw new MizanException(ErrorCode.FileTooLarge, message, [{ field: 'file', message }]);
    }
    if (code === 'FST_FILES_LIMIT') throw fileError('send exactly one file, in the field named "file"');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw fileError('too many fields in this upload');
    throw error;
  }
  if (!file) throw fileError('no file was sent: use a field named "file"');
  return { ...file, fields };
}
