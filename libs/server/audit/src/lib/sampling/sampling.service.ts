import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_CHECKS, ErrorCode } from '@mizan/contracts';
import type {
  AuditCheckRecord,
  DrawSampleRequest,
  PersonRef,
  PopulationItemView,
  PopulationKind,
  PopulationView,
  SampleItemView,
  SampleReason,
  SampleResult,
  SampleSizeView,
  SampleView,
  SamplingMethod,
  SamplingParameters,
  TestSampleItemRequest,
  WorkingPaperView,
} from '@mizan/contracts';
import { CurrencyCode, SamplingProblem, drawSample, fieldworkOpen, musSampleSize, parseSeed, sampleIsFrozen } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException, isUuid } from '@mizan/server/core';
import { assertId } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { FileStore, StoredDocument, acceptedFileType, plainFileName } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { AuditAccess, EngagementRow, auditActorOf } from '../audit-access';

/** One population row as read (live or frozen), in seq order. */
interface PopulationRow {
  seq: number;
  item_kind: 'payment' | 'expenditure_line';
  source_id: string;
  grant_id: string;
  grant_number: string;
  amount_minor: string;
  currency: CurrencyCode;
  booked_on: string;
  label: string;
  open_flag: boolean;
  sample_item_id: string | null;
}

/** One sampled item as read: its test, and the population row it was drawn from (at `population_seq`). */
interface SampleRow extends Omit<PopulationRow, 'seq' | 'sample_item_id'> {
  id: string;
  pick_order: number;
  reasons: SampleReason[];
  result: SampleResult;
  checklist: AuditCheckRecord[];
  notes: string;
  tested_by: string | null;
  tested_by_name: string | null;
  tested_at: Date | null;
  row_version: number;
  population_seq: number;
  paper_count: number;
  finding_ids: string[];
}

interface PaperRow {
  id: string;
  file_name: string;
  sample_item_id: string | null;
  finding_id: string | null;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: Date;
  size_bytes: string;
  sha256: string;
  content_type: string;
  storage_key: string;
}

/** What the engagement records of a draw (audit_engagement.sampling). */
export type StoredSampling = SamplingParameters & { size: SampleSizeView | null; draw: number };

export interface SampleSizeQuery {
  method: SamplingMethod;
  confidencePct: number;
  materialityMinor?: string | null;
  expectedMisstatementMinor?: string | null;
  sampleSize?: number | null;
}

const MAX_DETAIL_FILES = 20;

function invalid(field: string, message: string, params: Record<string, string | number> = {}): MizanException {
  return MizanException.withParams(ErrorCode.ValidationFailed, message, params, [{ field, message }]);
}

/** A domain SamplingProblem as the api's error: the issue's own codes where there is one, else a validation error naming the field. */
export function samplingError(problem: SamplingProblem): MizanException {
  const fields = [{ field: problem.field, message: problem.message }];
  switch (problem.code) {
    case 'materiality_above_population':
      return MizanException.withParams(ErrorCode.AuditMaterialityAbovePopulation, problem.message, problem.params, fields);
    case 'sample_too_large':
      return MizanException.withParams(ErrorCode.AuditSampleTooLarge, problem.message, problem.params, fields);
    case 'population_empty':
      return MizanException.withParams(ErrorCode.AuditPopulationEmpty, problem.message, problem.params, fields);
    default:
      return MizanException.withParams(ErrorCode.ValidationFailed, problem.message, problem.params, fields);
  }
}

function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof SamplingProblem) throw samplingError(error);
    throw error;
  }
}

function minor(text: string | null | undefined, field: string): bigint | null {
  if (text === null || text === undefined || text === '') return null;
  if (!/^\d{1,18}$/.test(text)) throw invalid(field, `${field} is a whole number of minor units`);
  return BigInt(text);
}

const person = (id: string | null, name: string | null): PersonRef | null => (id ? { id, name: name ?? '' } : null);

/**
 * Population, sampling, the test of each sampled item and working papers of an audit
 * engagement (issue 12, docs/audit.md "Sampling").
 *
 * The population is the scope's paid payments (value date in the period) or its accepted
 * (verified) expenditure lines (spent in the period, in the grant currency), in a stable
 * order (booked on, source id). Before the first draw it is a live preview; the first draw
 * freezes it into audit_population_item (append-only) and every later draw, while the
 * engagement is planned, re-samples that same frozen population: the replaced sample rows
 * are deleted (the database allows it only while planned and untested) and the trail keeps
 * every draw's seed, parameters and selected seqs, so any draw can be reproduced.
 */
@Injectable()
export class AuditSamplingService {
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AuditAccess,
    private readonly trail: TrailService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  // ---------------------------------------------------------------- population

