import { OrganizationInput } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { normalizeOrganizationInput } from './organization-input';
import { safeUploadName } from './due-diligence-documents.service';

const INPUT: OrganizationInput = {
  legalName: '  Föreningen Bro till Basra ',
  registrationNumber: ' 802456-1234 ',
  hostlandCountry: 'se',
  address: 'Storgatan 1',
  foundedOn: '2015-04-01',
  contactEmail: ' Board@Example.org ',
  contactPhone: ' ',
  iban: 'se45 5000 0000 0583 9825 7466',
  accountHolder: 'Bro till Basra',
  holderExplanation: '  ',
  thematicExpertise: [' water ', 'water', '', 'health'],
};

function fieldsOf(input: Partial<OrganizationInput>): string[] {
  try {
    normalizeOrganizationInput({ ...INPUT, ...input }, '2027-01-15');
  } catch (error) {
    return ((error as MizanException).fields ?? []).map((f) => f.field);
  }
  return [];
}

describe('normalizeOrganizationInput', () => {
  it('stores trimmed values, the IBAN without spaces, the country upper-cased, blanks as null', () => {
    expect(normalizeOrganizationInput(INPUT, '2027-01-15')).toEqual({
      legalName: 'Föreningen Bro till Basra',
      registrationNumber: '802456-1234',
      hostlandCountry: 'SE',
      address: 'Storgatan 1',
      foundedOn: '2015-04-01',
      contactEmail: 'board@example.org',
      contactPhone: null,
      iban: 'SE4550000000058398257466',
      accountHolder: 'Bro till Basra',
      holderExplanation: null,
      thematicExpertise: ['water', 'health'],
    });
  });

  it('names every rule broken, in one error', () => {
    expect(fieldsOf({ iban: 'SE00 0000', hostlandCountry: 'IQ', foundedOn: '2027-01-16', accountHolder: 'Someone Else', address: ' ' })).toEqual([
      'address',
      'hostlandCountry',
      'foundedOn',
      'iban',
      'holderExplanation',
    ]);
    expect(fieldsOf({ accountHolder: 'Someone Else', holderExplanation: 'Fiscal host' })).toEqual([]);
    expect(fieldsOf({ foundedOn: null })).toEqual([]);
  });
});

describe('safeUploadName', () => {
  it('keeps the name but drops folders, quotes and control characters', () => {
    expect(safeUploadName('statutes.pdf', 'pdf')).toBe('statutes.pdf');
    expect(safeUploadName('C:\\Users\\x\\stadgar 2015.pdf', 'pdf')).toBe('stadgar 2015.pdf');
    expect(safeUploadName('../../etc/passwd', 'pdf')).toBe('passwd');
    expect(safeUploadName('a"b\r\n.pdf', 'pdf')).toBe('ab.pdf');
    expect(safeUploadName('', 'png')).toBe('document.png');
    expect(safeUploadName('x'.repeat(300), 'pdf')).toHaveLength(200);
  });
});
