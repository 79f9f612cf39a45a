import {
  BLOCK_END,
  BLOCK_START,
  details,
  fillTemplate,
  fmt,
  fmtSpread,
  loginsFromSummary,
  mdTable,
  numberArg,
  parseArgs,
  parseScales,
  ratio,
  replaceGeneratedBlock,
  spread,
  unknownArgs,
} from './bench-kit';

describe('parseArgs', () => {
  it('reads --name value, --name=value and bare flags', () => {
    expect(parseArgs(['--scales', '1,10', '--quick', '--only=api-paths', '--keep'], ['quick'])).toEqual({ scales: '1,10', quick: true, only: 'api-paths', keep: true });
  });

  it('never gives a boolean flag the next word', () => {
    expect(parseArgs(['--quick', '--scales', '1'], ['quick'])).toEqual({ quick: true, scales: '1' });
    expect(() => parseArgs(['--skip-generate', 'x'], ['skip-generate'])).toThrow('unexpected argument "x"');
  });

  it('refuses a word that is not an option', () => {
    expect(() => parseArgs(['1,10'])).toThrow('unexpected argument "1,10"');
  });

  it('names unknown options and checks numbers', () => {
    expect(unknownArgs(parseArgs(['--scale', '1', '--runs', '3']), ['runs'])).toEqual(['scale']);
    expect(numberArg(parseArgs(['--runs', '3']), 'runs', 1)).toBe(3);
    expect(numberArg(parseArgs([]), 'runs', 7)).toBe(7);
    expect(() => numberArg(parseArgs(['--runs', 'x']), 'runs', 1)).toThrow('--runs must be a positive number, not "x"');
    expect(() => numberArg(parseArgs(['--runs']), 'runs', 1)).toThrow('--runs needs a value');
  });
});

describe('parseScales', () => {
  it('reads a comma list of whole numbers', () => {
    expect(parseScales('1,10')).toEqual([1, 10]);
    expect(parseScales(' 100 ')).toEqual([100]);
  });

  it('refuses fractions, zero, repeats and empty lists', () => {
    expect(() => parseScales('1.5')).toThrow('"1.5" is not a positive whole number');
    expect(() => parseScales('0')).toThrow('"0"');
    expect(() => parseScales('1,1')).toThrow('named twice');
    expect(() => parseScales(',')).toThrow('empty list');
  });
});

describe('spread and ratio', () => {
  it('gives min, median and max of the runs', () => {
    expect(spread([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(spread([7])).toEqual({ min: 7, median: 7, max: 7 });
    expect(spread([]).median).toBeNaN();
  });

  it('divides, NaN when it cannot', () => {
    expect(ratio(600, 1000)).toBe(0.6);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(NaN, 2)).toBeNaN();
  });
});

describe('formatting', () => {
  it('rounds by size and marks missing numbers', () => {
    expect(fmt(12345.6)).toBe('12,346');
    expect(fmt(12.34)).toBe('12.3');
    expect(fmt(1.234)).toBe('1.23');
    expect(fmt(NaN)).toBe('–');
    expect(fmtSpread({ min: 1, median: 2, max: 3 }, 0)).toBe('2 (1–3)');
    expect(fmtSpread({ min: 2, median: 2, max: 2 }, 0)).toBe('2');
  });

  it('renders a markdown table, escaping pipes', () => {
    expect(mdTable(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });

  it('collapses long text in a details block with a fence the text cannot close', () => {
    expect(details('plan', 'Seq Scan\n')).toBe('<details><summary>plan</summary>\n\n```\nSeq Scan\n```\n\n</details>');
    expect(details('x', 'a ``` b')).toContain('~~~~\na ``` b\n~~~~');
  });
});

describe('replaceGeneratedBlock', () => {
  it('puts the block after the first heading and keeps what is below', () => {
    const doc = replaceGeneratedBlock('# Benchmarks\n\n## Ledger\n\nold\n', 'new');
    expect(doc).toBe(`# Benchmarks\n\n${BLOCK_START}\nnew\n${BLOCK_END}\n\n## Ledger\n\nold\n`);
  });

  it('replaces the block the next time, nothing else', () => {
    const once = replaceGeneratedBlock('# Benchmarks\n\n## Ledger\n', 'first');
    const twice = replaceGeneratedBlock(once, 'second');
    expect(twice).toContain('second');
    expect(twice).not.toContain('first');
    expect(twice.split(BLOCK_START)).toHaveLength(2);
    expect(twice.endsWith('## Ledger\n')).toBe(true);
  });
});

describe('fillTemplate', () => {
  it('fills and encodes placeholders, and names a missing one', () => {
    expect(fillTemplate('trail?from={from}&action={action}', { from: '2026-01-01T00:00:00.000Z', action: 'grant.created' })).toBe('trail?from=2026-01-01T00%3A00%3A00.000Z&action=grant.created');
    expect(() => fillTemplate('calls/{callId}/board', {})).toThrow('no value for {callId}');
  });
});

describe('loginsFromSummary', () => {
  it('reads the demo summary and other shapes', () => {
    const want = { password: 'pw', officer: 'o@x', auditor: 'a@x' };
    expect(loginsFromSummary({ password: 'pw', users: { officer: 'o@x', auditor: 'a@x' } })).toEqual(want);
    expect(loginsFromSummary({ password: 'pw', officer: 'o@x', auditor: 'a@x' })).toEqual(want);
    expect(loginsFromSummary({ users: { officer: { email: 'o@x', password: 'pw' }, auditor: { email: 'a@x', password: 'pw' } } })).toEqual(want);
    expect(loginsFromSummary({ password: 'pw', emails: { officer: ['o@x', 'o2@x'], auditor: ['a@x'] } })).toEqual(want);
  });

  it('says what is missing', () => {
    expect(() => loginsFromSummary({ users: { officer: 'o@x' } })).toThrow('names no officer, auditor or password');
  });
});
