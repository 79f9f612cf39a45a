import { permissionsOf, type Role, type SessionInfo } from '@mizan/contracts';

/** A session as the api would return it for a user holding `roles`. */
export function sessionFor(
  roles: Role[],
  displayName = 'Test User',
): SessionInfo {
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'test@demo.mizan.local',
      displayName,
      roles,
      agencyId: '00000000-0000-4000-8000-0000000000aa',
      agencyName: 'Demo Agency',
      language: 'en',
    },
    permissions: permissionsOf(roles),
    idleExpiresAt: '2099-01-01T00:00:00.000Z',
    absoluteExpiresAt: '2099-01-01T00:00:00.000Z',
    stage: 'full',
  };
}
