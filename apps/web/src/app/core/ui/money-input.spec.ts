describe('money input', () => {
  it('reads Arabic-Indic digits and a decimal comma exactly', async () => {
    const { moneyInputToMinor } = await import('./money-input');
    expect(moneyInputToMinor('١٢٥٠٠٫٥', 'USD')).toBe('1250050');
    expect(moneyInputToMinor('12 500,50', 'SEK')).toBe('1250050');
    expect(moneyInputToMinor('1.0001', 'IQD')).toBeNull();
  });

  it('turns the text of any desk (officer, treasurer) into minor units, or null', async () => {
    const { moneyInputToMinor } = await import('./money-input');
    expect(moneyInputToMinor('12500.5', 'SEK')).toBe('1250050');
    expect(moneyInputToMinor(' 2000000 ', 'SEK')).toBe('200000000');
    expect(moneyInputToMinor('1.2345', 'IQD')).toBeNull();
    expect(moneyInputToMinor('1.234', 'IQD')).toBe('1234');
    // A treasurer in Basra types Arabic-Indic digits and the Arabic decimal separator; a Swede a decimal comma.
    expect(moneyInputToMinor('١٢٥٫٥٠', 'SEK')).toBe('12550');
    expect(moneyInputToMinor('12,5', 'SEK')).toBe('1250');
    expect(moneyInputToMinor('-5', 'SEK')).toBeNull();
    expect(moneyInputToMinor('abc', 'SEK')).toBeNull();
    expect(moneyInputToMinor('', 'SEK')).toBeNull();
  });

  it('validates against the currency chosen at that moment', async () => {
    const { moneyValidator } = await import('./money-input');
    const { FormControl } = await import('@angular/forms');
    let currency: 'SEK' | 'IQD' = 'SEK';
    const control = new FormControl('10.555', moneyValidator(() => currency));
    expect(control.errors).toEqual({ amount: { decimals: 2 } });
    currency = 'IQD';
    control.updateValueAndValidity();
    expect(control.errors).toBeNull();
    control.setValue('٠');
    expect(control.errors).toEqual({ positive: true });
    control.setValue('');
    expect(control.errors).toBeNull();
  });
});
