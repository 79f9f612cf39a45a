/**
 * Organization matching for partnership needs (issue 15): diaspora organizations ↔ partner organizations and NGOs,
 * by theme (sector), governorate and past grants together. Score out of 100: theme 50, governorate 30, past grants
 * 5 each up to 20.
 */
export interface OrgCandidate {
  id: string;
  themes: readonly string[];
  governorates: readonly string[];
  pastGrants: number;
}

export interface OrgMatchReason {
  code: 'theme' | 'governorate' | 'past_grants';
  params: Record<string, string | number>;
}

export interface OrgMatch<T extends OrgCandidate> {
  org: T;
  score: number;
  reasons: OrgMatchReason[];
}

export function matchOrganizations<T extends OrgCandidate>(need: { theme: string; governorate: string }, orgs: readonly T[], limit = 50): OrgMatch<T>[] {
  const out: OrgMatch<T>[] = [];
  for (const org of orgs) {
    const reasons: OrgMatchReason[] = [];
    let score = 0;
    if (org.themes.includes(need.theme)) {
      score += 50;
      reasons.push({ code: 'theme', params: { theme: need.theme } });
    }
    if (org.governorates.includes(need.governorate)) {
      score += 30;
      reasons.push({ code: 'governorate', params: { governorate: need.governorate } });
    }
    const grants = Math.max(0, Math.floor(org.pastGrants));
    if (grants > 0) {
      score += Math.min(20, grants * 5);
      reasons.push({ code: 'past_grants', params: { count: grants } });
    }
    if (score > 0) out.push({ org, score, reasons });
  }
  return out.sort((a, b) => b.score - a.score || (a.org.id < b.org.id ? -1 : 1)).slice(0, limit);
}
