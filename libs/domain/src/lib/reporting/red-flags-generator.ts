import { CurrencyCode } from '../money/money';
import { convertMinor, parseRate } from '../finance/fx';
import { addDaysIso } from '../finance/problem';
import { DEFAULT_RED_FLAG_SETTINGS, ExpenditureLineFacts, GrantFacts, RedFlagCode, RedFlagInput } from './red-flags';

/**
 * A realistic, deterministic agency for the red-flag engine's benchmark (tools/bench/red-flags-bench.ts) and tests:
 * grants of 8 quarterly reports of ~50 lines in 10 governorates, suppliers with Arabic and Latin names (typed with
 * variants: case, spacing, punctuation, tatweel), lines in IQD / USD / EUR / the grant currency with rates near the
 * reference rate of the date, receipts, some geotagged evidence; and, unless `plant` is false, a few planted problems
 * per 10,000 lines for every rule, so each rule does real work. Amounts are log-uniform (Benford-conforming) and
 * written as decimal strings, as they come from the database. Not for production data: a test and benchmark fixture.
 */

export interface AgencyOptions {
  lines: number;
  seed?: number;
  linesPerReport?: number;
  reportsPerGrant?: number;
  /** Plant problems for every rule (default true). */
  plant?: boolean;
}

/** What was planted, by rule: line ids (one entry per planted case: the lines it is about), or grant / report ids. */
export type PlantedCases = Record<RedFlagCode, string[][]>;

export interface GeneratedAgency {
  input: RedFlagInput;
  planted: PlantedCases;
}

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GOVERNORATES = [
  { en: 'Baghdad', ar: 'بغداد', lat: 33.31, lon: 44.36 },
  { en: 'Erbil', ar: 'أربيل', lat: 36.19, lon: 44.01 },
  { en: 'Basra', ar: 'البصرة', lat: 30.51, lon: 47.81 },
  { en: 'Mosul', ar: 'الموصل', lat: 36.34, lon: 43.13 },
  { en: 'Duhok', ar: 'دهوك', lat: 36.87, lon: 42.99 },
  { en: 'Sulaymaniyah', ar: 'السليمانية', lat: 35.56, lon: 45.43 },
  { en: 'Ramadi', ar: 'الرمادي', lat: 33.42, lon: 43.3 },
  { en: 'Najaf', ar: 'النجف', lat: 32.0, lon: 44.33 },
  { en: 'Kirkuk', ar: 'كركوك', lat: 35.47, lon: 44.39 },
  { en: 'Baqubah', ar: 'بعقوبة', lat: 33.75, lon: 44.64 },
] as const;

const ARABIC_SUPPLIERS = [
  'شركة النور للتجارة العامة',
  'مكتب الرافدين للقرطاسية',
  'صيدلية الشفاء',
  'مطبعة بابل',
  'شركة دجلة للنقل',
  'مخازن الفرات',
  'مطعم الزهراء',
  'محطة وقود الكرامة',
  'مكتبة المتنبي',
  'شركة الأمل للمقاولات',
  'معرض السلام للأثاث',
  'مختبر الحياة الطبي',
];
const LATIN_SUPPLIERS = [
  'Al-Noor Trading Co.',
  'Zagros Supplies Ltd',
  'Babylon Printing House',
  'Tigris Transport',
  'Euphrates Construction',
  'Kurdistan Office Supplies',
  'Medical Store',
  'Ur Catering',
  'Hamrin Fuel Station',
  'Ishtar Hotel',
];
/** Agency-wide suppliers every grant may pay (telecom, airline, bank charges). */
const NATIONAL_SUPPLIERS = ['Asiacell', 'Zain Iraq', 'Korek Telecom', 'Iraqi Airways', 'الخطوط الجوية العراقية', 'مصرف الرافدين'];

/** Reference rates: 1 unit of the line currency in grant currency. */
const BASE_RATE: Record<'SEK' | 'EUR', Partial<Record<CurrencyCode, number>>> = {
  SEK: { IQD: 0.0081, USD: 10.6, EUR: 11.5 },
  EUR: { IQD: 0.000704, USD: 0.922, SEK: 0.087 },
};

