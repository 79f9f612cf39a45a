import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { DocumentView, ErrorCode, FieldProblem, FieldErrorCode } from '@mizan/contracts';
import { DOCUMENT_KINDS, DocumentKind, describeRefusedFile, sniffFileType } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { FileStore, StoredDocument } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { assertUuid, IntakeAccess } from '../access/intake-access.service';
import { DueDiligenceDocument } from '../entities/organization.entity';
import { actorOf } from './acting';
import { invalid } from './organization-input';
import { documentView } from './organization-views';

/** Same limit as the multipart parser's: the parser stops reading, this names the problem. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DUE_DILIGENCE_FILE_STORE = Symbol('DUE_DILIGENCE_FILE_STORE');

export interface UploadedDueDiligenceFile {
  fileName: string;
  /** What the browser claimed; recorded nowhere and trusted for nothing. */
  declaredType: string;
  content: Buffer;
}

/** A file name safe to show and to put in a header: no folders, no control characters, bounded length. */
export function safeUploadName(raw: string, extension: string): string {
  // eslint-disable-next-line no-control-regex
  const name = basename(raw.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return name === '' || name === '.' || name === '..' ? `document.${extension}` : name;
}

/** The documents of an organization's due-diligence file: PDF or image only, by content; one copy of each file. */
@Injectable()
export class DueDiligenceDocumentsService {
  private readonly logger = new Logger(DueDiligenceDocumentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    @Inject(DUE_DILIGENCE_FILE_STORE) private readonly files: FileStore,
  ) {}

  /** Called before the upload is read, so a stranger's request is turned away without taking 10 MB of it. */
  assertMayUpload(auth: AuthenticatedRequestContext, organizationId: string): Promise<void> {
    return this.access.assertMember(auth, organizationId);
  }

  async upload(auth: AuthenticatedRequestContext, organizationId: string, kind: string | undefined, file: UploadedDueDiligenceFile | null): Promise<DocumentView> {
    await this.access.assertMember(auth, organizationId);
    const fields: FieldProblem[] = [];
    if (kind === undefined || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
      fields.push({ field: 'kind', code: FieldErrorCode.NotOneOf, params: { values: DOCUMENT_KINDS.join(', ') }, message: `must be one of ${DOCUMENT_KINDS.join(', ')}` });
    }
    if (file === null) fields.push({ field: 'file', code: FieldErrorCode.Required, message: 'choose a file to upload' });
    else if (file.content.length === 0) fields.push({ field: 'file', message: `${file.fileName || 'The file'} is empty` });
    if (fields.length > 0) throw invalid(fields);
    const upload = file as UploadedDueDiligenceFile;
    if (upload.content.length > MAX_DOCUMENT_BYTES) throw documentTooLarge();

    const type = sniffFileType(upload.content);
    if (!type) {
      const really = describeRefusedFile(upload.content);
      const message = `Only PDF, PNG or JPEG files are accepted${really ? `: “${upload.fileName}” is really ${really}` : `, and “${upload.fileName}” is none of them`}`;
      throw new MizanException(ErrorCode.UnsupportedFileType, message, [{ field: 'file', message }]);
    }
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const originalName = safeUploadName(upload.fileName, type.extension);

    // Set once the file is on disk and cleared at commit: anything refused after the write removes it again.
    const written: { key?: string } = {};
    try {
      const result = await this.trail.record(async (manager) => {
        // One upload at a time per organization, so two copies of the same file cannot both slip past the duplicate check.
        const org = (await manager.query('SELECT agency_id FROM organization WHERE id = $1 FOR UPDATE', [organizationId])) as { agency_id: string }[];
        if (!org[0]) throw MizanException.notFound('Organization');
        const duplicate = (await manager.query(
          `SELECT d.original_name, d.uploaded_at FROM due_diligence_document d JOIN stored_document s ON s.id = d.stored_document_id
            WHERE d.organization_id = $1 AND s.sha256 = $2 ORDER BY d.uploaded_at LIMIT 1`,
          [organizationId, sha256],
        )) as { original_name: string; uploaded_at: Date }[];
        if (duplicate[0]) {
          const message = `This file is already uploaded as ${duplicate[0].original_name} on ${duplicate[0].uploaded_at.toISOString().slice(0, 10)}`;
          throw new MizanException(ErrorCode.Conflict, message, [{ field: 'file', message }]);
        }
        const put = await this.files.put(upload.content, `due-diligence/${organizationId}`, type.extension);
        written.key = put.storageKey;
        const stored = manager.create(StoredDocument, {
          agencyId: org[0].agency_id,
          kind: 'due_diligence_document',
          fileName: originalName,
          contentType: type.contentType,
          storageKey: put.storageKey,
          sha256: put.sha256,
          sizeBytes: String(put.sizeBytes),
        });
        await manager.save(stored);
        const doc = manager.create(DueDiligenceDocument, {
          organizationId,
          kind: kind as DocumentKind,
          storedDocumentId: stored.id,
          originalName,
          uploadedBy: auth.user.id,
        });
        await manager.save(doc);
        return {
          result: documentView(doc, stored),
          entries: [
            {
              actor: actorOf(auth),
              agencyId: org[0].agency_id,
              action: 'due_diligence.document_uploaded',
              entityType: 'organization',
              entityId: organizationId,
              after: { documentId: doc.id, kind, originalName, contentType: type.contentType, sizeBytes: put.sizeBytes, sha256: put.sha256 },
            },
          ],
        };
      });
      delete written.key;
      return result;
    } finally {
      if (written.key !== undefined) await this.discard(written.key);
    }
  }

  async list(auth: AuthenticatedRequestContext, organizationId: string): Promise<DocumentView[]> {
    await this.access.assertOrganizationVisible(auth, organizationId);
    const rows = await this.dataSource
      .getRepository(DueDiligenceDocument)
      .createQueryBuilder('d')
      .innerJoinAndMapOne('d.stored', StoredDocument, 's', 's.id = d.stored_document_id')
      .where('d.organization_id = :organizationId', { organizationId })
      .orderBy('d.uploaded_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
    return rows.map((d) => documentView(d, (d as DueDiligenceDocument & { stored: StoredDocument }).stored));
  }

  async open(
    auth: AuthenticatedRequestContext,
    organizationId: string,
    documentId: string,
  ): Promise<{ view: DocumentView; stream: Readable }> {
    await this.access.assertOrganizationVisible(auth, organizationId);
    assertUuid(documentId, 'Document');
    const doc = await this.dataSource.getRepository(DueDiligenceDocument).findOneBy({ id: documentId, organizationId });
    if (!doc) throw MizanException.notFound('Document');
    const stored = await this.dataSource.getRepository(StoredDocument).findOneByOrFail({ id: doc.storedDocumentId });
    return { view: documentView(doc, stored), stream: await this.files.open(stored.storageKey) };
  }

  private async discard(storageKey: string): Promise<void> {
    try {
      await unlink(this.files.pathOf(storageKey));
    } catch (error) {
      this.logger.warn(`could not remove ${storageKey} after a refused upload: ${String(error)}`);
    }
  }
}

export function documentTooLarge(): MizanException {
  const message = `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`;
  return new MizanException(ErrorCode.FileTooLarge, message, [{ field: 'file', message }]);
}
