import { CellValue, Workbook, Worksheet } from 'exceljs';
import { LINE_IMPORT_HEADERS, LINE_IMPORT_MAX_ROWS } from '@mizan/contracts';
import type { ExpenditureLineInput, LineImportProblem } from '@mizan/contracts';
import { CURRENCY_EXPONENT, CurrencyCode, formatDecimal, isCurrency, parseDecimal } from '@mizan/domain';
import type { BudgetLineRef } from './report-rules';

/*
 * The XLSX template of a report's expenditure lines and its import. Amounts in
 * the sheet are in the currency's major units (125.50 SEK, 250000 IQD), as
 * people type them; the import turns them into minor units exactly (decimal
 * text, never a float sum). A formula where a value belongs is refused: the
 * stored value must be what the grantee typed, not what a formula computed
 * on their machine.
 */

export const LINES_SHEET = 'Lines';
export const BUDGET_SHEET = 'Budget lines';
const COLUMN_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;
const TEMPLATE_ROWS = LINE_IMPORT_MAX_ROWS + 1;

/** Which input field each column carries, in LINE_IMPORT_HEADERS order. */
const FIELDS: ReadonlyArray<keyof ExpenditureLineInput> = ['spentOn', 'budgetLineId', 'supplier', 'description', 'amountMinor', 'currency', 'rate', 'rateSource', 'rateNote', 'paymentMethod'];

/** The column letter and header of a line field, for naming a problem. */
export function columnOf(field: keyof ExpenditureLineInput): { column: string; header: string } {
  const index = Math.max(0, FIELDS.indexOf(field));
  return { column: COLUMN_LETTERS[index], header: LINE_IMPORT_HEADERS[index] };
}

function majorCell(minor: string, currency: CurrencyCode): number | string {
  const text = formatDecimal(BigInt(minor), currency);
  return text.replace(/[^0-9]/g, '').replace(/^0+/, '').length <= 15 ? Number(text) : text;
}

