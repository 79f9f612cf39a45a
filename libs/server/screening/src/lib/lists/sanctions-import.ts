import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type SanctionsListVersionView } from '@mizan/contracts';
import type { ListEntry } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import { JobProducer } from '@mizan/server/jobs';
import { FileStore } from '@mizan/server/storage';
import { SYSTEM_ACTOR, TrailActor, TrailService } from '@mizan/server/trail';
import { enqueueScreeningRun, insertScreeningRun } from '../engine/screening-run-request';
import { entryContentHash, parseUnConsolidatedList } from './un-list-parser';
import { SanctionsImportActor, SanctionsListsService } from './sanctions-lists.service';
import { validateUnList } from './un-list-schema';

export type ImportProgress = (percent: number) => Promise<void>;

/** Entries written per statement. */
const WRITE_BATCH = 500;

/** What an import found, as the version row (the counts of its view) and the trail record (also the unchanged entries) keep it. */
export type SanctionsImportCounts = Pick<
  SanctionsListVersionView,
  'individuals' | 'entities' | 'aliases' | 'entriesAdded' | 'entriesRemoved' | 'entriesChanged' | 'aliasesAdded' | 'aliasesRemoved'
> & { entriesUnchanged: number };

export interface SanctionsImportOutcome {
  versionId: string;
  state: 'done' | 'failed' | 'skipped';
  counts: SanctionsImportCounts | null;
  failure: { code: string; params: Record<string, string | number> } | null;
  /** The screening run queued after a finished import. */
  runId: string | null;
  /** Whether the run's job reached the queue (else the row waits, queued, for a sweep). */
  runQueued: boolean;
}

interface VersionRow {
  id: string;
  agency_id: string;
  list_name: string;
  state: string;
  storage_key: string;
  imported_by: string;
}

interface StoredEntryRow {
  id: string;
  reference: string;
  content_hash: string;
  names: { name: string; type: string }[];
  removed_in_version_id: string | null;
}

/** The names of an entry other than its primary name, compared case-insensitively. */
function aliasKeys(names: readonly { name: string; type: string }[]): Set<string> {
  return new Set(names.filter((n) => n.type !== 'primary').map((n) => `${n.type}:${n.name.toLowerCase()}`));
}

function aliasCount(entry: ListEntry): number {
  return entry.names.filter((n) => n.type !== 'primary').length;
}

/** The entry as jsonb_to_recordset reads it. */
function entryRecord(entry: ListEntry): Record<string, unknown> {
  return {
    reference: entry.reference,
    data_id: entry.dataId,
    kind: entry.kind,
    primary_name: entry.primaryName,
    names: entry.names,
    dob: entry.datesOfBirth,
    pob: entry.placesOfBirth,
    nationality: entry.nationalities,
    listing_reason: entry.listingReason,
    un_list_type: entry.unListType,
    listed_on: entry.listedOn,
    content_hash: entryContentHash(entry),
  };
}

const RECORDSET = `jsonb_to_recordset($2::jsonb) AS x(reference text, data_id text, kind text, primary_name text, names jsonb, dob jsonb, pob jsonb,
  nationality jsonb, listing_reason text, un_list_type text, listed_on date, content_hash text)`;
const ARRAY_OF = (column: string) => `ARRAY(SELECT jsonb_array_elements_text(x.${column}))`;

/**
 * The import of a sanctions list file (the worker's SanctionsImport job, and `tools/mizan sanctions import`):
 * reads the stored file, validates it against the UN's XSD, parses it, and compares it with the entries the
 * agency has of that list — added, removed (removed_in_version_id), changed (content hash differs: updated,
 * last_changed_version_id), unchanged. Progress goes to the version row in small updates of their own; every
 * entry change, the version's counts and state 'done', its trail record and the screening run it starts are
 * one transaction, so an import that fails changes no entry. A file that is not a valid list marks the version
 * 'failed' (failure_code and params, trail screening.list_import_failed) and is not retried.
 */
