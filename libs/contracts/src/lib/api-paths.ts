/** Route paths under the `/api/v1` prefix, shared by the api controllers and the web client. */
export const API_PREFIX = '/api/v1';

export const ApiPaths = {
  health: 'health',
  signIn: 'auth/sign-in',
  signOut: 'auth/sign-out',
  session: 'auth/session',
  /** Who is signed in, if anyone: always 200 (a signed-out visitor is not an error), unlike `session`'s 401. */
  sessionProbe: 'auth/session/probe',
  /** The signed-in user's own language (PUT). */
  language: 'auth/language',
  trail: 'trail',
  trailVerification: 'trail/verifications',
  trailExports: 'trail/exports',
  users: 'users',
} as const;

export const SESSION_COOKIE = 'mizan_session';
