/**
 * What text Mizan keeps. Two classes of characters are refused:
 *
 * - **Unstorable**: U+0000 (PostgreSQL text cannot hold it) and a UTF-16
 *   surrogate without its pair (not a character at all: it cannot be encoded
 *   as UTF-8, so the database and every browser would mangle it). Refused in
 *   every field of every request.
 * - **Direction controls** in names and titles: the embeddings, overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069) and the marks U+200E, U+200F,
 *   U+061C. They are invisible and can make a name read differently from what
 *   it is ("invoice‮fdp.exe" shows as "invoiceexe.pdf"). Free text keeps
 *   them: mixed Arabic and Latin prose legitimately uses the marks, and the
 *   web shows user text isolated (`dir="auto"`, `<bdi>`).
 */

/** A character that text may not hold, found at a UTF-16 index. */
export interface TextFinding {
  index: number;
  /** `U+XXXX` of the offending code unit. */
  codePoint: string;
  /** What it is, in words. */
  name: string;
}

const DIRECTION_CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};


function codePoint(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first NUL or lone surrogate in `text`, or undefined when it can be stored. */
export function findUnstorableCharacter(text: string): TextFinding | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return { index: i, codePoint: 'U+0000', name: 'NUL' };
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { index: i, codePoint: codePoint(unit), name: 'unpaired surrogate' };
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return { index: i, codePoint: codePoint(unit), name: 'unpaired surrogate' };
  }
  return undefined;
}

/** The first direction control in `text`, or undefined. */
export function findDirectionControl(text: string): TextFinding | undefined {
  for (let i = 0; i < text.length; i++) {
    const name = DIRECTION_CONTROL_NAMES[text.charCodeAt(i)];
    if (name) return { index: i, codePoint: codePoint(text.charCodeAt(i)), name };
  }
  return undefined;
}

/**
 * `text` without any direction control: for machine tokens (a verification code, an id) that a reader copied out
 * of a right-to-left mail or page, which may carry the marks or isolates around them; never for prose.
 */
export function stripDirectionControls(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) if (!DIRECTION_CONTROL_NAMES[text.charCodeAt(i)]) out += text[i];
  return out;
}

/** The sentence the api and the web use for a name or title holding a direction control. */
export function directionControlMessage(field: string, finding: TextFinding): string {
  return `${field} contains an invisible text-direction character (${finding.codePoint} ${finding.name}) at position ${finding.index + 1}; names and titles may not contain them`;
}

/** The sentence for a NUL or a lone surrogate. */
export function unstorableCharacterMessage(field: string, finding: TextFinding): string {
  return `${field} contains a character that cannot be stored (${finding.codePoint} ${finding.name}) at position ${finding.index + 1}`;
}

/**
 * A file name safe to offer in a download: no direction controls, no control
 * characters (C0, DEL, C1), no path separators, no lone surrogates, trimmed.
 * What is left is never empty (`fallback`).
 */
export function safeDownloadName(name: string, fallback = 'download'): string {
  let out = '';
  for (const char of name) {
    const unit = char.codePointAt(0) ?? 0;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) continue;
    if (DIRECTION_CONTROL_NAMES[unit]) continue;
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    out += char === '/' || char === '\\' ? '_' : char;
  }
  out = out.trim().replace(/^\.+/, '');
  return out.length > 0 ? out : fallback;
}
