import type {
  BackgroundState,
  IatiSourceKind,
  IatiTraceItem,
  LocalizedText,
  PublicationJobView,
  PublicYearAmount,
  RedactionView,
} from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';

/*
 * The transparency pages' view logic, without Angular: the preview's trace grouped by element, the redactions'
 * and sources' message keys, the job's progress, and the public page's yearly series.
 */

/** One element of an activity (its `title`, its third `transaction`…) with the values under it and their sources. */
export interface TraceGroup {
  /** `transaction[3]`, or `iati-activity` for the activity's own attributes. */
  segment: string;
  /** The element's name without its position: `transaction`. */
  element: string;
  items: TraceRow[];
}

export interface TraceRow {
  /** The full path, as the server gave it. */
  path: string;
  /** The path under the group's element (`value/@value-date`), or empty for the element's own text. */
  within: string;
  value: string;
  kind: IatiSourceKind;
  /** The record and its field, for the eye: `grant 5f0c… · title`. */
  record: string;
}

const ACTIVITY = /^iati-activity(?:\[\d+\])?(?:\/|$)/;

/** `iati-activity[2]/transaction[3]/value` → groups per element under the activity, in the file's order. */
export function traceGroups(trace: readonly IatiTraceItem[]): TraceGroup[] {
  const groups = new Map<string, TraceGroup>();
  for (const item of trace) {
    const rest = item.path.replace(ACTIVITY, '');
    const slash = rest.indexOf('/');
    const head = rest === '' || rest.startsWith('@') ? 'iati-activity' : slash < 0 ? rest : rest.slice(0, slash);
    const within = head === 'iati-activity' ? rest : slash < 0 ? '' : rest.slice(slash + 1);
    let group = groups.get(head);
    if (!group) {
      group = { segment: head, element: head.replace(/\[\d+\]$/, ''), items: [] };
      groups.set(head, group);
    }
    group.items.push({
      path: item.path,
      within,
      value: item.value,
      kind: item.source.kind,
      record: [item.source.id, item.source.field].filter((part) => !!part).join(' · '),
    });
  }
  return [...groups.values()];
}

export function sourceKey(kind: IatiSourceKind): TranslationKey {
  return `transparency.source.${kind}`;
}

export function redactedElementKey(element: RedactionView['element']): TranslationKey {
  return `transparency.element.${element}`;
}

export function replacementKey(replacement: RedactionView['replacement']): TranslationKey {
  return `transparency.replacement.${replacement}`;
}

export type SecurityLevel = 'accessible' | 'restricted' | 'no_access';
const LEVELS: readonly string[] = ['accessible', 'restricted', 'no_access'];

/** The security level's message key, when `level` is one (else null: the raw value is shown). */
export function levelKey(level: string | undefined): TranslationKey | null {
  return level && LEVELS.includes(level) ? (`transparency.level.${level as SecurityLevel}` as const) : null;
}

/**
 * A redaction's reason in words: the governorate by its name when known and its level translated (a partner's
 * name or location), a sentence without them (the narrative of a grant with any partner there), how many people
 * are left unnamed.
 */
export function reasonMessage(
  redaction: Pick<RedactionView, 'reason' | 'params'>,
  translate: (key: TranslationKey) => string,
  governorateName: (code: string) => string | undefined,
): { key: TranslationKey; params: Record<string, string | number> } {
  const p = redaction.params;
  switch (redaction.reason) {
    case 'security_level': {
      const code = p['governorate'] ?? '';
      if (!code) return { key: 'transparency.reason.security_level_any', params: {} };
      const key = levelKey(p['level']);
      return {
        key: 'transparency.reason.security_level',
        params: { governorate: governorateName(code) || code, level: key ? translate(key) : (p['level'] ?? '—') },
      };
    }
    case 'partner_wish':
      return { key: 'transparency.reason.partner_wish', params: {} };
    case 'personal_data': {
      const count = Number(p['count']);
      return { key: 'transparency.reason.personal_data', params: { count: Number.isSafeInteger(count) && count > 0 ? count : 0 } };
    }
  }
}

/** How many redactions of each reason: the summary line above the list. */
export function redactionCounts(redactions: readonly RedactionView[]): { reason: RedactionView['reason']; count: number }[] {
  const counts = new Map<RedactionView['reason'], number>();
  for (const r of redactions) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return [...counts.entries()].map(([reason, count]) => ({ reason, count }));
}

/** The worker's job as the shared progress component shows it: a completed job whose record failed (invalid file) failed. */
export function jobState(job: Pick<PublicationJobView, 'state' | 'record'>): BackgroundState {
  switch (job.state) {
    case 'queued':
      return 'queued';
    case 'active':
      return 'running';
    case 'failed':
      return 'failed';
    case 'completed':
      return job.record?.status === 'failed' ? 'failed' : 'done';
  }
}

export function jobPercent(job: Pick<PublicationJobView, 'state' | 'progress'>): number {
  if (job.state === 'completed') return 100;
  return Math.max(0, Math.min(100, Number.isFinite(job.progress) ? job.progress : 0));
}

export function isRunning(job: Pick<PublicationJobView, 'state'> | null): boolean {
  return job !== null && (job.state === 'queued' || job.state === 'active');
}

/** A text in the reader's language, else English (every published text has it). */
export function localized(text: Partial<LocalizedText> | null | undefined, lang: string): string {
  if (!text) return '';
  const own = (text as Record<string, string | undefined>)[lang]?.trim();
  return own || text.en?.trim() || '';
}

/** A public summary from the form: blank languages left out, null when none is given. */
export function summaryOf(values: Readonly<Record<'en' | 'ar' | 'sv', string>>): Partial<LocalizedText> | null {
  const out: Partial<LocalizedText> = {};
  for (const lang of ['en', 'ar', 'sv'] as const) {
    const text = values[lang].trim();
    if (text) out[lang] = text;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The bars of a yearly chart: years in order, with the largest amount for the scale. */
export interface YearSeries {
  currency: string;
  years: PublicYearAmount[];
  maxMinor: bigint;
}

function minor(value: string): bigint {
  return /^-?\d{1,30}$/.test(value) ? BigInt(value) : 0n;
}

/** Adds up the programs' years per currency (a page's chart and table): one series per currency, years ascending. */
export function yearSeries(programs: readonly { currency: string; byYear: readonly PublicYearAmount[] }[]): YearSeries[] {
  const byCurrency = new Map<string, Map<number, { committed: bigint; disbursed: bigint }>>();
  for (const program of programs) {
    const years = byCurrency.get(program.currency) ?? new Map<number, { committed: bigint; disbursed: bigint }>();
    byCurrency.set(program.currency, years);
    for (const y of program.byYear) {
      const sum = years.get(y.year) ?? { committed: 0n, disbursed: 0n };
      sum.committed += minor(y.committedMinor);
      sum.disbursed += minor(y.disbursedMinor);
      years.set(y.year, sum);
    }
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, years]) => {
      const rows = [...years.entries()]
        .sort(([a], [b]) => a - b)
        .map(([year, s]) => ({ year, committedMinor: s.committed.toString(), disbursedMinor: s.disbursed.toString() }));
      const maxMinor = rows.reduce((max, r) => {
        const c = minor(r.committedMinor);
        const d = minor(r.disbursedMinor);
        return [c, d, max].reduce((m, v) => (v > m ? v : m));
      }, 1n);
      return { currency, years: rows, maxMinor };
    });
}

/** The SHA-256 shortened for a table (its whole value in the title and the facts). */
export function shortHash(sha256: string | null): string {
  return sha256 ? `${sha256.slice(0, 12)}…` : '—';
}
