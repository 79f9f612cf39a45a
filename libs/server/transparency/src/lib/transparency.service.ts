import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  API_PREFIX,
  ErrorCode,
  TransparencyPaths,
  type IatiIdentityRequest,
  type IatiIdentityView,
  type IatiPreviewView,
  type IatiValidationError,
  type LocalizedText,
  type ProgramPublicationRequest,
  type ProgramPublicationView,
  type PublicationJobView,
  type PublicationRecordView,
  type PublicationStatus,
} from '@mizan/contracts';
import { buildIatiFile, traceOf } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { FileStore } from '@mizan/server/storage';
import {
  SYSTEM_ACTOR,
  TrailService,
  type TrailActor,
} from '@mizan/server/trail';
import {
  readIatiProgramData,
  type IatiProgramData,
} from './iati-program-source';
import { validateIatiFile } from './iati-validator';
import { serializeIatiFile } from './iati-xml';
import { publicPageOfFile, type PublishedPage } from './public-page';

/** Where published files are kept (the STORAGE_DIR's FileStore, folder `iati/`). */
export const IATI_FILE_STORE = Symbol('IATI_FILE_STORE');

export type PublicationTrigger = 'manual' | 'schedule' | 'payment';

interface PublicationRow {
  id: string;
  agency_id: string;
  program_id: string;
  version: number | null;
  status: PublicationStatus;
  trigger: PublicationTrigger;
  sha256: string | null;
  byte_size: number | null;
  activity_count: number | null;
  storage_key: string | null;
  errors: IatiValidationError[];
  requested_at: Date;
  published_at: Date | null;
  slug: string;
}

const PUBLICATION_COLUMNS = `p.id, p.agency_id, p.program_id, p.version, p.status, p.trigger, p.sha256, p.byte_size, p.activity_count, p.storage_key, p.errors,
  p.requested_at, p.published_at, a.slug`;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function cleanLocalized(
  text: Partial<LocalizedText> | null | undefined,
): Partial<LocalizedText> | null {
  if (!text) return null;
  const out: Partial<LocalizedText> = {};
  for (const lang of ['en', 'ar', 'sv'] as const) {
    const v = text[lang]?.trim();
    if (v) out[lang] = v;
  }
  return Object.keys(out).length ? out : null;
}

export function publicFileUrl(slug: string, programId: string): string {
  return `${API_PREFIX}/${TransparencyPaths.publicFile(slug, programId)}`;
}

export function recordView(row: PublicationRow): PublicationRecordView {
  return {
    id: row.id,
    programId: row.program_id,
    version: row.version,
    status: row.status,
    sha256: row.sha256,
    byteSize: row.byte_size,
    activityCount: row.activity_count,
    trigger: row.trigger,
    requestedAt: new Date(row.requested_at).toISOString(),
    publishedAt: row.published_at
      ? new Date(row.published_at).toISOString()
      : null,
    url:
      row.status === 'published'
        ? publicFileUrl(row.slug, row.program_id)
        : null,
    errors: row.errors ?? [],
  };
}

/** A built file: its bytes, hash, the activities' traces and redactions, and the validation result. */
export interface BuiltIatiFile {
  xml: string;
  sha256: string;
  data: IatiProgramData;
  preview: Omit<IatiPreviewView, 'generatedAt' | 'programName' | 'programId'>;
  page: PublishedPage;
}

/** Builds and validates the file of a program (the preview, the publication job and the benchmark all use this). */
export async function buildAndValidate(
  data: IatiProgramData,
  generatedAt: string,
  options: { trace: boolean },
): Promise<BuiltIatiFile> {
  if (!data.identity)
    throw new MizanException(
      ErrorCode.IatiIdentityMissing,
      "Set the agency's IATI identity first",
    );
  const file = buildIatiFile(
    data.identity,
    data.program,
    data.grants,
    generatedAt,
  );
  const xml = serializeIatiFile(file.root);
  const validation = await validateIatiFile(xml);
  const activities = file.activities.map((a, i) => ({
    grantId: a.grantId,
    grantNumber: a.grantNumber,
    iatiIdentifier: a.iatiIdentifier,
    title: a.title,
    trace: options.trace ? traceOf(a.node, `iati-activity[${i + 1}]`) : [],
    redactions: a.redactions.map((r) => ({
      ...r,
      grantId: a.grantId,
      grantNumber: a.grantNumber,
    })),
  }));
  return {
    xml,
    sha256: createHash('sha256').update(xml, 'utf8').digest('hex'),
    data,
    preview: {
      xml,
      sha256: createHash('sha256').update(xml, 'utf8').digest('hex'),
      activities,
      redactions: activities.flatMap((a) => a.redactions),
      validation,
    },
    page: publicPageOfFile(data, file),
  };
}

