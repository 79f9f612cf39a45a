import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PartyKind } from '@mizan/contracts';
import { nameKey, screenName, type PartyNameKind } from '@mizan/domain';
import { TrailActor, TrailService } from '@mizan/server/trail';
import { CurrentScreeningList, ScreeningIndexCache } from './screening-index.cache';
import { notifyScreening } from '../screening-notifications';
import { screeningThresholds } from './screening-thresholds';

/** A row of the view screening_party. */
export interface ScreeningPartyRow {
  party_kind: PartyKind;
  party_id: string;
  name: string | null;
  name_kind: PartyNameKind;
  organization_id: string;
  partner_organization_id: string | null;
}

export interface ScreeningOutcome {
  /** Party names screened. */
  screened: number;
  /** New matches (pairs never raised before). */
  raised: number;
  /** Undecided matches that lapsed (name or entry changed, entry left the list). */
  lapsed: number;
  /** The list version screened against, null when no list is imported yet (nothing was done). */
  listVersionId: string | null;
}

export type ScreeningProgress = (percent: number) => Promise<void>;

/** Who screening writes on the trail when no person asked for it. */
export const SCREENING_ACTOR: TrailActor = { id: null, label: 'screening' };

const PARTY_COLUMNS = 'party_kind, party_id, name, name_kind, organization_id, partner_organization_id';
/** Candidates kept per party name (all at or above the threshold, best first). */
const CANDIDATES_PER_NAME = 50;
const INSERT_BATCH = 500;

type LapseReason = 'name_changed' | 'entry_removed' | 'entry_changed' | 'party_removed';

interface NewMatch {
  party: ScreeningPartyRow;
  name: string;
  key: string;
  entryPos: number;
  score: number;
  explanation: unknown;
}

/**
 * Screens parties (rows of the view screening_party) against the agency's current list,
 * in the caller's transaction: a candidate at or above the agency's threshold becomes a
 * screening_match unless that pair (party, name, entry, entry content) is already raised and
 * not lapsed (uq_screening_match_pair) — which keeps a cleared pair from coming back unless the
 * name or the entry changes —
 * and undecided matches whose name or entry no longer holds lapse. Every new and lapsed
 * match is on the trail in the same transaction. No list imported yet: nothing happens.
 */
@Injectable()
export class PartyScreeningService {
  constructor(
    private readonly cache: ScreeningIndexCache,
    private readonly trail: TrailService,
  ) {}

  /** An organization and everyone screened with it: its account holder, members, partners, their contacts and members, its grants' suppliers. */
  screenOrganization(manager: EntityManager, agencyId: string, organizationId: string, actor: TrailActor = SCREENING_ACTOR): Promise<ScreeningOutcome> {
    return this.screenScope(manager, agencyId, { sql: 'organization_id = $2', params: [organizationId], matchSql: 'm.organization_id = $2' }, actor);
  }

  /**
   * The suppliers named on a grant's expenditure lines. With `onlyNames` (a supplier just added):
   * only those names are screened and nothing lapses (adding a line removes no name).
   */
  async screenGrantSuppliers(manager: EntityManager, grantId: string, actor: TrailActor = SCREENING_ACTOR, onlyNames?: readonly string[]): Promise<ScreeningOutcome> {
    const [grant] = (await manager.query('SELECT agency_id FROM grant_award WHERE id = $1', [grantId])) as { agency_id: string }[];
    if (!grant) return { screened: 0, raised: 0, lapsed: 0, listVersionId: null };
    const scope = onlyNames
      ? { sql: `party_kind = 'supplier' AND party_id = $2 AND name = ANY($3::text[])`, params: [grantId, [...onlyNames]], matchSql: 'false', lapse: false }
      : { sql: `party_kind = 'supplier' AND party_id = $2`, params: [grantId], matchSql: `m.party_kind = 'supplier' AND m.party_id = $2` };
    return this.screenScope(manager, grant.agency_id, scope, actor);
  }

