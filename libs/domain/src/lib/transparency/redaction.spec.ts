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
  const baghdad = IRAQ_GOVERNORATES[3];
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

  it('strikes thousands of secrets in one pass, leaving other text alone', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `Partner ${i} Circle`);
    const scrub = secretScrubber(names);
    expect(scrub('With partner 4999 circle and Partner 12 Circle, not Partner 12b.')).toBe(
      'With [withheld] and [withheld], not Partner 12b.',
    );
    expect(scrub('Nothing to strike here.')).toBe('Nothing to strike here.');
    expect(secretScrubber([])('kept')).toBe('kept');
  });

  it('publishes a grant located in a restricted governorate at country level, whatever its partners', () => {
    const nineveh = IRAQ_GOVERNORATES.find((g) => g.code === 'IQ-NI');
    if (!nineveh) throw new Error('no Nineveh');
    const r = redactGrant(
      [partner(1, baghdad, 'accessible', 'Tigris Friends', 'Ali Hassan', false)],
      [],
      true,
      { code: nineveh.code, nameEn: nineveh.en, nameAr: nineveh.ar, securityLevel: 'no_access' },
    );
    expect(r.locations).toEqual([]);
    expect(r.replaceNarrative).toBe(true);
    expect(r.redactions).toContainEqual({
      element: 'sub_national_location',
      reason: 'security_level',
      params: { governorate: 'IQ-NI', level: 'no_access' },
      replacement: 'country_level',
    });
    expect(r.areaSecrets).toEqual(expect.arrayContaining(['IQ-NI', nineveh.en, nineveh.ar]));
    // The partner named on that grant is withheld too (it works where the grant works), with the grant's governorate as
    // the reason; its own accessible governorate is not struck from the rest of the file.
    expect(r.partners).toEqual([expect.objectContaining({ name: UNDISCLOSED_NAME, withheld: true })]);
    expect(r.secrets).toContain('Tigris Friends');
    expect(r.redactions).toContainEqual(
      expect.objectContaining({ element: 'partner_name', reason: 'security_level', params: expect.objectContaining({ governorate: 'IQ-NI', level: 'no_access' }) }),
    );
    expect(r.areaSecrets).not.toContain(baghdad.code);
    // An accessible grant location changes nothing.
    const open = redactGrant(
      [partner(1, baghdad, 'accessible', 'Tigris Friends', 'Ali Hassan', false)],
      [],
      true,
      { code: baghdad.code, nameEn: baghdad.en, nameAr: baghdad.ar, securityLevel: 'accessible' },
    );
    expect(open.locations.map((l) => l.code)).toEqual([baghdad.code]);
    expect(open.replaceNarrative).toBe(false);
  });
});

describe('buildIatiFile redaction across grants', () => {
  const nineveh = IRAQ_GOVERNORATES.find((g) => g.code === 'IQ-NI') ?? IRAQ_GOVERNORATES[0];
  const basra = IRAQ_GOVERNORATES.find((g) => g.code === 'IQ-BA') ?? IRAQ_GOVERNORATES[1];
  const grant = (i: number, title: string, summary: string, p: RedactionPartner, area: IatiGrantInput['area'] = null): IatiGrantInput => ({
    id: `g${i}`,
    grantNumber: `G-${i}`,
    title,
    summary,
    summarySource: { kind: 'grant_version', id: `g${i}` },
    state: 'active',
    startsOn: '2027-01-01',
    endsOn: '2028-06-30',
    actualStartOn: null,
    actualEndOn: null,
    currency: 'SEK',
    amountMinor: 1_000_000n,
    organization: { id: 'o', name: 'Diaspora Org', ref: null, type: '22' },
    partners: [p],
    area,
    personNames: [],
    transactions: [],
    modality: 'advance',
  });
  const program = { id: 'prog', name: 'P', themes: ['health'], publicSummary: null };

  it('strikes a withheld partner named in ANOTHER grant’s title and summary', () => {
    const file = buildIatiFile(
      identity,
      program,
      [
        grant(1, 'Clinics', 'Legal clinics.', partner(1, nineveh, 'restricted', 'Sinjar Legal Aid', 'Hana Khalil', false)),
        grant(2, 'Training with Sinjar Legal Aid', 'Basra Forum trains sinjar legal aid staff; Hana Khalil joins.', partner(2, basra, 'accessible', 'Basra Forum', 'Omar Basri', false)),
      ],
      '2027-05-01T10:00:00Z',
    );
    const text = textsOf(file.root).join('\n').toLowerCase();
    expect(text).not.toContain('sinjar');
    expect(text).not.toContain('hana khalil');
    expect(text).toContain('basra forum');
    expect(file.activities[1].title).toBe('Training with [withheld]');
  });

  it('publishes a grant located in a no-access governorate without its location', () => {
    const file = buildIatiFile(
      identity,
      program,
      [grant(1, 'Clinics in Nineveh', 'Clinics.', partner(1, basra, 'accessible', 'Basra Forum', 'Omar Basri', false), {
        code: nineveh.code,
        nameEn: nineveh.en,
        nameAr: nineveh.ar,
        securityLevel: 'no_access',
      })],
      '2027-05-01T10:00:00Z',
    );
    const text = textsOf(file.root).join('\n');
    expect(text).not.toContain(nineveh.en);
    expect(text).not.toContain(basra.code);
    expect(JSON.stringify(file.root)).not.toContain('"name":"location"');
    expect(file.activities[0].redactions.map((r) => `${r.element}:${r.reason}`)).toContain('sub_national_location:security_level');
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
            // The title names another grant's partner (the next one's): struck as well when that one is withheld.
            title: g.mentionsPartnerInTitle
              ? `Training with ${specs[(i + 1) % specs.length].partnerName} in ${specs[(i + 1) % specs.length].governorate.en}`
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
