import { ExpenditureLineView, ReportDueView, ReportView, ReportingPaths } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { seedSanctionsList, unEntry } from '../../testing/screening-fixtures';
import { activeGrant, grantWorld } from '../grants/grants.fixtures';

/** Suppliers on expenditure lines are screened in the request that saves a line with a supplier new to the grant (issue 13). */
describe('sanctions screening of suppliers', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start('screening-suppliers');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('a new listed supplier is matched when the line is saved; the same supplier again raises nothing; changing it lapses the match', async () => {
    const world = await grantWorld(api);
    const officer = await api.signIn('officer@north.test');
    const applicant = await api.signIn('applicant@north.test');
    const grant = await activeGrant(api, world, { officer, applicant });
    await seedSanctionsList(api.dataSource, world.north.agency.id, world.north.users.officer.id, [unEntry('IQi.006'), unEntry('IQe.204')]);
    const [due] = (await api.request('GET', ReportingPaths.schedule(grant.id), { cookie: applicant })).json<ReportDueView[]>();
    const report = (await api.request('POST', ReportingPaths.reportForDue(grant.id, due.id), { cookie: applicant })).json<ReportView>();
    const line = (supplier: string) => ({ spentOn: '2026-11-03', budgetLineId: report.budgetLines[0].id, supplier, description: 'Leaflets', amountMinor: '125050', currency: report.currency, paymentMethod: 'bank' });
    const supplierMatches = async () =>
      (await api.dataSource.query(
        `SELECT m.screened_name, m.state, m.lapsed_reason, m.organization_id, e.reference FROM screening_match m JOIN sanctions_entry e ON e.id = m.entry_id
          WHERE m.party_kind = 'supplier' AND m.party_id = $1 ORDER BY m.raised_at`,
        [grant.id],
      )) as { screened_name: string; state: string; lapsed_reason: string | null; organization_id: string; reference: string }[];

    const plain = await api.request('POST', ReportingPaths.lines(report.id), { cookie: applicant, body: line('Basra print house') });
    expect(plain.statusCode).toBe(201);
    expect(await supplierMatches()).toEqual([]);

    const listed = await api.request('POST', ReportingPaths.lines(report.id), { cookie: applicant, body: line('Al-Bashair Trading Company, Ltd') });
    expect(listed.statusCode).toBe(201);
    expect(await supplierMatches()).toEqual([{ screened_name: 'Al-Bashair Trading Company, Ltd', state: 'open', lapsed_reason: null, organization_id: world.organizationId, reference: 'IQe.204' }]);

    const again = await api.request('POST', ReportingPaths.lines(report.id), { cookie: applicant, body: line('Al-Bashair Trading Company, Ltd') });
    expect(again.statusCode).toBe(201);
    expect(await supplierMatches()).toHaveLength(1);

    // Both lines naming it changed to another supplier: the undecided match lapses (name_changed).
    for (const created of [listed, again]) {
      const view = created.json<ExpenditureLineView>();
      const changed = await api.request('PUT', ReportingPaths.line(report.id, view.id), { cookie: applicant, body: { ...line('Basra Stationery'), rowVersion: view.rowVersion } });
      expect(changed.statusCode).toBe(200);
    }
    expect(await supplierMatches()).toEqual([expect.objectContaining({ state: 'lapsed', lapsed_reason: 'name_changed' })]);
  }, 120_000);
});
