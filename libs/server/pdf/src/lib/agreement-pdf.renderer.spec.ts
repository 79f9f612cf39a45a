import { execFileSync } from 'node:child_process';
import { AgreementPdfInput, renderAgreementPdf } from './agreement-pdf.renderer';

/** Text of a PDF as pdf.js (pdf-parse) reads it; in a child process because pdf.js loads ESM dynamically. */
function pdfText(data: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      process.stdout.write((await parser.getText()).text);
      await parser.destroy();
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: data, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

const input = (overrides: Partial<AgreementPdfInput> = {}): AgreementPdfInput => ({
  agencyName: 'North Agency',
  grantNumber: 'MZ-2026-0007',
  title: 'Clinics in Basra',
  version: 3,
  generatedAt: new Date('2026-12-04T10:00:00Z'),
  organization: { name: 'جمعية البصرة للصحة', registrationNumber: '802456-7788', address: 'Storgatan 1, Malmö', country: 'SE' },
  payee: { name: 'Basra Health Diaspora', iban: 'SE4550000000058398257466', bic: 'ESSESESS' },
  currency: 'SEK',
  amount: '750000.00 SEK',
  period: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
  purpose: 'Primary care in three clinics of Basra governorate.',
  budgetLines: [
    { category: 'personnel', description: 'Nurses', amount: '500000.00 SEK' },
    { category: 'equipment', description: 'معدات طبية', amount: '250000.00 SEK' },
  ],
  tranches: [
    { seq: 1, plannedOn: '2027-01-01', amount: '450000.00 SEK', state: 'planned', conditions: ['Agreement countersigned', 'Due diligence valid on the day'] },
    { seq: 2, plannedOn: '2027-07-01', amount: '300000.00 SEK', state: 'planned', conditions: ['Previous report accepted', 'At least 70 % of earlier tranches accounted for'] },
  ],
  reports: [
    { kind: 'interim', periodFrom: '2027-01-01', periodTo: '2027-06-30', dueOn: '2027-07-30' },
    { kind: 'final', periodFrom: '2027-01-01', periodTo: '2027-12-31', dueOn: '2028-02-29' },
  ],
  risk: { rating: 'moderate', modality: 'advance', monitoring: 'annual_visit' },
  specialConditions: 'Quarterly photos of the clinics.',
  signatures: { signatoryName: 'فاطمة الزهراء', signedName: 'فاطمة الزهراء', signedAt: '2026-12-04', countersignedName: 'Officer North', countersignedAt: '2026-12-05' },
  ...overrides,
});

describe('agreement PDF', () => {
  it('is a PDF whose text holds the grant number, the sections and the Arabic names as characters', async () => {
    const progress: number[] = [];
    const pdf = await renderAgreementPdf({ ...input(), onProgress: (f) => void progress.push(f) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('MZ-2026-0007');
    expect(text).toContain('Grant agreement');
    for (const section of ['1. Parties', '3. Budget by line', '4. Tranche schedule and release conditions', '5. Reporting schedule', '6. Risk rating and monitoring', '7. Special conditions', '8. Signatures']) {
      expect(text).toContain(section);
    }
    // The Arabic names come out as the characters that were written, in logical order.
    expect(text).toContain('جمعية البصرة للصحة');
    expect(text).toContain('فاطمة الزهراء');
    expect(text).toContain('معدات طبية');
    expect(text).toContain('Countersigned by: Officer North');
    expect(text).toContain('At least 70 % of earlier tranches accounted for');
    expect(progress[progress.length - 1]).toBeGreaterThanOrEqual(0.9);
  });

  it('says when nobody has signed yet', async () => {
    const text = pdfText(await renderAgreementPdf(input({ signatures: { signatoryName: null, signedName: null, signedAt: null, countersignedName: null, countersignedAt: null } })));
    expect(text).toContain('Not signed yet');
    expect(text).toContain('Not countersigned yet');
    expect(text).not.toContain('فاطمة');
  });
});
