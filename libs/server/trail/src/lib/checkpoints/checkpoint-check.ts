import { KeyObject, verify } from 'node:crypto';
import { type ChainAtCheckpoint, type SignedCheckpoint, checkpointChain, checkpointSigningText, judgeCheckpoint } from '@mizan/domain';
import type { TrailCheckpointReport } from '@mizan/contracts';
import type { MizanConfig } from '@mizan/server/core';
import { CheckpointStore, StoredCheckpoint } from './checkpoint-store';
import { keyIdOf, loadPublicKey } from './trail-keys';

/** The action of the record that puts a checkpoint on the trail itself. */
export const TRAIL_CHECKPOINT_ACTION = 'trail.checkpoint';

interface Finding {
  /** Sorts the findings: the first checkpoint contradicted is reported first. */
  number: number;
  /** Where the chain stops agreeing, when known. */
  seq: string | null;
  message: string;
}

interface Recorded {
  seq: string;
  number: number;
  signature: string;
}

export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  return verify(null, Buffer.from(checkpointSigningText(checkpoint), 'utf8'), publicKey, Buffer.from(checkpoint.signature, 'base64'));
}

/** How far one chain verified, and where the verification's snapshot ends in it (null: no snapshot, its head). */
export interface ChainOutcome extends Omit<ChainAtCheckpoint, 'hashAtSeq'> {
  limit: string | null;
}

/**
 * One verification's view of the checkpoints: the files (signature checked
 * once, up front), the hashes the chain walks saw at their positions, and the
 * `trail.checkpoint` records they passed — then the verdict. Each checkpoint
 * speaks of one chain (checkpointChain: 'legacy', 'platform' or an agency id);
 * a verification that covers some chains only (an agency's auditor) looks only
 * at their checkpoints.
 */
export class CheckpointCheck {
  /** `${chain}#${seq}` of every valid checkpoint → the hash the walk saw there. */
  private readonly hashes = new Map<string, string | null>();
  private readonly recorded: Recorded[] = [];

  private constructor(
    private readonly stored: StoredCheckpoint[],
    private readonly valid: SignedCheckpoint[],
    private readonly findings: Finding[],
    private readonly keyId: string | null,
    /** False without a configuration: no store to look in, so the trail's checkpoint records are not held against it. */
    private readonly enabled: boolean,
  ) {
    for (const checkpoint of valid) this.hashes.set(`${checkpointChain(checkpoint)}#${checkpoint.seq}`, null);
  }

  /** `inScope`: the chains this verification walks; checkpoints of other chains are not looked at. */
  static async load(config: Pick<MizanConfig, 'storageDir' | 'trailPublicKeyFile'> | null, inScope: (chain: string) => boolean = () => true): Promise<CheckpointCheck> {
    if (config === null) return new CheckpointCheck([], [], [], null, false);
    const stored = await new CheckpointStore(config.storageDir).list();
    const findings: Finding[] = [];
    let publicKey: KeyObject | null = null;
    try {
      publicKey = await loadPublicKey(config.trailPublicKeyFile);
    } catch (error) {
      findings.push({ number: 0, seq: null, message: `BAD PUBLIC KEY: ${config.trailPublicKeyFile} (TRAIL_PUBLIC_KEY_FILE): ${(error as Error).message}` });
    }
    const keyId = publicKey ? keyIdOf(publicKey) : null;
    const valid: SignedCheckpoint[] = [];
    const unchecked: number[] = [];
    for (const entry of stored) {
      if (!entry.ok) {
        findings.push({ number: entry.number, seq: null, message: `UNREADABLE: checkpoint #${entry.number} (checkpoints/${entry.fileName}): ${entry.reason}` });
        continue;
      }
      const checkpoint = entry.checkpoint;
      if (!inScope(checkpointChain(checkpoint))) continue;
      if (publicKey === null) {
        unchecked.push(checkpoint.number);
      } else if (checkpoint.keyId !== keyId) {
        findings.push({ number: checkpoint.number, seq: checkpoint.seq, message: `UNKNOWN KEY: checkpoint #${checkpoint.number} names key ${checkpoint.keyId}, not the configured key ${keyId}` });
      } else if (!verifyCheckpointSignature(checkpoint, publicKey)) {
        findings.push({ number: checkpoint.number, seq: checkpoint.seq, message: `BAD SIGNATURE: checkpoint #${checkpoint.number} (checkpoints/${entry.fileName}) does not verify under key ${keyId}` });
      } else {
        valid.push(checkpoint);
      }
    }
    if (unchecked.length > 0 && findings.every((f) => !f.message.startsWith('BAD PUBLIC KEY'))) {
      findings.push({
        number: unchecked[0],
        seq: null,
        message: `NO PUBLIC KEY: ${unchecked.length} checkpoint(s) cannot be checked; ${config.trailPublicKeyFile} (TRAIL_PUBLIC_KEY_FILE) does not exist`,
      });
    }
    return new CheckpointCheck(stored, valid, findings, keyId, true);
  }

