import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateExchangeRateRequest, ErrorCode, ExchangeRateView, Page, RateImportResult, SuggestedRateView } from '@mizan/contracts';
import {
  CURRENCIES,
  CurrencyCode,
  DatedRate,
  EcbRate,
  FxError,
  RATE_MAX_AGE_DAYS,
  Rate,
  addDaysIso,
  crossRate,
  formatRate,
  invertRate,
  isCurrency,
  latestTodayIso,
  parseEcbCsv,
  parseRate,
  rateForValueDate,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailService } from '@mizan/server/trail';
import { fxProblem, invalid, isoDate } from '../payments/finance-errors';

/** The rate a payment would use on a value date, and how it was found. */
export interface FoundRate {
  rate: Rate;
  rateDate: string;
  source: string;
  method: 'direct' | 'inverse' | 'cross_eur';
}

interface RateRow {
  id: string;
  rate_date: string;
  base: CurrencyCode;
  quote: CurrencyCode;
  rate: string;
  source: string;
  created_at: Date;
}

export interface RateListQuery {
  base?: CurrencyCode;
  quote?: CurrencyCode;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const SOURCE_MAX = 100;

function toView(row: RateRow): ExchangeRateView {
  return {
    id: row.id,
    rateDate: row.rate_date,
    base: row.base,
    quote: row.quote,
    // numeric(28,12) comes back with 12 decimals; the canonical text drops the trailing zeros.
    rate: parseRate(row.rate).text,
    source: row.source,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Exchange rates per agency: entered by hand or imported from the ECB's
 * published reference rates (EUR → X). Append-only (the database refuses
 * UPDATE and DELETE): a correction is a new row from another source.
 */
@Injectable()
export class RatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  async list(auth: AuthenticatedRequestContext, query: RateListQuery): Promise<Page<ExchangeRateView>> {
    const where = ['agency_id = $1'];
    const params: unknown[] = [auth.user.agencyId];
    if (query.base) where.push(`base = $${params.push(query.base)}`);
    if (query.quote) where.push(`quote = $${params.push(query.quote)}`);
    if (query.from) where.push(`rate_date >= $${params.push(isoDate('from', query.from))}`);
    if (query.to) where.push(`rate_date <= $${params.push(isoDate('to', query.to))}`);
    const filter = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM exchange_rate WHERE ${filter}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT id, rate_date::text AS rate_date, base, quote, rate::text AS rate, source, created_at FROM exchange_rate
        WHERE ${filter} ORDER BY rate_date DESC, base, quote, created_at DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    )) as RateRow[];
    return { items: rows.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  async create(auth: AuthenticatedRequestContext, request: CreateExchangeRateRequest): Promise<ExchangeRateView> {
    const rateDate = isoDate('rateDate', request.rateDate);
    if (rateDate > latestTodayIso()) throw invalid('rateDate', `a rate cannot be dated in the future (${rateDate})`);
    if (!isCurrency(request.base)) throw invalid('base', `unknown currency ${String(request.base)}`);
    if (!isCurrency(request.quote)) throw invalid('quote', `unknown currency ${String(request.quote)}`);
    if (request.base === request.quote) throw invalid('quote', 'base and quote must be different currencies');
    let rate: Rate;
    try {
      rate = parseRate(request.rate);
    } catch (error) {
      if (error instanceof FxError) throw fxProblem('rate', error);
      throw error;
    }
    const source = request.source.trim();
    if (!source) throw invalid('source', 'say where the rate comes from');
    const id = await this.trail.record(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT uq_exchange_rate DO NOTHING RETURNING id`,
        [auth.user.agencyId, rateDate, request.base, request.quote, rate.text, source.slice(0, SOURCE_MAX), auth.user.id],
      )) as { id: string }[];
      if (inserted.length === 0) {
        throw new MizanException(ErrorCode.Conflict, `A ${request.base}→${request.quote} rate of ${rateDate} from ${source} is already recorded`);
      }
      return {
        result: inserted[0].id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: auth.user.agencyId,
            action: 'exchange_rate.recorded',
            entityType: 'exchange_rate',
            entityId: inserted[0].id,
            after: { rateDate, base: request.base, quote: request.quote, rate: rate.text, source },
          },
        ],
      };
    });
    const [row] = (await this.dataSource.query(
      `SELECT id, rate_date::text AS rate_date, base, quote, rate::text AS rate, source, created_at FROM exchange_rate WHERE id = $1`,
      [id],
    )) as RateRow[];
    return toView(row);
  }

  /**
   * Imports an ECB eurofxref-hist.csv: every rate of a currency Mizan knows
   * becomes EUR → X with source 'ECB'; rows already there are skipped. A
   * malformed file imports nothing (the error names its row and column).
   */
  async importEcb(auth: AuthenticatedRequestContext, content: Buffer, fileName: string): Promise<RateImportResult> {
    let parsed: EcbRate[];
    try {
      parsed = parseEcbCsv(content.toString('utf8'));
    } catch (error) {
      if (error instanceof FxError) throw fxProblem('file', error);
      throw error;
    }
    const today = latestTodayIso();
    const known = parsed.filter((r) => r.quote !== 'EUR' && (CURRENCIES as readonly string[]).includes(r.quote) && r.date <= today);
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.trail.record(async (manager) => {
      let imported = 0;
      const CHUNK = 5000;
      for (let i = 0; i < known.length; i += CHUNK) {
        const chunk = known.slice(i, i + CHUNK);
        const rows = (await manager.query(
          `INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source, created_by)
           SELECT $1, d, 'EUR', q, r, 'ECB', $2 FROM unnest($3::date[], $4::text[], $5::numeric[]) AS t(d, q, r)
           ON CONFLICT ON CONSTRAINT uq_exchange_rate DO NOTHING RETURNING 1`,
          [auth.user.agencyId, auth.user.id, chunk.map((r) => r.date), chunk.map((r) => r.quote), chunk.map((r) => r.rate)],
        )) as unknown[];
        imported += rows.length;
      }
      const dates = known.map((r) => r.date).sort();
      const result: RateImportResult = {
        imported,
        skipped: known.length - imported,
        from: dates[0] ?? null,
        to: dates[dates.length - 1] ?? null,
      };
      return {
        result,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: auth.user.agencyId,
            action: 'exchange_rate.imported',
            entityType: 'exchange_rate_import',
            entityId: auth.user.agencyId,
            after: { ...result, source: 'ECB', fileName: fileName.slice(0, 200), sha256, currencies: [...new Set(known.map((r) => r.quote))].sort() },
          },
        ],
      };
    });
  }

  async suggest(auth: AuthenticatedRequestContext, base: CurrencyCode, quote: CurrencyCode, valueDate: string): Promise<SuggestedRateView> {
    isoDate('valueDate', valueDate);
    if (!isCurrency(base)) throw invalid('base', `unknown currency ${String(base)}`);
    if (!isCurrency(quote)) throw invalid('quote', `unknown currency ${String(quote)}`);
    const found = base === quote ? null : await this.find(this.dataSource.manager, auth.user.agencyId, base, quote, valueDate);
    return {
      base,
      quote,
      valueDate,
      rate: base === quote ? '1' : found ? formatRate(found.rate) : null,
      rateDate: found?.rateDate ?? (base === quote ? valueDate : null),
      source: found?.source ?? null,
      method: found?.method ?? null,
    };
  }

  /**
   * The published rate base → quote for a value date: the latest on or
   * before it, at most 7 days old, found directly, as the inverse of
   * quote → base, or as a cross rate through EUR (ECB rates are EUR → X).
   */
  async find(manager: EntityManager, agencyId: string, base: CurrencyCode, quote: CurrencyCode, valueDate: string): Promise<FoundRate | null> {
    const since = addDaysIso(valueDate, -RATE_MAX_AGE_DAYS);
    const rows = (await manager.query(
      `SELECT rate_date::text AS rate_date, base, quote, rate::text AS rate, source FROM exchange_rate
        WHERE agency_id = $1 AND rate_date BETWEEN $2 AND $3
          AND ((base = $4 AND quote = $5) OR (base = $5 AND quote = $4) OR (base = 'EUR' AND quote IN ($4, $5)))
        ORDER BY rate_date DESC, created_at DESC`,
      [agencyId, since, valueDate, base, quote],
    )) as Array<{ rate_date: string; base: string; quote: string; rate: string; source: string }>;
    const pick = (b: string, q: string): (DatedRate & { source: string }) | null => {
      const list = rows.filter((r) => r.base === b && r.quote === q).map((r) => ({ date: r.rate_date, rate: parseRate(r.rate), source: r.source }));
      const found = rateForValueDate(list, valueDate);
      if (!found.ok) return null;
      const row = list.find((r) => r.date === found.date);
      return row ?? null;
    };
    // The rate of the value date wins: the latest date on or before it across
    // direct, inverse and cross via EUR; at equal dates direct, then inverse, then cross.
    const candidates: FoundRate[] = [];
    const direct = pick(base, quote);
    if (direct) candidates.push({ rate: direct.rate, rateDate: direct.date, source: direct.source, method: 'direct' });
    const inverse = pick(quote, base);
    if (inverse) candidates.push({ rate: invertRate(inverse.rate), rateDate: inverse.date, source: inverse.source, method: 'inverse' });
    const eurToBase = base === 'EUR' ? null : pick('EUR', base);
    const eurToQuote = quote === 'EUR' ? null : pick('EUR', quote);
    if (eurToBase && eurToQuote) {
      const rateDate = eurToBase.date < eurToQuote.date ? eurToBase.date : eurToQuote.date;
      const source = eurToBase.source === eurToQuote.source ? eurToBase.source : `${eurToBase.source}/${eurToQuote.source}`;
      candidates.push({ rate: crossRate(eurToBase.rate, eurToQuote.rate), rateDate, source: `${source} (cross via EUR)`, method: 'cross_eur' });
    }
    // candidates are in preference order; a later one replaces only with a strictly later date.
    let best: FoundRate | null = null;
    for (const c of candidates) if (!best || c.rateDate > best.rateDate) best = c;
    if (best) return best;
    return null;
  }

  /** Like find, or a 422 naming the pair and the date. */
  async require(manager: EntityManager, agencyId: string, base: CurrencyCode, quote: CurrencyCode, valueDate: string): Promise<FoundRate> {
    const found = await this.find(manager, agencyId, base, quote, valueDate);
    if (!found) {
      const message = `No published ${base}→${quote} rate on or within ${RATE_MAX_AGE_DAYS} days before ${valueDate}: record the bank's rate`;
      throw MizanException.withParams(ErrorCode.RateNotFound, message, { base, quote, valueDate, maxAgeDays: RATE_MAX_AGE_DAYS }, [{ field: 'rate', message }]);
    }
    return found;
  }
}

export const RATE_SOURCE_MAX = SOURCE_MAX;
