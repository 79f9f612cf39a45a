import {
  FormControl,
  FormGroup,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import type { OrganizationInput, OrganizationView } from '@mizan/contracts';
import {
  checkIban,
  holderMatchesLegalName,
  type IbanProblem,
} from '@mizan/domain';

export type OrganizationForm = FormGroup<{
  legalName: FormControl<string>;
  registrationNumber: FormControl<string>;
  hostlandCountry: FormControl<string>;
  address: FormControl<string>;
  foundedOn: FormControl<string>;
  contactEmail: FormControl<string>;
  contactPhone: FormControl<string>;
  iban: FormControl<string>;
  accountHolder: FormControl<string>;
  holderExplanation: FormControl<string>;
  thematicExpertise: FormControl<string[]>;
}>;

/** Why an IBAN is refused, with what the message needs (country, lengths). */
export interface IbanError {
  problem: IbanProblem;
  country?: string;
  expected?: string;
  actual?: string;
}

export function ibanError(value: string): IbanError | null {
  if (value.trim() === '') return null;
  const result = checkIban(value);
  if (result.valid) return null;
  const country = value.replace(/[\s-]/g, '').slice(0, 2).toUpperCase();
  if (result.problem === 'length') {
    const [expected, actual] = result.message.match(/\d+/g) ?? [];
    return { problem: 'length', country, expected, actual };
  }
  return { problem: result.problem, country };
}

/** Error `iban` with the IbanError when the checksum or shape is wrong; checked on every keystroke. */
export function ibanValidator(
  control: AbstractControl,
): ValidationErrors | null {
  const error = ibanError(String(control.value ?? ''));
  return error ? { iban: error } : null;
}

const PHONE = /^\+?[0-9][0-9 ()./-]{4,39}$/;

export function organizationForm(
  view?: OrganizationView | null,
): OrganizationForm {
  const text = (
    value: string,
    ...validators: ((c: AbstractControl) => ValidationErrors | null)[]
  ) => new FormControl(value, { nonNullable: true, validators });
  return new FormGroup({
    legalName: text(
      view?.legalName ?? '',
      Validators.required,
      Validators.maxLength(300),
    ),
    registrationNumber: text(
      view?.registrationNumber ?? '',
      Validators.required,
      Validators.maxLength(60),
    ),
    hostlandCountry: text(view?.hostlandCountry ?? 'SE', Validators.required),
    address: text(
      view?.address ?? '',
      Validators.required,
      Validators.maxLength(500),
    ),
    foundedOn: text(view?.foundedOn ?? ''),
    contactEmail: text(
      view?.contactEmail ?? '',
      Validators.required,
      Validators.email,
      Validators.maxLength(320),
    ),
    contactPhone: text(view?.contactPhone ?? '', Validators.pattern(PHONE)),
    iban: text(view?.iban ?? '', Validators.required, ibanValidator),
    accountHolder: text(
      view?.accountHolder ?? '',
      Validators.required,
      Validators.maxLength(300),
    ),
    holderExplanation: text(
      view?.holderExplanation ?? '',
      Validators.maxLength(1000),
    ),
    thematicExpertise: new FormControl<string[]>(
      [...(view?.thematicExpertise ?? [])],
      {
        nonNullable: true,
      },
    ),
  });
}

/** True when the account holder (as typed) differs from the legal name, so an explanation is needed. */
export function holderNeedsExplanation(
  legalName: string,
  accountHolder: string,
): boolean {
  return (
    legalName.trim() !== '' &&
    accountHolder.trim() !== '' &&
    !holderMatchesLegalName(accountHolder, legalName)
  );
}

/** Keeps the explanation required exactly while the holder does not match the legal name. */
export function syncHolderExplanation(form: OrganizationForm): boolean {
  const { legalName, accountHolder, holderExplanation } = form.controls;
  const needed = holderNeedsExplanation(legalName.value, accountHolder.value);
  const hasRequired = holderExplanation.hasValidator(Validators.required);
  if (needed && !hasRequired) {
    holderExplanation.addValidators(Validators.required);
    holderExplanation.updateValueAndValidity({ emitEvent: false });
  } else if (!needed && hasRequired) {
    holderExplanation.removeValidators(Validators.required);
    holderExplanation.updateValueAndValidity({ emitEvent: false });
  }
  return needed;
}

export function organizationInputOf(form: OrganizationForm): OrganizationInput {
  const v = form.getRawValue();
  const needed = holderNeedsExplanation(v.legalName, v.accountHolder);
  return {
    legalName: v.legalName.trim(),
    registrationNumber: v.registrationNumber.trim(),
    hostlandCountry: v.hostlandCountry,
    address: v.address.trim(),
    foundedOn: v.foundedOn.trim() === '' ? null : v.foundedOn.trim(),
    contactEmail: v.contactEmail.trim(),
    contactPhone: v.contactPhone.trim() === '' ? null : v.contactPhone.trim(),
    iban: v.iban.trim(),
    accountHolder: v.accountHolder.trim(),
    holderExplanation:
      needed && v.holderExplanation.trim() !== ''
        ? v.holderExplanation.trim()
        : null,
    thematicExpertise: v.thematicExpertise,
  };
}
