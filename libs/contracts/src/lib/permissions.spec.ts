import { PERMISSIONS, ROLE_PERMISSIONS, type Permission, can, permissionsOf } from './permissions';
import { ROLES, STAFF_ROLES, type Role, isRole } from './roles';

/** Every subset of ROLES (2^8 = 256), each in ROLES order. */
const ALL_ROLE_SETS: Role[][] = Array.from({ length: 2 ** ROLES.length }, (_, mask) =>
  ROLES.filter((_role, i) => (mask & (1 << i)) !== 0),
);

const holders = (permission: Permission): Role[] => ROLES.filter((role) => can([role], permission));

describe('ROLES and isRole', () => {
  it('lists each role once', () => {
    expect(new Set(ROLES).size).toBe(ROLES.length);
  });

  it('keeps the stored role names (never rename one)', () => {
    expect([...ROLES]).toEqual(['applicant', 'partner', 'officer', 'reviewer', 'finance', 'auditor', 'admin', 'monitor']);
  });

  it.each(ROLES)('accepts %s', (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['superuser', 'superuser'],
    ['empty string', ''],
    ['undefined', undefined],
    ['null', null],
    ['number 1', 1],
    ['number 0', 0],
    ['boolean', true],
    ['upper case', 'ADMIN'],
    ['capitalized', 'Admin'],
    ['padded', ' admin'],
    ['trailing space', 'admin '],
    ['plural', 'admins'],
    ['prefix', 'adm'],
    ['array holding a role', ['admin']],
    ['object', { role: 'admin' }],
    ['String object', new String('admin')],
    ['prototype key', 'constructor'],
    ['prototype key', 'toString'],
    ['prototype key', '__proto__'],
    ['permission name', 'trail.read'],
  ])('rejects %s (%p)', (_label, value) => {
    expect(isRole(value)).toBe(false);
  });

  it('narrows to Role', () => {
    const value: unknown = 'auditor';
    if (!isRole(value)) throw new Error('expected a role');
    const role: Role = value;
    expect(ROLE_PERMISSIONS[role]).toContain('trail.export');
  });

  it('has staff roles that are all known roles', () => {
    for (const role of STAFF_ROLES) expect(isRole(role)).toBe(true);
    expect(new Set(STAFF_ROLES).size).toBe(STAFF_ROLES.length);
  });
});

