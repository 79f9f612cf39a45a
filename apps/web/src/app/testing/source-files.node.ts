import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web app's sources under `dir`: TypeScript and templates, without the specs (for specs that scan the code).
 * Node only (`*.node.ts`: left out of the app's build by tsconfig.app.json).
 */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}
