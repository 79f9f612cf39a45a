import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, migrationDatabaseUrl } from '@mizan/server/core';
import { RolePasswords, dataSourceOptions, newRolePasswords, provisionDatabase, runMigrations } from '@mizan/server/db';
import { TrailService } from '@mizan/server/trail';
import { lookupIssuedReport } from '@mizan/server/audit';
import { sha256OfFile, verifyReportLines } from './verify-report';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app/app.module';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo-seed';
import { DEMO_MONITOR_EMAIL, seedMonitoringDemo } from './demo-monitoring-seed';
import { seedIntakeDemo } from './demo-intake-seed';
import { seedReviewDemo } from './demo-review-seed';
import { seedFinanceDemo } from './demo-finance-seed';
import { seedReportingDemo } from './demo-reporting-seed';
import { seedAuditDemo } from './demo-audit-seed';
import { seedScreeningDemo } from './demo-screening-seed';
import { DEMO_EXPERT_EMAIL, seedDirectoryDemo } from './demo-directory-seed';
import { DEMO_IATI_IDENTIFIER, seedTransparencyDemo } from './demo-transparency-seed';
import { sanctionsImport } from './sanctions-import';
import { SCREEN_USAGE, screenCommand } from './screen-command';
import { GENERATE_USAGE, generateCommand } from '../generate/generate-command';

const USAGE = `usage: mizan <command>
  migrate        run pending database migrations, as the owner role (MIGRATION_DATABASE_URL, else DATABASE_URL)
  seed           create the demo agency and users (once), as the runtime role (DATABASE_URL)
  verify-trail [--agency <id>]
                 walk the activity trail's hash chains (the legacy chain, the platform's, every agency's; with
                 --agency only that agency's besides the legacy chain) and check them against every signed checkpoint;
                 exit 1 if broken, truncated or rewritten (DATABASE_URL, STORAGE_DIR for the checkpoints,
                 TRAIL_PUBLIC_KEY_FILE for their public key)
  verify-report <file.pdf>
                 is this PDF an audit report Mizan issued? Its SHA-256 looked up in audit_report and the
                 audit.report_issued trail record; prints engagement, version, final, superseded; exit 0 if issued,
                 1 if not (DATABASE_URL)
  provision <database> [--secrets <file>]
                 as DATABASE_ADMIN_URL: create the roles <database>_owner and <database>_app
                 and the database owned by the first; prints {"databaseUrl","migrationDatabaseUrl"}.
                 --secrets keeps the two passwords in that file (created if missing).
  sanctions import <file.xml> [--as <email>]
                 import a UN Security Council consolidated list file into the configured database now
                 (validated against data/sanctions/un-sc-sanctions.xsd), for the agency of the user --as
                 (default: the first active admin of the only agency); prints the counts, queues the
                 screening run for the worker; exit 1 if the file is not a valid list (DATABASE_URL,
                 STORAGE_DIR, REDIS_URL)
${SCREEN_USAGE}
${GENERATE_USAGE}

DATABASE_URL defaults to postgres://mizan_app@127.0.0.1:5432/mizan,
MIGRATION_DATABASE_URL to DATABASE_URL if set, else postgres://mizan_owner@127.0.0.1:5432/mizan.`;

