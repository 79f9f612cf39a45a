import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  type LocalizedText,
  type PublicTransparencyView,
} from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { FileStore } from '@mizan/server/storage';
import type { PublishedPage } from './public-page';
import { IATI_FILE_STORE, publicFileUrl } from './transparency.service';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The public side (no sign-in): the last published file of each published program of an agency, and the page
 * data kept with it. Only programs still marked published, of an agency with an IATI identity; nothing else.
 */
@Injectable()
export class PublicTransparencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IATI_FILE_STORE) private readonly files: FileStore,
  ) {}

  private notFound(): MizanException {
    return new MizanException(ErrorCode.NotFound, 'Nothing is published here');
  }

  async page(slug: string): Promise<PublicTransparencyView> {
    if (!SLUG.test(slug)) throw this.notFound();
    const [agency] = (await this.dataSource.query(
      `SELECT a.id, a.slug, i.name, i.organisation_identifier FROM agency a JOIN iati_identity i ON i.agency_id = a.id WHERE a.slug = $1`,
      [slug],
    )) as {
      id: string;
      slug: string;
      name: LocalizedText;
      organisation_identifier: string;
    }[];
    if (!agency) throw this.notFound();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (p.program_id) p.program_id, p.version, p.sha256, p.published_at, p.page
         FROM iati_publication p JOIN program_publication pp ON pp.program_id = p.program_id AND pp.published
        WHERE p.agency_id = $1 AND p.status = 'published'
        ORDER BY p.program_id, p.version DESC`,
      [agency.id],
    )) as {
      program_id: string;
      version: number;
      sha256: string;
      published_at: Date;
      page: PublishedPage;
    }[];
    const programs = rows
      .map((r) => ({
        programId: r.program_id,
        name: r.page.name,
        themes: r.page.themes,
        sectorCode: r.page.sectorCode,
        currency: r.page.currency,
        committedMinor: r.page.committedMinor,
        disbursedMinor: r.page.disbursedMinor,
        byYear: r.page.byYear,
        grants: r.page.grants,
        summary: r.page.summary,
        fileUrl: publicFileUrl(agency.slug, r.program_id),
        sha256: r.sha256,
        version: r.version,
        publishedAt: new Date(r.published_at).toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const totals = new Map<string, { committed: bigint; disbursed: bigint }>();
    for (const p of programs) {
      const t = totals.get(p.currency) ?? { committed: 0n, disbursed: 0n };
      t.committed += BigInt(p.committedMinor);
      t.disbursed += BigInt(p.disbursedMinor);
      totals.set(p.currency, t);
    }
    const updated = rows.map((r) => new Date(r.published_at).getTime());
    return {
      agencySlug: agency.slug,
      agencyName: agency.name,
      organisationIdentifier: agency.organisation_identifier,
      programs,
      totals: [...totals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, t]) => ({
          currency,
          committedMinor: t.committed.toString(),
          disbursedMinor: t.disbursed.toString(),
        })),
      updatedAt: updated.length
        ? new Date(Math.max(...updated)).toISOString()
        : null,
    };
  }

  /** The last published file of a program (404 when none, or the program is no longer published). */
  async file(
    slug: string,
    programId: string,
  ): Promise<{
    stream: Readable;
    sha256: string;
    size: number;
    publishedAt: Date;
  }> {
    if (!SLUG.test(slug)) throw this.notFound();
    const [row] = (await this.dataSource.query(
      `SELECT p.storage_key, p.sha256, p.byte_size, p.published_at
         FROM iati_publication p JOIN agency a ON a.id = p.agency_id JOIN program_publication pp ON pp.program_id = p.program_id AND pp.published
        WHERE a.slug = $1 AND p.program_id = $2 AND p.status = 'published'
        ORDER BY p.version DESC LIMIT 1`,
      [slug, programId],
    )) as {
      storage_key: string;
      sha256: string;
      byte_size: number;
      published_at: Date;
    }[];
    if (!row) throw this.notFound();
    return {
      stream: await this.files.open(row.storage_key),
      sha256: row.sha256,
      size: row.byte_size,
      publishedAt: row.published_at,
    };
  }
}
