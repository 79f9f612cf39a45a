import fc from 'fast-check';
import { checkFindingAmounts, checkerIsSecondPerson, completionProblem, findingBlocksTranche, findingVisibleToGrantee, parseFindingAmount } from './findings';

describe('audit findings (issue 12)', () => {
  it('amounts: whole minor units as digits, at most 15 of them', () => {
    expect(parseFindingAmount('0')).toBe(0n);
    expect(parseFindingAmount('000123')).toBe(123n);
    expect(parseFindingAmount('999999999999999')).toBe(999_999_999_999_999n);
    for (const bad of ['12.5', '-1', '', ' 1', '1e3', 12, null, undefined, '١٢']) expect(parseFindingAmount(bad)).toBe('AMOUNT_NOT_WHOLE_MINOR_UNITS');
    expect(parseFindingAmount('1000000000000000')).toBe('AMOUNT_TOO_LARGE');
  });

  it('ineligible at most affected, each problem naming its field', () => {
    expect(checkFindingAmounts('500', '200')).toEqual({ affected: 500n, ineligible: 200n });
    expect(checkFindingAmounts('500', '501')).toEqual([{ field: 'ineligibleMinor', code: 'INELIGIBLE_ABOVE_AFFECTED' }]);
    expect(checkFindingAmounts('5.5', '1')).toEqual([{ field: 'affectedMinor', code: 'AMOUNT_NOT_WHOLE_MINOR_UNITS' }]);
    expect(checkFindingAmounts('1', '10000000000000000')).toEqual([{ field: 'ineligibleMinor', code: 'AMOUNT_TOO_LARGE' }]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (a, i) => {
        const result = checkFindingAmounts(a.toString(), i.toString());
        expect(Array.isArray(result)).toBe(i > a);
      }),
    );
  });

  it('the grantee sees findings from the draft report on', () => {
    expect(['planned', 'fieldwork'].map((s) => findingVisibleToGrantee(s as never))).toEqual([false, false]);
    expect(['draft_report', 'management_comments', 'final', 'closed'].every((s) => findingVisibleToGrantee(s as never))).toBe(true);
  });

  it('a high finding blocks the next tranche until its action is checked', () => {
    expect(findingBlocksTranche('high', 'open')).toBe(true);
    expect(findingBlocksTranche('high', 'completed')).toBe(true);
    expect(findingBlocksTranche('high', 'checked')).toBe(false);
    expect(findingBlocksTranche('medium', 'open')).toBe(false);
  });

  it('completion needs a note, and for high priority a file; the check a second person', () => {
    expect(completionProblem('low', '  ', true)).toBe('NOTE_REQUIRED');
    expect(completionProblem('high', 'done', false)).toBe('ATTACHMENT_REQUIRED');
    expect(completionProblem('high', 'done', true)).toBeNull();
    expect(completionProblem('medium', 'done', false)).toBeNull();
    expect(checkerIsSecondPerson('u1', 'u1')).toBe(false);
    expect(checkerIsSecondPerson('u1', 'u2')).toBe(true);
    expect(checkerIsSecondPerson(null, 'u2')).toBe(false);
  });
});