/** The template: a "Lines" sheet with the headers and drop-downs, and the grant's budget lines on a second sheet. */
export async function lineTemplate(input: {
  grantNumber: string;
  periodFrom: string;
  periodTo: string;
  grantCurrency: CurrencyCode;
  budget: readonly BudgetLineRef[];
  allowedCurrencies: readonly CurrencyCode[];
  generatedAt: Date;
}): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Mizan';
  workbook.created = input.generatedAt;
  workbook.title = `${input.grantNumber} ${input.periodFrom} – ${input.periodTo}`;
  const lines = workbook.addWorksheet(LINES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  lines.columns = [{ width: 12 }, { width: 14 }, { width: 28 }, { width: 40 }, { width: 14 }, { width: 10 }, { width: 14 }, { width: 12 }, { width: 24 }, { width: 15 }];
  const header = lines.addRow([...LINE_IMPORT_HEADERS]);
  header.font = { bold: true };
  lines.getColumn(1).numFmt = 'yyyy-mm-dd';
  lines.getColumn(5).numFmt = '0.###';
  const budget = workbook.addWorksheet(BUDGET_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  budget.columns = [{ width: 14 }, { width: 22 }, { width: 48 }, { width: 18 }];
  const budgetHeader = budget.addRow(['Id', 'Category', 'Description', `Approved (${input.grantCurrency})`]);
  budgetHeader.font = { bold: true };
  for (const b of input.budget) budget.addRow([b.id, b.category, b.description, majorCell(b.amountMinor, input.grantCurrency)]);
  const lastBudgetRow = Math.max(2, input.budget.length + 1);
  const list = (cells: string, formula: string, prompt: string): void => {
    for (let row = 2; row <= TEMPLATE_ROWS; row++) {
      lines.getCell(`${cells}${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: 'Not in the list', error: prompt };
    }
  };
  list('B', `'${BUDGET_SHEET}'!$A$2:$A$${lastBudgetRow}`, 'Pick a budget line id from the "Budget lines" sheet');
  list('F', `"${input.allowedCurrencies.join(',')}"`, `One of ${input.allowedCurrencies.join(', ')}`);
  list('H', '"tranche,reference,bank,other"', 'tranche, reference, bank or other (empty: the tranche rate)');
  list('J', '"bank,cash"', 'bank or cash');
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

export interface ParsedLines {
  rows: Array<{ row: number; input: Partial<ExpenditureLineInput> }>;
  problems: LineImportProblem[];
}

type Cell = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'date'; iso: string } | { kind: 'bad'; code: string };

function readCell(value: CellValue): Cell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'bad', code: 'NOT_A_NUMBER' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value.trim() };
  if (typeof value === 'boolean') return { kind: 'bad', code: 'NOT_TEXT' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'bad', code: 'DATE_INVALID' } : { kind: 'date', iso: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { kind: 'bad', code: 'FORMULA_NOT_ALLOWED' };
    if ('error' in value) return { kind: 'bad', code: 'CELL_ERROR' };
    if ('richText' in value) {
      const text = value.richText.map((r) => r.text).join('').trim();
      return text === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if ('text' in value && typeof value.text === 'string') return value.text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value.text.trim() };
  }
  return { kind: 'bad', code: 'NOT_TEXT' };
}

/** A number's exact decimal text when it has one (not "1e-7"). */
function numberText(value: number): string | null {
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Reads the "Lines" sheet: the headers must be exactly LINE_IMPORT_HEADERS
 * (else only header problems are returned); then every non-empty row, each
 * cell turned into the text ExpenditureLineInput carries. Problems the sheet
 * itself shows (a formula, a number that is text, too many rows, a bad date)
 * are returned with their row and column; the rules against the grant
 * (budget line, currency, rate) are the service's.
 */
export async function parseLineWorkbook(buffer: Buffer): Promise<ParsedLines> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ row: 1, column: 'A', header: '', code: 'NOT_A_WORKBOOK' }] };
  }
  const sheet: Worksheet | undefined = workbook.getWorksheet(LINES_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return { rows: [], problems: [{ row: 1, column: 'A', header: '', code: 'SHEET_MISSING', params: { sheet: LINES_SHEET } }] };
  const problems: LineImportProblem[] = [];
  // Headers: exactly A–J, nothing after.
  const headerRow = sheet.getRow(1);
  LINE_IMPORT_HEADERS.forEach((expected, i) => {
    const cell = readCell(headerRow.getCell(i + 1).value);
    const found = cell.kind === 'text' ? cell.text : cell.kind === 'number' ? String(cell.value) : '';
    if (found !== expected) {
      problems.push({ row: 1, column: COLUMN_LETTERS[i], header: expected, code: found === '' ? 'HEADER_MISSING' : 'HEADER_WRONG', params: { expected, found: found.slice(0, 60) } });
    }
  });
  for (let c = LINE_IMPORT_HEADERS.length + 1; c <= Math.min(sheet.columnCount, 200); c++) {
    const cell = readCell(headerRow.getCell(c).value);
    if (cell.kind !== 'empty') {
      const found = cell.kind === 'text' ? cell.text : '';
      problems.push({ row: 1, column: sheet.getColumn(c).letter, header: found.slice(0, 60), code: 'HEADER_UNEXPECTED', params: { found: found.slice(0, 60) } });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: ParsedLines['rows'] = [];
  let count = 0;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = COLUMN_LETTERS.map((_, i) => readCell(row.getCell(i + 1).value));
    if (cells.every((c) => c.kind === 'empty')) continue;
    count++;
    if (count > LINE_IMPORT_MAX_ROWS) {
      problems.push({ row: r, column: 'A', header: LINE_IMPORT_HEADERS[0], code: 'TOO_MANY_ROWS', params: { max: String(LINE_IMPORT_MAX_ROWS) } });
      break;
    }
    const rowProblems: LineImportProblem[] = [];
    const problem = (i: number, code: string, params?: Record<string, string>): void => {
      rowProblems.push({ row: r, column: COLUMN_LETTERS[i], header: LINE_IMPORT_HEADERS[i], code, ...(params ? { params } : {}) });
    };
    cells.forEach((c, i) => {
      if (c.kind === 'bad') problem(i, c.code);
    });
    const text = (i: number): string | undefined => {
      const c = cells[i];
      if (c.kind === 'text') return c.text;
      if (c.kind === 'number') return numberText(c.value) ?? String(c.value);
      if (c.kind === 'date') return c.iso;
      return undefined;
    };
    const input: Partial<ExpenditureLineInput> = {};
    // A: date (a date cell, or ISO text).
    const date = cells[0];
    if (date.kind === 'date') input.spentOn = date.iso;
    else if (date.kind === 'text') input.spentOn = date.text;
    else if (date.kind === 'number') problem(0, 'DATE_INVALID');
    else if (date.kind === 'empty') problem(0, 'REQUIRED');
    input.budgetLineId = text(1) ?? '';
    input.supplier = text(2) ?? '';
    input.description = text(3) ?? '';
    const currencyText = (text(5) ?? '').toUpperCase();
    input.currency = currencyText as CurrencyCode;
    // E: amount in major units → minor units (needs a known currency; an unknown one is the currency's problem).
    const amount = cells[4];
    const amountText = amount.kind === 'number' ? numberText(amount.value) : amount.kind === 'text' ? amount.text.replace(/[\s\u00a0]/g, '') : null;
    if (amount.kind === 'empty') problem(4, 'REQUIRED');
    else if (amount.kind === 'date') problem(4, 'NOT_A_NUMBER');
    else if (amount.kind !== 'bad') {
      if (amountText === null || !DECIMAL.test(amountText)) problem(4, 'NOT_A_NUMBER', { value: String(amount.kind === 'text' ? amount.text : amount.value).slice(0, 40) });
      else if (isCurrency(currencyText)) {
        try {
          const minor = parseDecimal(amountText, currencyText);
          input.amountMinor = minor.toString();
          if (minor <= 0n) problem(4, 'AMOUNT_NOT_POSITIVE');
        } catch {
          problem(4, 'TOO_MANY_DECIMALS', { currency: currencyText, decimals: String(CURRENCY_EXPONENT[currencyText]) });
        }
      }
    }
    // G: rate (number or decimal text).
    const rate = cells[6];
    if (rate.kind === 'number' || rate.kind === 'text') {
      const rateText = rate.kind === 'number' ? numberText(rate.value) : rate.text;
      if (rateText === null || !DECIMAL.test(rateText)) problem(6, 'NOT_A_NUMBER', { value: String(rate.kind === 'text' ? rate.text : rate.value).slice(0, 40) });
      else input.rate = rateText;
    } else if (rate.kind === 'date') problem(6, 'NOT_A_NUMBER');
    const source = text(7);
    if (source) input.rateSource = source.toLowerCase() as ExpenditureLineInput['rateSource'];
    const note = text(8);
    if (note) input.rateNote = note;
    input.paymentMethod = (text(9) ?? '').toLowerCase() as ExpenditureLineInput['paymentMethod'];
    if (rowProblems.length > 0) problems.push(...rowProblems);
    rows.push({ row: r, input });
  }
  if (count === 0 && problems.length === 0) problems.push({ row: 2, column: 'A', header: LINE_IMPORT_HEADERS[0], code: 'NO_ROWS' });
  return { rows, problems };
}
