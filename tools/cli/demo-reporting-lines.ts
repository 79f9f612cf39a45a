import { createHash } from 'node:crypto';
import { type CurrencyCode, type ExpenditureLineFacts, type GrantFacts, type RedFlagCode, addDaysIso, convertMinor, invertRate, parseDecimal, parseRate } from '@mizan/domain';
import { addMonths } from './demo-dates';
import { demoPdf, demoPng, sha256Hex } from './demo-files';

/*
 * The reporting demo's data (issue 11), pure and unit-tested
 * (demo-reporting-lines.spec.ts): a grant of 500,000 SEK to Dijla whose
 * period began eight months before the seed day, paid in USD, with a first
 * report (months 1–4, 16 lines, accepted, one small line ineligible) and a
 * second report (months 5–8, 40 lines, submitted) in which four problems are
 * planted for the red-flag engine to find:
 *
 * - the same receipt (same bytes, same SHA-256) on two printing lines;
 * - a split purchase: three furniture payments to one supplier within five
 *   days, each under the 50,000 SEK procurement threshold, together above it;
 * - six months' rent paid before tranche 2 arrived, when tranche 1 was spent;
 * - a car rental that takes the travel line beyond the 10 % tolerance.
 *
 * Every date is an offset from the grant's start, so the demo is the same
 * story whatever day it is seeded. Amounts are in the currency paid (IQD,
 * USD), with the rate the partner's books show: USD lines at the rate of the
 * tranche they were paid from (the default), IQD lines at the exchange
 * office's or bank's rate, named.
 */

export const DEMO_REPORTING_GRANT = 'Legal aid clinics for women in Basra';

/** Months of the grant; the seed day falls at the start of the ninth. */
export const DEMO_REPORTING_MONTHS = 12;
export const DEMO_REPORTING_ELAPSED_MONTHS = 8;

export const DEMO_REPORTING_AMOUNT_MINOR = 50_000_000n;

/** The agreement's budget (SEK minor units), summing to the grant; the categories and ids of the application's lines. */
export const DEMO_REPORTING_BUDGET = [
  {
    id: 'b1',
    category: 'personnel',
    description: 'Two lawyers and the clinics’ coordinator in Basra',
    amountMinor: '18500000',
  },
  {
    id: 'b2',
    category: 'activities',
    description: 'Legal aid clinics: rent, furniture, workshops and printing',
    amountMinor: '20000000',
  },
  {
    id: 'b3',
    category: 'travel',
    description: 'Lawyers’ travel to hearings in Zubair, Qurna and Abu al-Khaseeb',
    amountMinor: '4000000',
  },
  {
    id: 'b4',
    category: 'monitoring_evaluation',
    description: 'Case files, client follow-up and translation',
    amountMinor: '4000000',
  },
  {
    id: 'b5',
    category: 'admin',
    description: 'Bookkeeping, bank charges and internet',
    amountMinor: '3500000',
  },
] as const;
export type DemoBudgetLineId = (typeof DEMO_REPORTING_BUDGET)[number]['id'];

export interface DemoTranchePayment {
  seq: number;
  amountMinor: bigint;
  /** Days after the grant's start the money arrived (the payment's value date); null: not paid in the demo. */
  paidAfterDays: number | null;
  /** The bank's rate of the transfer: 1 SEK = rate USD. */
  rate: string | null;
}

/** 180,000 + 220,000 + 100,000 SEK (36 / 44 / 20 %, within the 60 % a moderate risk allows). */
export const DEMO_REPORTING_TRANCHES: readonly DemoTranchePayment[] = [
  { seq: 1, amountMinor: 18_000_000n, paidAfterDays: 3, rate: '0.1049' },
  { seq: 2, amountMinor: 22_000_000n, paidAfterDays: null, rate: '0.1062' },
  { seq: 3, amountMinor: 10_000_000n, paidAfterDays: null, rate: null },
];
/** Tranche 2 arrives ten days into month 5 (after the first report's period). */
export const DEMO_TRANCHE2_AFTER = { months: 4, days: 10 } as const;

