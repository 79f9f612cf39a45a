import { DataSource } from 'typeorm';
import type { Role } from '@mizan/contracts';
import { ROLES } from '@mizan/contracts';
import { Agency, User, UserRole, hashPassword } from '@mizan/server/identity';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SeededAgency {
  agency: Agency;
  /** One user per role, keyed by role. */
  users: Record<Role, User>;
}

let cachedHash: Promise<string> | undefined;

/** An agency with one user per role (emails `<role>@<slug>.test`). Written directly: tests of the trail start from an empty chain. */
export async function seedAgency(dataSource: DataSource, slug: string): Promise<SeededAgency> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await cachedHash;
  const agency = await dataSource.getRepository(Agency).save({ name: `Agency ${slug}`, slug, countryCode: 'SE' });
  const users = {} as Record<Role, User>;
  for (const role of ROLES) {
    const user = await dataSource.getRepository(User).save({
      agencyId: agency.id,
      email: `${role}@${slug}.test`,
      displayName: `${role} of ${slug}`,
      passwordHash,
      active: true,
    });
    await dataSource.getRepository(UserRole).insert({ userId: user.id, role });
    users[role] = user;
  }
  return { agency, users };
}
