// Jest's global teardown for the integration specs: drops the run's template database (integration-setup.mjs)
// and its two roles, after every spec's own database is gone.
import pg from 'pg';
import { DEFAULT_PG_ADMIN, dropDatabase } from '../dev/services.mjs';

export default async function teardown() {
  const name = process.env.MIZAN_TEST_TEMPLATE;
  if (!name?.startsWith('mizan_template_')) return;
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_PG_ADMIN;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // A template refuses DROP DATABASE. (None there when no spec asked for one.)
    await client
      .query(
        `ALTER DATABASE ${client.escapeIdentifier(name)} IS_TEMPLATE false`,
      )
      .catch(() => undefined);
  } finally {
    await client.end();
  }
  await dropDatabase(adminUrl, name);
}
