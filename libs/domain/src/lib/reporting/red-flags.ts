import { CURRENCY_EXPONENT, CurrencyCode, parseMinor } from '../money/money';
import { parseRate } from '../finance/fx';
import { daysBetweenIso } from '../finance/problem';

/**
 * The red-flag engine (issue 11, docs/red-flags.md): pure functions from the
 * facts of expenditure lines, grants and agency settings to flags. No database
 * and no I/O. Every rule groups by a key or slides a window over sorted lines,
 * so an agency's whole history (100 000+ lines) is evaluated in O(n log n).
 *
 * A flag never carries an English sentence: a `code` (which rule raised it),
 * `params` (the numbers, as strings or numbers) the web translates, the lines
 * it is about and a severity.
 */

export type RedFlagSeverity = 'low' | 'medium' | 'high';

export const RED_FLAG_CODES = [
  'DUPLICATE_RECEIPT',
  'DUPLICATE_LINE',
  'SPLIT_PURCHASE',
  'OUTSIDE_GRANT_PERIOD',
  'BEFORE_FUNDS',
  'OVER_BUDGET_LINE',
  'CASH_ABOVE_THRESHOLD',
  'ROUND_AMOUNTS',
  'BENFORD_FIRST_DIGIT',
  'FX_DEVIATION',
  'EVIDENCE_DATE_GAP',
  'EVIDENCE_OUTSIDE_AREA',
  'MONITORING_OVERDUE',
] as const;
export type RedFlagCode = (typeof RED_FLAG_CODES)[number];

export type RedFlagParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface RedFlag {
  code: RedFlagCode;
  severity: RedFlagSeverity;
  /** The grant the flag is about (for a receipt or line duplicated across grants: the first line's grant). */
  grantId: string;
  /** The expenditure lines, sorted. Empty for whole-set statistics (Benford), which name the grant instead. */
  lineIds: readonly string[];
  /** Amounts as decimal strings of minor units, rates as decimal text, shares in basis points. */
  params: RedFlagParams;
}

export interface EvidenceFacts {
  /** ISO date the photo or scan was taken (from EXIF or the upload), when known. */
  capturedOn?: string;
  lat?: number;
  lon?: number;
}

export interface ExpenditureLineFacts {
  id: string;
  grantId: string;
  reportId: string;
  /** ISO date (YYYY-MM-DD) of the expenditure. */
  date: string;
  budgetLineId: string;
  /** As typed by the partner; compared after normalizeSupplier. */
  supplier: string;
  /** Minor units in the line's currency (bigint, or a decimal string of digits as on the wire). */
  amountMinor: bigint | string;
  currency: CurrencyCode;
  /** The amount converted to the grant currency, minor units. Thresholds and budgets compare this. */
  grantAmountMinor: bigint | string;
  /** Rate used for the conversion (1 line currency = rate grant currency), decimal text; absent when the currencies are the same. */
  rate?: string;
  rateSource?: string;
  /** The reference rate (e.g. ECB cross rate) of the line's date, decimal text, when known. */
  referenceRate?: string;
  paymentMethod: 'bank' | 'cash';
  /** SHA-256 (hex) of each receipt file attached. */
  receiptSha256: readonly string[];
  evidence?: readonly EvidenceFacts[];
}

export interface GrantArea {
  /** Centre of the grant's governorate (or the project site) and a radius that covers it: a circle, simple and explainable. */
  lat: number;
  lon: number;
  radiusKm: number;
}

export interface GrantFacts {
  id: string;
  currency: CurrencyCode;
  startsOn: string;
  endsOn: string;
  budgetLines: readonly { id: string; approvedMinor: bigint | string }[];
  /** Tranches the partner has received: date the money arrived and the amount in grant currency. */
  tranchesReceived: readonly { receivedOn: string; amountMinor: bigint | string }[];
  area?: GrantArea;
  /**
   * The monitoring the grant's security level asks for (see reporting_settings.monitoring_policy): the kind, the date
   * the next visit was due (last qualifying visit + the policy's interval, or the grant's start + it) and the last visit.
   */
  monitoring?: { requiredKind: string; dueOn: string; lastVisitOn?: string };
}

export interface RedFlagInput {
  grants: readonly GrantFacts[];
  lines: readonly ExpenditureLineFacts[];
}

