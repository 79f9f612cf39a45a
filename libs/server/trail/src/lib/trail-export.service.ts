import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TrailExportView, TrailFilterSet } from '@mizan/contracts';
import { API_PREFIX, ApiPaths, ErrorCode } from '@mizan/contracts';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { StoredDocument } from '@mizan/server/storage';
import { MizanException } from '@mizan/server/core';
import { TrailExport } from './trail-export.entity';
import { TrailService } from './trail.service';

export interface ExportRequester {
  userId: string;
  agencyId: string;
}

@Injectable()
export class TrailExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
  ) {}

  /**
   * Snapshots the head of the agency's trail (its newest record: the head of its chain) and queues the PDF job for the records that match
   * `filters` (normalized by normalizeTrailFilters). The same head and filters
   * give the same export row and the same job id, so a double click or a retry
   * never builds the PDF twice.
   */
  async request(requester: ExportRequester, filters: TrailFilterSet = {}): Promise<TrailExportView> {
    const head = await this.trail.agencyHead(requester.agencyId);
    await this.dataSource.query(
      `INSERT INTO trail_export (agency_id, requested_by, head_seq, state, requested_at, filters)
       VALUES ($1, $2, $3, 'waiting', now(), $4::jsonb)
       ON CONFLICT ON CONSTRAINT uq_trail_export_agency_head_filters DO NOTHING`,
      [requester.agencyId, requester.userId, head.seq, JSON.stringify(filters)],
    );
    const row = await this.dataSource
      .getRepository(TrailExport)
      .createQueryBuilder('e')
      .where('e.agency_id = :agency AND e.head_seq = :head AND e.filters = CAST(:filters AS jsonb)', {
        agency: requester.agencyId,
        head: head.seq,
        filters: JSON.stringify(filters),
      })
      .getOneOrFail();
    if (row.state !== 'completed') {
      await this.jobs.add({ name: JobName.TrailExportPdf, data: { exportId: row.id } }, row.id);
    }
    return this.view(row);
  }

  async get(agencyId: string, id: string): Promise<TrailExportView> {
    return this.view(await this.find(agencyId, id));
  }

  async listRecent(agencyId: string, limit = 10): Promise<TrailExportView[]> {
    const rows = await this.dataSource
      .getRepository(TrailExport)
      .find({ where: { agencyId }, order: { requestedAt: 'DESC' }, take: limit });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async document(agencyId: string, id: string): Promise<StoredDocument> {
    const row = await this.find(agencyId, id);
    if (row.state !== 'completed' || !row.documentId) {
      throw new MizanException(ErrorCode.ExportNotReady, 'This export is not finished yet');
    }
    return this.dataSource.getRepository(StoredDocument).findOneByOrFail({ id: row.documentId, agencyId });
  }

  private async find(agencyId: string, id: string): Promise<TrailExport> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw MizanException.notFound('Export');
    const row = await this.dataSource.getRepository(TrailExport).findOneBy({ id, agencyId });
    if (!row) throw MizanException.notFound('Export');
    return row;
  }

  private async view(row: TrailExport): Promise<TrailExportView> {
    let state = row.state;
    let progress = row.state === 'completed' ? 100 : 0;
    let failedReason = row.failedReason;
    if (row.state !== 'completed' && row.state !== 'failed') {
      const job = await this.jobs.progress(JobName.TrailExportPdf, row.id);
      if (job.state !== 'missing') {
        state = job.state;
        progress = job.progress;
        failedReason = job.failedReason;
      }
    }
    let file: TrailExportView['file'] = null;
    if (row.state === 'completed' && row.documentId) {
      const doc = await this.dataSource.getRepository(StoredDocument).findOneBy({ id: row.documentId });
      if (doc) {
        file = {
          sha256: doc.sha256,
          sizeBytes: Number(doc.sizeBytes),
          downloadPath: `${API_PREFIX}/${ApiPaths.trailExports}/${row.id}/file`,
        };
      }
    }
    // The row is the truth once the worker has finished; until then the job's state.
    if (state === 'completed' && !file) state = 'active';
    return { id: row.id, state, progress, file, failedReason, requestedAt: row.requestedAt.toISOString(), filters: row.filters ?? {} };
  }
}
