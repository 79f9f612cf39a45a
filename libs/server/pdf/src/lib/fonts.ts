import { createRequire } from 'node:module';
import { join } from 'node:path';

// Resolved at run time from node_modules (not bundled), so the worker build stays small.
const requireFromCwd = createRequire(join(process.cwd(), 'package.json'));

export const FONT_FILES = {
  regular: requireFromCwd.resolve('@fontsource/roboto/files/roboto-latin-400-normal.woff'),
  bold: requireFromCwd.resolve('@fontsource/roboto/files/roboto-latin-700-normal.woff'),
  arabic: requireFromCwd.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff'),
};

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function needsArabicFont(text: string): boolean {
  return ARABIC.test(text);
}
