import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { Agency, User } from '@mizan/server/identity';
import { JobOf, JobName, JobStatus } from '@mizan/server/jobs';
import { streamTrailPdf } from '@mizan/server/pdf';
import { FileStore, StoredDocument } from '@mizan/server/storage';
import { ActivityRecord, SYSTEM_ACTOR, TrailExport, TrailService, applyTrailFilters, toView, trailDisplayNames } from '@mizan/server/trail';
import type { ActivityRecordView } from '@mizan/contracts';
import { TrailCheckpointWriter } from './trail-checkpoint.service';

export interface ProgressReporter {
  (percent: number): Promise<void>;
}

/** Records read and drawn per batch (`TRAIL_EXPORT_BATCH_SIZE`, 1–5,000; the specs make it small to cross batches). */
export function trailExportBatchSize(raw: string | undefined = process.env['TRAIL_EXPORT_BATCH_SIZE']): number {
  const n = Number(raw ?? '');
  return Number.isInteger(n) && n >= 1 && n <= 5000 ? n : 500;
}

/**
 * Builds the trail PDF for one export: verify the chain up to the snapshot, then render it straight into the file
 * store while the records are read in keyset batches (seq order, no OFFSET; progress per batch; flat memory — the
 * streamed rendering of libs/server/pdf pdf-stream.ts), then record it. A run killed mid-render (kill -9) leaves the
 * row active and only a `.partial` file nobody references; the retried job renders into a fresh file.
 */
@Injectable()
export class TrailExportProcessor {
  private readonly logger = new Logger(TrailExportProcessor.name);
  private readonly files: FileStore;
  private readonly batchSize = trailExportBatchSize();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly checkpoints: TrailCheckpointWriter,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async process(data: JobOf<JobName.TrailExportPdf>, reportProgress: ProgressReporter): Promise<JobStatus> {
    const exports = this.dataSource.getRepository(TrailExport);
    const row = await exports.findOneBy({ id: data.exportId });
    if (!row) {
      this.logger.warn(`export ${data.exportId} no longer exists; nothing to build`);
      return 'skipped';
    }
    if (row.state === 'completed') return 'skipped';
    // Never back from completed: a late statement of a run that died (kill -9) must not undo another run's result.
    await this.dataSource.query(`UPDATE trail_export SET state = 'active' WHERE id = $1 AND state <> 'completed'`, [row.id]);
    await reportProgress(5);

    // The agency's chain (and the legacy chain, which holds its older records) up to the snapshot the export lists.
    const verification = await this.trail.verify({ agencyId: row.agencyId, upToSeq: row.headSeq });
    await reportProgress(30);
    const agency = await this.dataSource.getRepository(Agency).findOneByOrFail({ id: row.agencyId });
    const requester = await this.dataSource.getRepository(User).findOneBy({ id: row.requestedBy });
    const records = this.dataSource.getRepository(ActivityRecord);
    // The filters that were on screen when the export was asked for (normalized by the api).
    const filters = row.filters ?? {};
    const recordCount = await applyTrailFilters(
      records.createQueryBuilder('r').where('r.agency_id = :agency AND r.seq <= :head', { agency: row.agencyId, head: row.headSeq }),
      filters,
    ).getCount();

    const batchSize = this.batchSize;
    const batches = async function* (): AsyncGenerator<ActivityRecordView[]> {
      let after = '0';
      for (;;) {
        const rows = await applyTrailFilters(
          records
            .createQueryBuilder('r')
            .where('r.agency_id = :agency AND r.seq > :after AND r.seq <= :head', { agency: row.agencyId, after, head: row.headSeq }),
          filters,
        )
          .orderBy('r.seq', 'ASC')
          .limit(batchSize)
          .getMany();
        if (rows.length === 0) return;
        yield rows.map(toView);
        after = rows[rows.length - 1].seq;
        if (rows.length < batchSize) return;
      }
    };

    const pdf = streamTrailPdf({
      agencyName: agency.name,
      requestedBy: requester ? `${requester.displayName} (${requester.email})` : row.requestedBy,
      generatedAt: new Date(),
      headSeq: row.headSeq,
      verification,
      filters,
      recordCount,
      batches: batches(),
      resolveNames: (batch) => trailDisplayNames(this.dataSource.manager, row.agencyId, batch),
      onProgress: (fraction) => reportProgress(30 + Math.floor(fraction * 60)),
    });
    // Written under a temporary name and renamed only once whole (FileStore.putStream): a partial file is never stored.
    const stored = await this.files.putStream(pdf.stream, 'trail-exports', 'pdf');
    await pdf.done;
    await reportProgress(95);

    // At-least-once delivery: another worker may have run this export too (a stalled job handed on while this one
    // still ran). The row, locked, decides: only the first to finish records the export; a later one drops its file.
    const recorded = await this.trail.record(async (manager) => {
      const [current] = (await manager.query(`SELECT state FROM trail_export WHERE id = $1 FOR UPDATE`, [row.id])) as { state: string }[];
      if (!current || current.state === 'completed') return { result: false, entries: [] };
      const document = manager.create(StoredDocument, {
        agencyId: row.agencyId,
        kind: 'trail-export',
        fileName: `mizan-trail-${agency.slug}-to-${row.headSeq}${Object.keys(filters).length > 0 ? '-filtered' : ''}.pdf`,
        contentType: 'application/pdf',
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        sizeBytes: String(stored.sizeBytes),
      });
      await manager.save(document);
      await manager.update(TrailExport, { id: row.id }, { state: 'completed', documentId: document.id, completedAt: new Date(), failedReason: null });
      return {
        result: true,
        entries: [
          {
            actor: SYSTEM_ACTOR,
            agencyId: row.agencyId,
            action: 'trail.exported',
            entityType: 'trail_export',
            entityId: row.id,
            after: {
              documentId: document.id,
              sha256: stored.sha256,
              sizeBytes: stored.sizeBytes,
              coversUpToSeq: row.headSeq,
              headHash: verification.headHash,
              intact: verification.intact,
              requestedBy: row.requestedBy,
              filters,
              recordCount,
            },
          },
        ],
      };
    });
    if (!recorded) {
      await rm(this.files.pathOf(stored.storageKey), { force: true });
      this.logger.warn(`trail export ${row.id} was finished by another run meanwhile; this run's file is dropped`);
      return 'skipped';
    }
    // Every export is also a signed checkpoint of the agency chain's head, covering the export's own record. The export is
    // complete either way: a failed checkpoint is logged and the next interval's checkpoint covers the same records.
    await this.checkpoints.checkpoint({ reason: 'export', exportId: row.id, agencyId: row.agencyId }).catch((error: unknown) => {
      this.logger.warn(`trail checkpoint after export ${row.id} failed: ${(error as Error).message}`);
    });
    await reportProgress(100);
    this.logger.log(`trail export ${row.id} built: ${stored.sizeBytes} bytes, sha256 ${stored.sha256}`);
    return 'done';
  }

  async markFailed(exportId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(TrailExport).update({ id: exportId }, { state: 'failed', failedReason: reason.slice(0, 1000) });
  }
}
