import { ApiHarness } from '../../testing/api-harness';

let references = 0;

/**
 * An engagement in fieldwork with one auditor on it, written straight to the database (the engagements api is
 * its own helper's business): what the scope views `audit_scope_grant` / `audit_scope_application` read.
 */
export async function auditEngagement(
  api: ApiHarness,
  e: { agencyId: string; scopeKind: 'program' | 'call' | 'organization'; scopeId: string; auditorId: string; createdBy: string; state?: string },
): Promise<string> {
  const [row] = await api.env.queryAs<{ id: string }>(
    'owner',
    `INSERT INTO audit_engagement (agency_id, reference, kind, title, scope_kind, scope_id, period_from, period_to, firm_name, state, created_by)
     VALUES ($1, $2, 'financial_audit', 'Scope fixture', $3, $4, '2020-01-01', '2035-12-31', 'Revisorerna AB', $5, $6) RETURNING id`,
    [e.agencyId, `AUD-FIX-${++references}-${Date.now()}`, e.scopeKind, e.scopeId, e.state ?? 'fieldwork', e.createdBy],
  );
  await api.env.queryAs('owner', `INSERT INTO audit_engagement_auditor (engagement_id, user_id, lead, added_by) VALUES ($1, $2, true, $3)`, [row.id, e.auditorId, e.createdBy]);
  return row.id;
}

/** Closes the engagement: its auditors' access ends. */
export async function closeEngagement(api: ApiHarness, engagementId: string): Promise<void> {
  await api.env.queryAs('owner', `UPDATE audit_engagement SET state = 'closed', closed_at = now() WHERE id = $1`, [engagementId]);
}
