import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, FieldErrorCode, SCREENING_NAME_MAX, type FieldProblem, type ScreeningCheckResult } from '@mizan/contracts';
import { explainMatch, screenName, type PartyNameKind } from '@mizan/domain';
import { MizanException, characterProblem } from '@mizan/server/core';
import { ScreeningIndexCache } from './screening-index.cache';
import { screeningThresholds } from './screening-thresholds';

const KINDS: readonly PartyNameKind[] = ['person', 'entity', 'unknown'];
/** Candidates a check shows (best first; near misses below the threshold included). */
const CHECK_LIMIT = 10;

/** The problems of a name to check, each naming its field (empty when it is fine). */
export function screeningNameProblems(name: unknown, kind: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof name !== 'string') problems.push({ field: 'name', code: FieldErrorCode.NotText, message: 'name must be text' });
  else {
    const character = characterProblem('name', name, { directionControls: true });
    const trimmed = name.trim();
    if (character) problems.push(character);
    else if (!trimmed) problems.push({ field: 'name', code: FieldErrorCode.Required, message: 'name is required' });
    else if ([...trimmed].length > SCREENING_NAME_MAX)
      problems.push({ field: 'name', code: FieldErrorCode.TooLong, params: { max: SCREENING_NAME_MAX }, message: `name must be at most ${SCREENING_NAME_MAX} characters` });
  }
  if (kind !== undefined && kind !== null && !KINDS.includes(kind as PartyNameKind))
    problems.push({ field: 'kind', code: FieldErrorCode.NotOneOf, params: { allowed: KINDS.join(', ') }, message: `kind must be one of ${KINDS.join(', ')}` });
  return problems;
}

/** One name screened against the agency's current list, nothing saved (the check page, `tools/mizan screen`). */
@Injectable()
export class ScreeningChecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ScreeningIndexCache,
  ) {}

  async check(agencyId: string, input: { name: unknown; kind?: unknown }): Promise<ScreeningCheckResult> {
    const problems = screeningNameProblems(input.name, input.kind);
    if (problems.length) throw new MizanException(ErrorCode.ValidationFailed, problems.map((p) => p.message).join('; '), problems);
    const query = (input.name as string).trim();
    const kind = (input.kind ?? 'unknown') as PartyNameKind;
    const manager = this.dataSource.manager;
    const list = await this.cache.current(manager, agencyId);
    if (!list) throw new MizanException(ErrorCode.ScreeningNoList, 'No sanctions list has been imported yet');
    const { threshold } = await screeningThresholds(manager, agencyId);
    const candidates = screenName(list.index, query, kind, { limit: CHECK_LIMIT, minScore: Math.min(0.6, threshold) });
    return {
      query,
      potentialMatch: candidates.some((c) => c.score >= threshold),
      threshold,
      listVersionId: list.versionId,
      candidates: candidates.map((c) => {
        const entry = list.entries[c.entryIndex];
        return {
          reference: entry.reference,
          entryId: list.entryIds[c.entryIndex],
          name: c.explanation.matchedName,
          kind: entry.kind,
          score: c.score,
          explanation: explainMatch(c.explanation),
          detail: c.explanation,
        };
      }),
    };
  }
}
