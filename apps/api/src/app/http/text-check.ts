import { FieldErrorCode, type FieldProblem } from '@mizan/contracts';
import { findUnstorableCharacter, unstorableCharacterMessage } from '@mizan/domain';
import { characterParams, characterProblem } from '@mizan/server/core';

/** Enough to show the caller what to fix without building a huge answer. */
const MAX_FINDINGS = 20;
/** Bodies are depth-limited when parsed; this only keeps the walk itself bounded. */
const MAX_WALK_DEPTH = 64;

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** A key that holds a bad character is named by its JSON escape, so the answer never carries the character itself. */
function printable(key: string): string {
  return findUnstorableCharacter(key) ? JSON.stringify(key).slice(1, -1) : key;
}

/**
 * Every string (value or key) under `value` holding a NUL or a lone
 * surrogate, named by its dotted path (`content.outcomes.0.title`); `root`
 * names a top-level string.
 */
export function findUnstorableText(value: unknown, root: string, path = '', out: FieldProblem[] = [], depth = 0): FieldProblem[] {
  if (out.length >= MAX_FINDINGS || depth > MAX_WALK_DEPTH) return out;
  if (typeof value === 'string') {
    const problem = characterProblem(path || root, value);
    if (problem) out.push(problem);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findUnstorableText(item, root, join(path, String(index)), out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = join(path, printable(key));
      const finding = findUnstorableCharacter(key);
      if (finding && out.length < MAX_FINDINGS) out.push({ field, code: FieldErrorCode.InvalidCharacter, params: characterParams(finding), message: unstorableCharacterMessage('the field name', finding) });
      findUnstorableText(item, root, field, out, depth + 1);
    }
  }
  return out;
}
