import { dueDiligenceProblems } from './due-diligence-dialog.component';
import { ddStanding, ddTone } from '../shared/status';

describe('due-diligence decisions', () => {
  const today = '2026-11-29';

  it('needs a future expiry for a clearance and conditions for a conditional one', () => {
    expect(dueDiligenceProblems('cleared', '', '', today)).toEqual({ expiresOn: 'required' });
    expect(dueDiligenceProblems('cleared', today, '', today)).toEqual({ expiresOn: 'future' });
    expect(dueDiligenceProblems('cleared', '2026-11-30', '', today)).toEqual({});
    expect(dueDiligenceProblems('conditional', '2027-05-01', ' ', today)).toEqual({
      conditions: 'required',
    });
    expect(dueDiligenceProblems('rejected', '', '', today)).toEqual({});
  });

  it('shows an expired clearance as expired, in the warning colour', () => {
    expect(ddStanding({ status: 'cleared', expired: true })).toBe('expired');
    expect(ddStanding({ status: 'conditional', expired: false })).toBe('conditional');
    expect(ddTone('expired')).toBe('bad');
    expect(ddTone('cleared')).toBe('good');
  });
});
