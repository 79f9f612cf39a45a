import { ErrorCode } from '@mizan/contracts';
import { type AcceptedFileType, describeRefusedFile, sniffFileType } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';

/**
 * What an uploaded PDF, PNG or JPEG really is, by its first bytes; an empty file or any other kind is a field error
 * on `file` (UNSUPPORTED_FILE_TYPE names what the file really is when it is a kind worth naming). One check for every
 * upload of these types: attachments, visit files, working papers, completion evidence.
 */
export function acceptedFileType(bytes: Buffer): AcceptedFileType {
  if (bytes.length === 0) throw new MizanException(ErrorCode.ValidationFailed, 'The file is empty', [{ field: 'file', message: 'the file is empty' }]);
  const type = sniffFileType(bytes);
  if (type) return type;
  const really = describeRefusedFile(bytes);
  throw new MizanException(ErrorCode.UnsupportedFileType, 'Only PDF, PNG and JPEG files are accepted', [
    { field: 'file', message: `only PDF, PNG or JPEG files are accepted${really ? `; this file is ${really}` : ''}` },
  ]);
}

/** Only a plain file name is kept: no folders, no control characters or quotes, at most 200 characters; `fallback` when nothing is left. */
export function plainFileName(name: string, fallback: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return base || fallback;
}
