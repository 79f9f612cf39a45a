import { Workbook, Worksheet } from 'exceljs';
import type { CashForecastView, GrantStatementView, TrialBalanceView } from '@mizan/contracts';
import { CURRENCY_EXPONENT, CurrencyCode, formatDecimal } from '@mizan/domain';

function moneyFormat(currency: CurrencyCode): string {
  const exponent = CURRENCY_EXPONENT[currency];
  return `#,##0${exponent > 0 ? `.${'0'.repeat(exponent)}` : ''} "${currency}"`;
}

/**
 * A spreadsheet cell holds a double: an amount of up to 15 significant digits
 * is a number (exact in the double, summable in the sheet); a larger one is
 * written as its exact decimal text rather than rounded.
 */
export function moneyCell(minor: string, currency: CurrencyCode): number | string {
  const text = formatDecimal(BigInt(minor), currency);
  const digits = text.replace(/[^0-9]/g, '').replace(/^0+/, '');
  return digits.length <= 15 ? Number(text) : text;
}

function header(sheet: Worksheet, titles: string[]): void {
  const row = sheet.addRow(titles);
  row.font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
}

function newBook(generatedAt: Date): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'Mizan';
  workbook.created = generatedAt;
  return workbook;
}

/** Trial balance: one sheet per currency would hide the totals' check; one sheet, currency per row, totals below. */
export async function trialBalanceWorkbook(view: TrialBalanceView, generatedAt: Date): Promise<Buffer> {
  const workbook = newBook(generatedAt);
  const sheet = workbook.addWorksheet('Trial balance', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 24 }, { width: 10 }, { width: 36 }, { width: 9 }, { width: 22 }, { width: 22 }, { width: 22 }];
  header(sheet, ['Account', 'Scope', 'Of', 'Currency', 'Debit', 'Credit', 'Balance']);
  for (const r of view.rows) {
    const row = sheet.addRow([r.code, r.scopeType, r.scopeLabel, r.currency, moneyCell(r.debitMinor, r.currency), moneyCell(r.creditMinor, r.currency), moneyCell(r.balanceMinor, r.currency)]);
    for (const c of [5, 6, 7]) row.getCell(c).numFmt = moneyFormat(r.currency);
  }
  sheet.addRow([]);
  for (const t of view.totals) {
    const row = sheet.addRow(['Total', '', '', t.currency, moneyCell(t.debitMinor, t.currency), moneyCell(t.creditMinor, t.currency)]);
    row.font = { bold: true };
    for (const c of [5, 6]) row.getCell(c).numFmt = moneyFormat(t.currency);
  }
  sheet.addRow([]);
  sheet.addRow([`Program: ${view.programName}`]);
  sheet.addRow([`As of (UTC): ${view.asOf}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function grantStatementWorkbook(view: GrantStatementView, generatedAt: Date): Promise<Buffer> {
  const workbook = newBook(generatedAt);
  const money = moneyFormat(view.currency);
  const sheet = workbook.addWorksheet('Statement', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 12 }, { width: 8 }, { width: 20 }, { width: 40 }, { width: 24 }, { width: 20 }, { width: 20 }, { width: 20 }, { width: 10 }];
  header(sheet, ['Date', 'Entry', 'Kind', 'Description', 'Account', 'Debit', 'Credit', 'Balance', 'Trail']);
  for (const l of view.lines) {
    const row = sheet.addRow([
      l.effectiveOn,
      Number(l.seq),
      l.kind,
      l.description,
      l.account,
      moneyCell(l.debitMinor, view.currency),
      moneyCell(l.creditMinor, view.currency),
      moneyCell(l.balanceMinor, view.currency),
      Number(l.trailSeq),
    ]);
    for (const c of [6, 7, 8]) row.getCell(c).numFmt = money;
  }
  const balances = workbook.addWorksheet('Balances');
  balances.columns = [{ width: 24 }, { width: 22 }];
  header(balances, ['Account', 'Balance']);
  for (const b of view.balances) balances.addRow([b.code, moneyCell(b.balanceMinor, view.currency)]).getCell(2).numFmt = money;
  balances.addRow([]);
  balances.addRow([`Grant ${view.grantNumber}, ${view.currency}; generated at (UTC) ${generatedAt.toISOString()}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function cashForecastWorkbook(view: CashForecastView, generatedAt: Date): Promise<Buffer> {
  const workbook = newBook(generatedAt);
  const sheet = workbook.addWorksheet('Cash forecast', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 10 }, { width: 9 }, { width: 22 }, { width: 22 }, { width: 22 }];
  header(sheet, ['Month', 'Currency', 'Planned', 'Requested', 'Paid']);
  for (const m of view.months) {
    const row = sheet.addRow([m.month, m.currency, moneyCell(m.plannedMinor, m.currency), moneyCell(m.requestedMinor, m.currency), moneyCell(m.paidMinor, m.currency)]);
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = moneyFormat(m.currency);
  }
  sheet.addRow([]);
  sheet.addRow([`Generated at (UTC) ${generatedAt.toISOString()}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
