import fc from 'fast-check';
import { SECURITY_LEVELS } from '../reporting/monitoring';
import { AGGREGATE_OTHER, aggregateWithThreshold } from './aggregation';
import { MatchExpert, MatchNeed, allowedNeedMode, matchExpert, rankCandidates } from './matching';
import { matchOrganizations } from './org-matching';
import { directoryQueryTerms, directorySearchText } from './search-text';
import { DIRECTORY_BASE_TAXONOMY } from './taxonomy';

const SKILLS = DIRECTORY_BASE_TAXONOMY.flatMap((s) => s.skills.map((k) => k.code));
const GOVS = ['IQ-BA', 'IQ-NI', 'IQ-BG', 'IQ-AR'];
const mode = fc.constantFrom('online' as const, 'in_person' as const, 'both' as const);
const level = fc.constantFrom(...SECURITY_LEVELS);
const need: fc.Arbitrary<MatchNeed> = fc.record({
  sector: fc.constantFrom(...DIRECTORY_BASE_TAXONOMY.map((s) => s.code)),
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 6 }),
  language: fc.constantFrom('ar', 'ku', 'en'),
  daysNeeded: fc.integer({ min: 1, max: 365 }),
  mode,
  governorate: fc.constantFrom(...GOVS),
});
const expert: fc.Arbitrary<MatchExpert> = fc.record({
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 8 }),
  sectors: fc.uniqueArray(fc.constantFrom(...DIRECTORY_BASE_TAXONOMY.map((s) => s.code)), { maxLength: 3 }),
  languages: fc.uniqueArray(fc.constantFrom('ar', 'ku', 'en', 'sv'), { maxLength: 4 }),
  availabilityDaysPerYear: fc.integer({ min: 0, max: 365 }),
  mode,
  travelGovernorates: fc.uniqueArray(fc.constantFrom(...GOVS), { maxLength: 4 }),
  interested: fc.boolean(),
});

describe('directory matching', () => {
  it('scores higher (or equal) when the expert has more of the required skills', () => {
    fc.assert(
      fc.property(need, expert, level, fc.constantFrom(...SKILLS), (n, e, l, extra) => {
        const more = { ...e, skills: [...new Set([...e.skills, extra])] };
        expect(matchExpert(n, more, l).score).toBeGreaterThanOrEqual(matchExpert(n, e, l).score);
      }),
    );
  });

  it('does not drop below the sector alone when a first of many required skills is added (found by the property above)', () => {
    const n = { sector: 'medicine', skills: ['medicine.paediatrics', 'womens_rights.gbv', 'engineering.water', 'medicine.emergency', 'medicine.surgery', 'medicine.general_practice'], language: 'ar', daysNeeded: 1, mode: 'online' as const, governorate: 'IQ-BA' };
    const e = { skills: [] as string[], sectors: ['medicine'], languages: [] as string[], availabilityDaysPerYear: 0, mode: 'online' as const, travelGovernorates: [] as string[], interested: false };
    const before = matchExpert(n, e, 'accessible').score;
    expect(matchExpert(n, { ...e, skills: ['medicine.general_practice'] }, 'accessible').score).toBeGreaterThanOrEqual(before);
  });

  it('never proposes in-person work in a no-access governorate', () => {
    fc.assert(
      fc.property(need, expert, (n, e) => {
        const r = matchExpert(n, e, 'no_access');
        expect(r.proposableMode === 'in_person' || r.proposableMode === 'both').toBe(false);
        expect(allowedNeedMode(n.mode, 'no_access')).not.toBe('in_person');
        for (const c of rankCandidates(n, [e], (x) => x, 'no_access')) expect(c.result.proposableMode).toBe('online');
      }),
    );
  });

  it('keeps the score between 0 and 100 and explains it', () => {
    fc.assert(
      fc.property(need, expert, level, (n, e, l) => {
        const r = matchExpert(n, e, l);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.reasons.length).toBeGreaterThan(0);
      }),
    );
  });

  it('gives a perfect online match 100 with its reasons', () => {
    const n: MatchNeed = { sector: 'mental_health', skills: ['mental_health.psychotherapy', 'mental_health.trainer'], language: 'ar', daysNeeded: 20, mode: 'online', governorate: 'IQ-BA' };
    const e: MatchExpert = { skills: ['mental_health.psychotherapy', 'mental_health.trainer'], sectors: ['mental_health'], languages: ['ar', 'sv'], availabilityDaysPerYear: 30, mode: 'both', travelGovernorates: [] };
    const r = matchExpert(n, e, 'accessible');
    expect(r.score).toBe(100);
    expect(r.proposableMode).toBe('online');
    expect(r.reasons.map((x) => x.code)).toEqual(['skills_matched', 'language', 'availability', 'mode']);
  });

  it('cuts an in-person need in a no-access governorate to online and says why', () => {
    const n: MatchNeed = { sector: 'engineering', skills: ['engineering.water'], language: 'ar', daysNeeded: 10, mode: 'in_person', governorate: 'IQ-NI' };
    const e: MatchExpert = { skills: ['engineering.water'], sectors: ['engineering'], languages: ['ar'], availabilityDaysPerYear: 10, mode: 'both', travelGovernorates: ['IQ-NI'] };
    const r = matchExpert(n, e, 'no_access');
    expect(r.proposableMode).toBe('online');
    expect(r.reasons.map((x) => x.code)).toContain('in_person_blocked');
    expect(matchExpert(n, e, 'accessible').proposableMode).toBe('in_person');
    expect(matchExpert(n, { ...e, mode: 'in_person' }, 'no_access').proposableMode).toBeNull();
  });

  it('ranks by score and leaves out those with no common way of working', () => {
    const n: MatchNeed = { sector: 'law', skills: ['law.family'], language: 'ar', daysNeeded: 10, mode: 'online', governorate: 'IQ-BG' };
    const base: MatchExpert = { skills: [], sectors: ['law'], languages: ['ar'], availabilityDaysPerYear: 10, mode: 'online', travelGovernorates: [] };
    const ranked = rankCandidates(n, [{ ...base }, { ...base, skills: ['law.family'] }, { ...base, mode: 'in_person' as const }], (x) => x, 'accessible');
    expect(ranked.map((r) => r.item.skills.length)).toEqual([1, 0]);
  });
});