  /** Every party of the agency (a screening run): one query for the parties, scoring in memory, inserts in batches. */
  screenAll(manager: EntityManager, agencyId: string, progress: ScreeningProgress = async () => undefined, actor: TrailActor = SCREENING_ACTOR): Promise<ScreeningOutcome> {
    return this.screenScope(manager, agencyId, { sql: 'true', params: [], matchSql: 'true' }, actor, progress);
  }

  private async screenScope(
    manager: EntityManager,
    agencyId: string,
    scope: { sql: string; params: unknown[]; matchSql: string; lapse?: boolean },
    actor: TrailActor,
    progress?: ScreeningProgress,
  ): Promise<ScreeningOutcome> {
    const list = await this.cache.current(manager, agencyId);
    if (!list) return { screened: 0, raised: 0, lapsed: 0, listVersionId: null };
    const { threshold } = await screeningThresholds(manager, agencyId);
    const parties = (await manager.query(`SELECT ${PARTY_COLUMNS} FROM screening_party WHERE agency_id = $1 AND ${scope.sql}`, [agencyId, ...scope.params])) as ScreeningPartyRow[];
    await progress?.(10);

    // Score in memory: each distinct (name, kind) once.
    const found: NewMatch[] = [];
    const memo = new Map<string, ReturnType<typeof screenName>>();
    let screened = 0;
    let step = 0;
    for (const party of parties) {
      step++;
      const name = (party.name ?? '').trim();
      const key = nameKey(name);
      if (!key) continue;
      screened++;
      const memoKey = `${party.name_kind}\u0000${name}`;
      let candidates = memo.get(memoKey);
      if (!candidates) {
        candidates = screenName(list.index, name, party.name_kind, { minScore: threshold, limit: CANDIDATES_PER_NAME });
        memo.set(memoKey, candidates);
      }
      for (const c of candidates) {
        if (c.score < threshold) continue;
        found.push({ party, name, key, entryPos: c.entryIndex, score: c.score, explanation: c.explanation });
      }
      if (progress && step % 500 === 0) await progress(10 + Math.floor((step * 70) / parties.length));
    }
    await progress?.(80);

    const lapsed = scope.lapse === false ? 0 : await this.lapse(manager, agencyId, scope, parties, list, actor);
    const raised = await this.insert(manager, agencyId, list, found, actor);
    await progress?.(95);
    return { screened, raised: raised.length, lapsed, listVersionId: list.versionId };
  }

  /** Undecided matches in the scope whose party name, or whose entry, no longer is what was screened. */
  private async lapse(
    manager: EntityManager,
    agencyId: string,
    scope: { params: unknown[]; matchSql: string },
    parties: ScreeningPartyRow[],
    list: CurrentScreeningList,
    actor: TrailActor,
  ): Promise<number> {
    const open = (await manager.query(
      `SELECT m.id, m.party_kind, m.party_id, m.name_key, m.entry_id, m.entry_hash, m.state FROM screening_match m
        WHERE m.agency_id = $1 AND m.state IN ('open','pending_second') AND ${scope.matchSql}`,
      [agencyId, ...scope.params],
    )) as { id: string; party_kind: string; party_id: string; name_key: string; entry_id: string; entry_hash: string; state: string }[];
    if (open.length === 0) return 0;
    const keysOf = new Map<string, Set<string>>();
    for (const p of parties) {
      const k = `${p.party_kind}:${p.party_id}`;
      let set = keysOf.get(k);
      if (!set) keysOf.set(k, (set = new Set()));
      const key = nameKey((p.name ?? '').trim());
      if (key) set.add(key);
    }
    let count = 0;
    for (const m of open) {
      const pos = list.positionOf.get(m.entry_id);
      const keys = keysOf.get(`${m.party_kind}:${m.party_id}`);
      let reason: LapseReason | null = null;
      if (pos === undefined) reason = 'entry_removed';
      else if (list.entryHashes[pos] !== m.entry_hash.trim()) reason = 'entry_changed';
      else if (!keys || keys.size === 0) reason = 'party_removed';
      else if (!keys.has(m.name_key)) reason = 'name_changed';
      if (!reason) continue;
      // Only while still undecided: an officer's decision committed meanwhile stands.
      const updated = (await manager.query(
        `UPDATE screening_match SET state = 'lapsed', lapsed_reason = $2, row_version = row_version + 1 WHERE id = $1 AND state IN ('open','pending_second') RETURNING id`,
        [m.id, reason],
      )) as [unknown[], number];
      if (updated[1] === 0) continue;
      await this.trail.append(manager, {
        actor,
        agencyId,
        action: 'screening.match_lapsed',
        entityType: 'screening_match',
        entityId: m.id,
        before: { state: m.state },
        after: { state: 'lapsed', lapsedReason: reason, listVersionId: list.versionId },
      });
      count++;
    }
    return count;
  }

