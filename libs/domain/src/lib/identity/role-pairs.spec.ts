import { ROLE_PAIRS, checkRolePairs } from './role-pairs';

describe('role pairs (segregation of duties between roles)', () => {
  it('refuses the auditor beside finance, officer or reviewer', () => {
    expect(checkRolePairs(['finance', 'auditor']).refused.map((p) => p.id)).toEqual(['auditor+finance']);
    expect(checkRolePairs(['auditor', 'officer']).refused.map((p) => p.id)).toEqual(['auditor+officer']);
    expect(checkRolePairs(['reviewer', 'auditor']).refused.map((p) => p.id)).toEqual(['auditor+reviewer']);
    expect(checkRolePairs(['finance', 'officer', 'auditor']).refused.map((p) => p.id)).toEqual(['auditor+finance', 'auditor+officer']);
  });

  it('a refused pair stays refused even if the user already held it', () => {
    expect(checkRolePairs(['finance', 'auditor'], ['finance', 'auditor']).refused).toHaveLength(1);
  });

  it('asks a reason for officer+reviewer, officer+finance and admin+auditor, only when the pair is new', () => {
    expect(checkRolePairs(['officer', 'reviewer']).needReason.map((p) => p.id)).toEqual(['officer+reviewer']);
    expect(checkRolePairs(['officer', 'finance'], ['officer']).needReason.map((p) => p.id)).toEqual(['finance+officer']);
    expect(checkRolePairs(['admin', 'auditor']).needReason.map((p) => p.id)).toEqual(['admin+auditor']);
    expect(checkRolePairs(['officer', 'reviewer', 'admin'], ['officer', 'reviewer']).needReason).toEqual([]);
    expect(checkRolePairs(['officer', 'reviewer']).refused).toEqual([]);
  });

  it('refuses the monitor beside officer, finance, auditor, applicant or partner', () => {
    for (const other of ['officer', 'finance', 'auditor', 'applicant', 'partner']) {
      const ids = [other, 'monitor'].sort().join('+');
      expect(checkRolePairs(['monitor', other]).refused.map((p) => p.id)).toEqual([ids]);
      expect(checkRolePairs([other, 'monitor'], [other, 'monitor']).refused.map((p) => p.id)).toEqual([ids]);
    }
    expect(checkRolePairs(['monitor', 'applicant', 'partner']).refused.map((p) => p.id)).toEqual(['applicant+monitor', 'monitor+partner']);
  });

  it('lets a monitor also review or administer', () => {
    expect(checkRolePairs(['monitor'])).toEqual({ refused: [], needReason: [] });
    expect(checkRolePairs(['monitor', 'reviewer'])).toEqual({ refused: [], needReason: [] });
    expect(checkRolePairs(['monitor', 'admin'])).toEqual({ refused: [], needReason: [] });
  });

  it('has nothing to say about roles that go together', () => {
    for (const roles of [[], ['applicant'], ['applicant', 'finance'], ['applicant', 'reviewer'], ['admin', 'officer'], ['reviewer', 'finance']]) {
      expect(checkRolePairs(roles)).toEqual({ refused: [], needReason: [] });
    }
  });

  it('names each pair once, in alphabetical order', () => {
    const ids = ROLE_PAIRS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of ROLE_PAIRS) expect(p.id).toBe([...p.roles].sort().join('+'));
  });
});
