import { dateColumn } from './dates';
import { dueDiligenceSummary } from './due-diligence';

describe('dueDiligenceSummary', () => {
  const today = '2027-03-15';

  it('a clearance past its expiry date is expired; on its last day it still holds', () => {
    expect(dueDiligenceSummary({ ddStatus: 'cleared', ddExpiresOn: '2027-03-14' }, today)).toEqual({ status: 'cleared', expired: true, expiresOn: '2027-03-14' });
    expect(dueDiligenceSummary({ ddStatus: 'conditional', ddExpiresOn: '2027-03-14' }, today).expired).toBe(true);
    expect(dueDiligenceSummary({ ddStatus: 'cleared', ddExpiresOn: '2027-03-15' }, today).expired).toBe(false);
    expect(dueDiligenceSummary({ ddStatus: 'cleared', ddExpiresOn: '2028-01-01' }, today).expired).toBe(false);
  });

  it('pending and rejected never expire', () => {
    expect(dueDiligenceSummary({ ddStatus: 'pending', ddExpiresOn: null }, today)).toEqual({ status: 'pending', expired: false, expiresOn: null });
    expect(dueDiligenceSummary({ ddStatus: 'rejected', ddExpiresOn: '2020-01-01' }, today).expired).toBe(false);
  });

  it('takes today as a Date (its UTC day) and expiry as a raw driver Date', () => {
    expect(dueDiligenceSummary({ ddStatus: 'cleared', ddExpiresOn: '2027-03-14' }, new Date('2027-03-15T00:30:00Z')).expired).toBe(true);
    expect(dueDiligenceSummary({ ddStatus: 'cleared', ddExpiresOn: new Date(2027, 2, 14) }, today)).toMatchObject({ expired: true, expiresOn: '2027-03-14' });
  });

  it('reads date columns in either form', () => {
    expect(dateColumn(null)).toBeNull();
    expect(dateColumn('2015-04-01')).toBe('2015-04-01');
    expect(dateColumn(new Date(2015, 3, 1))).toBe('2015-04-01');
  });
});
