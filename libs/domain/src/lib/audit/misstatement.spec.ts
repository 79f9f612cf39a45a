import { coverageBasisPoints } from './misstatement';

describe('coverageBasisPoints', () => {
  it('is the share of the population value in the sample, in basis points', () => {
    expect(coverageBasisPoints(2_500n, 10_000n)).toBe(2_500);
    expect(coverageBasisPoints(1n, 3n)).toBe(3_333);
    expect(coverageBasisPoints(5n, 0n)).toBe(0);
  });
});
