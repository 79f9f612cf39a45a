import { Workbook } from 'exceljs';
import type { BoardExportView } from '@mizan/contracts';
import { CURRENCY_EXPONENT, CurrencyCode, formatDecimal } from '@mizan/domain';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const BOARD_COLUMNS = [
  'Rank',
  'Receipt',
  'Application',
  'Organization',
  'State',
  'Reviews submitted',
  'Reviewers',
  'Mean score',
  'Spread',
  'Disagreement',
  'Requested',
  'Cumulative requested',
  'Above funding line',
] as const;

function moneyFormat(currency: CurrencyCode): string {
  const exponent = CURRENCY_EXPONENT[currency];
  return `#,##0${exponent > 0 ? `.${'0'.repeat(exponent)}` : ''} "${currency}"`;
}

/**
 * A spreadsheet cell holds a double: the exact amount is formatted from minor
 * units first, so the cell shows the same digits the board does (amounts up
 * to 15 significant digits survive the double unchanged).
 */
function moneyCell(minor: string, currency: CurrencyCode): number {
  return Number(formatDecimal(BigInt(minor), currency));
}

const ABOVE_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2F0D9' } } as const;
const LINE_BORDER = { style: 'thick', color: { argb: 'FFC00000' } } as const;

/** The review board as an .xlsx: the same rows and columns, money as numbers in the call's currency, the funding line drawn. */
export async function boardWorkbook(view: BoardExportView, generatedAt: Date): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Mizan';
  workbook.created = generatedAt;
  const money = moneyFormat(view.currency);

  const sheet = workbook.addWorksheet('Board', { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = [
    { key: 'rank', width: 7 },
    { key: 'receipt', width: 17 },
    { key: 'title', width: 42 },
    { key: 'organization', width: 32 },
    { key: 'state', width: 12 },
    { key: 'reviews', width: 10 },
    { key: 'reviewers', width: 48 },
    { key: 'mean', width: 11, style: { numFmt: '0.00' } },
    { key: 'spread', width: 9, style: { numFmt: '0.00' } },
    { key: 'disagreement', width: 13 },
    { key: 'requested', width: 20, style: { numFmt: money } },
    { key: 'cumulative', width: 22, style: { numFmt: money } },
    { key: 'above', width: 12 },
  ];
  const header = sheet.addRow([...BOARD_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: BOARD_COLUMNS.length } };

  for (const r of view.rows) {
    const row = sheet.addRow({
      rank: r.rank,
      receipt: r.receiptNumber,
      title: r.title,
      organization: r.organizationName,
      state: r.state.replace(/_/g, ' '),
      reviews: `${r.submittedReviews} of ${r.reviewers.filter((x) => x.status !== 'conflict').length}`,
      reviewers: r.reviewers
        .map((x) => `${x.reviewerName} (${x.status.replace(/_/g, ' ')}${x.weightedScore !== null ? `, ${x.weightedScore.toFixed(2)}` : ''})`)
        .join('; '),
      mean: r.meanScore,
      spread: r.spread,
      disagreement: r.disagreement ? 'Yes' : 'No',
      requested: moneyCell(r.requestedMinor, view.currency),
      cumulative: r.cumulativeRequestedMinor === null ? null : moneyCell(r.cumulativeRequestedMinor, view.currency),
      above: r.aboveFundingLine ? 'Yes' : 'No',
    });
    if (r.aboveFundingLine) {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = ABOVE_FILL;
      });
    }
    // The last application that fits: the line is drawn under it.
    if (r.rank !== null && r.rank === view.fundingLine.aboveCount) {
      for (let c = 1; c <= BOARD_COLUMNS.length; c += 1) row.getCell(c).border = { bottom: LINE_BORDER };
    }
  }

  const summary = workbook.addWorksheet('Summary');
  summary.columns = [{ width: 34 }, { width: 40 }];
  const facts: [string, string | number | Date, string?][] = [
    ['Call', view.callTitle],
    ['Currency', view.currency],
    ['Envelope', moneyCell(view.envelopeMinor, view.currency), money],
    ['Requested above the funding line', moneyCell(view.fundingLine.fundedMinor, view.currency), money],
    ['Left in the envelope', moneyCell(view.fundingLine.remainingMinor, view.currency), money],
    ['Applications above the funding line', view.fundingLine.aboveCount],
    ['Disagreement threshold (points)', view.disagreementThreshold, '0.00'],
    ['Generated at (UTC)', generatedAt.toISOString()],
  ];
  for (const [label, value, format] of facts) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (format) row.getCell(2).numFmt = format;
  }
  summary.addRow([]);
  summary.addRow(['The funding line is strict: it is drawn under the last application whose cumulative request fits the envelope; rows above it are shaded.']);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
