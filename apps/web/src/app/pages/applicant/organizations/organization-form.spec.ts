import type { OrganizationView } from '@mizan/contracts';
import {
  holderNeedsExplanation,
  ibanError,
  organizationForm,
  organizationInputOf,
  syncHolderExplanation,
} from './organization-form';

describe('organization form', () => {
  it('checks the IBAN live and says what is wrong with it', () => {
    expect(ibanError('SE45 5000 0000 0583 9825 7466')).toBeNull();
    expect(ibanError('SE45 5000 0000 0583 9825 7467')).toEqual({
      problem: 'checksum',
      country: 'SE',
    });
    expect(ibanError('SE45 5000 0000 0583 9825 746')).toEqual({
      problem: 'length',
      country: 'SE',
      expected: '24',
      actual: '23',
    });
    expect(ibanError('12345')).toMatchObject({ problem: 'format' });
    expect(ibanError('')).toBeNull();
    const form = organizationForm();
    form.controls.iban.setValue('SE45 5000 0000 0583 9825 7467');
    expect(form.controls.iban.hasError('iban')).toBe(true);
  });

  it('requires an explanation exactly while the account holder differs from the legal name', () => {
    const form = organizationForm();
    form.controls.legalName.setValue('Föreningen Bro till Basra');
    form.controls.accountHolder.setValue('Bro till Basra');
    expect(syncHolderExplanation(form)).toBe(false);
    expect(form.controls.holderExplanation.valid).toBe(true);
    form.controls.accountHolder.setValue('Fiscal Host AB Sweden');
    expect(
      holderNeedsExplanation(
        'Föreningen Bro till Basra',
        'Fiscal Host AB Sweden',
      ),
    ).toBe(true);
    expect(syncHolderExplanation(form)).toBe(true);
    expect(form.controls.holderExplanation.hasError('required')).toBe(true);
    form.controls.holderExplanation.setValue(
      'Our fiscal host holds the account',
    );
    expect(form.controls.holderExplanation.valid).toBe(true);
  });

  it('sends blanks as null and trims what was typed', () => {
    const form = organizationForm({
      legalName: ' Bro till Basra ',
      registrationNumber: '802456-1234',
      hostlandCountry: 'SE',
      address: 'Storgatan 1, Malmö',
      foundedOn: null,
      contactEmail: 'info@bro.example',
      contactPhone: null,
      iban: 'SE4550000000058398257466',
      accountHolder: 'Bro till Basra',
      holderExplanation: null,
      thematicExpertise: ['Water'],
    } as OrganizationView);
    const input = organizationInputOf(form);
    expect(input).toMatchObject({
      legalName: 'Bro till Basra',
      foundedOn: null,
      contactPhone: null,
      holderExplanation: null,
      thematicExpertise: ['Water'],
    });
  });
});
