import { Client } from 'pg';
import { sqlCaptureLogger } from './sql-capture';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Agency, User, UserRecoveryCode, UserRole, UserSession, UserTwoFactor } from '@mizan/server/identity';
import { ActivityRecord, TrailExport } from '@mizan/server/trail';
import { StoredDocument } from '@mizan/server/storage';
import {
  Application,
  ApplicationAttachment,
  ApplicationPartner,
  ApplicationVersion,
  DueDiligenceDocument,
  Governorate,
  GrantCall,
  GrantCallVersion,
  Invitation,
  Organization,
  OrganizationMember,
  PartnerMember,
  PartnerOrganization,
  Program,
} from '@mizan/server/intake';
import { FundingDecision, Notification, OutboundEmail, ReviewAssignment, ReviewScore } from '@mizan/server/review';
import { FINANCE_ENTITIES } from '@mizan/server/finance';
import { REPORTING_ENTITIES } from '@mizan/server/reporting';
import { SnakeNamingStrategy } from './naming.strategy';
import { Platform1764000000000 } from './migrations/1764000000000-platform';
import { Intake1764100000000 } from './migrations/1764100000000-intake';
import { ReviewDecision1764500000000 } from './migrations/1764500000000-review-decision';
import { DecisionDetails1764700000000 } from './migrations/1764700000000-decision-details';
import { DraftComments1764800000000 } from './migrations/1764800000000-draft-comments';
import { ReviewScoring1764600000000 } from './migrations/1764600000000-review-scoring';
import { DecisionInsertGuard1764900000000 } from './migrations/1764900000000-decision-insert-guard';
import { DatabaseRoles1765000000000 } from './migrations/1765000000000-database-roles';
import { TrailHashVersion1765100000000 } from './migrations/1765100000000-trail-hash-version';
import { TwoFactor1765200000000 } from './migrations/1765200000000-two-factor';
import { GrantsLedger1765300000000 } from './migrations/1765300000000-grants-ledger';
import { LedgerReadIndexes1765310000000 } from './migrations/1765310000000-ledger-read-indexes';
import { TrancheAccounted1765320000000 } from './migrations/1765320000000-tranche-accounted';
import { FinanceDebtor1765330000000 } from './migrations/1765330000000-finance-debtor';
import { UserLanguage1765400000000 } from './migrations/1765400000000-user-language';
import { OpenTasks1765420000000 } from './migrations/1765420000000-open-tasks';
import { TrailExportFilters1765430000000 } from './migrations/1765430000000-trail-export-filters';
import { Reporting1765500000000 } from './migrations/1765500000000-reporting';
import { ReportFileUploads1765520000000 } from './migrations/1765520000000-report-file-uploads';
import { RefundSettlements1765530000000 } from './migrations/1765530000000-refund-settlements';
import { MonitorRole1765540000000 } from './migrations/1765540000000-monitor-role';
import { ReportIndexes1765560000000 } from './migrations/1765560000000-report-indexes';
import { Audit1765600000000 } from './migrations/1765600000000-audit';
import { AuditSampleRedraw1765630000000 } from './migrations/1765630000000-audit-sample-redraw';
import { Screening1765700000000 } from './migrations/1765700000000-screening';
import { ScreeningMatchPair1765720000000 } from './migrations/1765720000000-screening-match-pair';
import { Directory1765900000000 } from './migrations/1765900000000-directory';
import { TrailChains1765800000000 } from './migrations/1765800000000-trail-chains';
import { TrailChainConstraints1765810000000 } from './migrations/1765810000000-trail-chain-constraints';
import { KeysetIndexes1765820000000 } from './migrations/1765820000000-keyset-indexes';
import { KeysetLists1765830000000 } from './migrations/1765830000000-keyset-lists';
import { BenchIndexes1765860000000 } from './migrations/1765860000000-bench-indexes';
import { BoardStanding1765870000000 } from './migrations/1765870000000-board-standing';
import { QueueOrganizationSort1765871000000 } from './migrations/1765871000000-queue-organization-sort';
import { Transparency1765950000000 } from './migrations/1765950000000-transparency';
import { ScreeningSummary1765960000000 } from './migrations/1765960000000-screening-summary';
import { QueueCountIndex1765961000000 } from './migrations/1765961000000-queue-count-index';
import { QueueSearchCovering1765962000000 } from './migrations/1765962000000-queue-search-covering';
import { ApplicationSubmittedCheck1765963000000 } from './migrations/1765963000000-application-submitted-check';
import { TrailBody1765964000000 } from './migrations/1765964000000-trail-body';

