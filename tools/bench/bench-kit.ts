/**
 * The pure parts the benchmark harness (`npm run bench`, tools/bench/run.ts) and its sub-benchmarks share:
 * argument parsing, min/median/max over runs, ratios, target verdicts and markdown rendering. Unit-tested in
 * bench-kit.spec.ts; nothing here touches a process, a socket or a database.
 */

export type ArgValue = string | boolean;
export type ParsedArgs = Record<string, ArgValue>;

/**
 * `--name value`, `--name=value` and bare `--flag` (true). A flag named in `booleans` never takes the next word as
 * its value. Unknown names are kept (callers check with `unknownArgs`); a word that is not an option is an error.
 */
export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const out: ParsedArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('--')) throw new Error(`unexpected argument "${word}" (options start with --)`);
    const eq = word.indexOf('=');
    if (eq > 0) {
      out[word.slice(2, eq)] = word.slice(eq + 1);
      continue;
    }
    const name = word.slice(2);
    const next = argv[i + 1];
    if (booleans.includes(name) || next === undefined || next.startsWith('--')) out[name] = true;
    else {
      out[name] = next;
      i++;
    }
  }
  return out;
}

/** The names in `args` that are not in `known`. */
export function unknownArgs(args: ParsedArgs, known: readonly string[]): string[] {
  return Object.keys(args).filter((k) => !known.includes(k));
}

export function stringArg(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args[name];
  if (v === undefined) return fallback;
  if (v === true) throw new Error(`--${name} needs a value`);
  return v as string;
}

export function numberArg(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringArg(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${v}"`);
  return n;
}

/** `--scales 1,10` → [1, 10]; each a positive integer, no repeats. */
export function parseList(value: string, what: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new Error(`${what}: empty list`);
  return items;
}

export function parseScales(value: string): number[] {
  const scales = parseList(value, '--scales').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--scales: "${s}" is not a positive whole number`);
    return n;
  });
  if (new Set(scales).size !== scales.length) throw new Error('--scales: a scale is named twice');
  return scales;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** min/median/max of several runs (median of an even count: the mean of the two middle values). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: NaN, median: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** a / b, NaN when either is missing or b is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

/** A number for a table: '–' when missing; decimals by size (1234 → "1,234"; 12.3 → "12.3"; 1.234 → "1.23"). */
export function fmt(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) return '–';
  const d = decimals ?? (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export const pct = (r: number) => (Number.isFinite(r) ? `${Math.round(r * 100)} %` : '–');

/** "median (min–max)". */
export function fmtSpread(s: Spread, decimals?: number): string {
  if (!Number.isFinite(s.median)) return '–';
  if (s.min === s.max) return fmt(s.median, decimals);
  return `${fmt(s.median, decimals)} (${fmt(s.min, decimals)}–${fmt(s.max, decimals)})`;
}

/** A markdown table; pipes inside cells are escaped, line breaks flattened. */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Text in a collapsed block (for EXPLAIN plans and logs). */
export function details(summary: string, body: string, lang = ''): string {
  const fence = body.includes('```') ? '~~~~' : '```';
  return `<details><summary>${summary}</summary>\n\n${fence}${lang}\n${body.replace(/\s+$/, '')}\n${fence}\n\n</details>`;
}

export const TARGETS = {
  /** Every api read path at scale 10: p99 under this many ms at 50 connections. */
  p99Ms: 50,
  /** … and at least this share of the bare baseline's requests/s. */
  baselineShare: 0.6,
  /** No path more than this many times slower from scale 1 to scale 10. */
  scaleSlowdown: 2,
  /** Trail verification: at least this share of the raw SHA-256 rate. */
  verifyShare: 0.5,
} as const;

export const verdict = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? 'yes' : '**no**');

/**
 * The marked block the harness owns at the top of docs/benchmarks.md: replaced when present, else put right
 * after the first heading (the hand-written sections below stay as they are).
 */
export const BLOCK_START = '<!-- bench:generated:start -->';
export const BLOCK_END = '<!-- bench:generated:end -->';

export function replaceGeneratedBlock(doc: string, block: string): string {
  const wrapped = `${BLOCK_START}\n${block.replace(/\s+$/, '')}\n${BLOCK_END}`;
  const start = doc.indexOf(BLOCK_START);
  const end = doc.indexOf(BLOCK_END);
  if (start >= 0 && end > start) return doc.slice(0, start) + wrapped + doc.slice(end + BLOCK_END.length);
  const heading = /^# .*\n/m.exec(doc);
  if (!heading) return `${wrapped}\n\n${doc}`;
  const at = heading.index + heading[0].length;
  return `${doc.slice(0, at)}\n${wrapped}\n${doc.slice(at)}`;
}

/** Placeholders `{name}` in a path template, filled from `values`; a missing one is an error naming it. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for {${name}} in "${template}"`);
    return encodeURIComponent(v);
  });
}

/** Who the benchmarks sign in as: read from `tools/mizan generate --summary-json` (or a hand-written file). */
export interface BenchLogins {
  password: string;
  officer: string;
  auditor: string;
}

/**
 * Reads the logins from a generate summary, tolerant of its shape: `{password, officer, auditor}`,
 * `{users: {officer: 'a@b' | {email, password}}, password}`, `{logins|accounts|emails: …}`.
 */
export function loginsFromSummary(summary: unknown): BenchLogins {
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const root = obj(summary);
  const groups = [root, obj(root['users']), obj(root['logins']), obj(root['accounts']), obj(root['emails'])];
  const email = (role: string): string | undefined => {
    for (const g of groups) {
      const v = g[role];
      if (typeof v === 'string') return v;
      if (Array.isArray(v) && v.length > 0) return typeof v[0] === 'string' ? v[0] : (obj(v[0])['email'] as string | undefined);
      if (typeof obj(v)['email'] === 'string') return obj(v)['email'] as string;
    }
    return undefined;
  };
  const password = (role: string): string | undefined => {
    for (const g of groups) if (typeof g['password'] === 'string') return g['password'] as string;
    for (const g of groups) if (typeof obj(g[role])['password'] === 'string') return obj(g[role])['password'] as string;
    return undefined;
  };
  const officer = email('officer');
  const auditor = email('auditor');
  const pw = password('officer');
  if (!officer || !auditor || !pw) throw new Error('the summary names no officer, auditor or password');
  return { password: pw, officer, auditor };
}
