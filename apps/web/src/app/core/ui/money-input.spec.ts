describe('money input', () => {
  it('reads Arabic-Indic digits and a decimal comma exactly', async () => {
    const { moneyInputToMinor } = await import('./money-input');
    expect(moneyInputToMinor('١٢٥٠٠٫٥', 'USD')).toBe('1250050');
    expect(moneyInputToMinor('12 500,50', 'SEK')).toBe('1250050');
    expect(moneyInputToMinor('1.0001', 'IQD')).toBeNull();
  });
});
