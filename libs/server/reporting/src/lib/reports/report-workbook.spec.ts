import { Workbook } from 'exceljs';
import { LINE_IMPORT_HEADERS } from '@mizan/contracts';
import { columnOf, lineTemplate, parseLineWorkbook } from './report-workbook';

async function book(rows: unknown[][], headers: readonly string[] = LINE_IMPORT_HEADERS, sheetName = 'Lines'): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const good: unknown[] = ['2026-02-10', 'b1', 'Basra Medical Supplies', 'Gloves', 125.5, 'SEK', null, null, null, 'bank'];

describe('parseLineWorkbook', () => {
  it('reads rows into line inputs, amounts in major units to exact minor units', async () => {
    const parsed = await parseLineWorkbook(
      await book([
        good,
        [new Date(Date.UTC(2026, 1, 11)), 'b2', 'Ali Hardware', '', '250000', 'IQD', '0.0072', 'bank', 'Rafidain advice 77', 'Cash'],
        [],
        ['2026-02-12', 'b3', 'Office', 'Paper', 0.1, 'SEK', null, null, null, 'cash'],
      ]),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { row: 2, input: { spentOn: '2026-02-10', budgetLineId: 'b1', supplier: 'Basra Medical Supplies', description: 'Gloves', amountMinor: '12550', currency: 'SEK', paymentMethod: 'bank' } },
      {
        row: 3,
        input: { spentOn: '2026-02-11', budgetLineId: 'b2', supplier: 'Ali Hardware', description: '', amountMinor: '250000000', currency: 'IQD', rate: '0.0072', rateSource: 'bank', rateNote: 'Rafidain advice 77', paymentMethod: 'cash' },
      },
      { row: 5, input: { spentOn: '2026-02-12', budgetLineId: 'b3', supplier: 'Office', description: 'Paper', amountMinor: '10', currency: 'SEK', paymentMethod: 'cash' } },
    ]);
  });

  it('names wrong and missing columns and reads no row', async () => {
    const headers = ['Date', 'Budget', 'Supplier', 'Description', 'Amount', 'Currency', 'Rate', 'Rate source', 'Rate note'];
    const parsed = await parseLineWorkbook(await book([good], headers));
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([
      { row: 1, column: 'B', header: 'Budget line', code: 'HEADER_WRONG', params: { expected: 'Budget line', found: 'Budget' } },
      { row: 1, column: 'J', header: 'Payment method', code: 'HEADER_MISSING', params: { expected: 'Payment method', found: '' } },
    ]);
  });

  it('refuses a formula where a value belongs, and text that is not a number', async () => {
    const formula = [...good];
    formula[4] = { formula: 'SUM(1,2)', result: 3 } as never;
    const text = [...good];
    text[4] = 'about 100';
    const parsed = await parseLineWorkbook(await book([formula, text]));
    expect(parsed.problems).toEqual([
      { row: 2, column: 'E', header: 'Amount', code: 'FORMULA_NOT_ALLOWED' },
      { row: 3, column: 'E', header: 'Amount', code: 'NOT_A_NUMBER', params: { value: 'about 100' } },
    ]);
  });

  it('refuses more decimals than the currency has, an empty date, and more than 2000 rows', async () => {
    const decimals = [...good];
    decimals[4] = 1.234;
    const noDate = [...good];
    noDate[0] = null;
    const parsed = await parseLineWorkbook(await book([decimals, noDate]));
    expect(parsed.problems.map((p) => `${p.row}${p.column}:${p.code}`)).toEqual(['2E:TOO_MANY_DECIMALS', '3A:REQUIRED']);
    const many = await parseLineWorkbook(await book(Array.from({ length: 2001 }, () => good)));
    expect(many.problems).toEqual([{ row: 2002, column: 'A', header: 'Date', code: 'TOO_MANY_ROWS', params: { max: '2000' } }]);
  });

  it('says so for a file that is not a workbook, and for a sheet without rows', async () => {
    expect((await parseLineWorkbook(Buffer.from('PK\u0003\u0004 not really'))).problems[0].code).toBe('NOT_A_WORKBOOK');
    expect((await parseLineWorkbook(await book([]))).problems).toEqual([{ row: 2, column: 'A', header: 'Date', code: 'NO_ROWS' }]);
  });

  it('maps fields to their column letter and header', () => {
    expect(columnOf('amountMinor')).toEqual({ column: 'E', header: 'Amount' });
    expect(columnOf('paymentMethod')).toEqual({ column: 'J', header: 'Payment method' });
  });
});

describe('lineTemplate', () => {
  it('has the exact headers, drop-downs and the budget lines sheet, and parses back empty', async () => {
    const buffer = await lineTemplate({
      grantNumber: 'G-1',
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      grantCurrency: 'SEK',
      budget: [
        { id: 'b1', category: 'personnel', description: 'Nurses', amountMinor: '60000000' },
        { id: 'b2', category: 'equipment', description: 'معدات طبية', amountMinor: '30000050' },
      ],
      allowedCurrencies: ['IQD', 'SEK', 'USD'],
      generatedAt: new Date('2026-03-01T00:00:00Z'),
    });
    const workbook = new Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const lines = workbook.getWorksheet('Lines');
    expect(lines?.getRow(1).values).toEqual([undefined, ...LINE_IMPORT_HEADERS]);
    expect(lines?.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ["'Budget lines'!$A$2:$A$3"] });
    expect(lines?.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['"IQD,SEK,USD"'] });
    expect(lines?.getCell('J2').dataValidation).toMatchObject({ type: 'list', formulae: ['"bank,cash"'] });
    const budget = workbook.getWorksheet('Budget lines');
    expect(budget?.getRow(2).values).toEqual([undefined, 'b1', 'personnel', 'Nurses', 600000]);
    expect(budget?.getRow(3).values).toEqual([undefined, 'b2', 'equipment', 'معدات طبية', 300000.5]);
    expect((await parseLineWorkbook(buffer)).problems).toEqual([{ row: 2, column: 'A', header: 'Date', code: 'NO_ROWS' }]);
  });
});