/**
 * Transparency settings, preview and publications (issue 16): the agency's IATI identity, what each program
 * publishes, the preview of its file (traced, redacted, validated) and the publication job.
 */
@Injectable()
export class TransparencyService {
  private readonly logger = new Logger(TransparencyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
    @Inject(IATI_FILE_STORE) private readonly files: FileStore,
  ) {}

  async identity(auth: AuthenticatedRequestContext): Promise<IatiIdentityView> {
    const [row] = (await this.dataSource.query(
      `SELECT a.slug, i.organisation_identifier, i.name, i.organisation_type, i.updated_at, i.row_version
         FROM agency a LEFT JOIN iati_identity i ON i.agency_id = a.id WHERE a.id = $1`,
      [auth.user.agencyId],
    )) as {
      slug: string;
      organisation_identifier: string | null;
      name: LocalizedText | null;
      organisation_type: string | null;
      updated_at: Date | null;
      row_version: number | null;
    }[];
    return {
      organisationIdentifier: row.organisation_identifier,
      name: row.name,
      organisationType:
        row.organisation_type as IatiIdentityView['organisationType'],
      agencySlug: row.slug,
      updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
      rowVersion: row.row_version ?? 0,
    };
  }

  async setIdentity(
    auth: AuthenticatedRequestContext,
    input: IatiIdentityRequest,
  ): Promise<IatiIdentityView> {
    const agencyId = auth.user.agencyId;
    const name = cleanLocalized(input.name) as LocalizedText;
    await this.trail.record(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `iati_identity:${agencyId}`,
      ]);
      const [before] = (await m.query(
        `SELECT organisation_identifier, name, organisation_type, row_version FROM iati_identity WHERE agency_id = $1 FOR UPDATE`,
        [agencyId],
      )) as {
        organisation_identifier: string;
        name: LocalizedText;
        organisation_type: string;
        row_version: number;
      }[];
      const current = before?.row_version ?? 0;
      if (current !== input.rowVersion)
        throw MizanException.withParams(
          ErrorCode.IatiStaleSettings,
          'Someone changed the IATI identity since you loaded it',
          { rowVersion: current },
        );
      if (before)
        await m.query(
          `UPDATE iati_identity SET organisation_identifier = $2, name = $3, organisation_type = $4, updated_by = $5, updated_at = now(), row_version = row_version + 1 WHERE agency_id = $1`,
          [
            agencyId,
            input.organisationIdentifier,
            JSON.stringify(name),
            input.organisationType,
            auth.user.id,
          ],
        );
      else
        await m.query(
          `INSERT INTO iati_identity (agency_id, organisation_identifier, name, organisation_type, updated_by) VALUES ($1, $2, $3, $4, $5)`,
          [
            agencyId,
            input.organisationIdentifier,
            JSON.stringify(name),
            input.organisationType,
            auth.user.id,
          ],
        );
      return {
        result: null,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId,
            action: 'iati.identity_changed',
            entityType: 'iati_identity',
            entityId: agencyId,
            before: before
              ? {
                  organisationIdentifier: before.organisation_identifier,
                  name: before.name,
                  organisationType: before.organisation_type,
                }
              : null,
            after: {
              organisationIdentifier: input.organisationIdentifier,
              name,
              organisationType: input.organisationType,
            },
          },
        ],
      };
    });
    return this.identity(auth);
  }

  private async programRows(
    agencyId: string,
    programId?: string,
  ): Promise<ProgramPublicationView[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.name, p.currency, p.themes, COALESCE(pp.published, false) AS published, pp.public_summary, COALESCE(pp.row_version, 0) AS row_version,
              (SELECT count(*)::int FROM grant_award g WHERE g.program_id = p.id AND g.state IN ('active','suspended','closed','cancelled')) AS grant_count
         FROM program p LEFT JOIN program_publication pp ON pp.program_id = p.id
        WHERE p.agency_id = $1 AND ($2::uuid IS NULL OR p.id = $2::uuid)
        ORDER BY p.created_at DESC, p.id`,
      [agencyId, programId ?? null],
    )) as {
      id: string;
      name: string;
      currency: string;
      themes: string[];
      published: boolean;
      public_summary: Partial<LocalizedText> | null;
      row_version: number;
      grant_count: number;
    }[];
    if (rows.length === 0) return [];
    const pubs = (await this.dataSource.query(
      `SELECT DISTINCT ON (p.program_id, p.status = 'published') ${PUBLICATION_COLUMNS}
         FROM iati_publication p JOIN agency a ON a.id = p.agency_id
        WHERE p.agency_id = $1 AND p.program_id = ANY($2::uuid[])
        ORDER BY p.program_id, p.status = 'published', p.requested_at DESC`,
      [agencyId, rows.map((r) => r.id)],
    )) as PublicationRow[];
    return rows.map((r) => {
      const published =
        pubs.find((p) => p.program_id === r.id && p.status === 'published') ??
        null;
      const attempt =
        pubs.find((p) => p.program_id === r.id && p.status !== 'published') ??
        null;
      return {
        programId: r.id,
        programName: r.name,
        currency: r.currency,
        themes: r.themes,
        published: r.published,
        publicSummary: r.public_summary,
        grantCount: r.grant_count,
        lastPublished: published ? recordView(published) : null,
        lastAttempt:
          attempt &&
          (!published || attempt.requested_at > published.requested_at)
            ? recordView(attempt)
            : null,
        rowVersion: r.row_version,
      };
    });
  }

  programs(
    auth: AuthenticatedRequestContext,
  ): Promise<ProgramPublicationView[]> {
    return this.programRows(auth.user.agencyId);
  }

  private async program(
    agencyId: string,
    programId: string,
  ): Promise<ProgramPublicationView> {
    const [row] = await this.programRows(agencyId, programId);
    if (!row) throw new MizanException(ErrorCode.NotFound, 'No such program');
    return row;
  }

  async setProgram(
    auth: AuthenticatedRequestContext,
    programId: string,
    input: ProgramPublicationRequest,
  ): Promise<ProgramPublicationView> {
    const agencyId = auth.user.agencyId;
    const before = await this.program(agencyId, programId);
    const summary = cleanLocalized(input.publicSummary);
    await this.trail.record(async (m) => {
      const [row] = (await m.query(
        `SELECT row_version FROM program_publication WHERE program_id = $1 FOR UPDATE`,
        [programId],
      )) as { row_version: number }[];
      const current = row?.row_version ?? 0;
      if (current !== input.rowVersion)
        throw MizanException.withParams(
          ErrorCode.IatiStaleSettings,
          'Someone changed the publication settings since you loaded them',
          { rowVersion: current },
        );
      if (row)
        await m.query(
          `UPDATE program_publication SET published = $2, public_summary = $3, updated_by = $4, updated_at = now(), row_version = row_version + 1 WHERE program_id = $1`,
          [
            programId,
            input.published,
            summary ? JSON.stringify(summary) : null,
            auth.user.id,
          ],
        );
      else
        await m.query(
          `INSERT INTO program_publication (program_id, agency_id, published, public_summary, updated_by) VALUES ($1, $2, $3, $4, $5)`,
          [
            programId,
            agencyId,
            input.published,
            summary ? JSON.stringify(summary) : null,
            auth.user.id,
          ],
        );
      return {
        result: null,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId,
            action: 'iati.program_settings_changed',
            entityType: 'program_publication',
            entityId: programId,
            before: {
              published: before.published,
              publicSummary: before.publicSummary,
            },
            after: { published: input.published, publicSummary: summary },
          },
        ],
      };
    });
    return this.program(agencyId, programId);
  }

  async preview(
    auth: AuthenticatedRequestContext,
    programId: string,
  ): Promise<IatiPreviewView> {
    const data = await readIatiProgramData(
      this.dataSource.manager,
      auth.user.agencyId,
      programId,
      today(),
    );
    if (!data) throw new MizanException(ErrorCode.NotFound, 'No such program');
    const generatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const built = await buildAndValidate(data, generatedAt, { trace: true });
    return {
      programId,
      programName: data.program.name,
      generatedAt,
      ...built.preview,
    };
  }

  async publications(
    auth: AuthenticatedRequestContext,
    programId: string,
  ): Promise<PublicationRecordView[]> {
    await this.program(auth.user.agencyId, programId);
    const rows = (await this.dataSource.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM iati_publication p JOIN agency a ON a.id = p.agency_id
        WHERE p.agency_id = $1 AND p.program_id = $2 ORDER BY p.requested_at DESC, p.id LIMIT 100`,
      [auth.user.agencyId, programId],
    )) as PublicationRow[];
    return rows.map(recordView);
  }

  /** An officer asks for a publication: the program must be marked published and the identity set; one open at a time. */
  async publishNow(
    auth: AuthenticatedRequestContext,
    programId: string,
  ): Promise<PublicationJobView> {
    const program = await this.program(auth.user.agencyId, programId);
    if (!program.published)
      throw new MizanException(
        ErrorCode.IatiProgramNotPublished,
        'Mark the program published first',
      );
    const identity = await this.identity(auth);
    if (!identity.organisationIdentifier)
      throw new MizanException(
        ErrorCode.IatiIdentityMissing,
        "Set the agency's IATI identity first",
      );
    const id = await this.trail.record(async (m) => {
      const created = await this.request(
        m,
        auth.user.agencyId,
        programId,
        'manual',
        auth.user.id,
      );
      if (!created)
        throw new MizanException(
          ErrorCode.IatiPublicationRunning,
          'A publication of this program is already queued or running',
        );
      return {
        result: created,
        entries: [
          this.requestedEntry(
            { id: auth.user.id, label: auth.user.email },
            auth.user.agencyId,
            created,
            programId,
            'manual',
          ),
        ],
      };
    });
    await this.enqueue(id);
    return this.job(auth, id);
  }

  private requestedEntry(
    actor: TrailActor,
    agencyId: string,
    publicationId: string,
    programId: string,
    trigger: PublicationTrigger,
  ) {
    return {
      actor,
      agencyId,
      action: 'iati.publication_requested' as const,
      entityType: 'iati_publication' as const,
      entityId: publicationId,
      after: { programId, trigger },
    };
  }

  /** Inserts a queued publication (null when one is already open for the program). Inside the caller's transaction. */
  async request(
    m: EntityManager,
    agencyId: string,
    programId: string,
    trigger: PublicationTrigger,
    requestedBy: string | null,
  ): Promise<string | null> {
    const [row] = (await m.query(
      `INSERT INTO iati_publication (agency_id, program_id, trigger, requested_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (program_id) WHERE status IN ('queued','running') DO NOTHING RETURNING id`,
      [agencyId, programId, trigger, requestedBy],
    )) as { id: string }[];
    return row?.id ?? null;
  }

  /** After commit: the job (its id is the row's, so enqueuing twice is one job). A Redis outage leaves the row queued for the sweeper. */
  async enqueue(publicationId: string): Promise<void> {
    try {
      await this.jobs.add(
        { name: JobName.IatiPublish, data: { publicationId } },
        publicationId,
      );
    } catch (error) {
      this.logger.warn(
        `IATI publication ${publicationId} stays queued: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Queues a publication of every published program of every agency with an identity (the scheduler), or of the
   * programs of the given grants' programs (after a payment). Programs with one already open are left alone.
   */
  async requestMany(
    trigger: PublicationTrigger,
    programIds?: readonly string[],
  ): Promise<string[]> {
    const ids = await this.trail.record(async (m) => {
      const programs = (await m.query(
        `SELECT pp.program_id, pp.agency_id FROM program_publication pp JOIN iati_identity i ON i.agency_id = pp.agency_id
          WHERE pp.published AND ($1::uuid[] IS NULL OR pp.program_id = ANY($1::uuid[])) ORDER BY pp.program_id`,
        [programIds ? [...programIds] : null],
      )) as { program_id: string; agency_id: string }[];
      const created: { id: string; programId: string; agencyId: string }[] = [];
      for (const p of programs) {
        const id = await this.request(
          m,
          p.agency_id,
          p.program_id,
          trigger,
          null,
        );
        if (id)
          created.push({ id, programId: p.program_id, agencyId: p.agency_id });
      }
      return {
        result: created.map((c) => c.id),
        entries: created.map((c) =>
          this.requestedEntry(
            SYSTEM_ACTOR,
            c.agencyId,
            c.id,
            c.programId,
            trigger,
          ),
        ),
      };
    });
    for (const id of ids) await this.enqueue(id);
    return ids;
  }

  async job(
    auth: AuthenticatedRequestContext,
    jobId: string,
  ): Promise<PublicationJobView> {
    const [row] = (await this.dataSource.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM iati_publication p JOIN agency a ON a.id = p.agency_id WHERE p.id = $1 AND p.agency_id = $2`,
      [jobId, auth.user.agencyId],
    )) as PublicationRow[];
    if (!row)
      throw new MizanException(ErrorCode.NotFound, 'No such publication job');
    const progress =
      row.status === 'queued' || row.status === 'running'
        ? await this.jobs
            .progress(JobName.IatiPublish, row.id)
            .catch(() => null)
        : null;
    const done = row.status !== 'queued' && row.status !== 'running';
    const percent = done ? 100 : (progress?.progress ?? 0);
    return {
      jobId: row.id,
      programId: row.program_id,
      state:
        row.status === 'queued'
          ? 'queued'
          : row.status === 'running'
            ? 'active'
            : row.status === 'failed'
              ? 'failed'
              : 'completed',
      progress: percent,
      step: done
        ? 'done'
        : row.status === 'queued'
          ? 'queued'
          : percent < 40
            ? 'building'
            : percent < 80
              ? 'validating'
              : 'storing',
      record: done ? recordView(row) : null,
    };
  }

  /**
   * The job: builds the file, validates it, and publishes it as the next version — or records why not (the last
   * published version stays served). A file identical to the last published one is `unchanged` (no new version).
   */
  async process(
    publicationId: string,
    progress: (percent: number) => Promise<void>,
  ): Promise<'done' | 'skipped'> {
    const [row] = (await this.dataSource.query(
      `SELECT id, agency_id, program_id, status FROM iati_publication WHERE id = $1`,
      [publicationId],
    )) as {
      id: string;
      agency_id: string;
      program_id: string;
      status: PublicationStatus;
    }[];
    if (!row || (row.status !== 'queued' && row.status !== 'running'))
      return 'skipped';
    await this.dataSource.query(
      `UPDATE iati_publication SET status = 'running' WHERE id = $1 AND status IN ('queued','running')`,
      [publicationId],
    );
    await progress(10);
    const data = await readIatiProgramData(
      this.dataSource.manager,
      row.agency_id,
      row.program_id,
      today(),
    );
    const generatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    let built: BuiltIatiFile | null = null;
    let errors: IatiValidationError[] = [];
    if (!data || !data.identity)
      errors = [
        {
          path: '/',
          line: null,
          kind: 'schema',
          message: 'the agency has no IATI identity or the program is gone',
        },
      ];
    else if (!data.program.published)
      errors = [
        {
          path: '/',
          line: null,
          kind: 'schema',
          message: 'the program is not marked published',
        },
      ];
    else {
      await progress(40);
      built = await buildAndValidate(data, generatedAt, { trace: false });
      errors = built.preview.validation.errors;
    }
    await progress(80);
    if (!built || errors.length > 0) {
      await this.trail.record(async (m) => {
        await m.query(
          `UPDATE iati_publication SET status = 'failed', errors = $2 WHERE id = $1`,
          [publicationId, JSON.stringify(errors)],
        );
        return {
          result: null,
          entries: [
            {
              actor: SYSTEM_ACTOR,
              agencyId: row.agency_id,
              action: 'iati.publication_failed',
              entityType: 'iati_publication',
              entityId: publicationId,
              after: {
                programId: row.program_id,
                errorCount: errors.length,
                first: errors[0] ?? null,
              },
            },
          ],
        };
      });
      return 'done';
    }
    const file = built;
    const [last] = (await this.dataSource.query(
      `SELECT sha256 FROM iati_publication WHERE program_id = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`,
      [row.program_id],
    )) as { sha256: string }[];
    if (last && last.sha256 === file.sha256) {
      await this.dataSource.query(
        `UPDATE iati_publication SET status = 'unchanged', sha256 = $2 WHERE id = $1`,
        [publicationId, file.sha256],
      );
      return 'done';
    }
    const stored = await this.files.put(
      Buffer.from(file.xml, 'utf8'),
      'iati',
      'xml',
    );
    await this.trail.record(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `iati_publication:${row.program_id}`,
      ]);
      const [{ next }] = (await m.query(
        `SELECT COALESCE(max(version), 0) + 1 AS next FROM iati_publication WHERE program_id = $1`,
        [row.program_id],
      )) as { next: number }[];
      await m.query(
        `UPDATE iati_publication SET status = 'published', version = $2, sha256 = $3, byte_size = $4, activity_count = $5, storage_key = $6, page = $7, errors = '[]', published_at = now()
          WHERE id = $1`,
        [
          publicationId,
          next,
          stored.sha256,
          stored.sizeBytes,
          file.page.grants.length,
          stored.storageKey,
          JSON.stringify(file.page),
        ],
      );
      return {
        result: null,
        entries: [
          {
            actor: SYSTEM_ACTOR,
            agencyId: row.agency_id,
            action: 'iati.published',
            entityType: 'iati_publication',
            entityId: publicationId,
            after: {
              programId: row.program_id,
              version: next,
              sha256: stored.sha256,
              activityCount: file.page.grants.length,
            },
          },
        ],
      };
    });
    await progress(100);
    return 'done';
  }

  async markFailed(publicationId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE iati_publication SET status = 'failed', errors = $2 WHERE id = $1 AND status IN ('queued','running')`,
      [
        publicationId,
        JSON.stringify([
          {
            path: '/',
            line: null,
            kind: 'schema',
            message: reason.slice(0, 300),
          },
        ]),
      ],
    );
  }
}
