import * as argon2 from 'argon2';

/** OWASP password storage cheat sheet: argon2id, m = 19 MiB, t = 2, p = 1. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifying against this when no account matches keeps both paths equally slow. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('mizan-no-such-account-placeholder');
  return dummyHash;
}
