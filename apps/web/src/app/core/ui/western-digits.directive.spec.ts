import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceFiles } from '../../testing/source-files.node';

describe('number fields take Arabic-Indic digits', () => {
  const app = join(__dirname, '../..');
  const files = sourceFiles(app).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('every <input type="number"> carries mzWesternDigits', () => {
    const bare = files.flatMap(({ path, text }) =>
      [...text.matchAll(/<input\b[^>]*type="number"[^>]*>/g)].filter((m) => !m[0].includes('mzWesternDigits')).map(() => path.slice(app.length)),
    );
    expect(bare).toEqual([]);
  });

  it('every component with such a field imports the directive (a template with an unknown attribute would ignore it)', () => {
    const missing = files
      .filter(({ text }) => text.includes('mzWesternDigits'))
      .map(({ path }) => (path.endsWith('.html') ? path.replace(/\.html$/, '.ts') : path))
      .filter((path) => !path.endsWith('western-digits.directive.ts'))
      .filter((path) => !readFileSync(path, 'utf8').includes('WesternDigitsDirective,'))
      .map((path) => path.slice(app.length));
    expect(missing).toEqual([]);
  });
});
