import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCREENING_THRESHOLD, buildScreeningIndex, explainMatch } from '@mizan/domain';
import { parseUnConsolidatedList } from './lists/un-list-parser';
import { EvaluationSet, evaluateMatcher, unknownReferences } from './matching-evaluation';

/**
 * The matcher against the real UN list (data/sanctions) and the evaluation set kept in the repository: recall ≥ 95 %
 * of the name variants find their entry at or above the default threshold, at most 5 % of the names that must not
 * match reach it. Prints the figures and every miss.
 */
const DATA = join(__dirname, '../../../../../data/sanctions');
const list = parseUnConsolidatedList(readFileSync(join(DATA, 'un-sc-consolidated-2018-10-29.xml'), 'utf8'));
const set = JSON.parse(readFileSync(join(DATA, 'evaluation-set.json'), 'utf8')) as EvaluationSet;
const index = buildScreeningIndex(list.entries);

describe('matcher evaluation on the UN consolidated list', () => {
  it('the set is as large as the issue asks and names real entries', () => {
    expect(set.variants.length).toBeGreaterThanOrEqual(120);
    expect(set.mustNotMatch.length).toBeGreaterThanOrEqual(60);
    expect(unknownReferences(list.entries, set)).toEqual([]);
    expect(set.variants.some((v) => /[\u0600-\u06ff]/.test(v.name))).toBe(true);
  });

  it('recall ≥ 0.95 and false-positive rate ≤ 0.05 at the default threshold', () => {
    const result = evaluateMatcher(index, set, DEFAULT_SCREENING_THRESHOLD, (c) => explainMatch(c.explanation));
    const lines = [
      `threshold ${result.threshold}: recall ${result.recall.toFixed(4)} (${result.found}/${result.variants}), false-positive rate ${result.falsePositiveRate.toFixed(4)} (${result.falsePositives}/${result.mustNotMatch})`,
      ...result.misses.map((m) => `miss: "${m.name}" expected ${m.expected} (score ${m.expectedScore ?? 'none'}; best ${m.best ? `${m.best.reference} ${m.best.score}` : 'none'})`),
      ...result.falsePositiveNames.map((f) => `false positive: "${f.name}" → ${f.reference} ${f.score}: ${f.explanation}`),
    ];
    console.log(lines.join('\n'));
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  it('a stricter threshold loses recall and a looser one gains false positives (the figures move with the threshold)', () => {
    const strict = evaluateMatcher(index, set, 0.99);
    const loose = evaluateMatcher(index, set, 0.3);
    expect(strict.recall).toBeLessThan(0.95);
    expect(loose.falsePositiveRate).toBeGreaterThan(0.05);
  });
});
