import type { ApplicationAttachmentView } from '@mizan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { API_PREFIX, ErrorCode, IntakePaths } from '@mizan/contracts';
import { isEditable } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { FileStore, StoredDocument, StoredFile, acceptedFileType, plainFileName } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { IntakeAccess, assertUuid } from '../access/intake-access.service';
import { Application, ApplicationAttachment } from '../entities/application.entity';
import { ApplicationsService } from './applications.service';

export type { ApplicationAttachmentView };

export interface IncomingFile {
  buffer: Buffer;
  fileName: string;
  description: string;
}

interface AttachmentRow {
  id: string;
  application_id: string;
  original_name: string;
  description: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_at: Date;
  storage_key: string;
}

const ATTACHMENT_SELECT = `
  SELECT t.id, t.application_id, t.original_name, t.description, d.content_type, d.size_bytes::text AS size_bytes, d.sha256, t.uploaded_at, d.storage_key
    FROM application_attachment t JOIN stored_document d ON d.id = t.stored_document_id`;

function toView(row: AttachmentRow): ApplicationAttachmentView {
  return {
    id: row.id,
    originalName: row.original_name,
    description: row.description,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256.trim(),
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    downloadPath: `${API_PREFIX}/${IntakePaths.applications}/${row.application_id}/attachments/${row.id}/file`,
  };
}

/** Files attached to an application (PDF or image, recognised by their first bytes). */
@Injectable()
export class ApplicationAttachmentsService {
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly access: IntakeAccess,
    private readonly applications: ApplicationsService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async add(auth: AuthenticatedRequestContext, applicationId: string, file: IncomingFile): Promise<ApplicationAttachmentView> {
    await this.applications.assertMemberOf(auth, applicationId);
    const description = file.description.trim();
    if (description.length > 2_000) throw new MizanException(ErrorCode.ValidationFailed, 'Invalid description', [{ field: 'description', message: 'description must be at most 2000 characters' }]);
    // Same code as due-diligence documents, so the web shows one kind of refusal for both.
    const type = acceptedFileType(file.buffer);
    const application = await this.dataSource.getRepository(Application).findOneByOrFail({ id: applicationId });
    if (!isEditable(application.state)) throw new MizanException(ErrorCode.Conflict, `This application is ${application.state}: attachments can no longer be added`);
    // The file goes to disk before the rows (never a row without its file) and is removed again if the rows are refused.
    const stored = await this.files.put(file.buffer, 'application-attachments', type.extension);
    const originalName = plainFileName(file.fileName, `attachment.${type.extension}`);
    const id = await this.insertRows(auth, applicationId, stored, originalName, description, type.contentType).catch(async (error: unknown) => {
      await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      throw error;
    });
    const [row] = (await this.dataSource.query(`${ATTACHMENT_SELECT} WHERE t.id = $1`, [id])) as AttachmentRow[];
    return toView(row);
  }

  private insertRows(auth: AuthenticatedRequestContext, applicationId: string, stored: StoredFile, originalName: string, description: string, contentType: string): Promise<string> {
    return this.trail.record(async (manager) => {
      const locked = await manager.getRepository(Application).findOne({ where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!locked || !isEditable(locked.state)) throw new MizanException(ErrorCode.Conflict, `This application is ${locked?.state}: attachments can no longer be added`);
      const duplicate = (await manager.query(
        `SELECT t.original_name FROM application_attachment t JOIN stored_document d ON d.id = t.stored_document_id WHERE t.application_id = $1 AND d.sha256 = $2`,
        [applicationId, stored.sha256],
      )) as { original_name: string }[];
      if (duplicate.length > 0) {
        throw new MizanException(ErrorCode.Conflict, `This file is already attached as "${duplicate[0].original_name}"`, [
          { field: 'file', message: `the same file is already attached as "${duplicate[0].original_name}"` },
        ]);
      }
      const document = manager.create(StoredDocument, {
        agencyId: locked.agencyId,
        kind: 'application_attachment',
        fileName: originalName,
        contentType,
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        sizeBytes: String(stored.sizeBytes),
      });
      await manager.insert(StoredDocument, document);
      const attachment = manager.create(ApplicationAttachment, {
        applicationId,
        storedDocumentId: document.id,
        originalName,
        description,
        uploadedBy: auth.user.id,
      });
      await manager.insert(ApplicationAttachment, attachment);
      return {
        result: attachment.id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: locked.agencyId,
            action: 'application.attachment_added',
            entityType: 'application',
            entityId: applicationId,
            after: { attachmentId: attachment.id, originalName, description, contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
          },
        ],
      };
    });
  }

  async list(auth: AuthenticatedRequestContext, applicationId: string): Promise<ApplicationAttachmentView[]> {
    await this.access.applicationRelation(auth, applicationId);
    const rows = (await this.dataSource.query(`${ATTACHMENT_SELECT} WHERE t.application_id = $1 ORDER BY t.uploaded_at, t.id`, [applicationId])) as AttachmentRow[];
    return rows.map(toView);
  }

  async open(auth: AuthenticatedRequestContext, applicationId: string, attachmentId: string): Promise<{ view: ApplicationAttachmentView; stream: Readable }> {
    await this.access.applicationRelation(auth, applicationId);
    assertUuid(attachmentId, 'Attachment');
    const [row] = (await this.dataSource.query(`${ATTACHMENT_SELECT} WHERE t.id = $1 AND t.application_id = $2`, [attachmentId, applicationId])) as AttachmentRow[];
    if (!row) throw MizanException.notFound('Attachment');
    return { view: toView(row), stream: await this.files.open(row.storage_key) };
  }
}
