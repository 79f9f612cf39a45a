import { RatesService } from '@mizan/server/finance';
import { ApiHarness } from '../../testing/api-harness';
import { PaymentsWorld, paymentsWorld } from './payments.fixtures';

/*
 * Review of issue 9 (branch i9-review): "a payment uses the rate of its value
 * date". RatesService.find prefers a DIRECT rate up to 7 days old over the
 * inverse (or EUR cross) rate published ON the value date. Fails on main (430f46a).
 */
describe('review i9: the rate of the value date', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;

  beforeAll(async () => {
    api = await ApiHarness.start('review_rates');
    w = await paymentsWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('uses the USD→SEK rate of the value date rather than a SEK→USD rate six days older', async () => {
    const ds = api.dataSource;
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-05-03', 'SEK', 'USD', 0.1, 'old direct')`, [w.north.agency.id]);
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-05-09', 'USD', 'SEK', 8, 'value date')`, [w.north.agency.id]);
    const found = await api.app.get(RatesService).find(ds.manager, w.north.agency.id, 'SEK', 'USD', '2025-05-09');
    expect({ rateDate: found?.rateDate, source: found?.source }).toEqual({ rateDate: '2025-05-09', source: 'value date' });
  });
});