export interface RedFlagSettings {
  /** A cash payment above this (grant-currency minor units, per currency) is flagged. */
  cashThresholdMinor: Readonly<Record<CurrencyCode, bigint>>;
  /** Purchases above this must be tendered; split purchases are judged against it. */
  procurementThresholdMinor: Readonly<Record<CurrencyCode, bigint>>;
  /** Lines to one supplier within this many days (first to last) count as one purchase. */
  splitWindowDays: number;
  /** Spending on a budget line may exceed its approved amount by this much (basis points, 1000 = 10 %). */
  budgetToleranceBp: number;
  /** A report whose share of round amounts is above this (basis points) is flagged… */
  roundShareThresholdBp: number;
  /** …once it has at least this many lines. */
  roundMinLines: number;
  /** An amount is round when it is a whole multiple of this many major units. */
  roundUnitMajor: number;
  /** The first-digit test runs on a grant once it has this many positive lines. */
  benfordMinLines: number;
  /** Nigrini's mean absolute deviation (MAD) above which first digits do not conform (0.015 = nonconformity). */
  benfordMadThreshold: number;
  /** A rate further than this from the reference rate of its date (basis points, 300 = 3 %) is flagged. */
  fxDeviationBp: number;
  /** Evidence captured more than this many days from the expenditure date is flagged. */
  evidenceDateGapDays: number;
  /** Evidence located further than the grant area's radius plus this margin (km) is flagged. */
  locationMarginKm: number;
  /** A monitoring visit overdue by more than this many days is high (medium before). */
  monitoringOverdueHighDays: number;
}

/** Defaults, explained in docs/red-flags.md. An agency overrides them in its settings. */
export const DEFAULT_RED_FLAG_SETTINGS: RedFlagSettings = {
  cashThresholdMinor: { USD: 100_000n, EUR: 100_000n, GBP: 80_000n, SEK: 1_000_000n, IQD: 1_300_000_000n },
  procurementThresholdMinor: { USD: 500_000n, EUR: 500_000n, GBP: 400_000n, SEK: 5_000_000n, IQD: 6_500_000_000n },
  splitWindowDays: 7,
  budgetToleranceBp: 1000,
  roundShareThresholdBp: 4000,
  roundMinLines: 20,
  roundUnitMajor: 100,
  benfordMinLines: 1000,
  benfordMadThreshold: 0.015,
  fxDeviationBp: 300,
  evidenceDateGapDays: 30,
  locationMarginKm: 25,
  monitoringOverdueHighDays: 30,
};

/**
 * Supplier names as partners type them ("  Al-Noor Trading Co. ", "AL NOOR trading co") compared as one:
 * Unicode compatibility form, accents and Arabic diacritics and tatweel dropped, case-folded, punctuation
 * and symbols turned into spaces, spaces collapsed, trimmed.
 */
