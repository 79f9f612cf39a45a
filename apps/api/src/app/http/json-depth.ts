/** How deep a JSON body may nest: the deepest body Mizan takes (an application's indicators) is 6 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `text` opens more than `max` arrays/objects inside each other.
 * One pass over the characters, no recursion: it runs before JSON.parse so
 * that nothing downstream (the validation pipe, class-transformer, our own
 * walkers) ever recurses thousands of levels and overflows the stack.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
