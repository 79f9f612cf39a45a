import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ErrorCode, type OrganizationInput } from '@mizan/contracts';
import { LANGUAGE_STORAGE } from '../../../core/i18n/i18n.service';
import { provideIcons } from '../../../core/icons/icons';
import { RegisterOrganizationComponent } from './register-organization.component';

async function setUp() {
  TestBed.configureTestingModule({
    imports: [RegisterOrganizationComponent],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideIcons(),
      provideRouter([]),
      {
        provide: LANGUAGE_STORAGE,
        useValue: { get: () => 'en', set: () => undefined },
      },
    ],
  });
  const fixture = TestBed.createComponent(RegisterOrganizationComponent);
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const type = async (testId: string, value: string) => {
    const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `[data-testid="${testId}"]`,
    );
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  };
  return { fixture, root, type, http: TestBed.inject(HttpTestingController) };
}

describe('RegisterOrganizationComponent', () => {
  it('checks the IBAN as it is typed and says what is wrong', async () => {
    const { root, type } = await setUp();
    await type('org-iban', 'SE45 5000 0000 0583 9825 7467');
    expect(
      root.querySelector('[data-testid="org-iban-error"]')?.textContent,
    ).toContain('The IBAN check digits do not match');
    await type('org-iban', 'SE45 5000 0000 0583 9825 7466');
    expect(root.querySelector('[data-testid="org-iban-error"]')).toBeNull();
    expect(root.querySelector('[data-testid="org-iban-ok"]')).not.toBeNull();
  });

  it('asks why when the account holder is not the organization', async () => {
    const { root, type } = await setUp();
    await type('org-legal-name', 'Föreningen Bro till Basra');
    await type('org-holder', 'Fiscal Host AB');
    expect(
      root.querySelector('[data-testid="org-holder-explanation"]'),
    ).not.toBeNull();
    await type('org-holder', 'Bro till Basra');
    expect(
      root.querySelector('[data-testid="org-holder-explanation"]'),
    ).toBeNull();
  });

  it('sends the organization and puts the api’s field errors next to their fields', async () => {
    const { root, type, http, fixture } = await setUp();
    await type('org-legal-name', 'Bro till Basra');
    await type('org-registration-number', '802456-1234');
    await type('org-address', 'Storgatan 1, Malmö');
    await type('org-email', 'info@bro.example');
    await type('org-iban', 'SE45 5000 0000 0583 9825 7466');
    await type('org-holder', 'Bro till Basra');
    root
      .querySelector<HTMLButtonElement>('[data-testid="org-submit"]')
      ?.click();
    const request = http.expectOne('/api/v1/organizations');
    const body = request.request.body as OrganizationInput;
    expect(body).toMatchObject({
      legalName: 'Bro till Basra',
      hostlandCountry: 'SE',
      foundedOn: null,
      contactPhone: null,
      holderExplanation: null,
    });
    request.flush(
      {
        statusCode: 400,
        code: ErrorCode.ValidationFailed,
        message: 'Invalid registrationNumber',
        fields: [
          { field: 'registrationNumber', message: 'is already registered' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.textContent).toContain('is already registered');
    expect(
      root.querySelector('[data-testid="org-error"]')?.textContent,
    ).toContain('Some fields need attention.');
    http.verify();
  });
});
