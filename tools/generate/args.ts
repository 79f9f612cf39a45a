import type { GenerateSummary } from './generate';

export interface GenerateArgs {
  scale: number;
  seed: number;
  agencies: number;
  summaryJson: string | null;
}

/** Parses the arguments of `mizan generate`; a string is the problem. */
export function parseGenerateArgs(args: readonly string[]): GenerateArgs | string {
  const value = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  for (let i = 0; i < args.length; i += 2) {
    if (!['--scale', '--seed', '--agencies', '--summary-json'].includes(args[i])) return `unknown argument ${args[i]}`;
    if (args[i + 1] === undefined) return `${args[i]} needs a value`;
  }
  const scaleText = value('--scale');
  if (scaleText === undefined) return '--scale is required (e.g. --scale 1)';
  const scale = Number(scaleText);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) return `--scale must be a number above 0 and at most 1000, not "${scaleText}"`;
  const seed = Number(value('--seed') ?? '1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return '--seed must be an integer from 0 to 4294967295';
  const agencies = Number(value('--agencies') ?? '1');
  if (!Number.isInteger(agencies) || agencies < 1 || agencies > 100) return '--agencies must be an integer from 1 to 100';
  return { scale, seed, agencies, summaryJson: value('--summary-json') ?? null };
}

/** The parseable last line: `generated: officer=… auditor=… applicant=… password=… agencies=…`. */
export function credentialsLine(summary: GenerateSummary): string {
  return `generated: officer=${summary.officer} auditor=${summary.auditor} applicant=${summary.applicant} finance=${summary.finance} password=${summary.password} agencies=${summary.agencies.join(',')} call=${summary.callId} grant=${summary.grantId ?? ''}`;
}
