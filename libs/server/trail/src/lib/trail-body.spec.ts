import { TRAIL_BODY_COLUMNS, trailBodyProblem } from './trail-body';

const intact = () => Object.entries(TRAIL_BODY_COLUMNS).map(([name, expression]) => ({ name, expression }));

describe('trailBodyProblem: the members must still be generated from the body', () => {
  it('accepts the table as the migration made it', () => {
    expect(trailBodyProblem(intact())).toBeNull();
    expect(Object.keys(TRAIL_BODY_COLUMNS)).toEqual(
      expect.arrayContaining(['occurred_at', 'agency_id', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after', 'reason', 'hash_version', 'chain_seq']),
    );
  });

  it('names a member that is missing, no longer generated, or generated otherwise', () => {
    expect(trailBodyProblem(intact().filter((c) => c.name !== 'action'))).toBe("the trail's table was altered: its column action is missing");
    expect(trailBodyProblem(intact().map((c) => (c.name === 'after' ? { ...c, expression: null } : c)))).toMatch(/its column after is no longer computed from the hashed record/);
    expect(trailBodyProblem(intact().map((c) => (c.name === 'reason' ? { ...c, expression: "'x'::text" } : c)))).toMatch(/its column reason is computed as 'x'::text, not from the hashed record/);
  });
});
