import { parseDecimal } from '../money/money';
import { APPLICATION_LIMITS, LINE_AMOUNT_MAX_MINOR, isLineAmountMinor, lineAmountMaxDecimal, lineAmountProblem } from './application-limits';
import { budgetTotals } from './application-content';

describe('application limits', () => {
  it('a line amount is at most 15 digits of minor units', () => {
    expect(LINE_AMOUNT_MAX_MINOR.toString()).toHaveLength(15);
    expect(lineAmountProblem(LINE_AMOUNT_MAX_MINOR)).toBeNull();
    expect(lineAmountProblem(LINE_AMOUNT_MAX_MINOR + 1n)).toBe('too_large');
    expect(lineAmountProblem(0n)).toBeNull();
    expect(lineAmountProblem(-1n)).toBe('negative');
  });

  it('a 15-digit amount typed in whole SEK is too large (it is 17 digits of öre)', () => {
    expect(lineAmountProblem(parseDecimal('999999999999999', 'SEK'))).toBe('too_large');
    expect(lineAmountProblem(parseDecimal('9999999999999.99', 'SEK'))).toBeNull();
    expect(lineAmountProblem(parseDecimal('999999999999.999', 'IQD'))).toBeNull();
  });

  it('names the largest amount in the currency', () => {
    expect(lineAmountMaxDecimal('SEK')).toBe('9999999999999.99');
    expect(lineAmountMaxDecimal('IQD')).toBe('999999999999.999');
  });

  it('checks an amount as it travels (digits only)', () => {
    expect(isLineAmountMinor('999999999999999')).toBe(true);
    expect(isLineAmountMinor('1000000000000000')).toBe(false);
    expect(isLineAmountMinor('12.5')).toBe(false);
    expect(isLineAmountMinor('-1')).toBe(false);
    expect(isLineAmountMinor(12)).toBe(false);
  });

  it('every amount the limit allows is counted by budgetTotals', () => {
    const line = { id: 'l', category: 'activities' as const, year: 2027, description: '', amountMinor: LINE_AMOUNT_MAX_MINOR.toString() };
    expect(budgetTotals({ budgetLines: [line], cofunding: [] }).totalBudgetMinor).toBe(LINE_AMOUNT_MAX_MINOR);
  });

  it('keeps the lengths in the order the fields need', () => {
    expect(APPLICATION_LIMITS.shortText).toBeLessThan(APPLICATION_LIMITS.mediumText);
    expect(APPLICATION_LIMITS.mediumText).toBeLessThan(APPLICATION_LIMITS.longText);
  });
});
