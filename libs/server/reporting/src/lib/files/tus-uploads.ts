import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { FileStore as TusFileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { API_PREFIX, ErrorCode, MAX_REPORT_FILE_BYTES, REPORT_FILE_ID_HEADER, ReportFileView, UploadMetadata, UploadPaths } from '@mizan/contracts';
import { Redis } from 'ioredis';
import { MIZAN_CONFIG, MizanConfig, MizanException, REDIS } from '@mizan/server/core';
import { AuthenticatedRequestContext } from '@mizan/server/identity';
import { ReportFilesService } from './report-files.service';
import { RedisTusLocker } from './redis-tus-locker';
import { parseUploadMetadata } from './upload-metadata';

/** A tus upload id: a random UUID (namingFunction below), so paths take ids like every other route. */
export const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Partial uploads nobody continued for a week go (tus's own expiry). */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

/** The folder of partial uploads: shared by every api process (the same STORAGE_DIR, a shared volume across machines). */
export function tusDirectory(storageDir: string): string {
  return join(storageDir, 'tus');
}

/**
 * Removes partial uploads older than UPLOAD_EXPIRY_MS; returns how many went. Run by the worker's recurring job
 * expired-uploads-cleanup (a BullMQ job scheduler), so several api processes do not each sweep the same folder.
 */
export async function removeExpiredUploads(storageDir: string): Promise<number> {
  return new TusFileStore({ directory: tusDirectory(storageDir), expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS }).deleteExpired();
}

/** Who sent a request the tus server is handling: set by the controller after the session guard let it through. */
const CALLERS = new WeakMap<IncomingMessage, AuthenticatedRequestContext>();

interface NodeRuntime {
  runtime?: { node?: { req?: IncomingMessage } };
}

function callerOf(req: unknown): AuthenticatedRequestContext {
  const raw = (req as NodeRuntime).runtime?.node?.req;
  const auth = raw ? CALLERS.get(raw) : undefined;
  if (!auth) throw { status_code: 401, body: JSON.stringify({ statusCode: 401, code: ErrorCode.NotAuthenticated, message: 'Sign in first' }) };
  return auth;
}

/** A refusal the tus server sends as it is: our error body (JSON) with its status. */
function tusError(error: MizanException): { status_code: number; body: string } {
  return { status_code: error.getStatus(), body: JSON.stringify(error.toBody()) };
}

/** The metadata tus kept for an upload, back in our shape (validated again: it was written by us, but read from disk). */
export function metadataOf(stored: Record<string, string | null> | undefined): UploadMetadata {
  const header = Object.entries(stored ?? {})
    .filter(([key]) => key !== 'ownerId')
    .map(([key, value]) => `${key} ${Buffer.from(value ?? '', 'utf8').toString('base64')}`)
    .join(',');
  return parseUploadMetadata(header);
}

/**
 * The tus server (@tus/server with @tus/file-store) behind the api's own
 * routes: the Nest controller checks the session, the permission and the
 * upload's owner first, then hands the raw request over. Partial uploads live
 * in STORAGE_DIR/tus until they finish (their offset is the file's size, their
 * metadata a JSON file beside it: any api process on the same folder continues
 * them; their locks are in Redis, RedisTusLocker); a finished one is checked, moved into
 * the FileStore as a report file and removed from there.
 */
@Injectable()
export class TusUploads implements OnModuleDestroy {
  private readonly logger = new Logger(TusUploads.name);
  readonly directory: string;
  readonly store: TusFileStore;
  readonly server: TusServer;
  private readonly locker: RedisTusLocker;

  constructor(
    private readonly reportFiles: ReportFilesService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.directory = tusDirectory(config.storageDir);
    this.store = new TusFileStore({ directory: this.directory, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
    // Upload locks in Redis: a client may continue through any api process (docs/SCALING.md).
    this.locker = new RedisTusLocker(redis, config.queuePrefix);
    this.server = new TusServer({
      path: `${API_PREFIX}/${UploadPaths.tus}`,
      datastore: this.store,
      locker: this.locker,
      maxSize: MAX_REPORT_FILE_BYTES,
      relativeLocation: true,
      namingFunction: () => randomUUID(),
      // Same origin only: no CORS answers.
      allowedOrigins: () => false,
      exposedHeaders: [REPORT_FILE_ID_HEADER],
      onUploadCreate: async (req, upload) => {
        const auth = callerOf(req);
        return { metadata: { ...upload.metadata, ownerId: auth.user.id } };
      },
      onUploadFinish: async (req, upload) => {
        const auth = callerOf(req);
        try {
          const file = await this.finish(auth, upload.id, upload.metadata ?? {});
          return { headers: { [REPORT_FILE_ID_HEADER]: file.id } };
        } catch (error) {
          if (error instanceof MizanException) throw tusError(error);
          this.logger.error(`finishing upload ${upload.id} failed: ${(error as Error).message}`);
          throw { status_code: 503, body: JSON.stringify({ statusCode: 503, code: ErrorCode.Internal, message: 'The file arrived but could not be stored yet; ask for the result again' }) };
        }
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.server.removeAllListeners();
    await this.locker.close();
  }

  /**
   * Stores a complete upload as a report file and removes the partial upload.
   * A refused file (wrong type, report no longer editable) is removed too:
   * nothing of it stays. Other failures keep it, so the result can be asked for again.
   */
  async finish(auth: AuthenticatedRequestContext, uploadId: string, stored: Record<string, string | null>): Promise<ReportFileView> {
    let file: ReportFileView;
    try {
      const meta = metadataOf(stored);
      const bytes = await readFile(join(this.directory, uploadId));
      file = await this.reportFiles.storeUpload(auth, uploadId, meta, bytes);
    } catch (error) {
      if (error instanceof MizanException) await this.store.remove(uploadId).catch(() => undefined);
      throw error;
    }
    await this.store.remove(uploadId).catch(() => undefined);
    return file;
  }

  /** The owner of an upload still in progress, or null when there is none with that id. */
  async ownerOf(uploadId: string): Promise<string | null> {
    if (!UPLOAD_ID.test(uploadId)) return null;
    try {
      const upload = await this.store.getUpload(uploadId);
      return upload.metadata?.['ownerId'] ?? null;
    } catch {
      return null;
    }
  }

  /** Hands a request the controller has allowed to the tus server (the reply is hijacked by the caller). */
  async handle(auth: AuthenticatedRequestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
    CALLERS.set(req, auth);
    await this.server.handle(req, res);
  }

  /** POST result: the report file of an upload, storing it now if its last PATCH was cut short before that. */
  async result(auth: AuthenticatedRequestContext, uploadId: string): Promise<ReportFileView> {
    if (!UPLOAD_ID.test(uploadId)) throw MizanException.notFound('Upload');
    const done = await this.reportFiles.byUpload(auth, uploadId);
    if (done) return done;
    if ((await this.ownerOf(uploadId)) !== auth.user.id) throw MizanException.notFound('Upload');
    const upload = await this.store.getUpload(uploadId);
    if (upload.size === undefined || upload.offset < upload.size) {
      throw MizanException.withParams(ErrorCode.Conflict, 'The upload is not complete yet', { offset: upload.offset, size: upload.size ?? 0 });
    }
    return this.finish(auth, uploadId, upload.metadata ?? {});
  }
}