  /** The population a draw would freeze now: scope grants, state and period, in seq order. */
  private async livePopulation(manager: EntityManager, engagement: EngagementRow): Promise<PopulationRow[]> {
    const grantIds = await this.access.scopeGrantIds(engagement, manager);
    if (grantIds.length === 0) return [];
    const kind: PopulationKind = engagement.population_kind ?? 'payments';
    const rows =
      kind === 'payments'
        ? ((await manager.query(
            `SELECT 'payment' AS item_kind, p.id AS source_id, p.grant_id, g.grant_number, p.amount_minor::text AS amount_minor, p.currency,
                    to_char(COALESCE(p.value_date, p.paid_at::date), 'YYYY-MM-DD') AS booked_on, COALESCE(p.bank_reference, '') AS label,
                    EXISTS (SELECT 1 FROM red_flag f WHERE f.grant_id = p.grant_id AND f.active AND f.state = 'open') AS open_flag
               FROM payment p JOIN grant_award g ON g.id = p.grant_id
              WHERE p.grant_id = ANY($1::uuid[]) AND p.state = 'paid' AND p.amount_minor > 0
                AND COALESCE(p.value_date, p.paid_at::date) BETWEEN $2::date AND $3::date
              ORDER BY COALESCE(p.value_date, p.paid_at::date), p.id`,
            [grantIds, engagement.period_from, engagement.period_to],
          )) as PopulationRow[])
        : ((await manager.query(
            `SELECT 'expenditure_line' AS item_kind, l.id AS source_id, l.grant_id, g.grant_number, l.grant_amount_minor::text AS amount_minor, g.currency,
                    to_char(l.spent_on, 'YYYY-MM-DD') AS booked_on, l.supplier AS label,
                    EXISTS (SELECT 1 FROM red_flag f WHERE f.grant_id = l.grant_id AND f.active AND f.state = 'open' AND l.id = ANY(f.line_ids)) AS open_flag
               FROM expenditure_line l JOIN grant_award g ON g.id = l.grant_id
              WHERE l.grant_id = ANY($1::uuid[]) AND l.state = 'accepted' AND l.removed_at IS NULL AND l.grant_amount_minor > 0
                AND l.spent_on BETWEEN $2::date AND $3::date
              ORDER BY l.spent_on, l.id`,
            [grantIds, engagement.period_from, engagement.period_to],
          )) as PopulationRow[]);
    return rows.map((r, i) => ({ ...r, seq: i + 1, currency: r.currency.trim() as CurrencyCode, sample_item_id: null }));
  }

  private async frozenPopulation(manager: EntityManager, engagementId: string, page?: { limit: number; offset: number }): Promise<PopulationRow[]> {
    return (await manager.query(
      `SELECT p.seq, p.item_kind, p.source_id, p.grant_id, g.grant_number, p.amount_minor::text AS amount_minor, trim(p.currency) AS currency,
              to_char(p.booked_on, 'YYYY-MM-DD') AS booked_on, p.label, p.open_flag, s.id AS sample_item_id
         FROM audit_population_item p JOIN grant_award g ON g.id = p.grant_id
         LEFT JOIN audit_sample_item s ON s.engagement_id = p.engagement_id AND s.population_seq = p.seq
        WHERE p.engagement_id = $1 ORDER BY p.seq${page ? ' LIMIT $2 OFFSET $3' : ''}`,
      page ? [engagementId, page.limit, page.offset] : [engagementId],
    )) as PopulationRow[];
  }

  private async frozenTotals(manager: EntityManager, engagementId: string): Promise<{ count: number; currencies: CurrencyCode[]; value: bigint }> {
    const rows = (await manager.query(
      `SELECT trim(currency) AS currency, count(*)::int AS n, sum(amount_minor)::text AS v FROM audit_population_item WHERE engagement_id = $1 GROUP BY currency ORDER BY currency`,
      [engagementId],
    )) as { currency: CurrencyCode; n: number; v: string }[];
    return { count: rows.reduce((s, r) => s + r.n, 0), currencies: rows.map((r) => r.currency), value: rows.reduce((s, r) => s + BigInt(r.v), 0n) };
  }

  private static totals(rows: readonly PopulationRow[]): { count: number; currencies: CurrencyCode[]; value: bigint } {
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    return { count: rows.length, currencies, value: rows.reduce((s, r) => s + BigInt(r.amount_minor), 0n) };
  }

  private static populationItem(r: PopulationRow): PopulationItemView {
    return {
      seq: r.seq,
      itemKind: r.item_kind,
      sourceId: r.source_id,
      grantId: r.grant_id,
      grantNumber: r.grant_number,
      amountMinor: r.amount_minor,
      currency: r.currency,
      bookedOn: r.booked_on,
      label: r.label,
      openRedFlag: r.open_flag,
      sampleItemId: r.sample_item_id,
    };
  }