describe('PERMISSIONS and ROLE_PERMISSIONS', () => {
  it('lists each permission once', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('maps exactly the known roles', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('grants %s only known permissions, each once', (role) => {
    const granted = ROLE_PERMISSIONS[role];
    for (const permission of granted) expect(PERMISSIONS).toContain(permission);
    expect(new Set(granted).size).toBe(granted.length);
  });

  it('has every permission held by at least one role', () => {
    for (const permission of PERMISSIONS) expect(holders(permission).length).toBeGreaterThan(0);
  });
});

describe('role policy', () => {
  it.each(ROLES)('%s has session.own', (role) => {
    expect(can([role], 'session.own')).toBe(true);
    expect(permissionsOf([role])).toContain('session.own');
  });

  it('gives trail.export to the auditor only', () => {
    expect(holders('trail.export')).toEqual(['auditor']);
  });

  it('gives trail.read and trail.verify to the auditor and the admin only', () => {
    expect(holders('trail.read')).toEqual(['auditor', 'admin']);
    expect(holders('trail.verify')).toEqual(['auditor', 'admin']);
  });

  it('gives user.manage and user.read to the admin only', () => {
    expect(holders('user.manage')).toEqual(['admin']);
    expect(holders('user.read')).toEqual(['admin']);
  });

  it('does not let the admin export the trail', () => {
    expect(can(['admin'], 'trail.export')).toBe(false);
  });

  it('does not let the auditor read or manage users', () => {
    expect(can(['auditor'], 'user.read')).toBe(false);
    expect(can(['auditor'], 'user.manage')).toBe(false);
  });

  it('finance approves and executes payments, keeps rates and reads the ledger, but requests nothing and manages no grant', () => {
    expect(permissionsOf(['finance'])).toEqual(['session.own', 'grant.read', 'payment.approve', 'payment.execute', 'fx.manage', 'ledger.read', 'finance.settings']);
    expect(can(['finance'], 'payment.request')).toBe(false);
    expect(can(['finance'], 'grant.manage')).toBe(false);
  });

  it('keeps payment powers apart: who requests a payment holds no approval or execution by the same role', () => {
    for (const role of ROLES) {
      if (can([role], 'payment.request')) {
        expect(can([role], 'payment.approve')).toBe(false);
        expect(can([role], 'payment.execute')).toBe(false);
      }
    }
  });

  it('a reviewer only reviews', () => {
    expect(permissionsOf(['reviewer'])).toEqual(['session.own', 'review.own']);
  });

  it('gives the intake roles exactly their intake permissions', () => {
    expect(permissionsOf(['applicant'])).toEqual(['session.own', 'call.browse', 'organization.own', 'application.own', 'grant.own']);
    expect(permissionsOf(['partner'])).toEqual(['session.own', 'application.partner', 'grant.partner']);
    expect(permissionsOf(['officer'])).toEqual([
      'session.own',
      'program.manage',
      'screening.manage',
      'due_diligence.review',
      'review.assign',
      'decision.make',
      'outbox.read',
      'grant.manage',
      'grant.read',
      'payment.request',
      'ledger.read',
      'monitoring.manage',
      'red_flag.manage',
      'audit.plan',
      'sanctions.screen',
      'transparency.manage',
    ]);
  });

  it('a monitor only records visits on the grants assigned to them', () => {
    expect(permissionsOf(['monitor'])).toEqual(['session.own', 'monitoring.visit']);
    expect(holders('monitoring.visit')).toEqual(['monitor']);
    expect(holders('monitoring.manage')).toEqual(['officer']);
  });

  it('keeps intake powers apart: no applicant screens, no officer applies', () => {
    for (const role of ROLES) {
      if (can([role], 'application.own')) expect(can([role], 'screening.manage')).toBe(false);
      if (can([role], 'screening.manage')) expect(can([role], 'application.own')).toBe(false);
    }
  });

  it('gives the auditor no agency-wide grant or ledger read (their reads go through audit.conduct and the engagement scope)', () => {
    expect(can(['auditor'], 'grant.read')).toBe(false);
    expect(can(['auditor'], 'ledger.read')).toBe(false);
    expect(can(['auditor'], 'audit.conduct')).toBe(true);
  });

  it('gives auditor and admin their exact permission lists', () => {
    expect(permissionsOf(['auditor'])).toEqual(['session.own', 'trail.read', 'trail.verify', 'trail.export', 'audit.conduct']);
    expect(permissionsOf(['admin'])).toEqual(['session.own', 'trail.read', 'trail.verify', 'user.read', 'user.manage', 'outbox.read', 'audit.plan', 'sanctions.screen', 'transparency.manage']);
  });
});

describe('permissionsOf', () => {
  it('gives nothing for no roles', () => {
    expect(permissionsOf([])).toEqual([]);
  });

  it('gives the union of several roles in PERMISSIONS order', () => {
    expect(permissionsOf(['admin', 'auditor'])).toEqual([
      'session.own',
      'trail.read',
      'trail.verify',
      'trail.export',
      'user.read',
      'user.manage',
      'outbox.read',
      'audit.plan',
      'audit.conduct',
      'sanctions.screen',
      'transparency.manage',
    ]);
    expect(permissionsOf(['auditor', 'admin'])).toEqual(permissionsOf(['admin', 'auditor']));
    expect(permissionsOf([...ROLES])).toEqual([...PERMISSIONS]);
    expect(permissionsOf(['officer', 'auditor'])).toEqual([
      'session.own',
      'trail.read',
      'trail.verify',
      'trail.export',
      'program.manage',
      'screening.manage',
      'due_diligence.review',
      'review.assign',
      'decision.make',
      'outbox.read',
      'grant.manage',
      'grant.read',
      'payment.request',
      'ledger.read',
      'monitoring.manage',
      'red_flag.manage',
      'audit.plan',
      'audit.conduct',
      'sanctions.screen',
      'transparency.manage',
    ]);
  });

  it('gives the union, in PERMISSIONS order and without duplicates, for every set of roles', () => {
    for (const roles of ALL_ROLE_SETS) {
      const expected = PERMISSIONS.filter((p) => roles.some((role) => ROLE_PERMISSIONS[role].includes(p)));
      const actual = permissionsOf(roles);
      expect(actual).toEqual(expected);
      expect(new Set(actual).size).toBe(actual.length);
      const positions = actual.map((p) => PERMISSIONS.indexOf(p));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('does not depend on role order or repeated roles', () => {
    for (const roles of ALL_ROLE_SETS) {
      const expected = permissionsOf(roles);
      expect(permissionsOf([...roles].reverse())).toEqual(expected);
      expect(permissionsOf([...roles, ...roles])).toEqual(expected);
    }
  });

  it('is monotonic: adding a role never removes a permission', () => {
    for (const roles of ALL_ROLE_SETS) {
      const base = permissionsOf(roles);
      for (const extra of ROLES) {
        const widened = permissionsOf([...roles, extra]);
        for (const permission of base) expect(widened).toContain(permission);
      }
    }
  });

  it('returns a fresh array that the caller may change', () => {
    const first = permissionsOf(['admin']);
    first.push('trail.export');
    expect(permissionsOf(['admin'])).not.toContain('trail.export');
    expect(ROLE_PERMISSIONS.admin).not.toContain('trail.export');
  });

  it('ignores an unknown role that slipped past the type system', () => {
    const unknown = 'superuser' as unknown as Role;
    expect(permissionsOf([unknown])).toEqual([]);
    expect(permissionsOf([unknown, 'auditor'])).toEqual(permissionsOf(['auditor']));
  });
});

describe('can', () => {
  it('agrees with permissionsOf for every role × permission', () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect(can([role], permission)).toBe(permissionsOf([role]).includes(permission));
        expect(can([role], permission)).toBe(ROLE_PERMISSIONS[role].includes(permission));
      }
    }
  });

  it('agrees with permissionsOf for every set of roles × permission', () => {
    for (const roles of ALL_ROLE_SETS) {
      const granted = permissionsOf(roles);
      for (const permission of PERMISSIONS) {
        expect(can(roles, permission)).toBe(granted.includes(permission));
      }
    }
  });

  it('denies everything to no roles', () => {
    for (const permission of PERMISSIONS) expect(can([], permission)).toBe(false);
  });

  it('denies everything to an unknown role that slipped past the type system', () => {
    const unknown = 'superuser' as unknown as Role;
    for (const permission of PERMISSIONS) expect(can([unknown], permission)).toBe(false);
  });
});
