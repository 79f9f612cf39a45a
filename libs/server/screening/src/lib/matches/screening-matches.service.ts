import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  MatchResolution,
  MatchState,
  OrganizationScreeningView,
  KeysetPage,
  PartyKind,
  PersonRef,
  SCREENING_REASON_MAX,
  SCREENING_REASON_MIN,
  ScreeningMatchDetail,
  ScreeningMatchListQuery,
  ScreeningMatchView,
  ScreeningResolutionInput,
  ScreeningSecondInput,
  can,
} from '@mizan/contracts';
import { ListEntryKind, MatchExplanation, explainMatch } from '@mizan/domain';
import { KeysetColumn, KeysetValue, MizanException, cappedCountSql, characterProblem, keysetTimestampSql, readKeysetPage } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { thresholdsOf } from '../engine/screening-thresholds';
import { readEntryView } from '../lists/sanctions-entry-view';
import { notifyScreening } from '../screening-notifications';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MatchRow {
  id: string;
  agency_id: string;
  state: MatchState;
  party_kind: PartyKind;
  party_id: string;
  organization_id: string;
  organization_name: string;
  partner_organization_id: string | null;
  partner_name: string | null;
  screened_name: string;
  entry_id: string;
  reference: string;
  entry_name: string;
  entry_kind: ListEntryKind;
  score: string;
  high_score: string | null;
  raised_at: Date;
  proposed_resolution: MatchResolution | null;
  proposed_by: string | null;
  proposed_by_name: string | null;
  row_version: number;
}

interface DetailRow extends MatchRow {
  explanation: MatchExplanation;
  list_version_id: string;
  proposed_at: Date | null;
  proposal_reason: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: Date | null;
  resolution_reason: string | null;
  lapsed_reason: string | null;
}

const MATCH_SELECT = `
  SELECT m.id, m.agency_id, m.state, m.party_kind, m.party_id, m.organization_id, o.legal_name AS organization_name,
         m.partner_organization_id, po.name AS partner_name, m.screened_name, m.entry_id, e.reference, e.primary_name AS entry_name, e.kind AS entry_kind,
         m.score::text AS score, s.high_score::text AS high_score, m.raised_at, m.proposed_resolution, m.proposed_by, pu.display_name AS proposed_by_name, m.row_version,
         m.explanation, m.list_version_id, m.proposed_at, m.proposal_reason, m.resolved_by, ru.display_name AS resolved_by_name, m.resolved_at, m.resolution_reason, m.lapsed_reason
    FROM screening_match m
    JOIN organization o ON o.id = m.organization_id
    JOIN sanctions_entry e ON e.id = m.entry_id
    LEFT JOIN partner_organization po ON po.id = m.partner_organization_id
    LEFT JOIN screening_settings s ON s.agency_id = m.agency_id
    LEFT JOIN app_user pu ON pu.id = m.proposed_by
    LEFT JOIN app_user ru ON ru.id = m.resolved_by`;

/** The state's place in the queue; the same expression as ix_screening_match_queue_keyset's (migration 1765820000000). */
const STATE_ORDER = `CASE m.state WHEN 'pending_second' THEN 0 WHEN 'open' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'cleared' THEN 3 ELSE 4 END`;
const STATE_RANK: Record<MatchState, number> = { pending_second: 0, open: 1, confirmed: 2, cleared: 3, lapsed: 4 };

/**
 * The queue's order: state, score DESC, raised_at, id, all ascending (score as its negation) so a page's cursor
 * is one row comparison the index seeks to.
 */
const SCREENING_QUEUE_ORDER: KeysetColumn[] = [
  { sql: `(${STATE_ORDER})`, direction: 'asc', type: 'int' },
  { sql: '(-m.score)', direction: 'asc', type: 'numeric' },
  { sql: 'm.raised_at', direction: 'asc', type: 'timestamptz' },
  { sql: 'm.id', direction: 'asc', type: 'uuid' },
];

/** A queue row's sort key, read beside it (raised_at to the microsecond). */
interface QueueKey {
  k_rank: number;
  k_neg_score: string;
  k_raised_at: string;
}

const QUEUE_SELECT = MATCH_SELECT.replace(
  'SELECT m.id,',
  `SELECT (${STATE_ORDER}) AS k_rank, (-m.score)::text AS k_neg_score, ${keysetTimestampSql('m.raised_at')} AS k_raised_at, m.id,`,
);

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
const person = (id: string | null, name: string | null): PersonRef | null => (id ? { id, name: name ?? '' } : null);