  /** The positions in `chain` whose hash a valid checkpoint names: of the records that verified, sawRecord needs only these and the trail.checkpoint records. */
  watchedPositions(chain: string): string[] {
    return this.valid.filter((c) => checkpointChain(c) === chain).map((c) => c.seq);
  }

  /**
   * Called for every record that verified, in chain order: `seq` its position in the chain (what checkpoints name),
   * `recordSeq` its deployment-wide seq (what findings about checkpoint records name). `checkpointAfter` is the
   * `after` of a trail.checkpoint record.
   */
  sawRecord(chain: string, seq: string, hash: string, checkpointAfter?: unknown, recordSeq: string = seq): void {
    const key = `${chain}#${seq}`;
    if (this.hashes.has(key)) this.hashes.set(key, hash);
    if (this.enabled && checkpointAfter !== undefined && checkpointAfter !== null && typeof checkpointAfter === 'object') {
      const { number, signature } = checkpointAfter as { number?: unknown; signature?: unknown };
      if (typeof number === 'number' && typeof signature === 'string') this.recorded.push({ seq: recordSeq, number, signature });
    }
  }

  /** `chains`: the outcome of every chain walked; a checkpoint beyond its chain's snapshot is left out. */
  judge(chains: ReadonlyMap<string, ChainOutcome>): { summary: TrailCheckpointReport; problems: Finding[]; first: Finding | null } {
    const findings = [...this.findings];
    let latest: SignedCheckpoint | null = null;
    let agreeing = 0;
    for (const checkpoint of this.valid) {
      const name = checkpointChain(checkpoint);
      // A checkpoint of a chain that has no record at all is judged against an empty chain: it was cut off.
      const chain = chains.get(name) ?? { intactUpToSeq: '0', broken: false, limit: null };
      if (chain.limit !== null && BigInt(checkpoint.seq) > BigInt(chain.limit)) continue;
      const verdict = judgeCheckpoint(checkpoint, { ...chain, hashAtSeq: this.hashes.get(`${name}#${checkpoint.seq}`) ?? null });
      if (verdict.kind === 'agrees') {
        agreeing++;
        if (latest === null || checkpoint.number > latest.number) latest = checkpoint;
      } else if (verdict.kind !== 'unreached') {
        const message = name === 'legacy' ? verdict.message : `${verdict.message} (chain ${name})`;
        findings.push({ number: checkpoint.number, seq: verdict.brokenAtSeq, message });
      }
    }
    // The trail names every checkpoint it was given, so removing a file from the store does not go unnoticed.
    const byNumber = new Map(this.stored.map((s) => [s.number, s]));
    for (const record of this.recorded) {
      const file = byNumber.get(record.number);
      if (file === undefined) {
        findings.push({ number: record.number, seq: record.seq, message: `MISSING: checkpoint #${record.number}, recorded on the trail at seq ${record.seq}, is not in the checkpoint store` });
      } else if (file.ok && file.checkpoint.signature !== record.signature) {
        findings.push({ number: record.number, seq: record.seq, message: `REPLACED: checkpoint #${record.number} in the store is not the one recorded on the trail at seq ${record.seq}` });
      }
    }
    // Numbers are handed out without gaps (the next is the highest + 1, under the trail lock), so a gap is a deleted file.
    // Gaps are walked between stored numbers, never number by number: a stray file with a huge number is one finding, not a loop.
    const highest = this.stored.length === 0 ? 0 : Math.max(...this.stored.map((s) => s.number));
    const named = new Set(findings.filter((f) => f.message.startsWith('MISSING')).map((f) => f.number));
    let expected = 1;
    for (const number of [...byNumber.keys()].sort((a, b) => a - b)) {
      if (number > expected) {
        const last = number - 1;
        const unnamed = last - expected + 1 > named.size || Array.from({ length: last - expected + 1 }, (_, i) => expected + i).some((n) => !named.has(n));
        if (unnamed) {
          const which = expected === last ? `checkpoint #${expected} is` : `checkpoints #${expected} to #${last} are`;
          findings.push({ number: expected, seq: null, message: `MISSING: ${which} not in the checkpoint store (checkpoint #${highest} is)` });
        }
      }
      expected = number + 1;
    }
    findings.sort((a, b) => a.number - b.number);
    return {
      summary: {
        found: this.stored.length,
        agreeing,
        latest: latest && { number: latest.number, chain: checkpointChain(latest), seq: latest.seq, headHash: latest.headHash, signedAt: latest.signedAt },
        keyId: this.keyId,
        problems: findings.map((f) => f.message),
      },
      problems: findings,
      first: findings[0] ?? null,
    };
  }
}
