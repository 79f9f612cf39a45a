import { API_PREFIX, IntakePaths } from '@mizan/contracts';

export type IntakePath = (typeof IntakePaths)[keyof typeof IntakePaths];

/** `intakeUrl(IntakePaths.organizations, id, 'partners')` → `/api/v1/organizations/<id>/partners`; segments are URI-encoded. */
export function intakeUrl(path: IntakePath, ...segments: string[]): string {
  const tail = segments.map((s) => `/${encodeURIComponent(s)}`).join('');
  return `${API_PREFIX}/${path}${tail}`;
}
