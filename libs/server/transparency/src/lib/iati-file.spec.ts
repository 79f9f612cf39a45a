import fc from 'fast-check';
import {
  IRAQ_GOVERNORATES,
  SECURITY_LEVELS,
  buildIatiFile,
  type IatiGrantInput,
} from '@mizan/domain';
import { validateIatiFile } from './iati-validator';
import { serializeIatiFile } from './iati-xml';

const identity = {
  organisationIdentifier: 'XI-IATI-MIZAN-TEST',
  name: { en: 'Test Agency', ar: 'وكالة الاختبار', sv: 'Testmyndigheten' },
  organisationType: '10',
};
const program = {
  id: 'prog-1',
  name: 'Program',
  themes: ["women's rights"],
  publicSummary: {
    en: 'Support to civil society in Iraq.',
    ar: 'دعم المجتمع المدني في العراق.',
  },
};

function grant(
  i: number,
  overrides: Partial<IatiGrantInput> = {},
): IatiGrantInput {
  const gov = IRAQ_GOVERNORATES[i % IRAQ_GOVERNORATES.length];
  return {
    id: `g${i}`,
    grantNumber: `MZ-2027-${i}`,
    title: `Grant ${i} & <partners>`,
    summary: 'Training for local organisations.',
    summarySource: { kind: 'grant_version', id: `a${i}` },
    state: 'active',
    startsOn: '2027-02-01',
    endsOn: '2028-07-31',
    actualStartOn: '2027-02-03',
    actualEndOn: null,
    currency: 'SEK',
    amountMinor: 50_000_000n,
    organization: {
      id: 'o1',
      name: 'Diaspora Förening',
      ref: 'SE-ON-8024001234',
      type: '21',
    },
    partners: [
      {
        id: `p${i}`,
        name: `Partner ${i}`,
        governorateCode: gov.code,
        governorateNameEn: gov.en,
        governorateNameAr: gov.ar,
        securityLevel: 'accessible',
        withholdName: false,
        personNames: ['Contact Person'],
      },
    ],
    personNames: ['Sara Signer'],
    modality: 'advance',
    transactions: [
      {
        type: '2',
        amountMinor: 50_000_000n,
        date: '2027-02-03',
        entryId: `e${i}a`,
        account: 'grant_committed',
      },
      {
        type: '3',
        amountMinor: 20_000_000n,
        date: '2027-03-01',
        entryId: `e${i}b`,
        account: 'advance_with_grantee',
      },
      {
        type: '4',
        amountMinor: 5_000_000n,
        date: '2027-09-01',
        entryId: `e${i}c`,
        account: 'verified_expenditure',
      },
      {
        type: '1',
        amountMinor: 100_000n,
        date: '2027-10-01',
        entryId: `e${i}d`,
        account: 'refunded',
      },
    ],
    ...overrides,
  };
}

describe('IATI file: schema and codelists (xmllint)', () => {
  it('a built file validates against the 2.03 XSD and the embedded codelists', async () => {
    const file = buildIatiFile(
      identity,
      program,
      [grant(1), grant(2, { state: 'closed', actualEndOn: '2028-08-01' })],
      '2027-11-01T08:00:00Z',
    );
    const xml = serializeIatiFile(file.root);
    const result = await validateIatiFile(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.codelistsChecked).toEqual(
      expect.arrayContaining([
        'ActivityDateType',
        'ActivityStatus',
        'BudgetStatus',
        'BudgetType',
        'OrganisationRole',
        'TransactionType',
      ]),
    );
    expect(xml).toContain(
      '<iati-identifier>XI-IATI-MIZAN-TEST-MZ-2027-1</iati-identifier>',
    );
    expect(xml).toContain('Grant 1 &amp; &lt;partners&gt;');
  });

  it('a planted element the schema does not allow is an error naming its path and line', async () => {
    const xml = serializeIatiFile(
      buildIatiFile(
        identity,
        program,
        [grant(1), grant(2)],
        '2027-11-01T08:00:00Z',
      ).root,
    ).replace(
      /(<iati-activity [^>]*>[\s\S]*?<\/iati-activity>[\s\S]*?<iati-activity [^>]*>[\s\S]*?)(<activity-status )/,
      '$1<planted-element/>\n  $2',
    );
    const result = await validateIatiFile(xml);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({
      kind: 'schema',
      path: 'iati-activities/iati-activity[2]/planted-element[1]',
    });
    expect(result.errors[0].message).toMatch(/planted-element/);
    expect(result.errors[0].line).toBeGreaterThan(1);
  });

  it('a code outside its codelist is an error naming the attribute', async () => {
    const xml = serializeIatiFile(
      buildIatiFile(identity, program, [grant(1)], '2027-11-01T08:00:00Z').root,
    ).replace('<transaction-type code="3"/>', '<transaction-type code="99"/>');
    const result = await validateIatiFile(xml);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      {
        kind: 'codelist',
        line: null,
        path: 'iati-activities/iati-activity[1]/transaction[2]/transaction-type[1]/@code',
        message: "'99' is not a code of the TransactionType codelist",
      },
    ]);
  });

  it('text that is not XML is refused, not thrown', async () => {
    const result = await validateIatiFile(
      '<iati-activities version="2.03"><iati-activity>',
    );
    expect(result.valid).toBe(false);
  });
});

describe('the published XML never names a partner, governorate or person it must not (property, on the file text)', () => {
  const word = fc.stringMatching(/^[A-Z][a-z]{5,9}$/);
  it('for grants in every governorate at every level', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SECURITY_LEVELS), {
          minLength: 18,
          maxLength: 18,
        }),
        fc.array(
          fc.record({
            gov: fc.nat(17),
            name: fc.tuple(word, word),
            person: fc.tuple(word, word),
            wish: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (levels, specs) => {
          const grants = specs.map((s, i) => {
            const gov = IRAQ_GOVERNORATES[s.gov];
            const name = `${s.name[0]} ${s.name[1]} Society`;
            const person = `${s.person[0]} ${s.person[1]}`;
            return grant(i, {
              title: `Work with ${name} in ${gov.en}`,
              summary: `${person} of ${name} works in ${gov.en} (${gov.code}, ${gov.ar}).`,
              partners: [
                {
                  id: `p${i}`,
                  name,
                  governorateCode: gov.code,
                  governorateNameEn: gov.en,
                  governorateNameAr: gov.ar,
                  securityLevel: levels[s.gov],
                  withholdName: s.wish,
                  personNames: [person],
                },
              ],
            });
          });
          const xml = serializeIatiFile(
            buildIatiFile(
              identity,
              { ...program, publicSummary: null },
              grants,
              '2027-11-01T08:00:00Z',
            ).root,
          ).toLowerCase();
          specs.forEach((s) => {
            const gov = IRAQ_GOVERNORATES[s.gov];
            expect(xml).not.toContain(
              `${s.person[0]} ${s.person[1]}`.toLowerCase(),
            );
            if (levels[s.gov] !== 'accessible') {
              expect(xml).not.toContain(
                `${s.name[0]} ${s.name[1]} society`.toLowerCase(),
              );
              expect(xml).not.toContain(gov.code.toLowerCase());
              expect(xml).not.toContain(gov.en.toLowerCase());
              expect(xml).not.toContain(gov.ar);
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
