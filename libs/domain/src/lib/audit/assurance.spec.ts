import { RISK_RATINGS } from '../finance/risk-policy';
import { ASSURANCE_KINDS_DOMAIN, ASSURANCE_REQUIREMENTS, assessAssurance, assuranceRequired, assuranceShort } from './assurance';

describe('audit assurance requirements', () => {
  it('gives the documented table', () => {
    expect(assuranceRequired('low')).toEqual({ visit: 1, spot_check: 0, audit: 0 });
    expect(assuranceRequired('moderate')).toEqual({ visit: 1, spot_check: 1, audit: 0 });
    expect(assuranceRequired('significant')).toEqual({ visit: 2, spot_check: 1, audit: 1 });
    expect(assuranceRequired('high')).toEqual({ visit: 4, spot_check: 2, audit: 1 });
  });

  it('never asks less of a riskier rating', () => {
    for (let i = 1; i < RISK_RATINGS.length; i++) {
      for (const kind of ASSURANCE_KINDS_DOMAIN) {
        expect(ASSURANCE_REQUIREMENTS[RISK_RATINGS[i]][kind]).toBeGreaterThanOrEqual(ASSURANCE_REQUIREMENTS[RISK_RATINGS[i - 1]][kind]);
      }
    }
  });

  it('treats a grant without a rating (or an unknown one) as high risk', () => {
    expect(assuranceRequired(null)).toEqual(ASSURANCE_REQUIREMENTS.high);
    expect(assuranceRequired(undefined)).toEqual(ASSURANCE_REQUIREMENTS.high);
    expect(assuranceRequired('constructor' as never)).toEqual(ASSURANCE_REQUIREMENTS.high);
  });

  it('names the kinds that fall short, in order, and none when met or exceeded', () => {
    expect(assuranceShort({ visit: 0, spot_check: 0, audit: 0 }, ASSURANCE_REQUIREMENTS.high)).toEqual(['visit', 'spot_check', 'audit']);
    expect(assuranceShort({ visit: 4, spot_check: 1, audit: 3 }, ASSURANCE_REQUIREMENTS.high)).toEqual(['spot_check']);
    expect(assuranceShort({ visit: 1, spot_check: 0, audit: 0 }, ASSURANCE_REQUIREMENTS.low)).toEqual([]);
    expect(assuranceShort({ visit: 9, spot_check: 9, audit: 9 }, ASSURANCE_REQUIREMENTS.high)).toEqual([]);
  });

  it('assesses one grant', () => {
    expect(assessAssurance('moderate', { visit: 1, spot_check: 0, audit: 0 })).toEqual({ required: { visit: 1, spot_check: 1, audit: 0 }, short: ['spot_check'] });
  });
});
