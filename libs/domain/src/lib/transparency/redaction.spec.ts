import fc from 'fast-check';
import { IRAQ_GOVERNORATES } from '../intake/governorates';
import {
  SECURITY_LEVELS,
  type MonitoringSecurityLevel,
} from '../reporting/monitoring';
import { buildIatiFile, textsOf, type IatiGrantInput } from './iati-activity';
import {
  UNDISCLOSED_NAME,
  redactGrant,
  secretScrubber,
  type RedactionPartner,
} from './redaction';

const identity = {
  organisationIdentifier: 'XI-IATI-TEST',
  name: { en: 'Test Agency' },
  organisationType: '10',
};
const word = fc.stringMatching(/^[A-Z][a-z]{5,9}$/);

function partner(
  i: number,
  governorate: (typeof IRAQ_GOVERNORATES)[number],
  level: MonitoringSecurityLevel,
  name: string,
  person: string,
  wish: boolean,
): RedactionPartner {
  return {
    id: `p${i}`,
    name,
    governorateCode: governorate.code,
    governorateNameEn: governorate.en,
    governorateNameAr: governorate.ar,
    securityLevel: level,
    withholdName: wish,
    personNames: [person],
  };
}

describe('redactGrant', () => {
  const baghdad = IRAQ_GOVERNORATES.find((g) => g.code === 'IQ-BG')!;
  it('publishes an accessible partner with its governorate', () => {
    const r = redactGrant(
      [
        partner(
          1,
          baghdad,
          'accessible',
          'Tigris Friends',
          'Ali Hassan',
          false,
        ),
      ],
      [],
      false,
    );
    expect(r.partners).toEqual([
      { id: 'p1', name: 'Tigris Friends', withheld: false },
    ]);
    expect(r.locations.map((l) => l.code)).toEqual(['IQ-BG']);
    expect(r.redactions.map((x) => `${x.element}:${x.reason}`)).toEqual([
      'person_name:personal_data',
    ]);
  });

  it.each(['restricted', 'no_access'] as const)(
    'withholds name and location in a %s governorate, and says why',
    (level) => {
      const r = redactGrant(
        [partner(1, baghdad, level, 'Tigris Friends', 'Ali Hassan', false)],
        ['Sara Signer'],
        true,
      );
      expect(r.partners[0]).toEqual({
        id: 'p1',
        name: UNDISCLOSED_NAME,
        withheld: true,
      });
      expect(r.locations).toEqual([]);
      expect(r.replaceNarrative).toBe(true);
      expect(r.redactions).toEqual(
        expect.arrayContaining([
          {
            element: 'partner_name',
            reason: 'security_level',
            params: { governorate: 'IQ-BG', level, partnerId: 'p1' },
            replacement: 'undisclosed',
          },
          {
            element: 'sub_national_location',
            reason: 'security_level',
            params: { governorate: 'IQ-BG', level, partnerId: 'p1' },
            replacement: 'country_level',
          },
          {
            element: 'narrative',
            reason: 'security_level',
            params: {},
            replacement: 'public_summary',
          },
        ]),
      );
      // The reasons never carry the withheld value.
      expect(JSON.stringify(r.redactions)).not.toContain('Tigris');
    },
  );

  it('withholds the name of a partner that asked, keeping the location of an accessible governorate', () => {
    const r = redactGrant(
      [partner(1, baghdad, 'accessible', 'Tigris Friends', 'Ali Hassan', true)],
      [],
      false,
    );
    expect(r.partners[0].withheld).toBe(true);
    expect(r.locations.map((l) => l.code)).toEqual(['IQ-BG']);
    expect(r.redactions[0]).toMatchObject({
      element: 'partner_name',
      reason: 'partner_wish',
    });
  });

  it('strikes secrets case-insensitively, longest first', () => {
    expect(
      secretScrubber(['Tigris', 'Tigris Friends'])(
        'The tigris friends of Tigris',
      ),
    ).toBe('The [withheld] of [withheld]');
  });
});

describe('the file never names a partner, governorate or person it must not (property)', () => {
  const grantArb = fc.record({
    governorate: fc.constantFrom(...IRAQ_GOVERNORATES),
    wish: fc.boolean(),
    partnerName: fc.tuple(word, word).map(([a, b]) => `${a} ${b} Association`),
    person: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    signatory: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    mentionsPartnerInTitle: fc.boolean(),
  });

  it('for grants in every governorate at every level', () => {
    fc.assert(
      // A governorate has one level on the file's date: every governorate at some level, grants anywhere.
      fc.property(
        fc.array(fc.constantFrom(...SECURITY_LEVELS), {
          minLength: 18,
          maxLength: 18,
        }),
        fc.array(grantArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (levels, raw, withSummary) => {
          const specs = raw.map((g) => ({
            ...g,
            level: levels[IRAQ_GOVERNORATES.indexOf(g.governorate)],
          }));
          const grants: IatiGrantInput[] = specs.map((g, i) => ({
            id: `g${i}`,
            grantNumber: `G-${i}`,
            title: g.mentionsPartnerInTitle
              ? `Training with ${g.partnerName} in ${g.governorate.en}`
              : `Grant ${i}`,
            summary: `${g.person} leads the work of ${g.partnerName} in ${g.governorate.en} (${g.governorate.code}, ${g.governorate.ar}).`,
            summarySource: { kind: 'grant_version', id: `g${i}` },
            state: 'active',
            startsOn: '2027-01-01',
            endsOn: '2028-06-30',
            actualStartOn: null,
            actualEndOn: null,
            currency: 'SEK',
            amountMinor: 1_000_000n,
            organization: {
              id: 'o',
              name: 'Diaspora Org',
              ref: null,
              type: '22',
            },
            partners: [
              partner(
                i,
                g.governorate,
                g.level,
                g.partnerName,
                g.person,
                g.wish,
              ),
            ],
            personNames: [g.signatory],
            transactions: [],
            modality: 'advance',
          }));
          const file = buildIatiFile(
            identity,
            {
              id: 'prog',
              name: 'P',
              themes: ['health'],
              publicSummary: withSummary ? { en: 'Public summary.' } : null,
            },
            grants,
            '2027-05-01T10:00:00Z',
          );
          const text = textsOf(file.root).join('\n').toLowerCase();
          specs.forEach((g) => {
            expect(text).not.toContain(g.person.toLowerCase());
            expect(text).not.toContain(g.signatory.toLowerCase());
            if (g.level !== 'accessible') {
              expect(text).not.toContain(g.partnerName.toLowerCase());
              expect(text).not.toContain(g.governorate.code.toLowerCase());
              expect(text).not.toContain(g.governorate.en.toLowerCase());
              expect(text).not.toContain(g.governorate.ar);
            } else if (g.wish) {
              expect(text).not.toContain(g.partnerName.toLowerCase());
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
