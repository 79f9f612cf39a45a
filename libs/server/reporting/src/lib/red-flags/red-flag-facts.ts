import { EntityManager } from 'typeorm';
import type { GrantContent, MonitoringKind, MonitoringPolicy, SecurityLevel } from '@mizan/contracts';
import {
  CURRENCIES,
  CurrencyCode,
  ExpenditureLineFacts,
  GrantFacts,
  RATE_MAX_AGE_DAYS,
  Rate,
  addDaysIso,
  crossRate,
  formatRate,
  governorateArea,
  invertRate,
  parseRate,
} from '@mizan/domain';

/** The policy when an agency has none stored (the migration's default). */
export const DEFAULT_MONITORING_POLICY: MonitoringPolicy = {
  accessible: { kind: 'on_site', everyDays: 180 },
  restricted: { kind: 'remote', everyDays: 90 },
  no_access: { kind: 'third_party', everyDays: 90 },
};

/** Lines are read in pages of this many, by id (keyset): an agency's 100 000 lines never sit in one result. */
export const LINE_PAGE = 5000;

const isCurrency = (c: string): c is CurrencyCode => (CURRENCIES as readonly string[]).includes(c);

interface LineRow {
  id: string;
  grant_id: string;
  report_id: string;
  spent_on: string;
  budget_line_id: string;
  supplier: string;
  amount_minor: string;
  currency: string;
  grant_amount_minor: string;
  rate: string | null;
  rate_source: string;
  payment_method: 'bank' | 'cash';
  receipts: string[] | null;
  evidence: { capturedOn: string | null; lat: number | null; lon: number | null }[] | null;
}

/**
 * The expenditure lines the engine looks at: of reports past draft (submitted, returned, accepted), not removed,
 * with their receipts' SHA-256 and every file's EXIF capture date and place. One query per page of LINE_PAGE.
 */
export async function* agencyLines(manager: EntityManager, agencyId: string): AsyncGenerator<ExpenditureLineFacts[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await manager.query(
      `WITH page AS (
         SELECT l.id, l.grant_id, l.report_id, l.spent_on::text AS spent_on, l.budget_line_id, l.supplier, l.amount_minor::text AS amount_minor,
                l.currency, l.grant_amount_minor::text AS grant_amount_minor, l.rate::text AS rate, l.rate_source, l.payment_method
           FROM expenditure_line l
           JOIN grant_report r ON r.id = l.report_id AND r.state <> 'draft'
          WHERE l.agency_id = $1 AND l.removed_at IS NULL AND l.id > $2
          ORDER BY l.id LIMIT $3),
       files AS (
         SELECT rf.line_id,
                array_agg(rf.sha256) FILTER (WHERE rf.purpose = 'receipt') AS receipts,
                json_agg(json_build_object('capturedOn', to_char(rf.captured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'lat', rf.latitude, 'lon', rf.longitude))
                  FILTER (WHERE rf.captured_at IS NOT NULL OR rf.latitude IS NOT NULL) AS evidence
           FROM report_file rf WHERE rf.line_id IN (SELECT id FROM page) AND rf.removed_at IS NULL
          GROUP BY rf.line_id)
       SELECT page.*, files.receipts, files.evidence FROM page LEFT JOIN files ON files.line_id = page.id ORDER BY page.id`,
      [agencyId, after, LINE_PAGE],
    )) as LineRow[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    yield rows
      .filter((r) => isCurrency(r.currency.trim()))
      .map((r) => ({
        id: r.id,
        grantId: r.grant_id,
        reportId: r.report_id,
        date: r.spent_on,
        budgetLineId: r.budget_line_id,
        supplier: r.supplier,
        amountMinor: r.amount_minor,
        currency: r.currency.trim() as CurrencyCode,
        grantAmountMinor: r.grant_amount_minor,
        rate: r.rate ?? undefined,
        rateSource: r.rate_source,
        paymentMethod: r.payment_method,
        receiptSha256: r.receipts ?? [],
        evidence: (r.evidence ?? []).map((e) => ({ capturedOn: e.capturedOn ?? undefined, lat: e.lat ?? undefined, lon: e.lon ?? undefined })),
      }));
    if (rows.length < LINE_PAGE) return;
  }
}

