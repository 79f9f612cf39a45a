import { unlink } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, Page, SANCTIONS_FILE_MAX_BYTES, SanctionsEntryView, SanctionsListVersionView } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException, isUuid } from '@mizan/server/core';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { FileStore, StoredDocument, plainFileName } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { readEntryView } from './sanctions-entry-view';
import { UN_LIST_NAME } from './un-list-parser';
import { validateUnList } from './un-list-schema';

/** Who imports: an officer signed in to the api, or the user the command line acts as. */
export interface SanctionsImportActor {
  userId: string;
  agencyId: string;
  /** For the trail (the e-mail address). */
  label: string;
}

interface VersionRow {
  id: string;
  list_name: string;
  file_name: string;
  sha256: string;
  published_at: Date | null;
  state: SanctionsListVersionView['state'];
  progress: number;
  failure_code: string | null;
  failure_params: Record<string, string | number> | null;
  individuals: number;
  entities: number;
  aliases: number;
  entries_added: number;
  entries_removed: number;
  entries_changed: number;
  aliases_added: number;
  aliases_removed: number;
  imported_by: string;
  imported_by_name: string;
  created_at: Date;
  finished_at: Date | null;
  run_id: string | null;
}

const VERSION_SELECT = `
  SELECT v.id, v.list_name, v.file_name, v.sha256, v.published_at, v.state, v.progress, v.failure_code, v.failure_params,
         v.individuals, v.entities, v.aliases, v.entries_added, v.entries_removed, v.entries_changed, v.aliases_added, v.aliases_removed,
         v.imported_by, u.display_name AS imported_by_name, v.created_at, v.finished_at,
         (SELECT r.id FROM screening_run r WHERE r.list_version_id = v.id ORDER BY r.created_at LIMIT 1) AS run_id
    FROM sanctions_list_version v JOIN app_user u ON u.id = v.imported_by`;

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

function versionView(r: VersionRow): SanctionsListVersionView {
  return {
    id: r.id,
    listName: r.list_name,
    fileName: r.file_name,
    sha256: r.sha256,
    publishedAt: iso(r.published_at),
    state: r.state,
    progress: r.progress,
    failureCode: r.failure_code,
    failureParams: r.failure_params,
    individuals: r.individuals,
    entities: r.entities,
    aliases: r.aliases,
    entriesAdded: r.entries_added,
    entriesRemoved: r.entries_removed,
    entriesChanged: r.entries_changed,
    aliasesAdded: r.aliases_added,
    aliasesRemoved: r.aliases_removed,
    importedBy: { id: r.imported_by, name: r.imported_by_name },
    createdAt: r.created_at.toISOString(),
    finishedAt: iso(r.finished_at),
    runId: r.run_id,
  };
}

/** Whether a database error is the partial unique index that allows one queued or running import per list. */
function isRunningConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && constraint === 'uq_sanctions_list_version_running';
}

function importRunning(listName: string): MizanException {
  return MizanException.withParams(ErrorCode.SanctionsImportRunning, 'An import of this list is already queued or running', { listName });
}

/**
 * Sanctions list versions and entries (issue 13), the api's side: an uploaded list file is validated against the
 * UN's XSD, stored, recorded as a version 'queued' (trail screening.list_import_requested) and handed to the
 * worker (SanctionsImport, job id = version id; SanctionsImportSweeper queues what Redis missed). One import of a
 * list at a time per agency: the partial unique index on the version decides under a burst. Reads are the
 * agency's own: another agency's version or entry is 404.
 */