  private async insert(manager: EntityManager, agencyId: string, list: CurrentScreeningList, found: NewMatch[], actor: TrailActor): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < found.length; i += INSERT_BATCH) {
      const batch = found.slice(i, i + INSERT_BATCH);
      const rows = (await manager.query(
        `INSERT INTO screening_match (agency_id, party_kind, party_id, organization_id, partner_organization_id, screened_name, name_key, entry_id, entry_hash, list_version_id, score, explanation)
         SELECT $1, t.party_kind, t.party_id, t.organization_id, t.partner_organization_id, t.screened_name, t.name_key, t.entry_id, t.entry_hash, $2, t.score, t.explanation
           FROM jsonb_to_recordset($3::jsonb) AS t(party_kind text, party_id uuid, organization_id uuid, partner_organization_id uuid, screened_name text, name_key text,
                                                   entry_id uuid, entry_hash text, score numeric, explanation jsonb)
         ON CONFLICT (agency_id, party_kind, party_id, name_key, entry_id, entry_hash) WHERE state <> 'lapsed' DO NOTHING
         RETURNING id, party_kind, party_id, organization_id, partner_organization_id, screened_name, entry_id, score::float8 AS score`,
        [
          agencyId,
          list.versionId,
          JSON.stringify(
            batch.map((f) => ({
              party_kind: f.party.party_kind,
              party_id: f.party.party_id,
              organization_id: f.party.organization_id,
              partner_organization_id: f.party.partner_organization_id,
              screened_name: f.name,
              name_key: f.key,
              entry_id: list.entryIds[f.entryPos],
              entry_hash: list.entryHashes[f.entryPos],
              score: f.score,
              explanation: f.explanation,
            })),
          ),
        ],
      )) as { id: string; party_kind: string; party_id: string; organization_id: string; partner_organization_id: string | null; screened_name: string; entry_id: string; score: number }[];
      for (const r of rows) {
        const pos = list.positionOf.get(r.entry_id) as number;
        await this.trail.append(manager, {
          actor,
          agencyId,
          action: 'screening.match_raised',
          entityType: 'screening_match',
          entityId: r.id,
          after: {
            state: 'open',
            partyKind: r.party_kind,
            partyId: r.party_id,
            organizationId: r.organization_id,
            partnerOrganizationId: r.partner_organization_id,
            screenedName: r.screened_name,
            reference: list.entries[pos].reference,
            entryId: r.entry_id,
            score: Number(r.score),
            listVersionId: list.versionId,
          },
        });
        ids.push(r.id);
      }
    }
    return ids;
  }

  /** Tells the agency's officers in-app that `count` new potential matches wait in the queue (one notification each, in the caller's transaction). */
  async notifyOfficers(manager: EntityManager, agencyId: string, count: number, entity: { type: string; id: string }): Promise<number> {
    if (count <= 0) return 0;
    return notifyScreening(manager, { to: { officersOf: agencyId }, kind: 'screening.matches_raised', message: { key: 'screening.matches_raised', params: { count } }, entity });
  }
}
