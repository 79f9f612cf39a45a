import { DataSource } from 'typeorm';
import { ErrorCode, ROLE_PERMISSIONS, type Role, type ScreeningCheckResult } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { ScreeningChecksService, ScreeningIndexCache } from '@mizan/server/screening';

export const SCREEN_USAGE = `  screen [--json] [--kind person|entity] [--as <email>] "<name>"
                 screen one name against the current sanctions list with the agency's threshold (nothing saved);
                 --json prints one JSON object {"query","potentialMatch","threshold","listVersionId","candidates":[{"reference",
                 "name","kind","score","explanation"}]}, best first; --as names an officer or admin whose agency's list is used
                 (needed when the database holds several agencies). Exit 0, 1 if no list is imported yet, 2 on bad input (DATABASE_URL)`;

export interface ScreenArgs {
  json: boolean;
  kind: 'person' | 'entity' | 'unknown';
  as: string | null;
  name: string;
}

/** The arguments of `mizan screen`, or the problem with them. */
export function parseScreenArgs(args: readonly string[]): ScreenArgs | { problem: string } {
  let json = false;
  let kind: ScreenArgs['kind'] = 'unknown';
  let as: string | null = null;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--kind') {
      const value = args[++i];
      if (value !== 'person' && value !== 'entity') return { problem: '--kind is person or entity' };
      kind = value;
    } else if (arg === '--as') {
      const value = args[++i];
      if (!value) return { problem: '--as needs the email of an officer or admin' };
      as = value;
    } else if (arg === '--') {
      names.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) return { problem: `unknown option ${arg}` };
    else names.push(arg);
  }
  if (names.length !== 1) return { problem: 'screen needs exactly one name (quote it: "Izzat Ibrahim al-Duri")' };
  return { json, kind, as, name: names[0] };
}

const SCREENERS = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('sanctions.screen'));

async function agencyOf(ds: DataSource, as: string | null): Promise<string | { problem: string }> {
  if (as) {
    const rows = (await ds.query(`SELECT u.agency_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE lower(u.email) = lower($1) AND u.active AND r.role = ANY($2::text[]) LIMIT 1`, [
      as,
      SCREENERS,
    ])) as { agency_id: string }[];
    return rows[0]?.agency_id ?? { problem: `${as} is not an active officer or admin (who may screen names)` };
  }
  const agencies = (await ds.query('SELECT id FROM agency ORDER BY id LIMIT 2')) as { id: string }[];
  if (agencies.length === 1) return agencies[0].id;
  return { problem: agencies.length === 0 ? 'no agency in this database: run mizan seed first' : 'several agencies in this database: say whose list with --as <email>' };
}

function table(result: ScreeningCheckResult): string {
  const lines = [
    `${result.query}: ${result.potentialMatch ? 'POTENTIAL MATCH' : 'no match'} (threshold ${result.threshold.toFixed(2)}, list version ${result.listVersionId})`,
  ];
  if (result.candidates.length === 0) lines.push('  no candidates');
  for (const c of result.candidates) {
    lines.push(`  ${c.score.toFixed(4)}  ${c.score >= result.threshold ? '≥' : '<'}  ${c.reference.padEnd(9)} ${c.kind.padEnd(10)} ${c.name}`);
    lines.push(`          ${c.explanation}`);
  }
  return lines.join('\n');
}

/** `mizan screen`: prints the result (one JSON object with --json) and returns the exit code. */
export async function screenCommand(ds: DataSource, args: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const parsed = parseScreenArgs(args);
  if ('problem' in parsed) {
    err(`${parsed.problem}\nusage:\n${SCREEN_USAGE}`);
    return 2;
  }
  const agencyId = await agencyOf(ds, parsed.as);
  if (typeof agencyId !== 'string') {
    err(agencyId.problem);
    return 2;
  }
  try {
    const result = await new ScreeningChecksService(ds, new ScreeningIndexCache()).check(agencyId, { name: parsed.name, kind: parsed.kind });
    if (parsed.json) {
      out(
        JSON.stringify({
          query: result.query,
          potentialMatch: result.potentialMatch,
          threshold: result.threshold,
          listVersionId: result.listVersionId,
          candidates: result.candidates.map((c) => ({ reference: c.reference, name: c.name, kind: c.kind, score: c.score, explanation: c.explanation })),
        }),
      );
    } else out(table(result));
    return 0;
  } catch (error) {
    if (error instanceof MizanException && error.code === ErrorCode.ScreeningNoList) {
      err('no sanctions list is imported yet: import one first (mizan sanctions import <file.xml>)');
      return 1;
    }
    if (error instanceof MizanException && error.code === ErrorCode.ValidationFailed) {
      err(error.message);
      return 2;
    }
    throw error;
  }
}
