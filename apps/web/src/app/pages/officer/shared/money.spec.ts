import { FormControl } from '@angular/forms';
import {
  amountValidator,
  bpToPercentInput,
  formatMoney,
  formatPercent,
  inputToMinor,
  minorToInput,
  percentToBp,
  percentValidator,
} from './money';

/** Intl puts no-break spaces between currency and number; compare the words. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('officer money helpers', () => {
  it('formats minor units for the locale, exactly and with the currency', () => {
    expect(plain(formatMoney('1250000050', 'SEK', 'en-GB'))).toBe('SEK 12,500,000.50');
    expect(formatMoney('500000000', 'SEK', 'sv-SE')).toMatch(/^5\s000\s000,00\skr$/);
    // More digits than a float could hold, still exact.
    expect(formatMoney('123456789012345678', 'EUR', 'en-GB')).toBe(
      '€1,234,567,890,123,456.78',
    );
    expect(formatMoney('1500', 'IQD', 'en-GB')).toMatch(/^IQD\s1\.5$/);
    expect(formatMoney('not money', 'SEK', 'en-GB')).toBe('not money');
  });

  it('turns decimal text into a string of minor units, and back', () => {
    expect(inputToMinor('12500.5', 'SEK')).toBe('1250050');
    expect(inputToMinor(' 2000000 ', 'SEK')).toBe('200000000');
    expect(inputToMinor('1.2345', 'IQD')).toBeNull();
    expect(inputToMinor('1.234', 'IQD')).toBe('1234');
    expect(inputToMinor('12,5', 'SEK')).toBeNull();
    expect(inputToMinor('-5', 'SEK')).toBeNull();
    expect(inputToMinor('abc', 'SEK')).toBeNull();
    expect(minorToInput('1250050', 'SEK')).toBe('12500.50');
    expect(minorToInput('', 'SEK')).toBe('');
  });

  it('validates an amount against the currency chosen at that moment', () => {
    let currency: 'SEK' | 'IQD' = 'SEK';
    const control = new FormControl('10.555', amountValidator(() => currency));
    expect(control.errors).toEqual({ amount: { decimals: 2 } });
    currency = 'IQD';
    control.updateValueAndValidity();
    expect(control.errors).toBeNull();
    control.setValue('0');
    expect(control.errors).toEqual({ positive: true });
    control.setValue('');
    expect(control.errors).toBeNull();
  });

  it('reads percentages with up to two decimals as basis points', () => {
    expect(percentToBp('7.5')).toBe(750);
    expect(percentToBp('10')).toBe(1000);
    expect(percentToBp('0.25')).toBe(25);
    expect(percentToBp('7.555')).toBeNull();
    expect(percentToBp('101')).toBeNull();
    expect(bpToPercentInput(750)).toBe('7.5');
    expect(bpToPercentInput(725)).toBe('7.25');
    expect(bpToPercentInput(1000)).toBe('10');
    expect(new FormControl('7,5', percentValidator).errors).toEqual({ percent: true });
    expect(formatPercent(750, 'en-GB')).toBe('7.5%');
  });
});