@Injectable()
export class SanctionsImporter {
  private readonly logger = new Logger(SanctionsImporter.name);
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async run(versionId: string, reportProgress: ImportProgress = async () => undefined): Promise<SanctionsImportOutcome> {
    const [version] = (await this.dataSource.query(
      `SELECT v.id, v.agency_id, v.list_name, v.state, d.storage_key, v.imported_by
         FROM sanctions_list_version v JOIN stored_document d ON d.id = v.document_id WHERE v.id = $1`,
      [versionId],
    )) as VersionRow[];
    const skipped: SanctionsImportOutcome = { versionId, state: 'skipped', counts: null, failure: null, runId: null, runQueued: false };
    if (!version) {
      this.logger.warn(`sanctions list version ${versionId} no longer exists`);
      return skipped;
    }
    if (version.state === 'done' || version.state === 'failed') return skipped;
    const progress = async (percent: number): Promise<void> => {
      await this.dataSource.query(`UPDATE sanctions_list_version SET progress = $2 WHERE id = $1 AND state = 'running'`, [versionId, percent]);
      await reportProgress(percent);
    };
    await this.dataSource.query(`UPDATE sanctions_list_version SET state = 'running', progress = 0 WHERE id = $1 AND state IN ('queued', 'running')`, [versionId]);
    const started = Date.now();

    const bytes = await readFile(this.files.pathOf(version.storage_key));
    await progress(10);
    let entries: ListEntry[];
    let publishedAt: string | null;
    try {
      await validateUnList(bytes);
      await progress(30);
      const parsed = parseUnConsolidatedList(bytes.toString('utf8'));
      entries = parsed.entries;
      publishedAt = parsed.publishedAt;
    } catch (error) {
      if (error instanceof MizanException && error.code === ErrorCode.SanctionsListInvalid) {
        const failure = { code: error.code, params: error.params ?? {} };
        await this.fail(version, failure.code, failure.params);
        return { versionId, state: 'failed', counts: null, failure, runId: null, runQueued: false };
      }
      throw error;
    }
    await progress(40);

    const stored = (await this.dataSource.query(
      `SELECT id, reference, content_hash, names, removed_in_version_id FROM sanctions_entry WHERE agency_id = $1 AND list_name = $2`,
      [version.agency_id, version.list_name],
    )) as StoredEntryRow[];
    const byReference = new Map(stored.map((row) => [row.reference, row]));
    const incoming = new Set(entries.map((e) => e.reference));
    const added: ListEntry[] = [];
    const relisted: ListEntry[] = [];
    const changed: ListEntry[] = [];
    let unchanged = 0;
    let aliasesAdded = 0;
    let aliasesRemoved = 0;
    for (const entry of entries) {
      const row = byReference.get(entry.reference);
      const active = row && row.removed_in_version_id === null ? row : undefined;
      const before = active ? aliasKeys(active.names) : new Set<string>();
      const after = aliasKeys(entry.names);
      for (const key of after) if (!before.has(key)) aliasesAdded++;
      for (const key of before) if (!after.has(key)) aliasesRemoved++;
      if (!row) added.push(entry);
      else if (!active) relisted.push(entry);
      else if (active.content_hash !== entryContentHash(entry)) changed.push(entry);
      else unchanged++;
    }
    const removed = stored.filter((row) => row.removed_in_version_id === null && !incoming.has(row.reference));
    for (const row of removed) aliasesRemoved += aliasKeys(row.names).size;
    const counts: SanctionsImportCounts = {
      individuals: entries.filter((e) => e.kind === 'individual').length,
      entities: entries.filter((e) => e.kind === 'entity').length,
      aliases: entries.reduce((sum, e) => sum + aliasCount(e), 0),
      entriesAdded: added.length + relisted.length,
      entriesRemoved: removed.length,
      entriesChanged: changed.length,
      entriesUnchanged: unchanged,
      aliasesAdded,
      aliasesRemoved,
    };
    await progress(50);

    const totalWrites = Math.max(1, added.length + relisted.length + changed.length + removed.length);
    let written = 0;
    const wrote = async (count: number): Promise<void> => {
      written += count;
      // Progress goes on a connection of its own: the poller sees it while the transaction is still open.
      await progress(50 + Math.floor((written * 45) / totalWrites));
    };

    const outcome = await this.trail.record(async (tx) => {
      const params = [version.agency_id, '', version.list_name, versionId];
      for (let i = 0; i < added.length; i += WRITE_BATCH) {
        const batch = added.slice(i, i + WRITE_BATCH);
        params[1] = JSON.stringify(batch.map(entryRecord));
        await tx.query(
          `INSERT INTO sanctions_entry (agency_id, list_name, reference, data_id, kind, primary_name, names, date_of_birth, place_of_birth, nationality,
                                        listing_reason, un_list_type, listed_on, content_hash, first_version_id, last_changed_version_id)
           SELECT $1, $3, x.reference, x.data_id, x.kind, x.primary_name, x.names, ${ARRAY_OF('dob')}, ${ARRAY_OF('pob')}, ${ARRAY_OF('nationality')},
                  x.listing_reason, x.un_list_type, x.listed_on, x.content_hash, $4, $4
             FROM ${RECORDSET}`,
          params,
        );
        await wrote(batch.length);
      }
      for (const group of [relisted, changed]) {
        for (let i = 0; i < group.length; i += WRITE_BATCH) {
          const batch = group.slice(i, i + WRITE_BATCH);
          params[1] = JSON.stringify(batch.map(entryRecord));
          await tx.query(
            `UPDATE sanctions_entry e
                SET data_id = x.data_id, kind = x.kind, primary_name = x.primary_name, names = x.names, date_of_birth = ${ARRAY_OF('dob')},
                    place_of_birth = ${ARRAY_OF('pob')}, nationality = ${ARRAY_OF('nationality')}, listing_reason = x.listing_reason,
                    un_list_type = x.un_list_type, listed_on = x.listed_on, content_hash = x.content_hash, last_changed_version_id = $4,
                    removed_in_version_id = NULL
               FROM ${RECORDSET}
              WHERE e.agency_id = $1 AND e.list_name = $3 AND e.reference = x.reference`,
            params,
          );
          await wrote(batch.length);
        }
      }
      for (let i = 0; i < removed.length; i += WRITE_BATCH) {
        const batch = removed.slice(i, i + WRITE_BATCH);
        await tx.query(`UPDATE sanctions_entry SET removed_in_version_id = $2 WHERE id = ANY($1::uuid[]) AND removed_in_version_id IS NULL`, [batch.map((r) => r.id), versionId]);
        await wrote(batch.length);
      }
      // Locked last: the progress updates above (another connection) never wait on this transaction.
      const [current] = (await tx.query(`SELECT state FROM sanctions_list_version WHERE id = $1 FOR UPDATE`, [versionId])) as { state: string }[];
      if (current?.state === 'done' || current?.state === 'failed') throw new AlreadyFinished();
      const [previous] = (await tx.query(
        `SELECT id FROM sanctions_list_version WHERE agency_id = $1 AND list_name = $2 AND state = 'done' ORDER BY finished_at DESC, created_at DESC LIMIT 1`,
        [version.agency_id, version.list_name],
      )) as { id: string }[];
      await tx.query(
        `UPDATE sanctions_list_version
            SET state = 'done', progress = 100, published_at = $2, previous_version_id = $3, individuals = $4, entities = $5, aliases = $6,
                entries_added = $7, entries_removed = $8, entries_changed = $9, aliases_added = $10, aliases_removed = $11,
                failure_code = NULL, failure_params = NULL, finished_at = now()
          WHERE id = $1`,
        [
          versionId,
          publishedAt,
          previous?.id ?? null,
          counts.individuals,
          counts.entities,
          counts.aliases,
          counts.entriesAdded,
          counts.entriesRemoved,
          counts.entriesChanged,
          counts.aliasesAdded,
          counts.aliasesRemoved,
        ],
      );
      const runId = await insertScreeningRun(tx, { agencyId: version.agency_id, trigger: 'import', listVersionId: versionId });
      const actor = SYSTEM_ACTOR;
      return {
        result: { runId },
        entries: [
          {
            actor,
            agencyId: version.agency_id,
            action: 'screening.list_imported' as const,
            entityType: 'sanctions_list_version' as const,
            entityId: versionId,
            after: { listName: version.list_name, publishedAt, previousVersionId: previous?.id ?? null, ...counts, ms: Date.now() - started },
          },
          {
            actor,
            agencyId: version.agency_id,
            action: 'screening.run_requested' as const,
            entityType: 'screening_run' as const,
            entityId: runId,
            after: { trigger: 'import', listVersionId: versionId },
          },
        ],
      };
    }).catch((error: unknown) => {
      if (error instanceof AlreadyFinished) return null;
      throw error;
    });
    if (!outcome) return skipped;
    await reportProgress(100);
    const runQueued = await enqueueScreeningRun(this.jobs, this.logger, outcome.runId);
    this.logger.log(
      `sanctions list version ${versionId}: ${counts.individuals} individuals, ${counts.entities} entities, ${counts.aliases} aliases; ` +
        `${counts.entriesAdded} added, ${counts.entriesRemoved} removed, ${counts.entriesChanged} changed in ${Date.now() - started} ms`,
    );
    return { versionId, state: 'done', counts, failure: null, runId: outcome.runId, runQueued };
  }