  async population(auth: AuthenticatedRequestContext, engagementId: string, page: number, pageSize: number): Promise<PopulationView> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    const offset = (page - 1) * pageSize;
    const kind: PopulationKind = engagement.population_kind ?? 'payments';
    if (engagement.population_frozen_at) {
      const totals = await this.frozenTotals(this.dataSource.manager, engagement.id);
      const rows = await this.frozenPopulation(this.dataSource.manager, engagement.id, { limit: pageSize, offset });
      return this.populationView(kind, engagement.population_frozen_at, totals, rows.map(AuditSamplingService.populationItem), page, pageSize);
    }
    const rows = await this.livePopulation(this.dataSource.manager, engagement);
    return this.populationView(kind, null, AuditSamplingService.totals(rows), rows.slice(offset, offset + pageSize).map(AuditSamplingService.populationItem), page, pageSize);
  }

  private populationView(
    populationKind: PopulationKind,
    frozenAt: Date | null,
    totals: { count: number; currencies: CurrencyCode[]; value: bigint },
    items: PopulationItemView[],
    page: number,
    pageSize: number,
  ): PopulationView {
    const single = totals.currencies.length === 1;
    return {
      items,
      page,
      pageSize,
      total: totals.count,
      frozen: frozenAt !== null,
      frozenAt: frozenAt ? frozenAt.toISOString() : null,
      populationKind,
      count: totals.count,
      valueMinor: single ? totals.value.toString() : null,
      currency: single ? totals.currencies[0] : null,
      currencies: totals.currencies,
    };
  }

  // ---------------------------------------------------------------- sample size

  /** The size a draw would have, with formula and parameters; nothing saved. */
  async sampleSize(auth: AuthenticatedRequestContext, engagementId: string, query: SampleSizeQuery): Promise<SampleSizeView> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    const totals = engagement.population_frozen_at
      ? await this.frozenTotals(this.dataSource.manager, engagement.id)
      : AuditSamplingService.totals(await this.livePopulation(this.dataSource.manager, engagement));
    return this.computeSize(query, totals);
  }

  private computeSize(query: SampleSizeQuery, totals: { count: number; currencies: CurrencyCode[]; value: bigint }): SampleSizeView {
    if (totals.count === 0) throw MizanException.withParams(ErrorCode.AuditPopulationEmpty, 'The scope and period hold nothing to sample', {}, [{ field: 'population', message: 'the population is empty' }]);
    const single = totals.currencies.length === 1;
    const currency = single ? totals.currencies[0] : null;
    const base = { method: query.method, populationCount: totals.count, populationValueMinor: totals.value.toString(), currency };
    if (query.method === 'simple_random') {
      guard(() => {
        if (!Number.isFinite(query.confidencePct) || query.confidencePct <= 0 || query.confidencePct >= 100) {
          throw new SamplingProblem('confidence_out_of_range', 'confidencePct', 'confidence must be above 0 % and below 100 %', { confidencePct: String(query.confidencePct) });
        }
      });
      const n = query.sampleSize;
      if (n === null || n === undefined) throw invalid('sampleSize', 'simple random sampling needs the sample size');
      if (n > totals.count) {
        throw MizanException.withParams(ErrorCode.AuditSampleTooLarge, 'The sample is larger than the population', { sampleSize: n, populationCount: totals.count }, [
          { field: 'sampleSize', message: `the sample (${n}) is larger than the population (${totals.count})` },
        ]);
      }
      return { ...base, sampleSize: n, intervalMinor: null, reliabilityFactor: null, expansionFactor: null, formula: `n = ${n} (chosen by the auditor), N = ${totals.count}`, params: { n, N: totals.count, confidencePct: query.confidencePct } };
    }
    if (!single) {
      throw MizanException.withParams(ErrorCode.AuditPopulationMixedCurrency, 'Monetary-unit sampling needs one currency', { currencies: totals.currencies.join(', ') }, [
        { field: 'method', message: `the population holds ${totals.currencies.join(', ')}` },
      ]);
    }
    const materiality = minor(query.materialityMinor, 'materialityMinor');
    if (materiality === null) throw invalid('materialityMinor', 'monetary-unit sampling needs the materiality (tolerable misstatement)');
    const size = guard(() =>
      musSampleSize({
        populationValueMinor: totals.value,
        populationCount: totals.count,
        confidencePct: query.confidencePct,
        materialityMinor: materiality,
        expectedMisstatementMinor: minor(query.expectedMisstatementMinor, 'expectedMisstatementMinor') ?? 0n,
      }),
    );
    let n = size.sampleSize;
    if (query.sampleSize !== null && query.sampleSize !== undefined) {
      if (query.sampleSize < n) throw invalid('sampleSize', `the sample size may be raised above the computed ${n}, not lowered`, { computed: n, sampleSize: query.sampleSize });
      n = query.sampleSize;
    }
    if (n > totals.count) {
      throw MizanException.withParams(ErrorCode.AuditSampleTooLarge, 'The sample is larger than the population', { sampleSize: n, populationCount: totals.count }, [
        { field: query.sampleSize ? 'sampleSize' : 'materialityMinor', message: `the sample (${n}) is larger than the population (${totals.count}): test every item instead` },
      ]);
    }
    return {
      ...base,
      sampleSize: n,
      intervalMinor: (totals.value / BigInt(n)).toString(),
      reliabilityFactor: size.reliabilityFactor,
      expansionFactor: size.expansionFactor,
      formula: n === size.sampleSize ? size.formula : `${size.formula}; raised to ${n} by the auditor`,
      params: { ...size.params, n },
    };
  }

  // ---------------------------------------------------------------- draw

  /** Draws (or, while planned, redraws) the sample; the first draw freezes the population. */
  async draw(auth: AuthenticatedRequestContext, engagementId: string, body: DrawSampleRequest): Promise<SampleView> {
    const seedText = body.seed === null || body.seed === undefined || body.seed === '' ? String(randomInt(0, 2 ** 32)) : body.seed;
    const seed = guard(() => parseSeed(seedText));
    const above = minor(body.includeAboveMinor, 'includeAboveMinor');
    if (above !== null && above <= 0n) throw invalid('includeAboveMinor', 'includeAboveMinor must be more than zero');
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asAuditor(auth, engagementId, manager, true);
      this.access.assertOpen(engagement);
      if (sampleIsFrozen(engagement.state)) throw MizanException.withParams(ErrorCode.AuditSampleFrozen, 'The sample is frozen since fieldwork started', { state: engagement.state });
      const previous = engagement.sampling as StoredSampling | null;
      const reason = (body.reason ?? '').trim();
      if (engagement.sample_drawn_at && !reason) throw invalid('reason', 'replacing a drawn sample needs a reason');

      const population = engagement.population_frozen_at ? await this.frozenPopulation(manager, engagement.id) : await this.livePopulation(manager, engagement);
      const totals = AuditSamplingService.totals(population);
      const size = this.computeSize(body, totals);
      const drawn = guard(() =>
        drawSample({
          seed,
          method: body.method,
          items: population.map((p) => ({ amountMinor: BigInt(p.amount_minor), openFlag: p.open_flag })),
          sampleSize: size.sampleSize,
          includeOpenRedFlags: body.includeOpenRedFlags,
          includeAboveMinor: above,
        }),
      );

      if (!engagement.population_frozen_at) {
        // Frozen in batches: one INSERT per 5,000 rows.
        for (let i = 0; i < population.length; i += 5000) {
          const chunk = population.slice(i, i + 5000);
          await manager.query(
            `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on, label, open_flag)
             SELECT $1, x.seq, x.kind, x.source, x.grant_id, x.amount, x.currency, x.booked, x.label, x.flag
               FROM unnest($2::int[], $3::text[], $4::uuid[], $5::uuid[], $6::bigint[], $7::text[], $8::date[], $9::text[], $10::boolean[])
                    AS x(seq, kind, source, grant_id, amount, currency, booked, label, flag)`,
            [
              engagement.id,
              chunk.map((p) => p.seq),
              chunk.map((p) => p.item_kind),
              chunk.map((p) => p.source_id),
              chunk.map((p) => p.grant_id),
              chunk.map((p) => p.amount_minor),
              chunk.map((p) => p.currency),
              chunk.map((p) => p.booked_on),
              chunk.map((p) => p.label),
              chunk.map((p) => p.open_flag),
            ],
          );
        }
      }
      if (engagement.sample_drawn_at) {
        // Only an untouched sample is replaced: nothing may hang off its items (the database guards the rest: planned, untested).
        const [used] = (await manager.query(
          `SELECT 1 FROM audit_sample_item s WHERE s.engagement_id = $1 AND (s.result <> 'untested'
              OR EXISTS (SELECT 1 FROM audit_working_paper w WHERE w.sample_item_id = s.id) OR EXISTS (SELECT 1 FROM audit_finding f WHERE f.sample_item_id = s.id)) LIMIT 1`,
          [engagement.id],
        )) as unknown[];
        if (used) throw MizanException.withParams(ErrorCode.AuditSampleFrozen, 'The sample has tests, working papers or findings: it cannot be drawn again', { state: engagement.state });
        await manager.query('DELETE FROM audit_sample_item WHERE engagement_id = $1', [engagement.id]);
      }
      const seqs = drawn.map((d) => population[d.position].seq);
      await manager.query(
        `INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons)
         SELECT $1, x.seq, x.pick, string_to_array(x.reasons, ',') FROM unnest($2::int[], $3::int[], $4::text[]) AS x(seq, pick, reasons)`,
        [engagement.id, seqs, drawn.map((_, i) => i + 1), drawn.map((d) => d.reasons.join(','))],
      );
      const draw = (previous?.draw ?? 0) + 1;
      const sampling: StoredSampling = {
        method: body.method,
        seed: String(seed),
        confidencePct: body.confidencePct,
        materialityMinor: body.materialityMinor ?? null,
        expectedMisstatementMinor: body.expectedMisstatementMinor ?? null,
        sampleSize: size.sampleSize,
        includeOpenRedFlags: body.includeOpenRedFlags,
        includeAboveMinor: above === null ? null : above.toString(),
        size,
        draw,
      };
      await manager.query(
        `UPDATE audit_engagement SET sampling = $2::jsonb, sample_drawn_at = now(), population_frozen_at = COALESCE(population_frozen_at, now()),
                updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [engagement.id, JSON.stringify(sampling)],
      );
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.sample_drawn',
        entityType: 'audit_engagement',
        entityId: engagement.id,
        before: previous ? { draw: previous.draw, method: previous.method, seed: previous.seed, sampleSize: previous.sampleSize } : undefined,
        after: {
          ...sampling,
          populationKind: engagement.population_kind,
          populationCount: totals.count,
          populationValueMinor: totals.value.toString(),
          populationFrozenNow: !engagement.population_frozen_at,
          algorithm: 'mulberry32; simple random: partial Fisher–Yates; monetary unit: systematic PPS (docs/audit.md)',
          selectedSeqs: seqs,
          selectedCount: seqs.length,
        },
        reason: reason || undefined,
      });
    });
    return this.sample(auth, engagementId, 1, 50);
  }

  // ---------------------------------------------------------------- sample and items

  private static readonly SAMPLE_SELECT = `
    SELECT s.id, s.pick_order, s.reasons, s.result, s.checklist, s.notes, s.tested_by, u.display_name AS tested_by_name, s.tested_at, s.row_version,
           s.population_seq, p.item_kind, p.source_id, p.grant_id, g.grant_number, p.amount_minor::text AS amount_minor, trim(p.currency) AS currency,
           to_char(p.booked_on, 'YYYY-MM-DD') AS booked_on, p.label, p.open_flag,
           (SELECT count(*)::int FROM audit_working_paper w WHERE w.sample_item_id = s.id) AS paper_count,
           ARRAY(SELECT f.id FROM audit_finding f WHERE f.sample_item_id = s.id ORDER BY f.number)::text[] AS finding_ids
      FROM audit_sample_item s
      JOIN audit_population_item p ON p.engagement_id = s.engagement_id AND p.seq = s.population_seq
      JOIN grant_award g ON g.id = p.grant_id
      LEFT JOIN app_user u ON u.id = s.tested_by`;

  async sample(auth: AuthenticatedRequestContext, engagementId: string, page: number, pageSize: number, result?: SampleResult): Promise<SampleView> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    const filter = result ? ' AND s.result = $4' : '';
    const params: unknown[] = [engagement.id, pageSize, (page - 1) * pageSize];
    if (result) params.push(result);
    const rows = (await this.dataSource.query(`${AuditSamplingService.SAMPLE_SELECT} WHERE s.engagement_id = $1${filter} ORDER BY s.pick_order LIMIT $2 OFFSET $3`, params)) as SampleRow[];
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM audit_sample_item s WHERE s.engagement_id = $1${result ? ' AND s.result = $2' : ''}`, result ? [engagement.id, result] : [engagement.id])) as {
      n: number;
    }[];
    const totals = await this.frozenTotals(this.dataSource.manager, engagement.id);
    const single = totals.currencies.length === 1;
    return {
      items: rows.map((r) => this.itemView(r, {})),
      page,
      pageSize,
      total: n,
      sampling: (engagement.sampling as StoredSampling | null) ?? null,
      drawnAt: engagement.sample_drawn_at ? engagement.sample_drawn_at.toISOString() : null,
      frozen: sampleIsFrozen(engagement.state),
      populationCount: totals.count,
      populationValueMinor: single ? totals.value.toString() : null,
      currency: single ? totals.currencies[0] : null,
    };
  }

  private itemView(r: SampleRow, detail: Record<string, string | null>): SampleItemView {
    return {
      id: r.id,
      pickOrder: r.pick_order,
      reasons: r.reasons,
      population: AuditSamplingService.populationItem({ ...r, seq: r.population_seq, sample_item_id: r.id }),
      result: r.result,
      checks: r.checklist,
      notes: r.notes,
      testedBy: person(r.tested_by, r.tested_by_name),
      testedAt: r.tested_at ? r.tested_at.toISOString() : null,
      workingPaperCount: r.paper_count,
      findingIds: r.finding_ids,
      rowVersion: r.row_version,
      detail,
    };
  }

  /** What the tester sees of the item's source: the payment's bank reference and dates, or the line's supplier, budget line and receipts. */
  private async detail(manager: EntityManager, r: SampleRow): Promise<Record<string, string | null>> {
    if (r.item_kind === 'payment') {
      const [p] = (await manager.query(
        `SELECT p.bank_reference, to_char(p.value_date, 'YYYY-MM-DD') AS value_date, p.paid_at, p.tranche_id, p.amount_minor::text AS amount_minor, p.currency,
                p.transfer_minor::text AS transfer_minor, p.transfer_currency, p.requested_by, p.approved_by, p.second_approved_by, p.paid_by
           FROM payment p WHERE p.id = $1`,
        [r.source_id],
      )) as Record<string, string | Date | null>[];
      if (!p) return {};
      const text = (v: string | Date | null | undefined): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v).trim());
      return {
        bankReference: text(p['bank_reference']),
        valueDate: text(p['value_date']),
        paidAt: text(p['paid_at']),
        trancheId: text(p['tranche_id']),
        amountMinor: text(p['amount_minor']),
        currency: text(p['currency']),
        transferMinor: text(p['transfer_minor']),
        transferCurrency: text(p['transfer_currency']),
        requestedBy: text(p['requested_by']),
        approvedBy: text(p['approved_by']),
        secondApprovedBy: text(p['second_approved_by']),
        paidBy: text(p['paid_by']),
      };
    }
    const [l] = (await manager.query(
      `SELECT l.supplier, l.budget_line_id, l.description, l.payment_method, l.amount_minor::text AS amount_minor, trim(l.currency) AS currency, l.rate::text AS rate,
              l.report_id, to_char(l.spent_on, 'YYYY-MM-DD') AS spent_on, l.verified_by, l.verified_at,
              ARRAY(SELECT f.id FROM report_file f WHERE f.line_id = l.id AND f.purpose = 'receipt' AND f.removed_at IS NULL ORDER BY f.id LIMIT ${MAX_DETAIL_FILES})::text[] AS receipt_ids
         FROM expenditure_line l WHERE l.id = $1`,
      [r.source_id],
    )) as { supplier: string; budget_line_id: string; description: string; payment_method: string; amount_minor: string; currency: string; rate: string | null; report_id: string; spent_on: string; verified_by: string | null; verified_at: Date | null; receipt_ids: string[] }[];
    if (!l) return {};
    return {
      supplier: l.supplier,
      budgetLineId: l.budget_line_id,
      description: l.description,
      paymentMethod: l.payment_method,
      amountMinor: l.amount_minor,
      currency: l.currency,
      rate: l.rate,
      reportId: l.report_id,
      spentOn: l.spent_on,
      verifiedBy: l.verified_by,
      verifiedAt: l.verified_at ? l.verified_at.toISOString() : null,
      receiptFileIds: l.receipt_ids.length ? l.receipt_ids.join(',') : null,
    };
  }

  private async itemRow(manager: EntityManager, engagementId: string, itemId: string, lock = false): Promise<SampleRow> {
    assertId(itemId, 'Sampled item');
    if (lock) await manager.query('SELECT 1 FROM audit_sample_item WHERE id = $1 AND engagement_id = $2 FOR UPDATE', [itemId, engagementId]);
    const [row] = (await manager.query(`${AuditSamplingService.SAMPLE_SELECT} WHERE s.id = $1 AND s.engagement_id = $2`, [itemId, engagementId])) as SampleRow[];
    if (!row) throw MizanException.notFound('Sampled item');
    return row;
  }

  async item(auth: AuthenticatedRequestContext, engagementId: string, itemId: string): Promise<SampleItemView> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    const row = await this.itemRow(this.dataSource.manager, engagement.id, itemId);
    return this.itemView(row, await this.detail(this.dataSource.manager, row));
  }

  /** The auditor's test of one sampled item: every check answered once; a "no" makes it an exception; an exception needs a note. */
  async test(auth: AuthenticatedRequestContext, engagementId: string, itemId: string, body: TestSampleItemRequest): Promise<SampleItemView> {
    const answered = new Set<string>();
    for (const [i, c] of body.checks.entries()) {
      if (!(AUDIT_CHECKS as readonly string[]).includes(c.id)) throw invalid(`checks.${i}.id`, `unknown check ${String(c.id)}`);
      if (answered.has(c.id)) throw invalid(`checks.${i}.id`, `the check ${c.id} is answered twice`);
      answered.add(c.id);
    }
    const missing = AUDIT_CHECKS.filter((id) => !answered.has(id));
    if (missing.length) throw invalid('checks', `every check needs an answer; missing: ${missing.join(', ')}`, { missing: missing.join(', ') });
    const notes = body.notes.trim();
    if (body.result === 'pass' && body.checks.some((c) => c.answer === 'no')) throw invalid('result', 'a check answered "no" makes the item an exception');
    if (body.result === 'exception' && !notes) throw invalid('notes', 'an exception needs a note saying what is wrong');
    const checks = AUDIT_CHECKS.map((id) => ({ id, answer: body.checks.find((c) => c.id === id)?.answer ?? 'not_applicable' }));
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asAuditor(auth, engagementId, manager, true);
      this.access.assertOpen(engagement);
      const row = await this.itemRow(manager, engagement.id, itemId, true);
      if (!fieldworkOpen(engagement.state)) throw MizanException.withParams(ErrorCode.AuditFieldworkNotOpen, 'Items are tested during fieldwork and the draft report', { state: engagement.state });
      if (row.row_version !== body.rowVersion) throw MizanException.withParams(ErrorCode.StaleSampleItem, 'Someone changed the item since you loaded it', { rowVersion: row.row_version });
      await manager.query(
        `UPDATE audit_sample_item SET checklist = $2::jsonb, result = $3, notes = $4, tested_by = $5, tested_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [row.id, JSON.stringify(checks), body.result, notes, auth.user.id],
      );
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.item_tested',
        entityType: 'audit_sample_item',
        entityId: row.id,
        before: { result: row.result, checks: row.checklist, notes: row.notes },
        after: { engagementId: engagement.id, pickOrder: row.pick_order, populationSeq: row.population_seq, sourceId: row.source_id, result: body.result, checks, notes },
      });
    });
    return this.item(auth, engagementId, itemId);
  }

  // ---------------------------------------------------------------- working papers

  private static readonly PAPER_SELECT = `
    SELECT w.id, w.file_name, w.sample_item_id, w.finding_id, w.uploaded_by, u.display_name AS uploaded_by_name, w.uploaded_at,
           d.size_bytes::text AS size_bytes, d.sha256, d.content_type, d.storage_key
      FROM audit_working_paper w JOIN stored_document d ON d.id = w.document_id JOIN app_user u ON u.id = w.uploaded_by`;

  private static paperView(r: PaperRow): WorkingPaperView {
    return {
      id: r.id,
      fileName: r.file_name,
      sizeBytes: r.size_bytes,
      sha256: r.sha256.trim(),
      sampleItemId: r.sample_item_id,
      findingId: r.finding_id,
      uploadedBy: { id: r.uploaded_by, name: r.uploaded_by_name },
      uploadedAt: r.uploaded_at.toISOString(),
    };
  }

  async papers(auth: AuthenticatedRequestContext, engagementId: string): Promise<WorkingPaperView[]> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    const rows = (await this.dataSource.query(`${AuditSamplingService.PAPER_SELECT} WHERE w.engagement_id = $1 ORDER BY w.uploaded_at, w.id`, [engagement.id])) as PaperRow[];
    return rows.map(AuditSamplingService.paperView);
  }

  /** Access check before the upload is read: a stranger's bytes are not even read. */
  async assertCanAddPaper(auth: AuthenticatedRequestContext, engagementId: string): Promise<void> {
    const engagement = await this.access.asAuditor(auth, engagementId);
    this.access.assertOpen(engagement);
  }

  async addPaper(auth: AuthenticatedRequestContext, engagementId: string, file: { buffer: Buffer; fileName: string; fields: Record<string, string> }): Promise<WorkingPaperView> {
    const sampleItemId = file.fields['sampleItemId']?.trim() || null;
    const findingId = file.fields['findingId']?.trim() || null;
    if (sampleItemId && !isUuid(sampleItemId)) throw invalid('sampleItemId', 'sampleItemId must be an id');
    if (findingId && !isUuid(findingId)) throw invalid('findingId', 'findingId must be an id');
    const type = acceptedFileType(file.buffer);
    const fileName = plainFileName(file.fileName, `working-paper.${type.extension}`);
    const stored = await this.files.put(file.buffer, 'working-papers', type.extension);
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const engagement = await this.access.asAuditor(auth, engagementId, manager, true);
        this.access.assertOpen(engagement);
        if (sampleItemId) {
          // While planned the sample may still be replaced: papers go on its items from fieldwork on.
          if (!sampleIsFrozen(engagement.state)) {
            throw MizanException.withParams(ErrorCode.AuditFieldworkNotOpen, 'Working papers go on sampled items from fieldwork on', { state: engagement.state }, [
              { field: 'sampleItemId', message: 'the sample can still be drawn again; attach the paper to the engagement, or after fieldwork starts' },
            ]);
          }
          const [on] = (await manager.query('SELECT 1 FROM audit_sample_item WHERE id = $1 AND engagement_id = $2', [sampleItemId, engagement.id])) as unknown[];
          if (!on) throw MizanException.withParams(ErrorCode.AuditItemNotInSample, 'The item is not in this engagement’s sample', { sampleItemId }, [{ field: 'sampleItemId', message: 'not an item of this sample' }]);
        }
        if (findingId) {
          const [on] = (await manager.query('SELECT 1 FROM audit_finding WHERE id = $1 AND engagement_id = $2', [findingId, engagement.id])) as unknown[];
          if (!on) throw invalid('findingId', 'not a finding of this engagement', { findingId });
        }
        const document = manager.create(StoredDocument, {
          agencyId: engagement.agency_id,
          kind: 'audit_working_paper',
          fileName,
          contentType: type.contentType,
          storageKey: stored.storageKey,
          sha256: stored.sha256,
          sizeBytes: String(stored.sizeBytes),
        });
        await manager.insert(StoredDocument, document);
        const [row] = (await manager.query(
          `INSERT INTO audit_working_paper (engagement_id, sample_item_id, finding_id, document_id, file_name, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [engagement.id, sampleItemId, findingId, document.id, fileName, auth.user.id],
        )) as { id: string }[];
        await this.trail.append(manager, {
          actor: auditActorOf(auth),
          agencyId: engagement.agency_id,
          action: 'audit.working_paper_added',
          entityType: 'audit_working_paper',
          entityId: row.id,
          after: { engagementId: engagement.id, sampleItemId, findingId, fileName, contentType: type.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
        });
        return row.id;
      });
      const [row] = (await this.dataSource.query(`${AuditSamplingService.PAPER_SELECT} WHERE w.id = $1`, [id])) as PaperRow[];
      return AuditSamplingService.paperView(row);
    } catch (error) {
      await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      throw error;
    }
  }

  async openPaper(auth: AuthenticatedRequestContext, engagementId: string, paperId: string): Promise<{ view: WorkingPaperView & { contentType: string }; stream: Readable }> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    assertId(paperId, 'Working paper');
    const [row] = (await this.dataSource.query(`${AuditSamplingService.PAPER_SELECT} WHERE w.id = $1 AND w.engagement_id = $2`, [paperId, engagement.id])) as PaperRow[];
    if (!row) throw MizanException.notFound('Working paper');
    return { view: { ...AuditSamplingService.paperView(row), contentType: row.content_type }, stream: await this.files.open(row.storage_key) };
  }

  // ---------------------------------------------------------------- workbook facts

  /** Everything the working-papers workbook holds: the engagement, its sample with tests, its findings. */
  async workbookFacts(auth: AuthenticatedRequestContext, engagementId: string): Promise<WorkbookFacts> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    const items = (await this.dataSource.query(`${AuditSamplingService.SAMPLE_SELECT} WHERE s.engagement_id = $1 ORDER BY s.pick_order`, [engagement.id])) as SampleRow[];
    const findings = (await this.dataSource.query(
      `SELECT f.number, g.grant_number, f.category, f.title, f.priority, f.affected_minor::text AS affected_minor, f.ineligible_minor::text AS ineligible_minor,
              trim(f.currency) AS currency, f.action, f.action_owner, to_char(f.action_due_on, 'YYYY-MM-DD') AS action_due_on, f.action_state, s.pick_order, f.raised_at
         FROM audit_finding f JOIN grant_award g ON g.id = f.grant_id LEFT JOIN audit_sample_item s ON s.id = f.sample_item_id
        WHERE f.engagement_id = $1 ORDER BY f.number`,
      [engagement.id],
    )) as WorkbookFinding[];
    const totals = await this.frozenTotals(this.dataSource.manager, engagement.id);
    return {
      engagement,
      sampling: (engagement.sampling as StoredSampling | null) ?? null,
      populationCount: totals.count,
      populationValueMinor: totals.value.toString(),
      currencies: totals.currencies,
      items: items.map((r) => this.itemView(r, {})),
      findings,
    };
  }
}

export interface WorkbookFinding {
  number: number;
  grant_number: string;
  category: string | null;
  title: string;
  priority: string;
  affected_minor: string;
  ineligible_minor: string;
  currency: CurrencyCode;
  action: string;
  action_owner: string;
  action_due_on: string | null;
  action_state: string;
  pick_order: number | null;
  raised_at: Date;
}

export interface WorkbookFacts {
  engagement: EngagementRow;
  sampling: StoredSampling | null;
  populationCount: number;
  populationValueMinor: string;
  currencies: CurrencyCode[];
  items: SampleItemView[];
  findings: WorkbookFinding[];
}
