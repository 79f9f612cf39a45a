/**
 * Everything a request's access check needs, in one statement: the session (by its token's HMAC, not revoked), its
 * user, the user's roles (sorted) and the user's agency. Run on every authenticated request, against the database,
 * so a sign-out, a deactivation or a role change is seen by the very next request on every api process.
 * The benchmark's bare baseline (tools/bench/api-overhead-server.ts) runs this same text.
 */
export const SESSION_RESOLVE_SQL = `
  SELECT s.id, s.user_id, s.token_hash, s.created_at, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at, s.revoked_at,
         s.client_ip, s.user_agent, s.stage, s.reauthenticated_at,
         u.agency_id, u.email, u.display_name, u.password_hash, u.active, u.language, u.created_at AS user_created_at,
         COALESCE((SELECT array_agg(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id), '{}'::text[]) AS roles,
         a.name AS agency_name, a.slug AS agency_slug, a.country_code AS agency_country_code,
         a.requires_two_factor AS agency_requires_two_factor, a.created_at AS agency_created_at
    FROM user_session s
    JOIN app_user u ON u.id = s.user_id
    JOIN agency a ON a.id = u.agency_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL`;

/** One row of SESSION_RESOLVE_SQL as pg returns it (timestamptz → Date, text[] → string[]). */
export interface SessionResolveRow {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  revoked_at: Date | null;
  client_ip: string | null;
  user_agent: string | null;
  stage: string;
  reauthenticated_at: Date | null;
  agency_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  active: boolean;
  language: string | null;
  user_created_at: Date;
  roles: string[];
  agency_name: string;
  agency_slug: string;
  agency_country_code: string;
  agency_requires_two_factor: boolean;
  agency_created_at: Date;
}