  /** The job's last attempt failed for a reason other than the file (the worker's catch). */
  async markFailed(versionId: string, reason: string): Promise<void> {
    const [version] = (await this.dataSource.query(`SELECT id, agency_id, list_name, state FROM sanctions_list_version WHERE id = $1`, [versionId])) as VersionRow[];
    if (!version || version.state === 'done' || version.state === 'failed') return;
    await this.fail(version, ErrorCode.Internal, { detail: reason.slice(0, 300) });
  }

  private async fail(version: Pick<VersionRow, 'id' | 'agency_id' | 'list_name'>, code: string, params: Record<string, string | number>, actor: TrailActor = SYSTEM_ACTOR): Promise<void> {
    await this.trail.record(async (tx) => {
      await tx.query(
        `UPDATE sanctions_list_version SET state = 'failed', failure_code = $2, failure_params = $3::jsonb, finished_at = now() WHERE id = $1 AND state IN ('queued', 'running')`,
        [version.id, code, JSON.stringify(params)],
      );
      return {
        result: undefined,
        entries: [
          {
            actor,
            agencyId: version.agency_id,
            action: 'screening.list_import_failed',
            entityType: 'sanctions_list_version',
            entityId: version.id,
            after: { listName: version.list_name, failureCode: code, failureParams: params },
          },
        ],
      };
    });
  }
}

class AlreadyFinished extends Error {}

/**
 * The whole import at once, for the command line: the file validated, stored and recorded as a version (as an
 * upload would be), then imported in this process. The screening run it starts is queued for the worker.
 */
export async function importSanctionsListNow(
  lists: SanctionsListsService,
  importer: SanctionsImporter,
  actor: SanctionsImportActor,
  file: { buffer: Buffer; fileName: string },
): Promise<SanctionsImportOutcome> {
  const version = await lists.requestImport(actor, file, { enqueue: false });
  try {
    return await importer.run(version.id);
  } catch (error) {
    // No job to retry it: the version is failed now, so it does not hold the list for the next import.
    await importer.markFailed(version.id, (error as Error).message);
    throw error;
  }
}
