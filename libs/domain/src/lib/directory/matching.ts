/**
 * Matching experts to a need of the directory (issue 15, docs/directory.md): a score out of 100 with the reasons
 * behind it, and the mode a proposal may carry. Pure: the caller gives the need, the candidate and the security
 * level of the need's governorate today.
 *
 * Points: skills 50 (share of the required skills the expert has; 10 for the sector alone), language 15,
 * availability 15 (days offered / days needed, capped), mode 10 (some way of working in common), travel 10 (the
 * expert travels to the governorate where in-person work is possible, or the need is online only).
 *
 * In-person work is never proposable where the governorate is `no_access`: the need's mode becomes online there
 * (support from abroad when the security situation keeps experts from travelling).
 */
import type { MonitoringSecurityLevel } from '../reporting/monitoring';

export type ExpertMode = 'online' | 'in_person' | 'both';

export interface MatchNeed {
  sector: string;
  skills: readonly string[];
  language: string;
  daysNeeded: number;
  mode: ExpertMode;
  governorate: string;
}

export interface MatchExpert {
  skills: readonly string[];
  /** Sector codes of the expert's skills. */
  sectors: readonly string[];
  languages: readonly string[];
  availabilityDaysPerYear: number;
  mode: ExpertMode;
  travelGovernorates: readonly string[];
  interested?: boolean;
}

export type MatchReasonCode =
  | 'skills_matched'
  | 'sector_matched'
  | 'language'
  | 'language_missing'
  | 'availability'
  | 'availability_short'
  | 'mode'
  | 'mode_mismatch'
  | 'travel'
  | 'no_travel'
  | 'in_person_blocked'
  | 'interested';

export interface MatchReason {
  code: MatchReasonCode;
  params: Record<string, string | number>;
}

export interface MatchResult {
  score: number;
  reasons: MatchReason[];
  /** What a proposal may carry; null when expert and need share no way of working. */
  proposableMode: ExpertMode | null;
}

export const MATCH_POINTS = { skills: 50, sectorOnly: 10, language: 15, availability: 15, mode: 10, travel: 10 } as const;

function modesOf(mode: ExpertMode): Set<'online' | 'in_person'> {
  return new Set(mode === 'both' ? ['online', 'in_person'] : [mode]);
}

function modeOfSet(modes: ReadonlySet<'online' | 'in_person'>): ExpertMode | null {
  if (modes.has('online') && modes.has('in_person')) return 'both';
  if (modes.has('online')) return 'online';
  if (modes.has('in_person')) return 'in_person';
  return null;
}

/** The need's ways of working once security is applied: no in-person work in a no-access governorate. */
export function allowedNeedMode(mode: ExpertMode, level: MonitoringSecurityLevel): ExpertMode {
  const modes = modesOf(mode);
  if (level === 'no_access' && modes.delete('in_person')) modes.add('online');
  return modeOfSet(modes) ?? 'online';
}

export function matchExpert(need: MatchNeed, expert: MatchExpert, level: MonitoringSecurityLevel): MatchResult {
  const reasons: MatchReason[] = [];
  let score = 0;

  const required = [...new Set(need.skills)];
  const has = new Set(expert.skills);
  const matched = required.filter((s) => has.has(s));
  const sectorMatched = expert.sectors.includes(need.sector);
  if (required.length > 0 && matched.length > 0) {
    // Never below what the sector alone earns: one more skill must not lower the score (1 of 6 skills is 8.3 points).
    const skillPoints = (MATCH_POINTS.skills * matched.length) / required.length;
    score += sectorMatched ? Math.max(skillPoints, MATCH_POINTS.sectorOnly) : skillPoints;
    reasons.push({ code: 'skills_matched', params: { matched: matched.length, required: required.length, skills: matched.join(',') } });
  } else if (sectorMatched) {
    score += required.length === 0 ? MATCH_POINTS.skills : MATCH_POINTS.sectorOnly;
    reasons.push({ code: 'sector_matched', params: { sector: need.sector } });
  }

  if (expert.languages.includes(need.language)) {
    score += MATCH_POINTS.language;
    reasons.push({ code: 'language', params: { language: need.language } });
  } else {
    reasons.push({ code: 'language_missing', params: { language: need.language } });
  }

  const needed = Math.max(1, need.daysNeeded);
  const days = Math.max(0, expert.availabilityDaysPerYear);
  score += MATCH_POINTS.availability * Math.min(1, days / needed);
  reasons.push({ code: days >= needed ? 'availability' : 'availability_short', params: { days, needed } });

  const needModes = modesOf(need.mode);
  if (level === 'no_access' && needModes.has('in_person')) {
    needModes.delete('in_person');
    needModes.add('online');
    reasons.push({ code: 'in_person_blocked', params: { governorate: need.governorate } });
  }
  const expertModes = modesOf(expert.mode);
  const travels = expert.travelGovernorates.includes(need.governorate);
  if (!travels) expertModes.delete('in_person');
  const common = new Set([...needModes].filter((m) => expertModes.has(m)));
  const proposableMode = modeOfSet(common);
  if (proposableMode) {
    score += MATCH_POINTS.mode;
    reasons.push({ code: 'mode', params: { mode: proposableMode } });
  } else {
    reasons.push({ code: 'mode_mismatch', params: { mode: expert.mode, needed: need.mode } });
  }

  if (needModes.has('in_person')) {
    if (common.has('in_person')) {
      score += MATCH_POINTS.travel;
      reasons.push({ code: 'travel', params: { governorate: need.governorate } });
    } else {
      reasons.push({ code: 'no_travel', params: { governorate: need.governorate } });
    }
  } else {
    // Online only (by choice or by security): travel does not matter.
    score += MATCH_POINTS.travel;
  }

  if (expert.interested) reasons.push({ code: 'interested', params: {} });
  return { score: Math.round(score), reasons, proposableMode };
}

export interface RankedCandidate<T> {
  item: T;
  result: MatchResult;
}

/** Candidates ranked by score (ties: interested first, then the caller's order), best first; only those with something in common. */
export function rankCandidates<T>(
  need: MatchNeed,
  candidates: readonly T[],
  expertOf: (candidate: T) => MatchExpert,
  level: MonitoringSecurityLevel,
  limit = 50,
): RankedCandidate<T>[] {
  const scored = candidates.map((item, index) => {
    const expert = expertOf(item);
    return { item, index, interested: expert.interested === true, result: matchExpert(need, expert, level) };
  });
  return scored
    .filter((c) => c.result.proposableMode !== null && c.result.score > 0)
    .sort((a, b) => b.result.score - a.result.score || Number(b.interested) - Number(a.interested) || a.index - b.index)
    .slice(0, limit)
    .map(({ item, result }) => ({ item, result }));
}
