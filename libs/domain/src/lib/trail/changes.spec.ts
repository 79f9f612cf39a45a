import { trailChanges, trailFieldLabel, trailValue } from './changes';

describe('trailChanges', () => {
  it('pairs before and after field by field and marks what changed', () => {
    expect(trailChanges({ state: 'screening' }, { state: 'eligible' })).toEqual([
      { field: 'state', before: { kind: 'text', text: 'screening' }, after: { kind: 'text', text: 'eligible' }, changed: true },
    ]);
    const changes = trailChanges({ a: 1, same: 'x' }, { same: 'x', b: true });
    expect(changes.map((c) => [c.field, c.changed])).toEqual([
      ['a', true],
      ['same', false],
      ['b', true],
    ]);
    expect(changes[0].after).toBeUndefined();
    expect(changes[2].before).toBeUndefined();
  });

  it('reads minor units as money, with the currency of the field, the object or the other side', () => {
    const [amount] = trailChanges(null, { amountMinor: '47000000', currency: 'SEK' });
    expect(amount.after).toEqual({ kind: 'money', minor: '47000000', currency: 'SEK' });
    const [paid] = trailChanges(null, { paidMinor: 1030400, paidCurrency: 'USD', currency: 'SEK' });
    expect(paid.after).toEqual({ kind: 'money', minor: '1030400', currency: 'USD' });
    const changes = trailChanges({ thresholdMinor: '100', currency: 'EUR' }, { thresholdMinor: '200' });
    expect(changes[0].after).toEqual({ kind: 'money', minor: '200', currency: 'EUR' });
    expect(trailChanges(null, { amountMinor: '5' })[0].after).toEqual({ kind: 'money', minor: '5', currency: null });
    // Not minor units: a word in a …Minor field stays text.
    expect(trailValue('n/a', 'amountMinor')).toEqual({ kind: 'text', text: 'n/a' });
  });

  it('tells dates, ids, numbers, lists and nested content apart', () => {
    expect(trailValue('2027-01-01')).toEqual({ kind: 'date', iso: '2027-01-01', dateOnly: true });
    expect(trailValue('2026-12-04T10:00:00.000Z')).toEqual({ kind: 'date', iso: '2026-12-04T10:00:00.000Z', dateOnly: false });
    expect(trailValue('2026-13-45T99:00:00Z').kind).toBe('text');
    expect(trailValue('6F9619FF-8B86-D011-B42D-00C04FC964FF')).toEqual({ kind: 'id', id: '6f9619ff-8b86-d011-b42d-00c04fc964ff' });
    expect(trailValue(3)).toEqual({ kind: 'number', text: '3' });
    expect(trailValue(['a', null])).toEqual({ kind: 'list', items: [{ kind: 'text', text: 'a' }, { kind: 'empty' }] });
    expect(trailValue([{ a: 1 }])).toEqual({ kind: 'json', text: '[{"a":1}]' });
  });

  it('flattens nested objects to dotted paths, two levels deep', () => {
    const changes = trailChanges({ rules: { maxGrantMinor: '100', deep: { x: { y: 1 } } } }, { rules: { maxGrantMinor: '200', deep: { x: { y: 1 } } } });
    expect(changes.map((c) => c.field)).toEqual(['rules.maxGrantMinor', 'rules.deep.x']);
    expect(changes[1]).toMatchObject({ changed: false, after: { kind: 'json', text: '{"y":1}' } });
  });

  it('a single value on either side is one unnamed change; nothing on both sides is none', () => {
    expect(trailChanges(null, null)).toEqual([]);
    expect(trailChanges(undefined, 'x')).toEqual([{ field: '', after: { kind: 'text', text: 'x' }, changed: true }]);
  });

  it('names fields for people', () => {
    expect(trailFieldLabel('rules.maxGrantMinor')).toBe('rules › max grant');
    expect(trailFieldLabel('requiredApprovals')).toBe('required approvals');
    expect(trailFieldLabel('three_people')).toBe('three people');
  });
});
