import { DataSource } from 'typeorm';

export type GrantFixtureState = 'draft' | 'awaiting_signature' | 'awaiting_countersignature' | 'active' | 'suspended' | 'closed' | 'cancelled';

/**
 * Walks a grant row born as a draft (as the database requires) along its life
 * to `target`, the way the grants service does — sent, signed by the grantee,
 * countersigned by another person — so fixtures pass the same guards
 * (grant_award_guard) as the api. For tests and benchmarks only.
 */
export async function walkGrantTo(ds: DataSource, grantId: string, target: GrantFixtureState, people: { signedBy: string; countersignedBy: string }): Promise<void> {
  if (target === 'draft') return;
  if (target === 'cancelled') {
    await ds.query(`UPDATE grant_award SET state = 'cancelled' WHERE id = $1`, [grantId]);
    return;
  }
  await ds.query(`UPDATE grant_award SET state = 'awaiting_signature', signatory_user_id = $2 WHERE id = $1`, [grantId, people.signedBy]);
  if (target === 'awaiting_signature') return;
  await ds.query(`UPDATE grant_award SET state = 'awaiting_countersignature', signed_by = $2, signed_name = 'Signatory', signed_at = now() WHERE id = $1`, [
    grantId,
    people.signedBy,
  ]);
  if (target === 'awaiting_countersignature') return;
  await ds.query(`UPDATE grant_award SET state = 'active', countersigned_by = $2, countersigned_at = now() WHERE id = $1`, [grantId, people.countersignedBy]);
  if (target === 'active') return;
  await ds.query(`UPDATE grant_award SET state = $2 WHERE id = $1`, [grantId, target]);
}