export type PlantedProblem = 'duplicate_receipt' | 'split_purchase' | 'before_funds' | 'over_budget';

/** Which red-flag code each planted problem must raise. */
export const PLANTED_FLAG: Readonly<Record<PlantedProblem, RedFlagCode>> = {
  duplicate_receipt: 'DUPLICATE_RECEIPT',
  split_purchase: 'SPLIT_PURCHASE',
  before_funds: 'BEFORE_FUNDS',
  over_budget: 'OVER_BUDGET_LINE',
};

interface LineSpec {
  key: string;
  report: 1 | 2;
  /** Offset from the grant's start: whole months, then days. */
  at: [months: number, days: number];
  budgetLineId: DemoBudgetLineId;
  supplier: string;
  description: string;
  /** In major units of the currency, as a partner types it. */
  amount: string;
  currency: 'USD' | 'IQD';
  paymentMethod: 'bank' | 'cash';
  /** The receipt's key: lines with the same key carry the same file (the planted duplicate). */
  receipt?: string;
  problem?: PlantedProblem;
  /** Report 1: the part the officer finds ineligible, in SEK minor units, and why. */
  ineligible?: { amountMinor: string; reason: string };
}

/** IQD bought with the tranche's dollars at the exchange office (report 1) and at the bank (report 2): 1 IQD = rate SEK. */
const IQD_RATES = {
  1: {
    cash: {
      rate: '0.00728',
      source: 'other',
      note: 'Al-Ashar exchange office slip: 1,310 IQD per USD bought with tranche 1',
    },
    bank: { rate: '0.00731', source: 'bank' },
  },
  2: {
    cash: {
      rate: '0.00719',
      source: 'other',
      note: 'Al-Ashar exchange office slip: 1,305 IQD per USD bought with tranche 2',
    },
    bank: { rate: '0.00722', source: 'bank' },
  },
} as const;

const PAYROLL = 'Payroll: Zainab Jasim, Ali Kadhim (lawyers), Huda Fadhil (coordinator)';

/** One line a month on the same day (salaries, water, phone credit, internet): keys `r<report>-<name>-<month>`, months counted from 1. */
function monthly(at: { name: string; report: 1 | 2; months: readonly number[]; day: number }, line: (month: number) => Omit<LineSpec, 'key' | 'report' | 'at'>): LineSpec[] {
  return at.months.map((m) => ({ key: `r${at.report}-${at.name}-${m + 1}`, report: at.report, at: [m, at.day], ...line(m + 1) }));
}