const RATE_SCALE = 1e10;
function rateText(value: number): string {
  const units = BigInt(Math.round(value * RATE_SCALE));
  const whole = units / BigInt(RATE_SCALE);
  const fraction = (units % BigInt(RATE_SCALE)).toString().padStart(10, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

const EXPONENT_FACTOR: Record<CurrencyCode, number> = { SEK: 100, EUR: 100, GBP: 100, USD: 100, IQD: 1000 };

function emptyPlanted(): PlantedCases {
  return {
    DUPLICATE_RECEIPT: [],
    MONITORING_OVERDUE: [],
    DUPLICATE_LINE: [],
    SPLIT_PURCHASE: [],
    OUTSIDE_GRANT_PERIOD: [],
    BEFORE_FUNDS: [],
    OVER_BUDGET_LINE: [],
    CASH_ABOVE_THRESHOLD: [],
    ROUND_AMOUNTS: [],
    BENFORD_FIRST_DIGIT: [],
    FX_DEVIATION: [],
    EVIDENCE_DATE_GAP: [],
    EVIDENCE_OUTSIDE_AREA: [],
  };
}

type MutableLine = ExpenditureLineFacts & { amountMinor: string; grantAmountMinor: string };
type MutableGrant = GrantFacts & { budgetLines: { id: string; approvedMinor: string }[]; tranchesReceived: { receivedOn: string; amountMinor: string }[] };

export function generateAgency(options: AgencyOptions): GeneratedAgency {
  const total = options.lines;
  const random = seededRandom(options.seed ?? 11);
  const perReport = options.linesPerReport ?? 50;
  const reportsPerGrant = options.reportsPerGrant ?? 8;
  const perGrant = perReport * reportsPerGrant;
  const grantCount = Math.max(1, Math.ceil(total / perGrant));
  const int = (n: number) => Math.floor(random() * n);
  const hex = (chars: number) => {
    let s = '';
    while (s.length < chars) s += (int(0x100000000) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, chars);
  };
  const uuid = () => {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  };
  /** How a partner types a name: mostly as is; sometimes upper-cased, with extra spaces, a trailing dot or tatweel. */
  const typed = (name: string) => {
    const r = random();
    if (r < 0.8) return name;
    if (r < 0.85) return name.toUpperCase();
    if (r < 0.9) return `  ${name.replace(/ /g, '  ')} `;
    if (r < 0.95) return `${name}.`;
    return name.replace(/([\u0628-\u064a])([\u0628-\u064a])/, '$1\u0640$2');
  };

  const grants: MutableGrant[] = [];
  const lines: MutableLine[] = [];
  const grantOf = new Map<string, MutableGrant>();
  const governorateOf = new Map<string, (typeof GOVERNORATES)[number]>();
  const dayOffset = new Map<string, number>();
  // The reference rate of a date: a slow wave of ±1 % around the base rate.
  const referenceRate = (grantCurrency: 'SEK' | 'EUR', currency: CurrencyCode, date: string) => {
    const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    return (BASE_RATE[grantCurrency][currency] as number) * (1 + 0.01 * Math.sin(day / 45));
  };
  const setAmount = (line: MutableLine, amountMinor: bigint) => {
    const grant = grantOf.get(line.grantId) as MutableGrant;
    line.amountMinor = amountMinor.toString();
    line.grantAmountMinor = line.rate ? convertMinor(amountMinor, line.currency, grant.currency, parseRate(line.rate)).toString() : line.amountMinor;
  };
  /** An amount in the line's currency worth `grantMajor` in the grant currency, as partners write it. */
  const amountFor = (line: MutableLine, grantMajor: number, rate: number): bigint => {
    const major = grantMajor / rate;
    if (line.currency === 'IQD') return BigInt(random() < 0.4 ? Math.max(250, Math.round(major / 250) * 250) : Math.max(1, Math.round(major))) * 1000n;
    return BigInt(random() < 0.2 ? Math.max(1, Math.round(major)) * 100 : Math.max(1, Math.round(major * 100)));
  };

  for (let g = 0; g < grantCount; g++) {
    const currency: 'SEK' | 'EUR' = g % 5 === 4 ? 'EUR' : 'SEK';
    const startsOn = addDaysIso('2025-01-01', (g * 37) % 365);
    const governorate = GOVERNORATES[g % GOVERNORATES.length];
    const grant: MutableGrant = {
      id: uuid(),
      currency,
      startsOn,
      endsOn: addDaysIso(startsOn, 729),
      budgetLines: ['staff', 'travel', 'equipment', 'supplies', 'services', 'admin'].map(() => ({ id: uuid(), approvedMinor: '0' })),
      tranchesReceived: [],
      area: { lat: governorate.lat, lon: governorate.lon, radiusKm: 60 },
    };
    grants.push(grant);
    grantOf.set(grant.id, grant);
    governorateOf.set(grant.id, governorate);
    // 25 local suppliers of the grant's city (Arabic and Latin names) and the national ones; a few get most lines.
    const local = Array.from({ length: 25 }, (_, i) =>
      i % 2 === 0 ? `${ARABIC_SUPPLIERS[(g + i) % ARABIC_SUPPLIERS.length]} - ${governorate.ar}` : `${LATIN_SUPPLIERS[(g + i) % LATIN_SUPPLIERS.length]} ${governorate.en}`,
    );
    const suppliers = [...local, ...NATIONAL_SUPPLIERS];
    const inGrant = Math.min(perGrant, total - g * perGrant);
    for (let r = 0; r * perReport < inGrant; r++) {
      const reportId = uuid();
      for (let k = 0; k < perReport && r * perReport + k < inGrant; k++) {
        const day = 10 + r * 90 + int(90);
        const date = addDaysIso(startsOn, day);
        const c = random();
        const lineCurrency: CurrencyCode = c < 0.7 ? 'IQD' : c < 0.95 ? 'USD' : c < 0.98 ? (currency === 'SEK' ? 'EUR' : 'SEK') : currency;
        const line: MutableLine = {
          id: uuid(),
          grantId: grant.id,
          reportId,
          date,
          budgetLineId: grant.budgetLines[Math.min(5, Math.floor(6 * random() ** 1.5))].id,
          supplier: typed(suppliers[Math.floor(suppliers.length * random() ** 2)]),
          amountMinor: '0',
          currency: lineCurrency,
          grantAmountMinor: '0',
          paymentMethod: 'bank',
          receiptSha256: random() < 0.1 ? [hex(64), hex(64)] : [hex(64)],
        };
        let rate = 1;
        if (lineCurrency !== currency) {
          const reference = referenceRate(currency, lineCurrency, date);
          // Mostly the rate the tranche came at (the reference of another day), sometimes the bank's rate of the day.
          rate = random() < 0.7 ? referenceRate(currency, lineCurrency, addDaysIso(startsOn, 10)) : reference * (1 + (random() - 0.5) * 0.01);
          line.rate = rateText(rate);
          line.rateSource = random() < 0.7 ? 'tranche' : 'bank';
          line.referenceRate = rateText(reference);
        }
        // Log-uniform over three whole decades of grant-currency major units (SEK 30 – 30 000): first digits follow Benford.
        const scale = currency === 'EUR' ? 1 / 11.5 : 1;
        const grantMajor = Math.exp(Math.log(30) + random() * Math.log(1000)) * scale;
        setAmount(line, amountFor(line, grantMajor, rate));
        const cashLimit = Number(DEFAULT_RED_FLAG_SETTINGS.cashThresholdMinor[currency]);
        if (lineCurrency === 'IQD' && random() < 0.35 && Number(line.grantAmountMinor) <= cashLimit) line.paymentMethod = 'cash';
        if (random() < 0.15) {
          line.evidence = [
            {
              capturedOn: addDaysIso(date, int(4)),
              lat: governorate.lat + (random() - 0.5) * 0.5,
              lon: governorate.lon + (random() - 0.5) * 0.5,
            },
          ];
        }
        lines.push(line);
        dayOffset.set(line.id, day);
      }
    }
  }

  const planted = emptyPlanted();
  if (options.plant !== false) plant();

  // Budgets: approved 25 % above what was spent on each budget line (so only planted overspending is flagged).
  // Tranches: the first on day 10 covers the first year's spending + 5 %, the second on day 370 the rest + 5 %.
  const spentByBudgetLine = new Map<string, bigint>();
  const spentByGrantYear = new Map<string, [bigint, bigint]>();
  for (const line of lines) {
    const amount = BigInt(line.grantAmountMinor);
    spentByBudgetLine.set(line.budgetLineId, (spentByBudgetLine.get(line.budgetLineId) ?? 0n) + amount);
    const years = spentByGrantYear.get(line.grantId) ?? [0n, 0n];
    years[(dayOffset.get(line.id) as number) < 370 ? 0 : 1] += amount;
    spentByGrantYear.set(line.grantId, years);
  }
  for (const grant of grants) {
    for (const budgetLine of grant.budgetLines) budgetLine.approvedMinor = (((spentByBudgetLine.get(budgetLine.id) ?? 0n) * 125n) / 100n + 100_000n).toString();
    const [first, second] = spentByGrantYear.get(grant.id) ?? [0n, 0n];
    grant.tranchesReceived.push(
      { receivedOn: addDaysIso(grant.startsOn, 10), amountMinor: ((first * 105n) / 100n + 1n).toString() },
      { receivedOn: addDaysIso(grant.startsOn, 370), amountMinor: ((second * 105n) / 100n + 1n).toString() },
    );
  }
  if (options.plant !== false) {
    // Overspending: one budget line approved at 70 % of what was spent on it.
    for (const grant of pickGrants(total / 5000)) {
      const budgetLine = grant.budgetLines[0];
      const spent = spentByBudgetLine.get(budgetLine.id) ?? 0n;
      if (spent === 0n) continue;
      budgetLine.approvedMinor = ((spent * 70n) / 100n).toString();
      planted.OVER_BUDGET_LINE.push(lines.filter((l) => l.budgetLineId === budgetLine.id).map((l) => l.id));
    }
  }

  return { input: { grants, lines }, planted };

  function pickGrants(count: number): MutableGrant[] {
    const n = Math.max(1, Math.round(count));
    const picked = new Set<MutableGrant>();
    while (picked.size < Math.min(n, grants.length)) picked.add(grants[int(grants.length)]);
    return [...picked];
  }

  function plant(): void {
    const used = new Set<string>();
    const byReport = new Map<string, MutableLine[]>();
    for (const line of lines) {
      const report = byReport.get(line.reportId);
      if (report) report.push(line);
      else byReport.set(line.reportId, [line]);
    }
    const reports = [...byReport.values()];
    const count = (per10k: number) => Math.max(1, Math.round((per10k * total) / 10_000));
    const freshLine = (filter: (l: MutableLine) => boolean = () => true): MutableLine => {
      for (;;) {
        const line = lines[int(lines.length)];
        if (!used.has(line.id) && filter(line)) {
          used.add(line.id);
          return line;
        }
      }
    };

    // Benford: one grant in 25 (at least one) whose amounts have uniformly distributed first digits (made up).
    for (const grant of grants.length > 1 ? pickGrants(grants.length / 25) : []) {
      for (const line of lines) {
        if (line.grantId !== grant.id) continue;
        used.add(line.id);
        const unit = BigInt(EXPONENT_FACTOR[line.currency]) * (line.currency === 'IQD' ? 1000n : 10n);
        setAmount(line, BigInt(1 + int(9)) * unit * 10n + BigInt(int(Number(unit) * 10)));
      }
      planted.BENFORD_FIRST_DIGIT.push([grant.id]);
    }
    // Round amounts: reports in which 70 % of the lines are whole hundreds (of the line currency's major unit).
    for (let i = 0; i < count(2); i++) {
      let report = reports[int(reports.length)];
      while (report.some((l) => used.has(l.id)) || report.length < DEFAULT_RED_FLAG_SETTINGS.roundMinLines) report = reports[int(reports.length)];
      report.forEach((line, k) => {
        used.add(line.id);
        if (k % 10 < 7) setAmount(line, BigInt(1 + int(40)) * 100n * BigInt(EXPONENT_FACTOR[line.currency]) * (line.currency === 'IQD' ? 100n : 1n));
      });
      planted.ROUND_AMOUNTS.push([report[0].reportId]);
    }
    // The same receipt on a second line, often of another grant.
    for (let i = 0; i < count(5); i++) {
      const a = freshLine();
      const b = freshLine();
      b.receiptSha256 = [...b.receiptSha256, a.receiptSha256[0]];
      planted.DUPLICATE_RECEIPT.push([a.id, b.id]);
    }
    // A line entered twice: same supplier (typed differently), currency, amount and date, its own receipt.
    for (let i = 0; i < count(5); i++) {
      const a = freshLine();
      const b = freshLine((l) => l.reportId === a.reportId);
      Object.assign(b, { date: a.date, supplier: ` ${a.supplier.toUpperCase()} `, currency: a.currency, rate: a.rate, referenceRate: a.referenceRate, evidence: undefined });
      setAmount(b, BigInt(a.amountMinor));
      dayOffset.set(b.id, dayOffset.get(a.id) as number);
      planted.DUPLICATE_LINE.push([a.id, b.id]);
    }
    // Split purchases: three payments to one supplier within 4 days, each 40 % of the procurement threshold.
    for (let i = 0; i < count(3); i++) {
      const first = freshLine();
      const grant = grantOf.get(first.grantId) as MutableGrant;
      const threshold = DEFAULT_RED_FLAG_SETTINGS.procurementThresholdMinor[grant.currency];
      const group = [first, freshLine((l) => l.reportId === first.reportId), freshLine((l) => l.reportId === first.reportId)];
      const day = Math.min(dayOffset.get(first.id) as number, 700);
      group.forEach((line, k) => {
        Object.assign(line, { supplier: first.supplier, currency: grant.currency, rate: undefined, referenceRate: undefined, rateSource: undefined, paymentMethod: 'bank', evidence: undefined });
        line.date = addDaysIso(grant.startsOn, day + 2 * k);
        dayOffset.set(line.id, day + 2 * k);
        setAmount(line, (threshold * 40n) / 100n + BigInt(int(10_000)));
      });
      planted.SPLIT_PURCHASE.push(group.map((l) => l.id));
    }
    // Dated after the grant ended.
    for (let i = 0; i < count(3); i++) {
      const line = freshLine();
      const grant = grantOf.get(line.grantId) as MutableGrant;
      Object.assign(line, { date: addDaysIso(grant.endsOn, 5 + int(30)), evidence: undefined });
      dayOffset.set(line.id, 800);
      planted.OUTSIDE_GRANT_PERIOD.push([line.id]);
    }
    // Spent before the first tranche arrived (day 3; the first tranche arrives on day 10).
    for (let i = 0; i < count(2); i++) {
      const line = freshLine();
      const grant = grantOf.get(line.grantId) as MutableGrant;
      Object.assign(line, { date: addDaysIso(grant.startsOn, 3), evidence: undefined });
      dayOffset.set(line.id, 3);
      planted.BEFORE_FUNDS.push([line.id]);
    }
    // Cash above the threshold.
    for (let i = 0; i < count(5); i++) {
      const line = freshLine();
      const grant = grantOf.get(line.grantId) as MutableGrant;
      Object.assign(line, { currency: grant.currency, rate: undefined, referenceRate: undefined, rateSource: undefined, paymentMethod: 'cash' });
      setAmount(line, (DEFAULT_RED_FLAG_SETTINGS.cashThresholdMinor[grant.currency] * 3n) / 2n + BigInt(1 + int(9_999)));
      planted.CASH_ABOVE_THRESHOLD.push([line.id]);
    }
    // A rate 6 % off the reference of the day.
    for (let i = 0; i < count(5); i++) {
      const line = freshLine((l) => l.referenceRate !== undefined);
      line.rate = rateText(Number(line.referenceRate) * 1.06);
      line.rateSource = 'street';
      setAmount(line, BigInt(line.amountMinor));
      planted.FX_DEVIATION.push([line.id]);
    }
    // Evidence taken 45 days after the expenditure; evidence located in another governorate.
    for (let i = 0; i < count(3); i++) {
      const line = freshLine();
      const here = governorateOf.get(line.grantId) as (typeof GOVERNORATES)[number];
      line.evidence = [{ capturedOn: addDaysIso(line.date, 45), lat: here.lat, lon: here.lon }];
      planted.EVIDENCE_DATE_GAP.push([line.id]);
    }
    for (let i = 0; i < count(3); i++) {
      const line = freshLine();
      const here = governorateOf.get(line.grantId) as (typeof GOVERNORATES)[number];
      const far = here.en === 'Basra' ? GOVERNORATES[4] : GOVERNORATES[2];
      line.evidence = [{ capturedOn: line.date, lat: far.lat, lon: far.lon }];
      planted.EVIDENCE_OUTSIDE_AREA.push([line.id]);
    }
  }
}
