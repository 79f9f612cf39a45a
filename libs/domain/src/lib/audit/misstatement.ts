/**
 * Coverage figures of an audit report (issue 12, docs/audit.md). The projection of misstatement
 * for monetary-unit sampling is `projectMisstatement` in sample-size.ts.
 */
/** Coverage of the population by the sample, in basis points (1/100 of a percent), rounded down. */
export function coverageBasisPoints(sampleMinor: bigint, populationMinor: bigint): number {
  if (populationMinor <= 0n) return 0;
  return Number((sampleMinor * 10_000n) / populationMinor);
}