const LINES: readonly LineSpec[] = [
  // --- Report 1: months 1–4, clean (one small line ineligible) ---
  ...monthly({ name: 'salaries', report: 1, months: [0, 1, 2, 3], day: 8 }, (month) => ({
    budgetLineId: 'b1',
    supplier: PAYROLL,
    description: `Salaries, month ${month}`,
    amount: '1645.00',
    currency: 'USD',
    paymentMethod: 'bank',
  })),
  {
    key: 'r1-hall-opening',
    report: 1,
    at: [0, 12],
    budgetLineId: 'b2',
    supplier: 'قاعة أبو الخصيب',
    description: 'Hall hire: opening workshop with 60 women',
    amount: '1875250',
    currency: 'IQD',
    paymentMethod: 'bank',
  },
  {
    key: 'r1-leaflets',
    report: 1,
    at: [0, 15],
    budgetLineId: 'b2',
    supplier: 'Al-Mirbad Printing House',
    description: 'Leaflets on the right to legal aid, 3,000 copies',
    amount: '987750',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r1-desks',
    report: 1,
    at: [1, 3],
    budgetLineId: 'b2',
    supplier: 'شركة الفاو للأثاث',
    description: 'Desks and chairs for the clinic in Ashar',
    amount: '2315.40',
    currency: 'USD',
    paymentMethod: 'bank',
  },
  {
    key: 'r1-taxis',
    report: 1,
    at: [1, 20],
    budgetLineId: 'b3',
    supplier: 'مكتب تكسي الزبير',
    description: 'Taxis for the lawyers to hearings in Zubair',
    amount: '412750',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r1-lunch',
    report: 1,
    at: [1, 25],
    budgetLineId: 'b2',
    supplier: 'مطعم البصرة الأول',
    description: 'Lunch for 45 participants, legal literacy day',
    amount: '1012250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r1-car',
    report: 1,
    at: [2, 14],
    budgetLineId: 'b3',
    supplier: 'Shatt al-Arab Car Rental',
    description: 'Car with driver, three days in Qurna and Abu al-Khaseeb',
    amount: '615.75',
    currency: 'USD',
    paymentMethod: 'cash',
  },
  {
    key: 'r1-calls',
    report: 1,
    at: [2, 22],
    budgetLineId: 'b4',
    supplier: 'Asiacell',
    description: 'Phone credit for follow-up calls to 40 clients',
    amount: '236750',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r1-phone-personal',
    report: 1,
    at: [2, 26],
    budgetLineId: 'b5',
    supplier: 'Zain Iraq',
    description: 'Mobile phone credit for the coordinator',
    amount: '150250',
    currency: 'IQD',
    paymentMethod: 'cash',
    ineligible: {
      amountMinor: '109382',
      reason: 'Personal phone credit: staff phones are not in the approved budget.',
    },
  },
  {
    key: 'r1-folders',
    report: 1,
    at: [3, 2],
    budgetLineId: 'b4',
    supplier: 'قرطاسية المعقل',
    description: 'Case file folders and a lockable cabinet',
    amount: '1164250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r1-bank-charges',
    report: 1,
    at: [3, 15],
    budgetLineId: 'b5',
    supplier: 'Trade Bank of Iraq, Basra branch',
    description: 'Bank charges, months 1–4',
    amount: '87750',
    currency: 'IQD',
    paymentMethod: 'bank',
  },
  {
    key: 'r1-bookkeeping',
    report: 1,
    at: [3, 20],
    budgetLineId: 'b5',
    supplier: 'مكتب المحاسب حيدر الموسوي',
    description: 'Bookkeeping, months 1–4',
    amount: '480.00',
    currency: 'USD',
    paymentMethod: 'bank',
  },
  {
    key: 'r1-hall-second',
    report: 1,
    at: [3, 24],
    budgetLineId: 'b2',
    supplier: 'قاعة أبو الخصيب',
    description: 'Hall hire: second workshop, family law',
    amount: '1462750',
    currency: 'IQD',
    paymentMethod: 'bank',
  },

  // --- Report 2: months 5–8, 40 lines, four problems planted ---
  {
    key: 'r2-rent-advance',
    report: 2,
    at: [4, 5],
    budgetLineId: 'b2',
    supplier: 'عقارات العشار',
    description: 'Rent of the two clinic rooms, six months in advance',
    amount: '5250000',
    currency: 'IQD',
    paymentMethod: 'bank',
    problem: 'before_funds',
  },
  ...monthly({ name: 'salaries', report: 2, months: [4, 5, 6, 7], day: 12 }, (month) => ({
    budgetLineId: 'b1',
    supplier: PAYROLL,
    description: `Salaries, month ${month}`,
    amount: '1645.00',
    currency: 'USD',
    paymentMethod: 'bank',
  })),
  ...(
    [
      [8, '1835.25', 'Al-Faw Furniture Co.', 'Waiting-room benches for the clinic in Ashar'],
      [10, '1790.50', 'AL FAW FURNITURE CO', 'Filing cabinets for both clinics'],
      [13, '1880.75', 'Al Faw Furniture Co', 'Desks and chairs for the clinic in Zubair'],
    ] as const
  ).map(
    ([day, amount, supplier, description], i): LineSpec => ({
      key: `r2-furniture-${i + 1}`,
      report: 2,
      at: [5, day],
      budgetLineId: 'b2',
      supplier,
      description,
      amount,
      currency: 'USD',
      paymentMethod: 'bank',
      problem: 'split_purchase',
    }),
  ),
  {
    key: 'r2-posters',
    report: 2,
    at: [4, 18],
    budgetLineId: 'b2',
    supplier: 'مكتبة ومطبعة المربد',
    description: 'Posters for the clinics’ opening, 500 copies',
    amount: '1287250',
    currency: 'IQD',
    paymentMethod: 'cash',
    receipt: 'mirbad-invoice-2291',
    problem: 'duplicate_receipt',
  },
  {
    key: 'r2-intake-forms',
    report: 2,
    at: [6, 9],
    budgetLineId: 'b2',
    supplier: 'مكتبة ومطبعة المربد',
    description: 'Printing of client intake forms',
    amount: '1287250',
    currency: 'IQD',
    paymentMethod: 'cash',
    receipt: 'mirbad-invoice-2291',
    problem: 'duplicate_receipt',
  },
  {
    key: 'r2-car-rental',
    report: 2,
    at: [5, 20],
    budgetLineId: 'b3',
    supplier: 'Shatt al-Arab Car Rental',
    description: 'Car with driver for hearings in Qurna and Zubair, three months',
    amount: '3415.50',
    currency: 'USD',
    paymentMethod: 'bank',
    problem: 'over_budget',
  },
  // Clean lines.
  {
    key: 'r2-fuel-1',
    report: 2,
    at: [4, 22],
    budgetLineId: 'b3',
    supplier: 'محطة وقود الجزائر',
    description: 'Fuel for the lawyers’ trips to Qurna',
    amount: '187250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r2-fuel-2',
    report: 2,
    at: [6, 16],
    budgetLineId: 'b3',
    supplier: 'محطة وقود الجزائر',
    description: 'Fuel for the lawyers’ trips to Abu al-Khaseeb',
    amount: '187250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r2-taxis',
    report: 2,
    at: [7, 6],
    budgetLineId: 'b3',
    supplier: 'مكتب تكسي الزبير',
    description: 'Taxis for the lawyers to hearings in Zubair',
    amount: '252750',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  ...monthly({ name: 'water', report: 2, months: [4, 5, 6, 7], day: 15 }, (month) => ({
    budgetLineId: 'b2',
    supplier: 'Hayat Water Co.',
    description: `Drinking water for both clinics, month ${month}`,
    amount: '96750',
    currency: 'IQD',
    paymentMethod: 'cash',
  })),
  {
    key: 'r2-lunch-1',
    report: 2,
    at: [4, 26],
    budgetLineId: 'b2',
    supplier: 'مطعم البصرة الأول',
    description: 'Lunch for 38 participants, inheritance rights workshop',
    amount: '612250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r2-lunch-2',
    report: 2,
    at: [6, 24],
    budgetLineId: 'b2',
    supplier: 'مطعم البصرة الأول',
    description: 'Lunch for 41 participants, divorce and custody workshop',
    amount: '612750',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  ...(
    [
      [4, 27, '143750'],
      [5, 25, '118250'],
      [7, 3, '161750'],
    ] as const
  ).map(
    ([m, d, amount], i): LineSpec => ({
      key: `r2-stationery-${i + 1}`,
      report: 2,
      at: [m, d],
      budgetLineId: 'b4',
      supplier: 'قرطاسية المعقل',
      description: 'Case files, paper and pens',
      amount,
      currency: 'IQD',
      paymentMethod: 'cash',
    }),
  ),
  ...monthly({ name: 'calls', report: 2, months: [4, 5, 6, 7], day: 19 }, (month) => ({
    budgetLineId: 'b4',
    supplier: 'Asiacell',
    description: `Phone credit for client follow-up calls, month ${month}`,
    amount: '50000',
    currency: 'IQD',
    paymentMethod: 'cash',
  })),
  ...monthly({ name: 'internet', report: 2, months: [4, 5, 6, 7], day: 14 }, (month) => ({
    budgetLineId: 'b5',
    supplier: 'Earthlink Basra',
    description: `Internet for both clinics, month ${month}`,
    amount: '45.00',
    currency: 'USD',
    paymentMethod: 'bank',
  })),
  {
    key: 'r2-bank-charges-1',
    report: 2,
    at: [5, 28],
    budgetLineId: 'b5',
    supplier: 'Trade Bank of Iraq, Basra branch',
    description: 'Bank charges, months 5–6',
    amount: '23750',
    currency: 'IQD',
    paymentMethod: 'bank',
  },
  {
    key: 'r2-bank-charges-2',
    report: 2,
    at: [7, 20],
    budgetLineId: 'b5',
    supplier: 'Trade Bank of Iraq, Basra branch',
    description: 'Bank charges, months 7–8',
    amount: '23750',
    currency: 'IQD',
    paymentMethod: 'bank',
  },
  {
    key: 'r2-bookkeeping',
    report: 2,
    at: [7, 22],
    budgetLineId: 'b5',
    supplier: 'مكتب المحاسب حيدر الموسوي',
    description: 'Bookkeeping, months 5–8',
    amount: '480.00',
    currency: 'USD',
    paymentMethod: 'bank',
  },
  {
    key: 'r2-hall',
    report: 2,
    at: [5, 2],
    budgetLineId: 'b2',
    supplier: 'قاعة أبو الخصيب',
    description: 'Hall hire: inheritance rights workshop',
    amount: '812750',
    currency: 'IQD',
    paymentMethod: 'bank',
  },
  {
    key: 'r2-translation',
    report: 2,
    at: [6, 4],
    budgetLineId: 'b4',
    supplier: 'Al-Khaleej Translation Office',
    description: 'Translation of the clinics’ case summary for the donor',
    amount: '165.50',
    currency: 'USD',
    paymentMethod: 'bank',
  },
  {
    key: 'r2-zubair-hall',
    report: 2,
    at: [7, 10],
    budgetLineId: 'b2',
    supplier: 'قاعة الزبير الثقافية',
    description: 'Hall hire: workshop in Zubair',
    amount: '362250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r2-toner',
    report: 2,
    at: [6, 27],
    budgetLineId: 'b4',
    supplier: 'Basra Electronics',
    description: 'Printer toner for case files',
    amount: '86.25',
    currency: 'USD',
    paymentMethod: 'cash',
  },
  {
    key: 'r2-first-aid',
    report: 2,
    at: [5, 4],
    budgetLineId: 'b2',
    supplier: 'صيدلية ابن سينا',
    description: 'First-aid kits for both clinics',
    amount: '74250',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
  {
    key: 'r2-lock',
    report: 2,
    at: [7, 13],
    budgetLineId: 'b4',
    supplier: 'Al-Ashar Locksmith',
    description: 'New lock for the case-file cabinet',
    amount: '35750',
    currency: 'IQD',
    paymentMethod: 'cash',
  },
];

/** The grant's start: whole months before `today` (the day of the seed). */
export function demoGrantStart(today: string): string {
  return addMonths(today, -DEMO_REPORTING_ELAPSED_MONTHS);
}

function at(startsOn: string, [months, days]: readonly [number, number]): string {
  return addDaysIso(addMonths(startsOn, months), days);
}

/** The value date of each paid tranche. */
export function demoTrancheValueDates(startsOn: string): { seq: number; valueDate: string; amountMinor: bigint; rate: string }[] {
  const t1 = DEMO_REPORTING_TRANCHES[0];
  const t2 = DEMO_REPORTING_TRANCHES[1];
  return [
    {
      seq: 1,
      valueDate: addDaysIso(startsOn, t1.paidAfterDays as number),
      amountMinor: t1.amountMinor,
      rate: t1.rate as string,
    },
    {
      seq: 2,
      valueDate: at(startsOn, [DEMO_TRANCHE2_AFTER.months, DEMO_TRANCHE2_AFTER.days]),
      amountMinor: t2.amountMinor,
      rate: t2.rate as string,
    },
  ];
}

/** The reports' periods: months 1–4 and 5–8 of the grant (the interim reports of the schedule planFrom makes). */
export function demoReportPeriods(startsOn: string): { report: 1 | 2; periodFrom: string; periodTo: string }[] {
  return [
    {
      report: 1,
      periodFrom: startsOn,
      periodTo: addDaysIso(addMonths(startsOn, 4), -1),
    },
    {
      report: 2,
      periodFrom: addMonths(startsOn, 4),
      periodTo: addDaysIso(addMonths(startsOn, 8), -1),
    },
  ];
}

export interface DemoLine {
  key: string;
  report: 1 | 2;
  /** A stable uuid (v4 layout) from the key: the line's client id, so adding it twice stores it once. */
  clientId: string;
  spentOn: string;
  budgetLineId: DemoBudgetLineId;
  supplier: string;
  description: string;
  amountMinor: string;
  currency: CurrencyCode;
  paymentMethod: 'bank' | 'cash';
  /** Absent for USD: the rate of the tranche it was paid from (the default). */
  rate?: string;
  rateSource?: 'bank' | 'other';
  rateNote?: string;
  /** What the grant-currency amount will be (the tranche rate for USD, the given rate for IQD), SEK minor units. */
  grantAmountMinor: string;
  receipt: {
    key: string;
    fileName: string;
    contentType: 'application/pdf' | 'image/png';
    bytes: Buffer;
    sha256: string;
  };
  problem?: PlantedProblem;
  ineligible?: { amountMinor: string; reason: string };
}

/** A stable uuid in the v4 layout drawn from a key (the demo's client ids and upload ids: the same key, the same id). */
export function demoUuid(key: string): string {
  const h = createHash('sha256').update(`mizan-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function receiptOf(spec: LineSpec, spentOn: string): DemoLine['receipt'] {
  const key = spec.receipt ?? spec.key;
  // Bank payments have a PDF advice or invoice; cash ones a phone photo of the paper receipt.
  if (spec.paymentMethod === 'bank') {
    const bytes = demoPdf(`Receipt ${key}`, `${spec.amount} ${spec.currency}`, spec.receipt ? 'Invoice' : spentOn);
    return {
      key,
      fileName: `${key}.pdf`,
      contentType: 'application/pdf',
      bytes,
      sha256: sha256Hex(bytes),
    };
  }
  const bytes = demoPng(`${key} ${spec.receipt ? '' : `${spec.amount} ${spec.currency} ${spentOn}`}`);
  return {
    key,
    fileName: `${key}.png`,
    contentType: 'image/png',
    bytes,
    sha256: sha256Hex(bytes),
  };
}

/** The USD→SEK rate a line of that date gets by default: of the latest tranche received on or before it (else the first). */
function trancheRateOn(startsOn: string, spentOn: string): string {
  const paid = demoTrancheValueDates(startsOn);
  const before = paid.filter((p) => p.valueDate <= spentOn);
  const tranche = before.length > 0 ? before[before.length - 1] : paid[0];
  return tranche.rate;
}

/** Every demo line of both reports, dated from the grant's start. */
export function demoReportingLines(startsOn: string): DemoLine[] {
  return LINES.map((spec) => {
    const spentOn = at(startsOn, spec.at);
    const amountMinor = parseDecimal(spec.amount, spec.currency);
    let grantAmountMinor: bigint;
    let rate: Pick<DemoLine, 'rate' | 'rateSource' | 'rateNote'> = {};
    if (spec.currency === 'USD') {
      grantAmountMinor = convertMinor(amountMinor, 'USD', 'SEK', invertRate(parseRate(trancheRateOn(startsOn, spentOn))));
    } else {
      const iqd = IQD_RATES[spec.report][spec.paymentMethod];
      rate = {
        rate: iqd.rate,
        rateSource: iqd.source,
        ...('note' in iqd ? { rateNote: iqd.note } : {}),
      };
      grantAmountMinor = convertMinor(amountMinor, 'IQD', 'SEK', parseRate(iqd.rate));
    }
    return {
      key: spec.key,
      report: spec.report,
      clientId: demoUuid(`line:${spec.key}`),
      spentOn,
      budgetLineId: spec.budgetLineId,
      supplier: spec.supplier,
      description: spec.description,
      amountMinor: amountMinor.toString(),
      currency: spec.currency,
      paymentMethod: spec.paymentMethod,
      ...rate,
      grantAmountMinor: grantAmountMinor.toString(),
      receipt: receiptOf(spec, spentOn),
      ...(spec.problem ? { problem: spec.problem } : {}),
      ...(spec.ineligible ? { ineligible: spec.ineligible } : {}),
    };
  });
}

/** The facts the red-flag engine reads, for the demo grant as the seed leaves it (both reports, tranches 1 and 2 received). */
export function demoRedFlagInput(startsOn: string, grantId = 'demo-grant'): { grants: GrantFacts[]; lines: ExpenditureLineFacts[] } {
  const endsOn = addDaysIso(addMonths(startsOn, DEMO_REPORTING_MONTHS), -1);
  const lines = demoReportingLines(startsOn);
  return {
    grants: [
      {
        id: grantId,
        currency: 'SEK',
        startsOn,
        endsOn,
        budgetLines: DEMO_REPORTING_BUDGET.map((b) => ({
          id: b.id,
          approvedMinor: b.amountMinor,
        })),
        tranchesReceived: demoTrancheValueDates(startsOn).map((t) => ({
          receivedOn: t.valueDate,
          amountMinor: t.amountMinor,
        })),
      },
    ],
    lines: lines.map((l) => ({
      id: l.key,
      grantId,
      reportId: `report-${l.report}`,
      date: l.spentOn,
      budgetLineId: l.budgetLineId,
      supplier: l.supplier,
      amountMinor: l.amountMinor,
      currency: l.currency,
      grantAmountMinor: l.grantAmountMinor,
      ...(l.rate ? { rate: l.rate } : {}),
      paymentMethod: l.paymentMethod,
      receiptSha256: [l.receipt.sha256],
    })),
  };
}

/** What the narrative of each report says (the logframe of the demo applications has one indicator, in1: facilitators trained, target 40). */
export const DEMO_REPORTING_NARRATIVES: Readonly<Record<1 | 2, { activities: string; indicators: { indicatorId: string; actual: string; comment: string }[] }>> = {
  1: {
    activities:
      'The clinic in Ashar opened in month 1 with a workshop for 60 women; the two lawyers held 212 consultations and took 37 cases to court in Basra, Zubair and Qurna. A second workshop on family law in month 4. 3,000 leaflets on the right to legal aid distributed through the forum’s volunteers.',
    indicators: [{ indicatorId: 'in1', actual: '14', comment: 'Fourteen volunteers trained to receive clients and keep case files.' }],
  },
  2: {
    activities:
      'A second clinic opened in Zubair (rooms rented for six months, furniture bought in month 6). 341 consultations, 58 new court cases, of which 21 concluded (custody, inheritance, unpaid maintenance). Workshops on inheritance rights (month 5), divorce and custody (month 7) and one in Zubair (month 8).',
    indicators: [{ indicatorId: 'in1', actual: '31', comment: 'Seventeen more volunteers trained, most of them in Zubair.' }],
  },
};