export const ENTITIES = [
  Agency,
  User,
  UserRole,
  UserSession,
  ActivityRecord,
  TrailExport,
  StoredDocument,
  Program,
  GrantCall,
  GrantCallVersion,
  Organization,
  OrganizationMember,
  PartnerOrganization,
  PartnerMember,
  Invitation,
  DueDiligenceDocument,
  Governorate,
  Application,
  ApplicationPartner,
  ApplicationVersion,
  ApplicationAttachment,
  FundingDecision,
  Notification,
  OutboundEmail,
  ReviewAssignment,
  ReviewScore,
  UserTwoFactor,
  UserRecoveryCode,
  ...FINANCE_ENTITIES,
  ...REPORTING_ENTITIES,
];
/** In order. Never edit one that has been merged: add a new one. */
export const MIGRATIONS = [
  Platform1764000000000,
  Intake1764100000000,
  ReviewDecision1764500000000,
  ReviewScoring1764600000000,
  DecisionDetails1764700000000,
  DraftComments1764800000000,
  DecisionInsertGuard1764900000000,
  DatabaseRoles1765000000000,
  TrailHashVersion1765100000000,
  TwoFactor1765200000000,
  GrantsLedger1765300000000,
  LedgerReadIndexes1765310000000,
  TrancheAccounted1765320000000,
  FinanceDebtor1765330000000,
  UserLanguage1765400000000,
  OpenTasks1765420000000,
  TrailExportFilters1765430000000,
  Reporting1765500000000,
  ReportFileUploads1765520000000,
  RefundSettlements1765530000000,
  MonitorRole1765540000000,
  ReportIndexes1765560000000,
  Audit1765600000000,
  AuditSampleRedraw1765630000000,
  Screening1765700000000,
  ScreeningMatchPair1765720000000,
  TrailChains1765800000000,
  TrailChainConstraints1765810000000,
  KeysetIndexes1765820000000,
  KeysetLists1765830000000,
  BenchIndexes1765860000000,
  BoardStanding1765870000000,
  QueueOrganizationSort1765871000000,
  Directory1765900000000,
  Transparency1765950000000,
  ScreeningSummary1765960000000,
  QueueCountIndex1765961000000,
  QueueSearchCovering1765962000000,
  ApplicationSubmittedCheck1765963000000,
  TrailBody1765964000000,
];

/** `poolSize`: connections this process keeps at most (DATABASE_POOL_SIZE); processes × pool size must stay under max_connections. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Tests provoke errors on purpose; the api's own error filter logs what matters.
    logging: process.env['NODE_ENV'] === 'test' ? false : ['error'],
    extra: { max: poolSize },
    // Benchmarks only: MIZAN_SQL_CAPTURE=<file> appends each query and its parameters there (sql-capture.ts).
    ...(process.env['MIZAN_SQL_CAPTURE'] ? { logger: sqlCaptureLogger(process.env['MIZAN_SQL_CAPTURE']) } : {}),
  };
}

/** The session-level advisory lock `runMigrations` holds: two `tools/mizan migrate` started at once run one after the other. */
export const MIGRATION_LOCK_KEY = 7_265_850_000;

/**
 * Runs the pending migrations. A release step, run once per deployment (never at every process start); safe when
 * two start at once all the same: the first holds a session-level advisory lock on a connection of its own, the
 * second waits for it and then finds nothing left to run. Needs a direct connection (a session lock does not
 * survive PgBouncer's transaction mode): point MIGRATION_DATABASE_URL at PostgreSQL itself.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ds = new DataSource(dataSourceOptions(databaseUrl, 2));
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