function rolePasswords(secretsFile: string | undefined): RolePasswords {
  if (!secretsFile) return newRolePasswords();
  if (existsSync(secretsFile)) return JSON.parse(readFileSync(secretsFile, 'utf8')) as RolePasswords;
  const passwords = newRolePasswords();
  mkdirSync(dirname(secretsFile), { recursive: true });
  writeFileSync(secretsFile, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  return passwords;
}

async function withDataSource<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(dataSourceOptions(loadConfig().databaseUrl));
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

async function main(command: string | undefined, args: string[]): Promise<number> {
  switch (command) {
    case 'migrate': {
      const ran = await runMigrations(migrationDatabaseUrl());
      console.log(ran.length ? `migrated: ${ran.join(', ')}` : 'database is up to date');
      return 0;
    }
    case 'seed': {
      const { created } = await withDataSource(seedDemo);
      console.log(created ? `demo agency created: ${DEMO_USERS.length} users, password "${DEMO_PASSWORD}"` : 'demo agency already present');
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig()), { logger: ['error', 'warn'] });
      try {
        const intake = await seedIntakeDemo(app);
        console.log(intake.created ? 'demo intake created: program, open call, 2 organizations with partners, 4 applications' : 'demo intake already present');
        const review = await seedReviewDemo(app);
        console.log(review.created ? 'demo review created: a call mid-review with 5 applications, 2 reviewers, a funding line and 2 approvals' : 'demo review already present');
        const finance = await seedFinanceDemo(app);
        console.log(
          finance.created
            ? `demo finance created: debtor account, thresholds, ${finance.rates} ECB rates; ${finance.grants} grants (one active with tranche 1 paid in USD, one with a tranche waiting for finance, one waiting for signature)`
            : 'demo finance already present',
        );
        const monitoring = await seedMonitoringDemo(app);
        console.log(
          monitoring.created
            ? `demo monitoring created: Nineveh restricted; ${DEMO_MONITOR_EMAIL} assigned to ${monitoring.grantNumber}`
            : 'demo monitoring already present (or no active grant)',
        );
        const reporting = await seedReportingDemo(app);
        console.log(
          reporting.created
            ? `demo reporting created: ${reporting.done.join('; ')}`
            : reporting.grantNumber
              ? `demo reporting already present (grant ${reporting.grantNumber})`
              : 'demo reporting skipped: the intake and finance demos are not there',
        );
        const audit = await seedAuditDemo(app);
        console.log(
          audit.created
            ? `demo audit created: ${audit.done.join('; ')}`
            : audit.references.closed
              ? `demo audit already present (${audit.references.closed} closed, ${audit.references.fieldwork} in fieldwork)`
              : 'demo audit skipped: the reporting demo is not there',
        );
        const screening = await seedScreeningDemo(app);
        console.log(
          screening.created
            ? `demo screening created: ${screening.done.join('; ')} (${screening.open} open, ${screening.cleared} cleared)`
            : screening.listVersionId
              ? `demo screening already present (list version ${screening.listVersionId}, ${screening.open} open, ${screening.cleared} cleared)`
              : 'demo screening skipped: the intake demo is not there',
        );
        const directory = await seedDirectoryDemo(app);
        console.log(
          directory.created
            ? `demo directory created: ${directory.experts} experts (${DEMO_EXPERT_EMAIL} among them), ${directory.needs} open needs, one active match with two sessions`
            : 'demo directory already present',
        );
        const transparency = await seedTransparencyDemo(app);
        console.log(
          transparency.created
            ? `demo transparency created: IATI identity ${DEMO_IATI_IDENTIFIER}, ${transparency.published} program file(s) published`
            : 'demo transparency already present',
        );
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'verify-trail': {
      const agencyAt = args.indexOf('--agency');
      const agencyId = agencyAt >= 0 ? args[agencyAt + 1] : undefined;
      if (agencyAt >= 0 && (agencyId === undefined || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(agencyId))) {
        console.error('verify-trail --agency needs the id (uuid) of an agency');
        return 2;
      }
      const result = await withDataSource((ds) => new TrailService(ds, loadConfig()).verify({ agencyId }));
      const cp = result.checkpoints;
      const checkpoints = cp.latest
        ? `${cp.agreeing} of ${cp.found} checkpoints agree (latest #${cp.latest.number}, chain ${cp.latest.chain} at ${cp.latest.seq}, signed ${cp.latest.signedAt}, key ${cp.keyId})`
        : `${cp.found} checkpoints`;
      for (const chain of result.chains) {
        const name = chain.kind === 'agency' ? `agency ${chain.agencyName ?? ''} ${chain.agencyId ?? ''}`.replace(/\s+/g, ' ') : chain.kind;
        console.log(
          chain.intact
            ? `  ${name}: intact, ${chain.count} records, head #${chain.headSeq} ${chain.headHash}`
            : `  ${name}: BROKEN at #${chain.brokenAtSeq ?? '?'}: ${chain.problem ?? ''} (${chain.count} records verified before it)`,
        );
      }
      if (result.intact) {
        console.log(`intact: ${result.count} records in ${result.chains.length} chains; ${checkpoints}`);
        return 0;
      }
      console.log(`broken at record #${result.brokenAtSeq ?? '?'}: ${result.problem} (${result.count} records verified)`);
      for (const problem of cp.problems) if (problem !== result.problem) console.log(problem);
      console.log(checkpoints);
      return 1;
    }
    case 'verify-report': {
      const [file] = args;
      if (!file || !existsSync(file)) {
        console.error('verify-report needs the path of a PDF file');
        return 2;
      }
      const sha256 = await sha256OfFile(file);
      const result = await withDataSource((ds) => lookupIssuedReport(ds, sha256));
      for (const line of verifyReportLines(result)) console.log(line);
      return result.issued ? 0 : 1;
    }
    case 'provision': {
      const adminUrl = process.env['DATABASE_ADMIN_URL'];
      const [database] = args;
      const secretsAt = args.indexOf('--secrets');
      if (!adminUrl || !database || !/^[a-z_][a-z0-9_]{0,54}$/.test(database)) {
        console.error('provision needs DATABASE_ADMIN_URL and a database name of lower-case letters, digits and _ (at most 55)');
        return 2;
      }
      const provisioned = await provisionDatabase(adminUrl, database, rolePasswords(secretsAt >= 0 ? args[secretsAt + 1] : undefined));
      console.log(JSON.stringify({ databaseUrl: provisioned.databaseUrl, migrationDatabaseUrl: provisioned.migrationDatabaseUrl }));
      return 0;
    }
    case 'sanctions': {
      const [sub, file, ...rest] = args;
      if (sub !== 'import' || !file) {
        console.error('usage: mizan sanctions import <file.xml> [--as <email>]');
        return 2;
      }
      const asAt = rest.indexOf('--as');
      if (asAt >= 0 && !rest[asAt + 1]) {
        console.error('--as needs the e-mail address of a user');
        return 2;
      }
      const result = await sanctionsImport(loadConfig(), file, asAt >= 0 ? rest[asAt + 1] : undefined);
      for (const line of result.lines) (result.code === 0 ? console.log : console.error)(line);
      return result.code;
    }
    case 'generate':
      return generateCommand(
        loadConfig().databaseUrl,
        migrationDatabaseUrl(),
        args,
        (text) => console.log(text),
        (text) => console.error(text),
        loadConfig().storageDir,
      );
    case 'screen':
      return withDataSource((ds) =>
        screenCommand(
          ds,
          args,
          (text) => console.log(text),
          (text) => console.error(text),
        ),
      );
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`mizan: ${(error as Error).message}`);
    process.exit(1);
  },
);
