import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { IatiPreviewView, PublicTransparencyView } from '@mizan/contracts';
import { pageTestProviders } from '../../testing/page-providers';
import { IatiPreviewComponent } from './iati-preview.component';
import { PublicTransparencyPage } from './public/public-transparency.page';

const PUBLIC: PublicTransparencyView = {
  agencySlug: 'demo',
  agencyName: { en: 'Swedish Co-Development Agency', ar: 'الوكالة السويدية للتنمية المشتركة' },
  organisationIdentifier: 'SE-0-2021005555',
  totals: [{ currency: 'SEK', committedMinor: '150000000', disbursedMinor: '40000000' }],
  updatedAt: '2027-03-01T10:00:00Z',
  programs: [
    {
      programId: 'p-1',
      name: 'Iraq Co-Development 2027',
      themes: ['Health'],
      sectorCode: '12220',
      currency: 'SEK',
      committedMinor: '150000000',
      disbursedMinor: '40000000',
      byYear: [
        { year: 2028, committedMinor: '50000000', disbursedMinor: '0' },
        { year: 2027, committedMinor: '100000000', disbursedMinor: '40000000' },
      ],
      grants: [
        { iatiIdentifier: 'SE-0-2021005555-G-1', title: 'Clinics in Basra', governorateCode: 'IQ-BA', governorateNameEn: 'Basra', governorateNameAr: 'البصرة', redacted: false, committedMinor: '100000000', disbursedMinor: '40000000' },
        { iatiIdentifier: 'SE-0-2021005555-G-2', title: 'Schools', governorateCode: null, governorateNameEn: null, governorateNameAr: null, redacted: true, committedMinor: '50000000', disbursedMinor: '0' },
      ],
      summary: { en: 'Health and rights.', ar: 'الصحة والحقوق.' },
      fileUrl: '/api/v1/public/iati/demo/p-1.xml',
      sha256: 'a'.repeat(64),
      version: 3,
      publishedAt: '2027-03-01T10:00:00Z',
    },
  ],
};

async function publicPage(lang: string, answer: (http: HttpTestingController) => void) {
  TestBed.configureTestingModule({ imports: [PublicTransparencyPage], providers: [...pageTestProviders({ language: () => lang })] });
  const fixture = TestBed.createComponent(PublicTransparencyPage);
  fixture.componentRef.setInput('agency', 'demo');
  fixture.detectChanges();
  answer(TestBed.inject(HttpTestingController));
  await fixture.whenStable();
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const text = (root: HTMLElement, selector: string): string => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('PublicTransparencyPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the totals, the years in order, the grants with a redacted one at country level, and the file link', async () => {
    const root = await publicPage('en', (http) => http.expectOne('/api/v1/public/transparency/demo').flush(PUBLIC));
    expect(text(root, '[data-testid="public-heading"]')).toBe('Swedish Co-Development Agency');
    expect(text(root, '[data-testid="public-total-committed"]')).toContain('1,500,000');
    expect([...root.querySelectorAll('[data-testid="public-year"]')].map((row) => row.getAttribute('data-year'))).toEqual(['2027', '2028']);
    const grants = [...root.querySelectorAll('[data-testid="public-grant"]')].map((row) => row.textContent ?? '');
    expect(grants[0]).toContain('Basra');
    expect(grants[1]).toContain('Not published, for the partners’ safety');
    expect(root.querySelector('[data-testid="public-file-link"]')?.getAttribute('href')).toBe('/api/v1/public/iati/demo/p-1.xml');
    expect(root.querySelectorAll('mz-year-chart rect')).toHaveLength(4);
  });

  it('reads in Arabic: the agency’s Arabic name, the governorate in Arabic, the summary in Arabic', async () => {
    const root = await publicPage('ar', (http) => http.expectOne('/api/v1/public/transparency/demo').flush(PUBLIC));
    expect(text(root, '[data-testid="public-heading"]')).toBe('الوكالة السويدية للتنمية المشتركة');
    expect(text(root, '[data-testid="public-program"]')).toContain('الصحة والحقوق.');
    expect(text(root, '[data-testid="public-grant"]')).toContain('البصرة');
  });

  it('says nothing is published for an unknown agency', async () => {
    const root = await publicPage('en', (http) => http.expectOne('/api/v1/public/transparency/demo').flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' }));
    expect(text(root, '[data-testid="public-missing"]')).toContain('Nothing is published here.');
    expect(root.querySelector('[data-testid="public-heading"]')).toBeNull();
  });
});

const PREVIEW: IatiPreviewView = {
  programId: 'p-1',
  programName: 'Iraq Co-Development 2027',
  generatedAt: '2027-03-01T10:00:00Z',
  xml: '<?xml version="1.0"?><iati-activities version="2.03"/>',
  sha256: 'b'.repeat(64),
  activities: [
    {
      grantId: 'g-2',
      grantNumber: 'G-2027-002',
      iatiIdentifier: 'SE-0-2021005555-G-2',
      title: 'Schools',
      trace: [
        { path: 'iati-activity[1]/iati-identifier', value: 'SE-0-2021005555-G-2', source: { kind: 'grant', id: 'g-2', field: 'number' } },
        { path: 'iati-activity[1]/transaction[1]/value', value: '500000.00', source: { kind: 'ledger_entry', id: 'e-1' } },
      ],
      redactions: [],
    },
  ],
  redactions: [
    { grantId: 'g-2', grantNumber: 'G-2027-002', element: 'partner_name', reason: 'security_level', params: { governorate: 'IQ-NI', level: 'no_access' }, replacement: 'undisclosed' },
  ],
  validation: { valid: false, errors: [{ path: 'iati-activity[1]/transaction[1]/transaction-type/@code', line: 12, kind: 'codelist', message: 'Code 99 is not in TransactionType' }], codelistsChecked: ['TransactionType'] },
};

describe('IatiPreviewComponent', () => {
  it('lists the validation errors with their paths, the redactions with reasons in words, and builds an activity’s table when opened', async () => {
    TestBed.configureTestingModule({ imports: [IatiPreviewComponent], providers: [...pageTestProviders()] });
    const fixture = TestBed.createComponent(IatiPreviewComponent);
    fixture.componentRef.setInput('preview', PREVIEW);
    fixture.componentRef.setInput('governorates', [{ code: 'IQ-NI', nameEn: 'Nineveh', nameAr: 'نينوى', securityLevel: 'no_access' }]);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(text(root, '[data-testid="iati-invalid"]')).toBe('Not valid: 1 error');
    expect(text(root, '[data-testid="iati-error"]')).toContain('iati-activity[1]/transaction[1]/transaction-type/@code');
    expect(text(root, '[data-testid="iati-redaction-reason"]')).toBe('The partner works in Nineveh, whose security level is “no access”.');
    expect(text(root, '[data-testid="iati-redaction"]')).toContain('“Undisclosed organisation”');
    expect(root.querySelector('[data-testid="iati-trace"]')).toBeNull();

    const details = root.querySelector<HTMLDetailsElement>('[data-testid="iati-activity"]');
    if (!details) throw new Error('no activity');
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await fixture.whenStable();
    const rows = [...root.querySelectorAll('[data-testid="iati-trace-row"]')];
    expect(rows.map((row) => row.getAttribute('data-source'))).toEqual(['grant', 'ledger_entry']);
    expect(rows[1].textContent).toContain('Ledger entry');
  });
});