export function normalizeSupplier(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function minor(value: bigint | string): bigint {
  return typeof value === 'bigint' ? value : parseMinor(value);
}

function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

function flagKey(f: RedFlag): string {
  return `${f.grantId}\u0000${f.lineIds.join(',')}\u0000${JSON.stringify(f.params)}`;
}

function sortFlags(flags: RedFlag[]): RedFlag[] {
  return flags.sort((a, b) => {
    const ka = flagKey(a);
    const kb = flagKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function byDateThenId(a: ExpenditureLineFacts, b: ExpenditureLineFacts): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The same receipt file (by SHA-256) on two or more lines anywhere in the agency. High. */
export function duplicateReceiptFlags(lines: readonly ExpenditureLineFacts[]): RedFlag[] {
  const byHash = new Map<string, Set<ExpenditureLineFacts>>();
  for (const line of lines) {
    for (const hash of line.receiptSha256) {
      const key = hash.trim().toLowerCase();
      if (!key) continue;
      const set = byHash.get(key) ?? new Set<ExpenditureLineFacts>();
      set.add(line);
      byHash.set(key, set);
    }
  }
  const flags: RedFlag[] = [];
  for (const [sha256, set] of byHash) {
    if (set.size < 2) continue;
    const sorted = [...set].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    flags.push({ code: 'DUPLICATE_RECEIPT', severity: 'high', grantId: sorted[0].grantId, lineIds: sortedIds(sorted.map((l) => l.id)), params: { sha256, count: set.size } });
  }
  return sortFlags(flags);
}

/** Two or more lines with the same normalized supplier, currency, amount and date, anywhere in the agency. Medium. */
export function duplicateLineFlags(lines: readonly ExpenditureLineFacts[]): RedFlag[] {
  const groups = groupBy(lines, (l) => {
    const supplier = normalizeSupplier(l.supplier);
    return supplier ? `${supplier}\u0000${l.currency}\u0000${minor(l.amountMinor)}\u0000${l.date}` : null;
  });
  const flags: RedFlag[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort(byDateThenId);
    const first = [...group].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    flags.push({
      code: 'DUPLICATE_LINE',
      severity: 'medium',
      grantId: first.grantId,
      lineIds: sortedIds(group.map((l) => l.id)),
      params: { supplier: normalizeSupplier(first.supplier), amountMinor: minor(first.amountMinor).toString(), currency: first.currency, date: first.date, count: group.length },
    });
  }
  return sortFlags(flags);
}

/**
 * Split purchases: lines of one grant to one supplier, each at or under the procurement threshold, that within
 * `splitWindowDays` (first to last date) together exceed it. A two-pointer window slides over the supplier's lines
 * sorted by date; overlapping windows that exceed the threshold are merged into one flag. Medium.
 */
export function splitPurchaseFlags(input: RedFlagInput, settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const grants = new Map(input.grants.map((g) => [g.id, g]));
  const flags: RedFlag[] = [];
  const groups = groupBy(input.lines, (l) => {
    const supplier = normalizeSupplier(l.supplier);
    return supplier && grants.has(l.grantId) ? `${l.grantId}\u0000${supplier}` : null;
  });
  for (const group of groups.values()) {
    const grant = grants.get(group[0].grantId) as GrantFacts;
    const threshold = settings.procurementThresholdMinor[grant.currency];
    const under = group.filter((l) => minor(l.grantAmountMinor) <= threshold).sort(byDateThenId);
    let left = 0;
    let sum = 0n;
    let cluster: { from: number; to: number } | null = null;
    const clusters: { from: number; to: number }[] = [];
    for (let right = 0; right < under.length; right++) {
      sum += minor(under[right].grantAmountMinor);
      while (daysBetweenIso(under[left].date, under[right].date) > settings.splitWindowDays) {
        sum -= minor(under[left].grantAmountMinor);
        left++;
      }
      if (sum <= threshold || right === left) continue;
      if (cluster && left <= cluster.to) cluster.to = right;
      else {
        cluster = { from: left, to: right };
        clusters.push(cluster);
      }
    }
    for (const c of clusters) {
      const members = under.slice(c.from, c.to + 1);
      flags.push({
        code: 'SPLIT_PURCHASE',
        severity: 'medium',
        grantId: grant.id,
        lineIds: sortedIds(members.map((l) => l.id)),
        params: {
          supplier: normalizeSupplier(members[0].supplier),
          count: members.length,
          totalMinor: members.reduce((t, l) => t + minor(l.grantAmountMinor), 0n).toString(),
          thresholdMinor: threshold.toString(),
          currency: grant.currency,
          firstDate: members[0].date,
          lastDate: members[members.length - 1].date,
          windowDays: settings.splitWindowDays,
        },
      });
    }
  }
  return sortFlags(flags);
}

/** A line dated before the grant period starts or after it ends. High. */
export function outsidePeriodFlags(input: RedFlagInput): RedFlag[] {
  const grants = new Map(input.grants.map((g) => [g.id, g]));
  const flags: RedFlag[] = [];
  for (const line of input.lines) {
    const grant = grants.get(line.grantId);
    if (!grant || (line.date >= grant.startsOn && line.date <= grant.endsOn)) continue;
    flags.push({ code: 'OUTSIDE_GRANT_PERIOD', severity: 'high', grantId: grant.id, lineIds: [line.id], params: { date: line.date, startsOn: grant.startsOn, endsOn: grant.endsOn } });
  }
  return sortFlags(flags);
}

/**
 * Spending before the funds that paid for it arrived — the stricter reading: for each date with spending, the grant's
 * cumulative spending up to and including that date is compared with the cumulative tranches received up to and
 * including that date; where spending is ahead, the lines of that date are flagged together. This includes every line
 * dated before the first tranche arrived (received 0: high) and spending that ran ahead of a later tranche (medium).
 */
export function beforeFundsFlags(input: RedFlagInput): RedFlag[] {
  const flags: RedFlag[] = [];
  const linesByGrant = groupBy(input.lines, (l) => l.grantId);
  for (const grant of input.grants) {
    const lines = linesByGrant.get(grant.id);
    if (!lines) continue;
    const tranches = [...grant.tranchesReceived].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
    const byDate = [...groupBy(lines, (l) => l.date)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let spent = 0n;
    let received = 0n;
    let t = 0;
    for (const [date, dayLines] of byDate) {
      while (t < tranches.length && tranches[t].receivedOn <= date) received += minor(tranches[t++].amountMinor);
      spent += dayLines.reduce((s, l) => s + minor(l.grantAmountMinor), 0n);
      if (spent <= received) continue;
      flags.push({
        code: 'BEFORE_FUNDS',
        severity: received === 0n ? 'high' : 'medium',
        grantId: grant.id,
        lineIds: sortedIds(dayLines.map((l) => l.id)),
        params: { date, spentToDateMinor: spent.toString(), receivedToDateMinor: received.toString(), currency: grant.currency },
      });
    }
  }
  return sortFlags(flags);
}

/** Spending on a budget line above its approved amount plus the tolerance. Medium; high beyond twice the tolerance. */
export function overBudgetLineFlags(input: RedFlagInput, settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const flags: RedFlag[] = [];
  const linesByBudgetLine = groupBy(input.lines, (l) => `${l.grantId}\u0000${l.budgetLineId}`);
  const tolerance = BigInt(settings.budgetToleranceBp);
  for (const grant of input.grants) {
    for (const budgetLine of grant.budgetLines) {
      const lines = linesByBudgetLine.get(`${grant.id}\u0000${budgetLine.id}`);
      if (!lines) continue;
      const approved = minor(budgetLine.approvedMinor);
      const spent = lines.reduce((s, l) => s + minor(l.grantAmountMinor), 0n);
      if (spent * 10_000n <= approved * (10_000n + tolerance)) continue;
      const overBp = approved > 0n ? Number(((spent - approved) * 10_000n) / approved) : 'unbounded';
      const high = spent * 10_000n > approved * (10_000n + 2n * tolerance);
      flags.push({
        code: 'OVER_BUDGET_LINE',
        severity: high ? 'high' : 'medium',
        grantId: grant.id,
        lineIds: sortedIds(lines.map((l) => l.id)),
        params: { budgetLineId: budgetLine.id, spentMinor: spent.toString(), approvedMinor: approved.toString(), currency: grant.currency, overBp, toleranceBp: settings.budgetToleranceBp },
      });
    }
  }
  return sortFlags(flags);
}

/** A cash payment above the cash threshold (grant currency). Medium. */
export function cashThresholdFlags(input: RedFlagInput, settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const grants = new Map(input.grants.map((g) => [g.id, g]));
  const flags: RedFlag[] = [];
  for (const line of input.lines) {
    const grant = grants.get(line.grantId);
    if (!grant || line.paymentMethod !== 'cash') continue;
    const threshold = settings.cashThresholdMinor[grant.currency];
    const amount = minor(line.grantAmountMinor);
    if (amount <= threshold) continue;
    flags.push({ code: 'CASH_ABOVE_THRESHOLD', severity: 'medium', grantId: grant.id, lineIds: [line.id], params: { amountMinor: amount.toString(), thresholdMinor: threshold.toString(), currency: grant.currency } });
  }
  return sortFlags(flags);
}

/** True when the amount is a whole multiple of `unitMajor` major units of its currency (and not zero). */
export function isRoundAmount(amountMinor: bigint, currency: CurrencyCode, unitMajor: number): boolean {
  const unit = BigInt(unitMajor) * 10n ** BigInt(CURRENCY_EXPONENT[currency]);
  return amountMinor !== 0n && amountMinor % unit === 0n;
}

/** A report (of at least `roundMinLines` lines) in which the share of round amounts is above the threshold. Low. */
export function roundAmountFlags(lines: readonly ExpenditureLineFacts[], settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const [, report] of groupBy(lines, (l) => `${l.grantId}\u0000${l.reportId}`)) {
    if (report.length < settings.roundMinLines) continue;
    const round = report.filter((l) => isRoundAmount(minor(l.amountMinor), l.currency, settings.roundUnitMajor));
    const shareBp = Math.floor((round.length * 10_000) / report.length);
    if (shareBp <= settings.roundShareThresholdBp) continue;
    flags.push({
      code: 'ROUND_AMOUNTS',
      severity: 'low',
      grantId: report[0].grantId,
      lineIds: sortedIds(round.map((l) => l.id)),
      params: { reportId: report[0].reportId, roundCount: round.length, lineCount: report.length, shareBp, thresholdBp: settings.roundShareThresholdBp, unitMajor: settings.roundUnitMajor },
    });
  }
  return sortFlags(flags);
}

/** Benford's expected share of first digit d (1..9): log10(1 + 1/d). */
export const BENFORD_EXPECTED: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => Math.log10(1 + 1 / d));

/** Nigrini's first-digit MAD conformity bands (Nigrini 2012, table 7.1). */
export const NIGRINI_FIRST_DIGIT_MAD = { close: 0.006, acceptable: 0.012, marginal: 0.015 } as const;

export interface BenfordResult {
  n: number;
  /** Count of amounts with first digit 1..9 (index 0 = digit 1). */
  counts: number[];
  mad: number;
  conformity: 'close' | 'acceptable' | 'marginal' | 'nonconformity';
}

/** First-digit test over positive amounts: mean absolute deviation of the observed from the expected proportions. */
export function benfordFirstDigit(amountsMinor: Iterable<bigint>): BenfordResult {
  const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let n = 0;
  for (const amount of amountsMinor) {
    if (amount <= 0n) continue;
    counts[Number(amount.toString()[0]) - 1]++;
    n++;
  }
  const mad = n === 0 ? 0 : counts.reduce((s, c, i) => s + Math.abs(c / n - BENFORD_EXPECTED[i]), 0) / 9;
  const bands = NIGRINI_FIRST_DIGIT_MAD;
  const conformity = mad <= bands.close ? 'close' : mad <= bands.acceptable ? 'acceptable' : mad <= bands.marginal ? 'marginal' : 'nonconformity';
  return { n, counts, mad, conformity };
}

/**
 * The first-digit test on each grant's lines (amounts in their own currency: Benford's law is scale-invariant), once
 * the grant has `benfordMinLines` positive amounts; flagged when MAD is above `benfordMadThreshold`. Medium. The flag
 * names the grant, not its lines, and carries n, the statistic (6 decimals), the threshold and the digit counts.
 */
export function benfordFlags(lines: readonly ExpenditureLineFacts[], settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const [grantId, grantLines] of groupBy(lines, (l) => l.grantId)) {
    const result = benfordFirstDigit(grantLines.map((l) => minor(l.amountMinor)));
    if (result.n < settings.benfordMinLines || result.mad <= settings.benfordMadThreshold) continue;
    flags.push({
      code: 'BENFORD_FIRST_DIGIT',
      severity: 'medium',
      grantId,
      lineIds: [],
      params: { n: result.n, statistic: 'MAD', mad: result.mad.toFixed(6), threshold: settings.benfordMadThreshold, conformity: result.conformity, counts: result.counts.map(String) },
    });
  }
  return sortFlags(flags);
}

/** |rate − reference| / reference in basis points, rounded down (exact, on the decimal texts). */
export function rateDeviationBp(rateText: string, referenceText: string): number {
  const rate = parseRate(rateText);
  const reference = parseRate(referenceText);
  const r = rate.units * 10n ** BigInt(reference.scale);
  const ref = reference.units * 10n ** BigInt(rate.scale);
  const diff = r > ref ? r - ref : ref - r;
  return Number((diff * 10_000n) / ref);
}

/** A line's rate further from the reference rate of its date than `fxDeviationBp`. Medium; high beyond three times it. */
export function fxDeviationFlags(lines: readonly ExpenditureLineFacts[], settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const line of lines) {
    if (!line.rate || !line.referenceRate) continue;
    const deviationBp = rateDeviationBp(line.rate, line.referenceRate);
    if (deviationBp <= settings.fxDeviationBp) continue;
    flags.push({
      code: 'FX_DEVIATION',
      severity: deviationBp > 3 * settings.fxDeviationBp ? 'high' : 'medium',
      grantId: line.grantId,
      lineIds: [line.id],
      params: { rate: parseRate(line.rate).text, referenceRate: parseRate(line.referenceRate).text, date: line.date, deviationBp, thresholdBp: settings.fxDeviationBp, rateSource: line.rateSource ?? '' },
    });
  }
  return sortFlags(flags);
}

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Evidence captured more than `evidenceDateGapDays` from the expenditure date (low), or located outside the grant
 * area's circle plus `locationMarginKm` (medium). One flag per line and kind, on the worst piece of evidence.
 */
export function evidenceFlags(input: RedFlagInput, settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const grants = new Map(input.grants.map((g) => [g.id, g]));
  const flags: RedFlag[] = [];
  for (const line of input.lines) {
    const grant = grants.get(line.grantId);
    let worstGap = -1;
    let worstDistance = -1;
    for (const e of line.evidence ?? []) {
      if (e.capturedOn) worstGap = Math.max(worstGap, Math.abs(daysBetweenIso(line.date, e.capturedOn)));
      if (grant?.area && e.lat !== undefined && e.lon !== undefined) worstDistance = Math.max(worstDistance, distanceKm(grant.area.lat, grant.area.lon, e.lat, e.lon));
    }
    if (worstGap > settings.evidenceDateGapDays) {
      flags.push({ code: 'EVIDENCE_DATE_GAP', severity: 'low', grantId: line.grantId, lineIds: [line.id], params: { date: line.date, gapDays: worstGap, thresholdDays: settings.evidenceDateGapDays } });
    }
    if (grant?.area && worstDistance > grant.area.radiusKm + settings.locationMarginKm) {
      flags.push({
        code: 'EVIDENCE_OUTSIDE_AREA',
        severity: 'medium',
        grantId: line.grantId,
        lineIds: [line.id],
        params: { distanceKm: Math.round(worstDistance), radiusKm: grant.area.radiusKm, marginKm: settings.locationMarginKm },
      });
    }
  }
  return sortFlags(flags);
}

/**
 * A grant whose monitoring visit was due before `today` (ISO date) and has not happened: medium, high once overdue by
 * more than `monitoringOverdueHighDays`. About the grant, not its lines. Params: `requiredKind`, `dueOn`,
 * `lastVisitOn` ('' when there was none), `overdueDays`, `thresholdDays`.
 */
export function monitoringOverdueFlags(input: RedFlagInput, today: string, settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const grant of input.grants) {
    const m = grant.monitoring;
    if (!m || m.dueOn >= today) continue;
    const overdueDays = daysBetweenIso(m.dueOn, today);
    flags.push({
      code: 'MONITORING_OVERDUE',
      severity: overdueDays > settings.monitoringOverdueHighDays ? 'high' : 'medium',
      grantId: grant.id,
      lineIds: [],
      params: { requiredKind: m.requiredKind, dueOn: m.dueOn, lastVisitOn: m.lastVisitOn ?? '', overdueDays, thresholdDays: settings.monitoringOverdueHighDays },
    });
  }
  return sortFlags(flags);
}

/**
 * Every rule, in the order of RED_FLAG_CODES, each rule's flags in a deterministic order independent of input order.
 * The monitoring rule runs only when `today` (ISO date) is given.
 */
export function evaluateRedFlags(input: RedFlagInput, settings: RedFlagSettings = DEFAULT_RED_FLAG_SETTINGS, today?: string): RedFlag[] {
  const all = [
    ...duplicateReceiptFlags(input.lines),
    ...duplicateLineFlags(input.lines),
    ...splitPurchaseFlags(input, settings),
    ...outsidePeriodFlags(input),
    ...beforeFundsFlags(input),
    ...overBudgetLineFlags(input, settings),
    ...cashThresholdFlags(input, settings),
    ...roundAmountFlags(input.lines, settings),
    ...benfordFlags(input.lines, settings),
    ...fxDeviationFlags(input.lines, settings),
    ...evidenceFlags(input, settings),
    ...(today ? monitoringOverdueFlags(input, today, settings) : []),
  ];
  const order = new Map<string, number>(RED_FLAG_CODES.map((c, i) => [c, i]));
  return all.sort((a, b) => (order.get(a.code) as number) - (order.get(b.code) as number));
}