describe('directory aggregation (k ≥ 5)', () => {
  it('never publishes a cell below the threshold and never loses or invents people', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.constantFrom('SE', 'GB', 'DE', 'NL', 'other', 'US', 'FR'), count: fc.integer({ min: 0, max: 12 }) })), fc.integer({ min: 2, max: 10 }), (groups, k) => {
        const r = aggregateWithThreshold(groups, k);
        const all = groups.reduce((s, g) => s + g.count, 0);
        for (const c of r.cells) expect(c.count).toBeGreaterThanOrEqual(k);
        expect(new Set(r.cells.map((c) => c.key)).size).toBe(r.cells.length);
        expect(r.total).toBe(r.cells.reduce((s, c) => s + c.count, 0));
        if (r.suppressed === 0) expect(r.total).toBe(all);
        else expect(r.total).toBe(0);
        expect(r.total).toBeLessThanOrEqual(all);
      }),
    );
  });

  it('merges small groups into other, and the smallest group too when other stays small', () => {
    expect(aggregateWithThreshold([{ key: 'SE', count: 30 }, { key: 'GB', count: 6 }, { key: 'NL', count: 2 }])).toEqual({
      cells: [{ key: 'SE', count: 30 }, { key: AGGREGATE_OTHER, count: 8 }],
      suppressed: 0,
      total: 38,
    });
    expect(aggregateWithThreshold([{ key: 'SE', count: 3 }])).toEqual({ cells: [], suppressed: null, total: 0 });
  });
});

describe('organization matching', () => {
  it('ranks by theme, governorate and past grants', () => {
    const r = matchOrganizations({ theme: 'law', governorate: 'IQ-BA' }, [
      { id: 'a', themes: ['law'], governorates: [], pastGrants: 0 },
      { id: 'b', themes: ['law'], governorates: ['IQ-BA'], pastGrants: 2 },
      { id: 'c', themes: [], governorates: [], pastGrants: 0 },
    ]);
    expect(r.map((m) => [m.org.id, m.score])).toEqual([['b', 90], ['a', 50]]);
  });
});

describe('directory search text', () => {
  it('folds Arabic variants and Latin case like screening', () => {
    expect(directorySearchText(['أحمد', 'MÜLLER'])).toBe(directorySearchText(['احمد', 'muller']));
    expect(directoryQueryTerms("Psycho-therapy & 'trauma'")).toEqual(['psychotherapy', 'and', 'trauma']);
  });

  it('keeps taxonomy codes unique', () => {
    expect(new Set(SKILLS).size).toBe(SKILLS.length);
  });
});
