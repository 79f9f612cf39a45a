import { DataSource } from 'typeorm';
import type { Role } from '@mizan/contracts';
import { Agency, User, UserRole, hashPassword } from '@mizan/server/identity';
import { SYSTEM_ACTOR, TrailEntry, TrailService } from '@mizan/server/trail';

export const DEMO_PASSWORD = 'mizan-demo-2026';
export const DEMO_AGENCY = { slug: 'demo-ministry', name: 'Ministry for Foreign Affairs — Co-Development Unit (demo)', countryCode: 'SE' };

export const DEMO_USERS: { email: string; displayName: string; roles: Role[] }[] = [
  { email: 'applicant@demo.mizan.local', displayName: 'Layla Hassan', roles: ['applicant'] },
  { email: 'applicant2@demo.mizan.local', displayName: 'Yusuf Al-Mosuli', roles: ['applicant'] },
  { email: 'partner@demo.mizan.local', displayName: 'Omar Al-Basri', roles: ['partner'] },
  { email: 'partner2@demo.mizan.local', displayName: 'Noor Younis', roles: ['partner'] },
  { email: 'officer@demo.mizan.local', displayName: 'Karin Lindqvist', roles: ['officer'] },
  { email: 'officer2@demo.mizan.local', displayName: 'Johan Ek', roles: ['officer'] },
  { email: 'reviewer@demo.mizan.local', displayName: 'Dr. Samir Yousif', roles: ['reviewer'] },
  { email: 'reviewer2@demo.mizan.local', displayName: 'Prof. Huda Kareem', roles: ['reviewer'] },
  { email: 'reviewer3@demo.mizan.local', displayName: 'Dr. Lars Holm', roles: ['reviewer'] },
  { email: 'finance@demo.mizan.local', displayName: 'Erik Johansson', roles: ['finance'] },
  // A second finance officer, so the four eyes on payments above the agency threshold can be tried by hand.
  { email: 'finance2@demo.mizan.local', displayName: 'Sara Nilsson', roles: ['finance'] },
  { email: 'auditor@demo.mizan.local', displayName: 'Maria Svensson', roles: ['auditor'] },
  { email: 'admin@demo.mizan.local', displayName: 'Anna Berg', roles: ['admin'] },
  // A third-party monitoring firm's user (issue 11): sees only the grants assigned to them.
  { email: 'monitor@demo.mizan.local', displayName: 'Ali Kadhim (Tigris Monitoring)', roles: ['monitor'] },
];

/** Creates the demo agency and one user per role; does nothing if the agency exists. Every creation is on the trail. */
export async function seedDemo(dataSource: DataSource): Promise<{ created: boolean }> {
  const existing = await dataSource.getRepository(Agency).findOneBy({ slug: DEMO_AGENCY.slug });
  if (existing) return { created: false };
  const trail = new TrailService(dataSource);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await trail.record(async (manager) => {
    const agency = manager.create(Agency, DEMO_AGENCY);
    await manager.save(agency);
    const entries: TrailEntry[] = [
      { actor: SYSTEM_ACTOR, agencyId: agency.id, action: 'agency.created', entityType: 'agency', entityId: agency.id, after: DEMO_AGENCY, reason: 'demo seed' },
    ];
    for (const demo of DEMO_USERS) {
      const user = manager.create(User, { agencyId: agency.id, email: demo.email, displayName: demo.displayName, passwordHash, active: true });
      await manager.save(user);
      await manager.insert(UserRole, demo.roles.map((role) => ({ userId: user.id, role })));
      entries.push({
        actor: SYSTEM_ACTOR,
        agencyId: agency.id,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { email: demo.email, displayName: demo.displayName, roles: demo.roles, active: true } as never,
        reason: 'demo seed',
      });
    }
    return { result: undefined, entries };
  });
  return { created: true };
}