interface GrantRow {
  id: string;
  currency: string;
  state: string;
  governorate: string | null;
  content: GrantContent;
}

/**
 * The agency's grants past draft with their current version's period and budget lines, the tranches received
 * (paid payments; the money arrived on the value date, else the day the grantee confirmed receipt, else the day
 * it was recorded paid), the governorate's area and, for active grants, the monitoring due on `today`.
 */
export async function agencyGrants(manager: EntityManager, agencyId: string, today: string): Promise<GrantFacts[]> {
  const grants = (await manager.query(
    `SELECT g.id, g.currency, g.state, g.governorate, v.content
       FROM grant_award g JOIN grant_version v ON v.grant_id = g.id AND v.version = g.current_version
      WHERE g.agency_id = $1 AND g.state NOT IN ('draft','cancelled')`,
    [agencyId],
  )) as GrantRow[];
  const received = (await manager.query(
    `SELECT grant_id, COALESCE(value_date, (receipt_confirmed_at AT TIME ZONE 'UTC')::date, (paid_at AT TIME ZONE 'UTC')::date)::text AS received_on, amount_minor::text AS amount_minor
       FROM payment WHERE agency_id = $1 AND state = 'paid'`,
    [agencyId],
  )) as { grant_id: string; received_on: string | null; amount_minor: string }[];
  const [settings] = (await manager.query('SELECT monitoring_policy FROM reporting_settings WHERE agency_id = $1', [agencyId])) as { monitoring_policy: MonitoringPolicy | null }[];
  const policy = { ...DEFAULT_MONITORING_POLICY, ...(settings?.monitoring_policy ?? {}) };
  // The level of each governorate for the agency today: the latest effective history row, else the reference table's.
  const levels = (await manager.query(
    `SELECT g.code, COALESCE(
        (SELECT s.level FROM governorate_security_level s WHERE s.agency_id = $1 AND s.governorate_code = g.code AND s.effective_on <= $2
          ORDER BY s.effective_on DESC, s.set_at DESC LIMIT 1), g.security_level) AS level
       FROM governorate g`,
    [agencyId, today],
  )) as { code: string; level: SecurityLevel }[];
  const levelOf = new Map(levels.map((l) => [l.code, l.level]));
  const visits = (await manager.query(`SELECT grant_id, kind, max(visited_on)::text AS last_on FROM monitoring_visit WHERE agency_id = $1 GROUP BY grant_id, kind`, [agencyId])) as {
    grant_id: string;
    kind: MonitoringKind;
    last_on: string;
  }[];
  const visitsOf = new Map<string, { kind: MonitoringKind; lastOn: string }[]>();
  for (const v of visits) visitsOf.set(v.grant_id, [...(visitsOf.get(v.grant_id) ?? []), { kind: v.kind, lastOn: v.last_on }]);
  const receivedOf = new Map<string, { receivedOn: string; amountMinor: string }[]>();
  for (const r of received) if (r.received_on) receivedOf.set(r.grant_id, [...(receivedOf.get(r.grant_id) ?? []), { receivedOn: r.received_on, amountMinor: r.amount_minor }]);

  return grants
    .filter((g) => isCurrency(g.currency.trim()))
    .map((g) => {
      const facts: GrantFacts = {
        id: g.id,
        currency: g.currency.trim() as CurrencyCode,
        startsOn: g.content.startsOn,
        endsOn: g.content.endsOn,
        budgetLines: g.content.budgetLines.map((l) => ({ id: l.id, approvedMinor: l.amountMinor })),
        tranchesReceived: receivedOf.get(g.id) ?? [],
        area: governorateArea(g.governorate),
      };
      if (g.state === 'active' && g.content.startsOn <= today) {
        const level = (g.governorate && levelOf.get(g.governorate)) || 'accessible';
        const required = policy[level];
        // A visit of the required kind counts, and an on-site visit counts for any.
        const last = (visitsOf.get(g.id) ?? [])
          .filter((v) => v.kind === required.kind || v.kind === 'on_site')
          .reduce<string | undefined>((m, v) => (m === undefined || v.lastOn > m ? v.lastOn : m), undefined);
        facts.monitoring = { requiredKind: required.kind, dueOn: addDaysIso(last ?? g.content.startsOn, required.everyDays), lastVisitOn: last };
      }
      return facts;
    });
}