@Injectable()
export class SanctionsListsService {
  private readonly logger = new Logger(SanctionsListsService.name);
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  /** Refuses early (before the bytes are read) when an import of the list is already queued or running. */
  async assertNoImportRunning(agencyId: string, listName = UN_LIST_NAME): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT 1 FROM sanctions_list_version WHERE agency_id = $1 AND list_name = $2 AND state IN ('queued', 'running')`, [
      agencyId,
      listName,
    ])) as unknown[];
    if (row) throw importRunning(listName);
  }

  /**
   * Validates, stores and records a list file as a queued version. `enqueue: false` (the command line, which
   * imports at once) leaves the job to the caller.
   */
  async requestImport(actor: SanctionsImportActor, file: { buffer: Buffer; fileName: string }, options: { enqueue?: boolean } = {}): Promise<SanctionsListVersionView> {
    const listName = UN_LIST_NAME;
    if (file.buffer.length > SANCTIONS_FILE_MAX_BYTES) {
      const message = `the file is larger than ${SANCTIONS_FILE_MAX_BYTES / (1024 * 1024)} MB`;
      throw new MizanException(ErrorCode.FileTooLarge, message, [{ field: 'file', message }]);
    }
    await this.assertNoImportRunning(actor.agencyId, listName);
    await validateUnList(file.buffer);
    const fileName = plainFileName(file.fileName, 'sanctions-list.xml');
    const stored = await this.files.put(file.buffer, 'sanctions-lists', 'xml');
    let versionId: string;
    try {
      versionId = await this.trail.record(async (manager) => {
        const document = manager.create(StoredDocument, {
          agencyId: actor.agencyId,
          kind: 'sanctions_list',
          fileName,
          contentType: 'application/xml',
          storageKey: stored.storageKey,
          sha256: stored.sha256,
          sizeBytes: String(stored.sizeBytes),
        });
        await manager.insert(StoredDocument, document);
        const [row] = (await manager.query(
          `INSERT INTO sanctions_list_version (agency_id, list_name, document_id, file_name, sha256, imported_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [actor.agencyId, listName, document.id, fileName, stored.sha256, actor.userId],
        )) as { id: string }[];
        return {
          result: row.id,
          entries: [
            {
              actor: { id: actor.userId, label: actor.label },
              agencyId: actor.agencyId,
              action: 'screening.list_import_requested',
              entityType: 'sanctions_list_version',
              entityId: row.id,
              after: { listName, fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
            },
          ],
        };
      });
    } catch (error) {
      await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      if (isRunningConflict(error)) throw importRunning(listName);
      throw error;
    }
    if (options.enqueue !== false) await this.enqueue(versionId);
    return this.versionOf(actor.agencyId, versionId);
  }

  /** Queues the import (the version id is the job id: queuing twice imports once). Redis away: the sweeper queues it. */
  async enqueue(versionId: string): Promise<void> {
    try {
      await this.jobs.add({ name: JobName.SanctionsImport, data: { versionId } }, versionId);
    } catch (error) {
      this.logger.warn(`sanctions import ${versionId} not queued now (${(error as Error).message}); the worker's sweep will queue it`);
    }
  }

  async versions(agencyId: string, page: number, pageSize: number): Promise<Page<SanctionsListVersionView>> {
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM sanctions_list_version WHERE agency_id = $1`, [agencyId])) as { total: number }[];
    const rows = (await this.dataSource.query(`${VERSION_SELECT} WHERE v.agency_id = $1 ORDER BY v.created_at DESC, v.id DESC LIMIT $2 OFFSET $3`, [
      agencyId,
      pageSize,
      (page - 1) * pageSize,
    ])) as VersionRow[];
    return { items: rows.map(versionView), page, pageSize, total };
  }

  async versionOf(agencyId: string, id: string): Promise<SanctionsListVersionView> {
    if (!isUuid(id)) throw MizanException.notFound('Sanctions list version');
    const [row] = (await this.dataSource.query(`${VERSION_SELECT} WHERE v.id = $1 AND v.agency_id = $2`, [id, agencyId])) as VersionRow[];
    if (!row) throw MizanException.notFound('Sanctions list version');
    return versionView(row);
  }

  async entryOf(agencyId: string, id: string): Promise<SanctionsEntryView> {
    if (!isUuid(id)) throw MizanException.notFound('Sanctions list entry');
    const entry = await readEntryView(this.dataSource.manager, id, agencyId);
    if (!entry) throw MizanException.notFound('Sanctions list entry');
    return entry;
  }
}
