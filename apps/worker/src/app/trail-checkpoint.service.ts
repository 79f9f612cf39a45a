import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sign } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CHAIN_CHECKPOINT_FORMAT, type CheckpointStatement, PLATFORM_CHAIN, checkpointSigningText } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import {
  CheckpointStore,
  SYSTEM_ACTOR,
  SigningKey,
  TRAIL_CHECKPOINT_ACTION,
  TrailService,
  loadSigningKey,
  publicKeyText,
} from '@mizan/server/trail';

export type CheckpointReason = { reason: 'interval' } | { reason: 'export'; exportId: string; agencyId: string };

/**
 * Signs the head of a chain (Ed25519, key outside the database), keeps the
 * signed checkpoint in the file store and records it on the trail (on the
 * platform's chain). Only the worker holds the private key; the api verifies
 * with the public key alone. Since per-agency chains (migration 1765800000000)
 * a checkpoint names its chain (format 2): an agency's, or the platform's.
 *
 * Runs every TRAIL_CHECKPOINT_SECONDS for each chain that moved (the recurring
 * job trail-checkpoint, a BullMQ job scheduler: once per interval across all
 * workers, see recurring-jobs.ts), and after every export for the agency's
 * chain. Each checkpoint is its own transaction, after what it covers has
 * committed: a checkpoint file can only ever vouch for records that exist.
 */
@Injectable()
export class TrailCheckpointWriter implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrailCheckpointWriter.name);
  private readonly store: CheckpointStore;
  private key: Promise<SigningKey> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
  ) {
    this.store = new CheckpointStore(config.storageDir);
  }

  private signingKey(): Promise<SigningKey> {
    // Development and tests get a key made for them; production must be given one (a new key would orphan every earlier checkpoint).
    this.key ??= loadSigningKey(this.config.trailSigningKeyFile, this.config.trailPublicKeyFile, { createIfMissing: this.config.env !== 'production' });
    return this.key;
  }

  async onApplicationBootstrap(): Promise<void> {
    const key = await this.signingKey();
    this.logger.log(
      `trail checkpoints are signed with Ed25519 key ${key.keyId}${key.created ? ' (created now)' : ''} from ${this.config.trailSigningKeyFile}; ` +
        `public key ${this.config.trailPublicKeyFile}: ${publicKeyText(key.publicKey)}`,
    );
  }

  /**
   * On the interval: signs the head of every chain that moved since its last checkpoint, the agencies' first and the
   * platform's last. After an export: the agency's chain. Returns the statements signed.
   */
  async checkpoint(why: CheckpointReason): Promise<CheckpointStatement[]> {
    if (why.reason === 'export') {
      const signed = await this.checkpointChain(why.agencyId, why);
      return signed ? [signed] : [];
    }
    const agencies = (await this.dataSource.query('SELECT id FROM agency ORDER BY id')) as { id: string }[];
    const signed: CheckpointStatement[] = [];
    for (const agencyId of [...agencies.map((a) => a.id), null]) {
      const statement = await this.checkpointChain(agencyId, why);
      if (statement) signed.push(statement);
    }
    return signed;
  }

  /** The newest checkpoint recorded on the trail for one chain: its position, or null. */
  private async lastCheckpointed(chain: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT r.after->>'seq' AS seq FROM activity_record r
       WHERE r.agency_id IS NULL AND r.action = $1 AND r.after->>'chain' = $2 ORDER BY r.seq DESC LIMIT 1`,
      [TRAIL_CHECKPOINT_ACTION, chain],
    )) as { seq: string | null }[];
    return rows[0]?.seq ?? null;
  }

  private async checkpointChain(agencyId: string | null, why: CheckpointReason): Promise<CheckpointStatement | null> {
    const chain = agencyId ?? PLATFORM_CHAIN;
    // The platform's chain holds the checkpoints' own records: it has not moved when its head is the record of its
    // own last checkpoint (one past the position that checkpoint signed); the agencies' checkpoints, signed first,
    // are covered by the platform's next one.
    const unmoved = async (headSeq: string, manager?: EntityManager): Promise<boolean> => {
      if (headSeq === '0') return true;
      const last = await this.lastCheckpointed(chain, manager);
      return last !== null && (BigInt(last) + (agencyId === null ? 1n : 0n)).toString() === headSeq;
    };
    // Cheap look first, without a lock: an idle chain is not locked at all.
    if (why.reason === 'interval' && (await unmoved((await this.trail.chainHead(agencyId)).chainSeq))) return null;
    const key = await this.signingKey();
    return this.dataSource.transaction(async (manager) => {
      // The chain's lock, then the platform's (the checkpoint's record goes there; numbers are handed out under it).
      const head = await this.trail.lockedHead(manager, agencyId);
      if (agencyId !== null) await this.trail.lockChain(manager, null);
      if (head.seq === '0') return null;
      // Again under the locks (checkpoint records are appended under the platform's): another worker may have signed it.
      if (why.reason === 'interval' && (await unmoved(head.seq, manager))) return null;
      const statement: CheckpointStatement = {
        format: CHAIN_CHECKPOINT_FORMAT,
        chain,
        number: await this.store.nextNumber(),
        seq: head.seq,
        headHash: head.hash,
        signedAt: new Date().toISOString(),
        keyId: key.keyId,
      };
      const signature = sign(null, Buffer.from(checkpointSigningText(statement), 'utf8'), key.privateKey).toString('base64');
      // The file first: if recording it fails, the file still tells the truth about records that exist.
      const fileName = await this.store.write({ ...statement, signature });
      await this.trail.append(manager, {
        actor: SYSTEM_ACTOR,
        agencyId: null,
        action: TRAIL_CHECKPOINT_ACTION,
        entityType: 'trail_checkpoint',
        entityId: String(statement.number),
        after: { ...statement, signature, file: `checkpoints/${fileName}`, ...why },
      });
      this.logger.log(`trail checkpoint #${statement.number} signed: chain ${chain} at position ${statement.seq} (${why.reason})`);
      return statement;
    });
  }
}
