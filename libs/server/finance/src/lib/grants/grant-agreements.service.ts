import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgreementBuildView, ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { StoredDocument } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { GrantReads, assertId } from './grant-reads';

/** The agreement PDF: the api records the request and queues it; the worker builds, hashes and stores it. */
@Injectable()
export class GrantAgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly reads: GrantReads,
    private readonly jobs: JobProducer,
  ) {}

  async request(auth: AuthenticatedRequestContext, grantId: string): Promise<AgreementBuildView> {
    await this.reads.ofAgency(auth, grantId);
    const documentId = await this.trail.record(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (g.state === 'cancelled') throw MizanException.withParams(ErrorCode.Conflict, 'A cancelled grant has no agreement to print', { state: g.state });
      const [row] = (await manager.query('INSERT INTO grant_document (grant_id, grant_version, kind, requested_by) VALUES ($1, $2, $3, $4) RETURNING id', [
        g.id,
        g.current_version,
        'agreement',
        auth.user.id,
      ])) as { id: string }[];
      return {
        result: row.id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: g.agency_id,
            action: 'grant.agreement.requested',
            entityType: 'grant_document',
            entityId: row.id,
            after: { grantId: g.id, version: g.current_version },
          },
        ],
      };
    });
    await this.jobs.add({ name: JobName.GrantAgreementPdf, data: { documentId } }, documentId);
    const [view] = (await this.reads.agreements(this.dataSource.manager, grantId, 'officer')).filter((a) => a.id === documentId);
    return view;
  }

  async list(auth: AuthenticatedRequestContext, grantId: string): Promise<AgreementBuildView[]> {
    const relation = await this.reads.relation(auth, grantId);
    return this.reads.agreements(this.dataSource.manager, grantId, relation);
  }

  /** The built file, for the agency's staff and the grant's grantee (members and partners). */
  async document(auth: AuthenticatedRequestContext, grantId: string, documentId: string): Promise<StoredDocument> {
    await this.reads.relation(auth, grantId);
    assertId(documentId, 'Agreement');
    const [row] = (await this.dataSource.query(`SELECT document_id FROM grant_document WHERE id = $1 AND grant_id = $2 AND state = 'done'`, [documentId, grantId])) as {
      document_id: string | null;
    }[];
    if (!row?.document_id) throw MizanException.notFound('Agreement');
    return this.dataSource.getRepository(StoredDocument).findOneByOrFail({ id: row.document_id });
  }
}
