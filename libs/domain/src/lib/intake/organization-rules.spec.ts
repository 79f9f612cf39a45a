import {
  HOSTLAND_COUNTRIES,
  OrganizationFileFacts,
  isCalendarDateString,
  isHostlandCountry,
  isPlausibleRegistrationNumber,
  organizationChecks,
  partnerContactVisible,
} from './organization-rules';

const FACTS: OrganizationFileFacts = {
  legalName: 'Föreningen Bro till Basra',
  registrationNumber: '802456-1234',
  foundedOn: '2015-04-01',
  iban: 'SE45 5000 0000 0583 9825 7466',
  accountHolder: 'Bro till Basra',
  holderExplanation: null,
  documentKinds: ['statutes', 'board_list', 'annual_report', 'accounts'],
};
const TODAY = '2027-01-15';

function check(facts: Partial<OrganizationFileFacts>, name: string) {
  return organizationChecks({ ...FACTS, ...facts }, TODAY).find((c) => c.check === name);
}

describe('hostland countries', () => {
  it('accepts the EU, the EEA, the UK and Switzerland, and nothing else', () => {
    for (const code of ['SE', 'GB', 'DE', 'NO', 'IS', 'CH', 'FR', 'NL']) expect(isHostlandCountry(code)).toBe(true);
    for (const code of ['IQ', 'US', 'se', 'XX', '']) expect(isHostlandCountry(code)).toBe(false);
    expect(new Set(HOSTLAND_COUNTRIES).size).toBe(HOSTLAND_COUNTRIES.length);
    expect(HOSTLAND_COUNTRIES).toHaveLength(32);
  });
});

describe('calendar dates and registration numbers', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isCalendarDateString('2024-02-29')).toBe(true);
    expect(isCalendarDateString('2023-02-29')).toBe(false);
    expect(isCalendarDateString('2027-13-01')).toBe(false);
    expect(isCalendarDateString('1/2/2020')).toBe(false);
  });

  it('finds plausible registration numbers of several countries', () => {
    for (const n of ['802456-1234', '1123456', 'VR 12345', 'W751234567', 'KvK 1234.5678']) expect(isPlausibleRegistrationNumber(n)).toBe(true);
    for (const n of ['', '   ', 'abc', 'n/a-none', '12', '<script>1</script>']) expect(isPlausibleRegistrationNumber(n)).toBe(false);
  });
});

describe('automatic due-diligence checks', () => {
  it('passes all five on a complete, consistent file', () => {
    const checks = organizationChecks(FACTS, TODAY);
    expect(checks.map((c) => c.check)).toEqual(['iban_checksum', 'holder_matches_name', 'documents_complete', 'registration_number', 'founding_date']);
    expect(checks.every((c) => c.passed)).toBe(true);
  });

  it('fails a bad IBAN checksum with the domain message', () => {
    expect(check({ iban: 'SE45 5000 0000 0583 9825 7467' }, 'iban_checksum')).toMatchObject({ passed: false, message: expect.stringContaining('check digits') });
  });

  it('passes a differing holder only with an explanation, and says it was explained', () => {
    expect(check({ accountHolder: 'Ahmed Ali' }, 'holder_matches_name')).toMatchObject({ passed: false, message: expect.stringContaining('no explanation') });
    expect(check({ accountHolder: 'Ahmed Ali', holderExplanation: 'Fiscal host until our own account opens' }, 'holder_matches_name')).toMatchObject({
      passed: true,
      message: expect.stringContaining('explained: Fiscal host'),
    });
  });

  it('names the missing documents', () => {
    expect(check({ documentKinds: ['statutes', 'other'] }, 'documents_complete')).toEqual({
      check: 'documents_complete',
      passed: false,
      message: 'Missing: board list, latest annual report, accounts',
    });
  });

  it('needs a founding date that is not in the future', () => {
    expect(check({ foundedOn: null }, 'founding_date')).toMatchObject({ passed: false, message: 'The founding date is missing' });
    expect(check({ foundedOn: '2027-06-01' }, 'founding_date')?.passed).toBe(false);
    expect(check({ foundedOn: TODAY }, 'founding_date')?.passed).toBe(true);
  });
});

describe('partner contact data in fragile contexts', () => {
  it('shows contacts in accessible governorates to everyone who sees the record', () => {
    expect(partnerContactVisible('accessible', 'other_partner')).toBe(true);
  });

  it('hides contacts in restricted and no-access governorates from users of other partners only', () => {
    for (const level of ['restricted', 'no_access'] as const) {
      expect(partnerContactVisible(level, 'other_partner')).toBe(false);
      expect(partnerContactVisible(level, 'organization_member')).toBe(true);
      expect(partnerContactVisible(level, 'officer')).toBe(true);
      expect(partnerContactVisible(level, 'partner_member')).toBe(true);
    }
  });
});
