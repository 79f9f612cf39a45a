import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sign } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CHECKPOINT_FORMAT, type CheckpointStatement, checkpointSigningText } from '@mizan/domain';
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

export type CheckpointReason = { reason: 'interval' } | { reason: 'export'; exportId: string };

/**
 * Signs the trail's head (Ed25519, key outside the database), keeps the
 * signed checkpoint in the file store and records it on the trail. Only the
 * worker holds the private key; the api verifies with the public key alone.
 *
 * Runs every TRAIL_CHECKPOINT_SECONDS when the trail moved (the recurring job
 * trail-checkpoint, a BullMQ job scheduler: once per interval across all
 * workers, see recurring-jobs.ts), and after every export. Each checkpoint is its own transaction, after what it covers has
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
   * Signs the current head. On the interval, nothing is signed when the trail
   * is empty or has not moved since the last checkpoint (its newest record is
   * that checkpoint's own record). Returns the statement signed, or null.
   */
  async checkpoint(why: CheckpointReason): Promise<CheckpointStatement | null> {
    const key = await this.signingKey();
    return this.dataSource.transaction(async (manager) => {
      const head = await this.trail.lockedHead(manager);
      if (why.reason === 'interval' && (head.seq === '0' || head.action === TRAIL_CHECKPOINT_ACTION)) return null;
      const statement: CheckpointStatement = {
        format: CHECKPOINT_FORMAT,
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
      this.logger.log(`trail checkpoint #${statement.number} signed at seq ${statement.seq} (${why.reason})`);
      return statement;
    });
  }
}
