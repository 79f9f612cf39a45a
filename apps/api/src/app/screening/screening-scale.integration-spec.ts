import { ScreeningRunsService } from '@mizan/server/screening';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { seedSanctionsList, unEntry, unListEntries } from '../../testing/screening-fixtures';
import { registerOrganization } from '../intake/organizations/organization-fixtures';

const FIRST = ['Ahmed', 'Layla', 'Omar', 'Zainab', 'Karim', 'Noor', 'Hassan', 'Mariam', 'Yousef', 'Huda', 'Anna', 'Erik', 'Sara', 'Johan', 'Lina', 'Ali', 'Rana', 'Samir', 'Dina', 'Tariq'];
const LAST = ['Svensson', 'Karlsson', 'Lindqvist', 'Haddad', 'Khalil', 'Nasser', 'Jabbari', 'Saleh', 'Mansour', 'Qasim', 'Berg', 'Holm', 'Aziz', 'Darwish', 'Farouk', 'Ghanem', 'Issa', 'Najjar', 'Rahimi', 'Tamimi'];
const PLANTED = ['IQi.006', 'IQe.204', 'IQe.008', 'IQi.068'];

/**
 * A run over 10,000 parties against the whole UN list finishes and raises the planted names (one query for the
 * parties, scoring in memory, inserts in batches). Its speed is measured by `npm run bench:screening`, not here.
 */
describe('sanctions screening at scale', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start('screening-scale');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('screens 10,000 parties against the full list in a run, raising the planted names', async () => {
    const north = await seedAgency(api.dataSource, 'north');
    const applicant = await api.signIn('applicant@north.test');
    const org = await registerOrganization(api, applicant, { legalName: 'Bro till Basra' });
    // 5,000 partners: 10,000 parties with their contact persons; a few named exactly as list entries.
    const planted = PLANTED.map((reference) => unEntry(reference).primaryName);
    await api.dataSource.query(
      `INSERT INTO partner_organization (organization_id, name, governorate_code, local_registration_number, contact_person, relationship)
       SELECT $1, 'Partner ' || i || ' ' || ($2::text[])[1 + i % 20] || ' Cooperative', 'IQ-BA', 'NGO-' || i,
              CASE WHEN i <= $4 THEN ($5::text[])[i] ELSE ($2::text[])[1 + i % 20] || ' ' || ($3::text[])[1 + (i / 20) % 20] || ' ' || ($3::text[])[1 + i % 17] END, 'Partner'
         FROM generate_series(1, 5000) AS i`,
      [org.id, FIRST, LAST, planted.length, planted],
    );
    await seedSanctionsList(api.dataSource, north.agency.id, north.users.officer.id, unListEntries());
    const [run] = (await api.dataSource.query(`INSERT INTO screening_run (agency_id, trigger) VALUES ($1, 'manual') RETURNING id`, [north.agency.id])) as { id: string }[];
    const started = Date.now();
    await api.app.get(ScreeningRunsService).process(run.id);
    const seconds = (Date.now() - started) / 1000;
    const [done] = (await api.dataSource.query('SELECT state, parties_screened, matches_raised FROM screening_run WHERE id = $1', [run.id])) as {
      state: string;
      parties_screened: number;
      matches_raised: number;
    }[];
    expect(done.state).toBe('done');
    expect(done.parties_screened).toBeGreaterThanOrEqual(10_000);
    const raised = (await api.dataSource.query(
      `SELECT DISTINCT e.reference FROM screening_match m JOIN sanctions_entry e ON e.id = m.entry_id WHERE m.agency_id = $1 AND m.party_kind = 'partner_contact'`,
      [north.agency.id],
    )) as { reference: string }[];
    expect(raised.map((r) => r.reference)).toEqual(expect.arrayContaining(PLANTED));
    expect(done.matches_raised).toBeGreaterThanOrEqual(PLANTED.length);
    console.log(`screening run: ${done.parties_screened} parties, ${done.matches_raised} matches in ${seconds.toFixed(1)} s`);
  }, 300_000);
});
