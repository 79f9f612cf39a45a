import { ErrorCode, FieldProblem, OrganizationInput } from '@mizan/contracts';
import { checkIban, holderMatchesLegalName, isCalendarDateString, isHostlandCountry } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';

/** What is stored for an organization's own data (everything but due diligence and bookkeeping). */
export interface OrganizationFields {
  legalName: string;
  registrationNumber: string;
  hostlandCountry: string;
  address: string;
  foundedOn: string | null;
  contactEmail: string;
  contactPhone: string | null;
  iban: string;
  accountHolder: string;
  holderExplanation: string | null;
  thematicExpertise: string[];
}

function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
}

export function invalid(fields: FieldProblem[]): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Invalid ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields);
}

/**
 * The rules the DTO cannot express (they need the domain), all checked at once
 * so the form can mark every bad field in one round trip. Returns the values to
 * store: trimmed, IBAN without spaces, country upper-cased.
 */
export function normalizeOrganizationInput(input: OrganizationInput, today: string): OrganizationFields {
  const fields: FieldProblem[] = [];
  const required = (field: keyof OrganizationInput, value: string): string => {
    const v = value.trim();
    if (v === '') fields.push({ field, message: 'must not be empty' });
    return v;
  };
  const legalName = required('legalName', input.legalName);
  const registrationNumber = required('registrationNumber', input.registrationNumber).replace(/\s+/g, ' ').toUpperCase();
  const address = required('address', input.address);
  const accountHolder = required('accountHolder', input.accountHolder);

  const hostlandCountry = input.hostlandCountry.trim().toUpperCase();
  if (!isHostlandCountry(hostlandCountry)) {
    fields.push({ field: 'hostlandCountry', message: 'must be the two-letter code of an EU or EEA country, the UK or Switzerland (e.g. SE, GB, DE)' });
  }

  const foundedOn = blankToNull(input.foundedOn);
  if (foundedOn !== null) {
    if (!isCalendarDateString(foundedOn)) fields.push({ field: 'foundedOn', message: 'must be a date like 2015-04-01' });
    else if (foundedOn > today) fields.push({ field: 'foundedOn', message: 'must be in the past' });
  }

  const iban = checkIban(input.iban);
  if (!iban.valid) fields.push({ field: 'iban', message: iban.message });

  const holderExplanation = blankToNull(input.holderExplanation);
  if (legalName !== '' && accountHolder !== '' && !holderMatchesLegalName(accountHolder, legalName) && holderExplanation === null) {
    fields.push({
      field: 'holderExplanation',
      message: 'The account holder does not match the legal name: explain why (for example a fiscal host holds the account)',
    });
  }

  const thematicExpertise = [...new Set(input.thematicExpertise.map((t) => t.trim()).filter((t) => t !== ''))];

  if (fields.length > 0) throw invalid(fields);
  return {
    legalName,
    registrationNumber,
    hostlandCountry,
    address,
    foundedOn,
    contactEmail: input.contactEmail.trim().toLowerCase(),
    contactPhone: blankToNull(input.contactPhone),
    iban: iban.valid ? iban.iban : '',
    accountHolder,
    holderExplanation,
    thematicExpertise,
  };
}
