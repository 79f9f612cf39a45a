import { RatesService } from '@mizan/server/finance';
import { ApiHarness } from '../../testing/api-harness';
import { PaymentsWorld, paymentsWorld } from './payments.fixtures';

/*
 * "A payment uses the rate of its value date" (from the review of issue 9):
 * RatesService.find takes the latest rate on or before the value date across
 * direct, inverse and cross via EUR; at equal dates direct, then inverse, then
 * cross. (It used to prefer a direct rate up to 7 days old over the inverse or
 * cross rate published on the value date.)
 */
describe('the rate of the value date', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;

  beforeAll(async () => {
    api = await ApiHarness.start('rates_value_date');
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

  it('prefers a cross rate via EUR of a later date over an older direct rate', async () => {
    const ds = api.dataSource;
    const a = w.north.agency.id;
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-06-02', 'SEK', 'GBP', 0.09, 'old direct')`, [a]);
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-06-05', 'EUR', 'SEK', 11, 'ECB'), ($1, '2025-06-05', 'EUR', 'GBP', 0.88, 'ECB')`, [a]);
    const found = await api.app.get(RatesService).find(ds.manager, a, 'SEK', 'GBP', '2025-06-06');
    expect({ rateDate: found?.rateDate, method: found?.method, rate: found?.rate.text }).toEqual({ rateDate: '2025-06-05', method: 'cross_eur', rate: '0.08' });
  });

  it('at equal dates prefers direct, then inverse, then cross', async () => {
    const ds = api.dataSource;
    const a = w.north.agency.id;
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-07-01', 'EUR', 'SEK', 11, 'ECB'), ($1, '2025-07-01', 'EUR', 'IQD', 1430, 'ECB')`, [a]);
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-07-01', 'IQD', 'SEK', 0.0077, 'inverse')`, [a]);
    const rates = api.app.get(RatesService);
    expect((await rates.find(ds.manager, a, 'SEK', 'IQD', '2025-07-01'))?.method).toBe('inverse');
    await ds.query(`INSERT INTO exchange_rate (agency_id, rate_date, base, quote, rate, source) VALUES ($1, '2025-07-01', 'SEK', 'IQD', 130, 'direct')`, [a]);
    expect(await rates.find(ds.manager, a, 'SEK', 'IQD', '2025-07-01')).toMatchObject({ method: 'direct', source: 'direct' });
  });
});
