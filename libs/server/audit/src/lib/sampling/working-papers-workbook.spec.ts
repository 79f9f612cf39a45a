import { Workbook } from 'exceljs';
import { ErrorCode } from '@mizan/contracts';
import { SamplingProblem } from '@mizan/domain';
import type { EngagementRow } from '../audit-access';
import { WorkbookFacts, samplingError } from './sampling.service';
import { workingPapersWorkbook } from './working-papers-workbook';

const engagement = {
  reference: 'AUD-2026-7',
  title: 'تدقيق عيادات البصرة',
  period_from: '2026-01-01',
  period_to: '2026-12-31',
  population_kind: 'expenditure_lines',
} as EngagementRow;

const facts: WorkbookFacts = {
  engagement,
  sampling: {
    method: 'monetary_unit',
    seed: '42',
    confidencePct: 95,
    materialityMinor: '800000',
    expectedMisstatementMinor: null,
    sampleSize: 2,
    includeOpenRedFlags: true,
    includeAboveMinor: null,
    size: null,
    draw: 1,
  },
  populationCount: 3,
  populationValueMinor: '9007199254740993',
  currencies: ['SEK'],
  items: [1, 2].map((n) => ({
    id: `item-${n}`,
    pickOrder: n,
    reasons: n === 1 ? ['monetary_unit', 'open_red_flag'] : ['monetary_unit'],
    population: { seq: n * 2, itemKind: 'expenditure_line', sourceId: `line-${n}`, grantId: 'g', grantNumber: 'G-2026-001', amountMinor: n === 1 ? '9007199254740993' : '125050', currency: 'SEK', bookedOn: '2026-03-0' + n, label: 'مورد', openRedFlag: n === 1, sampleItemId: `item-${n}` },
    result: n === 1 ? 'exception' : 'untested',
    checks: n === 1 ? [{ id: 'receipt_present', answer: 'no' }] : [],
    notes: n === 1 ? 'No receipt' : '',
    testedBy: n === 1 ? { id: 'u', name: 'Auditor' } : null,
    testedAt: null,
    workingPaperCount: 0,
    findingIds: [],
    rowVersion: 1,
    detail: {},
  })),
  findings: [],
};

describe('working-papers workbook', () => {
  it('holds the parameters, one sample row per item with exact amounts, the tests and the findings', async () => {
    const book = new Workbook();
    await book.xlsx.load((await workingPapersWorkbook(facts, new Date('2026-12-06T00:00:00Z'))) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Parameters', 'Sample', 'Tests', 'Findings']);
    const sample = book.getWorksheet('Sample');
    expect(sample?.rowCount).toBe(3);
    // Beyond 2^53 the amount stays exact: text, never a float.
    expect(sample?.getRow(2).getCell(6).value).toBe('90071992547409.93');
    expect(sample?.getRow(3).getCell(6).value).toBe('1250.50');
    expect(sample?.getRow(2).getCell(9).value).toBe('monetary_unit, open_red_flag');
    const tests = book.getWorksheet('Tests');
    expect(tests?.getRow(2).getCell(2).value).toBe('no');
    expect(tests?.getRow(2).getCell(10).value).toBe('exception');
    expect(book.getWorksheet('Findings')?.rowCount).toBe(1);
    expect(book.getWorksheet('Parameters')?.getRow(1).getCell(2).value).toBe('AUD-2026-7 — تدقيق عيادات البصرة');
  });
});

describe('sampling problems as api errors', () => {
  it('maps the issue’s own codes and names the field of every other problem', () => {
    const cases: Array<[SamplingProblem['code'], ErrorCode]> = [
      ['materiality_above_population', ErrorCode.AuditMaterialityAbovePopulation],
      ['sample_too_large', ErrorCode.AuditSampleTooLarge],
      ['population_empty', ErrorCode.AuditPopulationEmpty],
      ['confidence_out_of_range', ErrorCode.ValidationFailed],
      ['seed_invalid', ErrorCode.ValidationFailed],
    ];
    for (const [code, expected] of cases) {
      const error = samplingError(new SamplingProblem(code, 'someField', 'message', { a: '1' }));
      const body = error.toBody();
      expect(body.code).toBe(expected);
      expect(body.fields?.[0].field).toBe('someField');
      expect(body.params).toEqual({ a: '1' });
    }
  });
});
