import { FormControl } from '@angular/forms';
import {
  bpToPercentInput,
  formatMoney,
  formatPercent,
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

  it('puts minor units back as the decimal text an officer types', () => {
    expect(minorToInput('1250050', 'SEK')).toBe('12500.50');
    expect(minorToInput('', 'SEK')).toBe('');
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
