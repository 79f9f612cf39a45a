import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@mizan/server/core';
import { dataSourceOptions, runMigrations } from '@mizan/server/db';
import { TrailService } from '@mizan/server/trail';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app/app.module';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo-seed';
import { seedIntakeDemo } from './demo-intake-seed';
import { seedReviewDemo } from './demo-review-seed';

const USAGE = `usage: mizan <command>
  migrate        run pending database migrations
  seed           create the demo agency and users (once)
  verify-trail   walk the activity trail's hash chain and check it against every signed
                 checkpoint; exit 1 if broken, truncated or rewritten

Reads DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mizan), STORAGE_DIR (checkpoints)
and TRAIL_PUBLIC_KEY_FILE (the checkpoints' public key).`;

async function withDataSource<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(dataSourceOptions(loadConfig().databaseUrl));
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'migrate': {
      const ran = await runMigrations(loadConfig().databaseUrl);
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
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'verify-trail': {
      const result = await withDataSource((ds) => new TrailService(ds, loadConfig()).verify());
      const cp = result.checkpoints;
      const checkpoints = cp.latest
        ? `${cp.agreeing} of ${cp.found} checkpoints agree (latest #${cp.latest.number} at seq ${cp.latest.seq} signed ${cp.latest.signedAt}, key ${cp.keyId})`
        : `${cp.found} checkpoints`;
      if (result.intact) {
        console.log(`intact: ${result.count} records, head hash ${result.headHash}; ${checkpoints}`);
        return 0;
      }
      console.log(`broken at record #${result.brokenAtSeq ?? '?'}: ${result.problem} (${result.count} records verified before it)`);
      for (const problem of cp.problems) if (problem !== result.problem) console.log(problem);
      console.log(checkpoints);
      return 1;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`mizan: ${(error as Error).message}`);
    process.exit(1);
  },
);
