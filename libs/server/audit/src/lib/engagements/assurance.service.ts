import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssuranceQuery, AssuranceRow, AssuranceView } from '@mizan/contracts';
import { ASSURANCE_WINDOW_DAYS, assessAssurance, isRiskRating } from '@mizan/domain';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';

interface Row {
  id: string;
  grant_number: string;
  title: string;
  legal_name: string;
  risk_rating: string | null;
  visits: number;
  spot_checks: number;
  audits: number;
  last_on: string | null;
}

/**
 * Assurance per grant (issue 12, docs/audit.md, "Assurance"): for each live grant of the
 * agency (active or suspended), in the last twelve months —
 *  - visits: monitoring visits (any kind) on or before today;
 *  - spot checks / audits: engagements of that kind (financial or special audit) whose
 *    scope covers the grant and that reached fieldwork (sample frozen) in the window;
 * against what its risk rating requires (libs/domain audit/assurance.ts).
 */
@Injectable()
export class AssuranceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assurance(auth: AuthenticatedRequestContext, query: AssuranceQuery): Promise<AssuranceView> {
    const rows = (await this.dataSource.query(
      `WITH g AS (
         SELECT g.id, g.grant_number, g.title, o.legal_name, g.risk_rating, g.program_id, g.call_id, g.organization_id
           FROM grant_award g JOIN organization o ON o.id = g.organization_id
          WHERE g.agency_id = $1 AND g.state IN ('active', 'suspended')),
       e AS (
         SELECT e.id, e.kind, e.scope_kind, e.scope_id, e.sample_frozen_at
           FROM audit_engagement e
          WHERE e.agency_id = $1 AND e.state <> 'planned' AND e.sample_frozen_at IS NOT NULL AND e.sample_frozen_at > now() - make_interval(days => $2)),
       covered AS (
         SELECT g.id AS grant_id, e.kind, e.sample_frozen_at
           FROM g JOIN e ON (e.scope_kind = 'program' AND e.scope_id = g.program_id) OR (e.scope_kind = 'call' AND e.scope_id = g.call_id)
                         OR (e.scope_kind = 'organization' AND e.scope_id = g.organization_id)
                         OR (e.scope_kind = 'grants' AND EXISTS (SELECT 1 FROM audit_engagement_grant x WHERE x.engagement_id = e.id AND x.grant_id = g.id))),
       visits AS (
         SELECT v.grant_id, count(*)::int AS n, max(v.visited_on) AS last_on
           FROM monitoring_visit v JOIN g ON g.id = v.grant_id
          WHERE v.visited_on > current_date - $2::int AND v.visited_on <= current_date
          GROUP BY v.grant_id)
       SELECT g.id, g.grant_number, g.title, g.legal_name, g.risk_rating,
              COALESCE(v.n, 0) AS visits,
              (SELECT count(*)::int FROM covered c WHERE c.grant_id = g.id AND c.kind = 'spot_check') AS spot_checks,
              (SELECT count(*)::int FROM covered c WHERE c.grant_id = g.id AND c.kind <> 'spot_check') AS audits,
              to_char(GREATEST(v.last_on, (SELECT max(c.sample_frozen_at)::date FROM covered c WHERE c.grant_id = g.id)), 'YYYY-MM-DD') AS last_on
         FROM g LEFT JOIN visits v ON v.grant_id = g.id
        ORDER BY g.grant_number, g.id`,
      [auth.user.agencyId, ASSURANCE_WINDOW_DAYS],
    )) as Row[];
    const all: AssuranceRow[] = rows.map((r) => {
      const rating = isRiskRating(r.risk_rating) ? r.risk_rating : null;
      const had = { visit: r.visits, spot_check: r.spot_checks, audit: r.audits };
      const { required, short } = assessAssurance(rating, had);
      return {
        grantId: r.id,
        grantNumber: r.grant_number,
        title: r.title,
        organizationName: r.legal_name,
        riskRating: rating,
        had,
        required: { ...required },
        short,
        lastAssuranceOn: r.last_on,
      };
    });
    const shortCount = all.filter((r) => r.short.length > 0).length;
    const chosen = query.short ? all.filter((r) => r.short.length > 0) : all;
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    return { rows: chosen.slice((page - 1) * pageSize, page * pageSize), total: chosen.length, shortCount };
  }
}
