import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** First 16 hex digits of the SHA-256 of the public key (SPKI, DER): short, stable, names the key in every checkpoint. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** The public key as one line (base64 of its SPKI DER) for logs and docs. */
export function publicKeyText(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

export class TrailKeyError extends Error {}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Writes a file only if it does not exist yet (temporary name, then a hard link that fails on an existing target). */
async function writeNew(path: string, text: string, mode: number): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.partial`;
  await writeFile(temporary, text, { mode });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** The key was generated now (development and tests only). */
  created: boolean;
}

/**
 * The worker's signing key. Missing: created (0600) when `createIfMissing`,
 * else refused — production must be given its key, never silently get a new
 * one, or every earlier checkpoint would stop verifying. The public key is
 * (re)written beside it whenever absent, so the api never needs the private key.
 */
export async function loadSigningKey(signingKeyFile: string, publicKeyFile: string, options: { createIfMissing: boolean }): Promise<SigningKey> {
  let created = false;
  let pem: string;
  try {
    pem = await readFile(signingKeyFile, 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
    if (!options.createIfMissing) {
      throw new TrailKeyError(`the trail signing key ${signingKeyFile} (TRAIL_SIGNING_KEY_FILE) does not exist; create one with: openssl genpkey -algorithm ed25519 -out ${signingKeyFile}`);
    }
    const generated = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    created = await writeNew(signingKeyFile, generated, 0o600);
    pem = created ? generated : await readFile(signingKeyFile, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new TrailKeyError(`the trail signing key ${signingKeyFile} is not a PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TrailKeyError(`the trail signing key ${signingKeyFile} is ${privateKey.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  const existing = await loadPublicKey(publicKeyFile);
  if (existing === null) {
    await writeNew(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644);
  } else if (keyIdOf(existing) !== keyIdOf(publicKey)) {
    throw new TrailKeyError(`the public key ${publicKeyFile} (TRAIL_PUBLIC_KEY_FILE) is not the one of ${signingKeyFile}: checkpoints would not verify`);
  }
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), created };
}

/** The public key the verifier checks checkpoints with, or null when the file does not exist. */
export async function loadPublicKey(publicKeyFile: string): Promise<KeyObject | null> {
  let pem: string;
  try {
    pem = await readFile(publicKeyFile, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TrailKeyError(`the public key ${publicKeyFile} is not an Ed25519 key`);
  return key;
}
