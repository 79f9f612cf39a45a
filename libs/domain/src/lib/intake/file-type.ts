/**
 * What an uploaded file really is, decided by its first bytes (its "magic
 * number"), never by its name or the type the browser declared: a renamed
 * executable must not pass as a PDF.
 */
export interface AcceptedFileType {
  kind: 'pdf' | 'png' | 'jpeg';
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  extension: 'pdf' | 'png' | 'jpg';
}

const ACCEPTED: readonly { signature: readonly number[]; type: AcceptedFileType }[] = [
  { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { kind: 'pdf', contentType: 'application/pdf', extension: 'pdf' } }, // %PDF-
  { signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { kind: 'png', contentType: 'image/png', extension: 'png' } },
  { signature: [0xff, 0xd8, 0xff], type: { kind: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' } },
];

/** Signatures worth naming in a refusal, so the user learns what they actually picked. */
const KNOWN_OTHERS: readonly { signature: readonly number[]; name: string }[] = [
  { signature: [0x7f, 0x45, 0x4c, 0x46], name: 'an executable program (ELF)' },
  { signature: [0x4d, 0x5a], name: 'an executable program (Windows)' },
  { signature: [0xcf, 0xfa, 0xed, 0xfe], name: 'an executable program (macOS)' },
  { signature: [0xfe, 0xed, 0xfa, 0xcf], name: 'an executable program (macOS)' },
  { signature: [0x23, 0x21], name: 'a script' },
  { signature: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive or an Office document' },
  { signature: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'an old Office document' },
  { signature: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((b, i) => bytes[i] === b);
}

/** The accepted type the bytes begin with, or null for anything else (including an empty file). */
export function sniffFileType(bytes: Uint8Array): AcceptedFileType | null {
  return ACCEPTED.find((a) => startsWith(bytes, a.signature))?.type ?? null;
}

/** A human description of a refused file's real kind, or null when it is not one we recognise. */
export function describeRefusedFile(bytes: Uint8Array): string | null {
  return KNOWN_OTHERS.find((k) => startsWith(bytes, k.signature))?.name ?? null;
}

/** A report file (receipt, evidence): the accepted types, and HEIC photos as iPhones take them. */
export interface ReportFileType {
  kind: AcceptedFileType['kind'] | 'heic';
  contentType: AcceptedFileType['contentType'] | 'image/heic';
  extension: AcceptedFileType['extension'] | 'heic';
}

/** ISO base media brands of HEIF/HEIC still images (ISO/IEC 23008-12). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** HEIC: a box of type "ftyp" first (bytes 4–7) with a HEIF image brand (bytes 8–11). */
export function isHeic(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  return ascii(4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(8, 12));
}

/** What a report file really is (PDF, PNG, JPEG or HEIC), or null for anything else. */
export function sniffReportFileType(bytes: Uint8Array): ReportFileType | null {
  const accepted = sniffFileType(bytes);
  if (accepted) return accepted;
  return isHeic(bytes) ? { kind: 'heic', contentType: 'image/heic', extension: 'heic' } : null;
}
