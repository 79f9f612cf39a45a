import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, ROLE_PERMISSIONS } from '@mizan/contracts';
import { MizanConfig, MizanException } from '@mizan/server/core';
import { SanctionsImportActor, SanctionsImporter, SanctionsListsService, importSanctionsListNow } from '@mizan/server/screening';
import { AppModule } from '../../apps/api/src/app/app.module';

export interface CommandResult {
  code: number;
  lines: string[];
}

/** The roles that may import a list (`sanctions.screen`). */
const SCREENING_ROLES = Object.entries(ROLE_PERMISSIONS)
  .filter(([, permissions]) => (permissions as readonly string[]).includes('sanctions.screen'))
  .map(([role]) => role);

/** Who the import is recorded for: the user `email`, else the first active admin of the only agency. */
export async function importActor(ds: DataSource, email: string | undefined): Promise<SanctionsImportActor | string> {
  if (email) {
    const [user] = (await ds.query(
      `SELECT u.id, u.agency_id, u.email FROM app_user u
        WHERE u.email = lower($1) AND u.active AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY($2::text[]))`,
      [email, SCREENING_ROLES],
    )) as { id: string; agency_id: string; email: string }[];
    if (!user) return `no active user who may screen for sanctions (officer or admin) has the e-mail address ${email}`;
    return { userId: user.id, agencyId: user.agency_id, label: user.email };
  }
  const agencies = (await ds.query(`SELECT id FROM agency ORDER BY id LIMIT 2`)) as { id: string }[];
  if (agencies.length === 0) return 'there is no agency in this database yet (run tools/mizan seed, or create one)';
  if (agencies.length > 1) return 'this database has more than one agency: say whose list this is with --as <email of an officer or admin>';
  const [admin] = (await ds.query(
    `SELECT u.id, u.agency_id, u.email FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'admin'
      WHERE u.agency_id = $1 AND u.active ORDER BY u.created_at, u.email LIMIT 1`,
    [agencies[0].id],
  )) as { id: string; agency_id: string; email: string }[];
  if (!admin) return 'the agency has no active admin: name the importing officer with --as <email>';
  return { userId: admin.id, agencyId: admin.agency_id, label: admin.email };
}

/**
 * `tools/mizan sanctions import <file.xml> [--as <email>]`: the file imported into the configured database in this
 * process (the api's module, no worker); the screening run it starts is queued for the worker.
 */
export async function sanctionsImport(config: MizanConfig, file: string, email: string | undefined): Promise<CommandResult> {
  const size = await stat(file).catch(() => null);
  if (!size?.isFile()) return { code: 2, lines: [`sanctions import: ${file} is not a file`] };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const actor = await importActor(app.get<DataSource>(getDataSourceToken()), email);
    if (typeof actor === 'string') return { code: 2, lines: [`sanctions import: ${actor}`] };
    const buffer = await readFile(file);
    let outcome;
    try {
      outcome = await importSanctionsListNow(app.get(SanctionsListsService), app.get(SanctionsImporter), actor, { buffer, fileName: basename(file) });
    } catch (error) {
      if (error instanceof MizanException && (error.code === ErrorCode.SanctionsListInvalid || error.code === ErrorCode.SanctionsImportRunning || error.code === ErrorCode.FileTooLarge)) {
        return { code: 1, lines: [`sanctions import: ${file}: ${error.message}`] };
      }
      throw error;
    }
    if (outcome.state !== 'done' || !outcome.counts) {
      const detail = outcome.failure ? `${outcome.failure.code} ${JSON.stringify(outcome.failure.params)}` : outcome.state;
      return { code: 1, lines: [`sanctions import: ${file}: the import did not finish (${detail})`] };
    }
    const c = outcome.counts;
    return {
      code: 0,
      lines: [
        `imported ${basename(file)} as version ${outcome.versionId}: ${c.individuals} individuals, ${c.entities} entities, ${c.aliases} aliases; ` +
          `entries ${c.entriesAdded} added, ${c.entriesRemoved} removed, ${c.entriesChanged} changed, ${c.entriesUnchanged} unchanged; ` +
          `aliases ${c.aliasesAdded} added, ${c.aliasesRemoved} removed; ` +
          (outcome.runQueued ? `screening run ${outcome.runId} queued for the worker` : `screening run ${outcome.runId} recorded as queued (Redis not reachable: it waits for the worker)`),
      ],
    };
  } finally {
    await app.close();
  }
}