/**
 * Reference rates (1 line currency = r grant currency) for the lines that were converted, from the agency's
 * exchange_rate rows of the lines' dates: the latest rate on or up to RATE_MAX_AGE_DAYS before the date, direct,
 * inverse or crossed through EUR (the ECB's base), as RatesService.find does — here from one query, not one per line.
 */
export async function fillReferenceRates(manager: EntityManager, agencyId: string, lines: ExpenditureLineFacts[], grants: readonly GrantFacts[]): Promise<void> {
  const grantCurrency = new Map(grants.map((g) => [g.id, g.currency]));
  const converted = lines.filter((l) => l.rate && grantCurrency.has(l.grantId) && grantCurrency.get(l.grantId) !== l.currency);
  if (converted.length === 0) return;
  let from = converted[0].date;
  let to = converted[0].date;
  for (const l of converted) {
    if (l.date < from) from = l.date;
    if (l.date > to) to = l.date;
  }
  const rows = (await manager.query(
    `SELECT DISTINCT ON (base, quote, rate_date) rate_date::text AS rate_date, base, quote, rate::text AS rate FROM exchange_rate
      WHERE agency_id = $1 AND rate_date BETWEEN $2 AND $3 ORDER BY base, quote, rate_date, created_at DESC`,
    [agencyId, addDaysIso(from, -RATE_MAX_AGE_DAYS), to],
  )) as { rate_date: string; base: string; quote: string; rate: string }[];
  const series = new Map<string, { date: string; rate: string }[]>();
  for (const r of rows) {
    const key = `${r.base.trim()}/${r.quote.trim()}`;
    const list = series.get(key) ?? [];
    list.push({ date: r.rate_date, rate: r.rate });
    series.set(key, list);
  }
  const at = (base: string, quote: string, date: string): { date: string; rate: Rate } | null => {
    const list = series.get(`${base}/${quote}`);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].date <= date) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || list[found].date < addDaysIso(date, -RATE_MAX_AGE_DAYS)) return null;
    return { date: list[found].date, rate: parseRate(list[found].rate) };
  };
  const cache = new Map<string, string | null>();
  for (const line of converted) {
    const quote = grantCurrency.get(line.grantId) as CurrencyCode;
    const key = `${line.currency}/${quote}/${line.date}`;
    if (!cache.has(key)) {
      const candidates: { date: string; rate: Rate }[] = [];
      const direct = at(line.currency, quote, line.date);
      if (direct) candidates.push(direct);
      const inverse = at(quote, line.currency, line.date);
      if (inverse) candidates.push({ date: inverse.date, rate: invertRate(inverse.rate) });
      const eurFrom = line.currency === 'EUR' ? null : at('EUR', line.currency, line.date);
      const eurTo = quote === 'EUR' ? null : at('EUR', quote, line.date);
      if (eurFrom && eurTo) candidates.push({ date: eurFrom.date < eurTo.date ? eurFrom.date : eurTo.date, rate: crossRate(eurFrom.rate, eurTo.rate) });
      let best: { date: string; rate: Rate } | null = null;
      for (const c of candidates) if (!best || c.date > best.date) best = c;
      cache.set(key, best ? formatRate(best.rate) : null);
    }
    const reference = cache.get(key);
    if (reference) line.referenceRate = reference;
  }
}
