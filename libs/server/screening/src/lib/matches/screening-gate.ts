import { EntityManager } from 'typeorm';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';

/**
 * Where money moves (issue 13): a grant may not be countersigned, nor its payments approved,
 * while any party to it has a potential sanctions match that is unresolved (open or waiting for
 * a second officer) or confirmed. The parties of a grant are its organization (the organization,
 * its bank account holder, its members), the partner organizations of its application (and their
 * people) and the suppliers named on its expenditure lines.
 */
export interface BlockingMatch {
  id: string;
  state: 'open' | 'pending_second' | 'confirmed';
  screenedName: string;
}

export interface ScreeningBlock {
  code: 'SCREENING_MATCH_UNRESOLVED' | 'SCREENING_MATCH_CONFIRMED';
  count: number;
  /** Distinct screened names, comma-separated, at most NAMES_SHOWN then "…". */
  names: string;
}

/** How many names a block spells out. */
export const SCREENING_BLOCK_NAMES_SHOWN = 5;

const BLOCKING_SQL = `
  SELECT m.id, m.state, m.screened_name, g.id AS grant_id
    FROM grant_award g
    JOIN screening_match m ON m.agency_id = g.agency_id
   WHERE g.id = ANY($1::uuid[])
     AND m.state IN ('open','pending_second','confirmed')
     AND (
          (m.party_kind IN ('organization','account_holder','organization_member') AND m.organization_id = g.organization_id)
       OR (m.partner_organization_id IS NOT NULL
           AND m.party_kind IN ('partner','partner_contact','partner_member')
           AND m.partner_organization_id IN (SELECT ap.partner_organization_id FROM application_partner ap WHERE ap.application_id = g.application_id))
       OR (m.party_kind = 'supplier' AND m.party_id = g.id)
     )
   ORDER BY m.raised_at, m.id`;

/** The matches that block a grant (open, waiting for a second officer, or confirmed), oldest first. */
export async function partiesBlocking(manager: EntityManager, grantId: string): Promise<BlockingMatch[]> {
  return (await blockingOfGrants(manager, [grantId])).get(grantId) ?? [];
}

async function blockingOfGrants(manager: EntityManager, grantIds: readonly string[]): Promise<Map<string, BlockingMatch[]>> {
  const out = new Map<string, BlockingMatch[]>();
  if (grantIds.length === 0) return out;
  const rows = (await manager.query(BLOCKING_SQL, [[...new Set(grantIds)]])) as { id: string; state: BlockingMatch['state']; screened_name: string; grant_id: string }[];
  for (const r of rows) out.set(r.grant_id, [...(out.get(r.grant_id) ?? []), { id: r.id, state: r.state, screenedName: r.screened_name }]);
  return out;
}

/** Distinct names, comma-separated, at most SCREENING_BLOCK_NAMES_SHOWN then "…". */
export function blockNames(matches: readonly BlockingMatch[]): string {
  const names = [...new Set(matches.map((m) => m.screenedName))];
  const shown = names.slice(0, SCREENING_BLOCK_NAMES_SHOWN).join(', ');
  return names.length > SCREENING_BLOCK_NAMES_SHOWN ? `${shown}, …` : shown;
}

/** What blocks: any confirmed match first (a confirmed listing), else the unresolved ones; null when nothing does. */
export function screeningBlockOf(matches: readonly BlockingMatch[]): ScreeningBlock | null {
  const confirmed = matches.filter((m) => m.state === 'confirmed');
  if (confirmed.length) return { code: 'SCREENING_MATCH_CONFIRMED', count: confirmed.length, names: blockNames(confirmed) };
  if (matches.length) return { code: 'SCREENING_MATCH_UNRESOLVED', count: matches.length, names: blockNames(matches) };
  return null;
}

/** The block of each grant (null when none), for views listing many payments. */
export async function screeningBlocks(manager: EntityManager, grantIds: readonly string[]): Promise<Map<string, ScreeningBlock | null>> {
  const blocking = await blockingOfGrants(manager, grantIds);
  return new Map(grantIds.map((id) => [id, screeningBlockOf(blocking.get(id) ?? [])]));
}

/** Throws SCREENING_MATCH_CONFIRMED or SCREENING_MATCH_UNRESOLVED (409 {count, names}) when a match blocks the grant. */
export async function assertGrantMayProceed(manager: EntityManager, grantId: string): Promise<void> {
  const block = screeningBlockOf(await partiesBlocking(manager, grantId));
  if (!block) return;
  if (block.code === 'SCREENING_MATCH_CONFIRMED') {
    throw MizanException.withParams(ErrorCode.ScreeningMatchConfirmed, `A party to this grant is confirmed on a sanctions list (${block.names}): no money may move`, {
      count: block.count,
      names: block.names,
    });
  }
  throw MizanException.withParams(
    ErrorCode.ScreeningMatchUnresolved,
    `${block.count} potential sanctions match${block.count === 1 ? '' : 'es'} of parties to this grant (${block.names}) must be resolved first`,
    { count: block.count, names: block.names },
  );
}
