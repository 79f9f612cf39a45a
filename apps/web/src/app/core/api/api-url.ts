import { API_PREFIX, ApiPaths } from '@mizan/contracts';

export type ApiPath = (typeof ApiPaths)[keyof typeof ApiPaths];

/** `apiUrl(ApiPaths.trail)` → `/api/v1/trail`; extra segments are URI-encoded. */
export function apiUrl(path: ApiPath, ...segments: string[]): string {
  const tail = segments.map((s) => `/${encodeURIComponent(s)}`).join('');
  return `${API_PREFIX}/${path}${tail}`;
}

export function isApiUrl(url: string): boolean {
  return url.startsWith(`${API_PREFIX}/`);
}