/** Checks a reason: trimmed SCREENING_REASON_MIN..MAX characters, nothing unstorable. */
export function screeningReason(text: unknown): string {
  const reason = typeof text === 'string' ? text.trim() : '';
  const bad = characterProblem('reason', reason);
  if (bad) throw new MizanException(ErrorCode.ValidationFailed, bad.message, [bad]);
  if (reason.length < SCREENING_REASON_MIN || reason.length > SCREENING_REASON_MAX) {
    const message = `The reason is ${SCREENING_REASON_MIN} to ${SCREENING_REASON_MAX} characters`;
    throw MizanException.withParams(ErrorCode.ValidationFailed, message, { min: SCREENING_REASON_MIN, max: SCREENING_REASON_MAX }, [{ field: 'reason', message }]);
  }
  return reason;
}

/**
 * The screening queue (issue 13): the potential matches of the agency's parties against the
 * sanctions lists, resolved by officers (`sanctions.screen`) with four eyes where it matters —
 * a confirmation, or clearing a match at or above the agency's high score, is proposed by one
 * officer and decided by another. Every change is on the trail in its transaction; the proposer
 * is told of the second officer's decision.
 */
@Injectable()
export class ScreeningMatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  /**
   * A keyset page of the queue in the queue's order (SCREENING_QUEUE_ORDER, served by ix_screening_match_queue_keyset:
   * the state filter is written as the state's rank so the index applies), with a count capped at KEYSET_COUNT_CAP.
   */
  async list(auth: AuthenticatedRequestContext, query: ScreeningMatchListQuery): Promise<KeysetPage<ScreeningMatchView>> {
    const params: KeysetValue[] = [auth.user.agencyId];
    const where = ['m.agency_id = $1'];
    if (query.state) where.push(`(${STATE_ORDER}) = ${STATE_RANK[query.state]}`, `m.state = $${params.push(query.state)}`);
    else where.push(`(${STATE_ORDER}) <= ${STATE_RANK.open}`);
    if (query.partyKind) where.push(`m.party_kind = $${params.push(query.partyKind)}`);
    const q = query.q?.trim();
    let joins = '';
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const n = params.push(like);
      where.push(`(m.screened_name ILIKE $${n} OR e.reference ILIKE $${n} OR o.legal_name ILIKE $${n} OR po.name ILIKE $${n})`);
      joins = `JOIN organization o ON o.id = m.organization_id JOIN sanctions_entry e ON e.id = m.entry_id LEFT JOIN partner_organization po ON po.id = m.partner_organization_id`;
    }
    const filter = where.join(' AND ');
    const m = this.dataSource.manager;
    return readKeysetPage<MatchRow & QueueKey, ScreeningMatchView>({
      columns: SCREENING_QUEUE_ORDER,
      query,
      firstParam: params.length + 1,
      select: async (condition, order, limit, keysetParams) =>
        (await m.query(`${QUEUE_SELECT} WHERE ${filter} AND ${condition} ORDER BY ${order} LIMIT ${limit}`, [...params, ...keysetParams])) as (MatchRow & QueueKey)[],
      keyOf: (r) => [r.k_rank, r.k_neg_score, r.k_raised_at, r.id],
      toItem: (r) => this.view(r),
      count: async (cap) => {
        const [row] = (await m.query(cappedCountSql(`FROM screening_match m ${joins} WHERE ${filter}`, cap), params)) as { n: number }[];
        return row.n;
      },
    });
  }

  async one(auth: AuthenticatedRequestContext, matchId: string, manager: EntityManager = this.dataSource.manager): Promise<ScreeningMatchDetail> {
    const [row] = (await manager.query(`${MATCH_SELECT} WHERE m.id = $1 AND m.agency_id = $2`, [this.id(matchId), auth.user.agencyId])) as DetailRow[];
    if (!row) throw MizanException.notFound('Screening match');
    const entry = await readEntryView(manager, row.entry_id);
    if (!entry) throw MizanException.notFound('Sanctions list entry');
    const view = this.view(row);
    const mayScreen = can(auth.user.roles(), 'sanctions.screen');
    return {
      ...view,
      entry,
      explanation: row.explanation,
      explanationText: explainMatch(row.explanation),
      listVersionId: row.list_version_id,
      proposedAt: iso(row.proposed_at),
      proposalReason: row.proposal_reason,
      resolvedBy: person(row.resolved_by, row.resolved_by_name),
      resolvedAt: iso(row.resolved_at),
      resolutionReason: row.resolution_reason,
      lapsedReason: row.lapsed_reason,
      actions: { resolve: mayScreen && row.state === 'open', second: mayScreen && row.state === 'pending_second' && row.proposed_by !== auth.user.id },
    };
  }

  /**
   * An officer resolves an open match: a false positive below the high score is cleared at once;
   * a confirmation, or a false positive at or above the high score, waits for a second officer.
   */
  async resolve(auth: AuthenticatedRequestContext, matchId: string, input: ScreeningResolutionInput): Promise<ScreeningMatchDetail> {
    const id = this.id(matchId);
    const reason = screeningReason(input.reason);
    const resolution = input.resolution;
    if (resolution !== 'false_positive' && resolution !== 'confirmed') {
      throw new MizanException(ErrorCode.ValidationFailed, 'resolution must be false_positive or confirmed', [{ field: 'resolution', message: 'false_positive or confirmed' }]);
    }
    await this.trail.record(async (manager) => {
      const row = await this.lock(manager, auth, id, input.rowVersion);
      if (row.state !== 'open') throw MizanException.withParams(ErrorCode.ScreeningMatchNotOpen, `The match is ${row.state.replace('_', ' ')}, not open`, { state: row.state });
      const score = Number(row.score);
      const high = score >= this.highScore(row);
      const actor = { id: auth.user.id, label: auth.user.email };
      const base = { actor, agencyId: row.agency_id, entityType: 'screening_match', entityId: id, reason } as const;
      const what = { partyKind: row.party_kind, partyId: row.party_id, organizationId: row.organization_id, screenedName: row.screened_name, reference: row.reference, score };
      let entry: TrailEntry;
      if (resolution === 'false_positive' && !high) {
        await manager.query(`UPDATE screening_match SET state = 'cleared', resolved_by = $2, resolved_at = now(), resolution_reason = $3, row_version = row_version + 1 WHERE id = $1`, [
          id,
          auth.user.id,
          reason,
        ]);
        entry = { ...base, action: 'screening.match_cleared', before: { state: row.state }, after: { state: 'cleared', resolution, ...what, resolvedBy: auth.user.id } };
      } else {
        await manager.query(
          `UPDATE screening_match SET state = 'pending_second', proposed_resolution = $2, proposed_by = $3, proposed_at = now(), proposal_reason = $4, row_version = row_version + 1 WHERE id = $1`,
          [id, resolution, auth.user.id, reason],
        );
        entry = { ...base, action: 'screening.match_proposed', before: { state: row.state }, after: { state: 'pending_second', proposedResolution: resolution, ...what, high, proposedBy: auth.user.id } };
      }
      return { result: undefined, entries: [entry] };
    });
    return this.one(auth, id);
  }

  /** The second officer agrees (the proposal becomes the decision) or sends it back (open again); the proposer is told either way. */
  async second(auth: AuthenticatedRequestContext, matchId: string, input: ScreeningSecondInput): Promise<ScreeningMatchDetail> {
    const id = this.id(matchId);
    const reason = screeningReason(input.reason);
    if (typeof input.agree !== 'boolean') throw new MizanException(ErrorCode.ValidationFailed, 'agree must be true or false', [{ field: 'agree', message: 'true or false' }]);
    await this.trail.record(async (manager) => {
      const row = await this.lock(manager, auth, id, input.rowVersion);
      if (row.state !== 'pending_second') throw MizanException.withParams(ErrorCode.ScreeningMatchNotOpen, `The match is ${row.state.replace('_', ' ')}: nothing waits for a second officer`, { state: row.state });
      if (row.proposed_by === auth.user.id) {
        throw new MizanException(ErrorCode.ScreeningSecondOfficerRequired, 'You proposed this resolution: another officer decides on it');
      }
      const proposer = row.proposed_by as string;
      const proposed = row.proposed_resolution as MatchResolution;
      const actor = { id: auth.user.id, label: auth.user.email };
      const base = { actor, agencyId: row.agency_id, entityType: 'screening_match', entityId: id, reason } as const;
      const what = { partyKind: row.party_kind, partyId: row.party_id, organizationId: row.organization_id, screenedName: row.screened_name, reference: row.reference, score: Number(row.score) };
      let entry: TrailEntry;
      if (input.agree) {
        const to = proposed === 'confirmed' ? 'confirmed' : 'cleared';
        await manager.query(`UPDATE screening_match SET state = $2, resolved_by = $3, resolved_at = now(), resolution_reason = $4, row_version = row_version + 1 WHERE id = $1`, [
          id,
          to,
          auth.user.id,
          reason,
        ]);
        entry = {
          ...base,
          action: to === 'confirmed' ? 'screening.match_confirmed' : 'screening.match_cleared',
          before: { state: row.state, proposedResolution: proposed },
          after: { state: to, resolution: proposed, ...what, proposedBy: proposer, resolvedBy: auth.user.id },
        };
      } else {
        await manager.query(
          `UPDATE screening_match SET state = 'open', proposed_resolution = NULL, proposed_by = NULL, proposed_at = NULL, proposal_reason = NULL, row_version = row_version + 1 WHERE id = $1`,
          [id],
        );
        entry = { ...base, action: 'screening.match_returned', before: { state: row.state, proposedResolution: proposed, proposedBy: proposer }, after: { state: 'open', ...what, returnedBy: auth.user.id } };
      }
      await notifyScreening(manager, {
        to: { userIds: [proposer] },
        kind: input.agree ? 'screening.match_seconded' : 'screening.match_returned',
        message: {
          key: input.agree ? (proposed === 'confirmed' ? 'screening.match_confirmed' : 'screening.match_cleared') : 'screening.match_returned',
          params: { name: row.screened_name, reference: row.reference, actor: auth.user.email, reason },
        },
        entity: { type: 'screening_match', id },
      });
      return { result: undefined, entries: [entry] };
    });
    return this.one(auth, id);
  }

  /** The screening status of an organization of the agency: its matches and its partners' that have not lapsed. */
  async organization(auth: AuthenticatedRequestContext, organizationId: string): Promise<OrganizationScreeningView> {
    const orgId = this.id(organizationId, 'Organization');
    const m = this.dataSource.manager;
    const [org] = (await m.query('SELECT agency_id FROM organization WHERE id = $1', [orgId])) as { agency_id: string }[];
    if (!org || org.agency_id !== auth.user.agencyId) throw MizanException.notFound('Organization');
    const rows = (await m.query(`${MATCH_SELECT} WHERE m.organization_id = $1 AND m.agency_id = $2 AND m.state <> 'lapsed' ORDER BY ${STATE_ORDER}, m.score DESC, m.raised_at, m.id`, [
      orgId,
      auth.user.agencyId,
    ])) as MatchRow[];
    const [latest] = (await m.query(`SELECT id FROM sanctions_list_version WHERE agency_id = $1 AND state = 'done' ORDER BY created_at DESC, id LIMIT 1`, [auth.user.agencyId])) as {
      id: string;
    }[];
    const status = rows.some((r) => r.state === 'confirmed') ? 'confirmed' : rows.some((r) => r.state === 'open' || r.state === 'pending_second') ? 'pending' : 'clear';
    return { organizationId: orgId, status, listVersionId: latest?.id ?? null, matches: rows.map((r) => this.view(r)) };
  }

  private async lock(manager: EntityManager, auth: AuthenticatedRequestContext, id: string, rowVersion: number): Promise<DetailRow> {
    const [locked] = (await manager.query('SELECT id FROM screening_match WHERE id = $1 AND agency_id = $2 FOR UPDATE', [id, auth.user.agencyId])) as { id: string }[];
    if (!locked) throw MizanException.notFound('Screening match');
    const [row] = (await manager.query(`${MATCH_SELECT} WHERE m.id = $1`, [id])) as DetailRow[];
    if (!Number.isInteger(rowVersion) || row.row_version !== rowVersion) {
      throw MizanException.withParams(ErrorCode.StaleScreeningMatch, `The match changed meanwhile (now at version ${row.row_version}): read it again`, { rowVersion: row.row_version });
    }
    return row;
  }

  private highScore(row: Pick<MatchRow, 'high_score'>): number {
    return thresholdsOf(row).highScore;
  }

  private view(r: MatchRow): ScreeningMatchView {
    const score = Number(r.score);
    return {
      id: r.id,
      state: r.state,
      party: {
        kind: r.party_kind,
        id: r.party_id,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        partnerOrganizationId: r.partner_organization_id,
        partnerName: r.partner_name,
      },
      screenedName: r.screened_name,
      entryId: r.entry_id,
      reference: r.reference,
      entryName: r.entry_name,
      entryKind: r.entry_kind,
      score,
      high: score >= this.highScore(r),
      raisedAt: iso(r.raised_at) as string,
      proposedResolution: r.proposed_resolution,
      proposedBy: person(r.proposed_by, r.proposed_by_name),
      rowVersion: r.row_version,
    };
  }

  private id(value: string, what = 'Screening match'): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw MizanException.notFound(what);
    return value.toLowerCase();
  }
}
