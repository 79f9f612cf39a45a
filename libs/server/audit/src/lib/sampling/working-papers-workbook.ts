import { Workbook } from 'exceljs';
import { AUDIT_CHECKS } from '@mizan/contracts';
import { formatDecimal, isCurrency } from '@mizan/domain';
import type { WorkbookFacts } from './sampling.service';

export const WORKBOOK_SHEETS = { parameters: 'Parameters', sample: 'Sample', tests: 'Tests', findings: 'Findings' } as const;

/** Minor units as major-unit text (exact: "1250.50"); unknown currency → the minor units as they are. */
function major(minorText: string, currency: string): string {
  return isCurrency(currency) ? formatDecimal(BigInt(minorText), currency) : minorText;
}

/**
 * The working papers of an engagement as XLSX (issue 12): the draw's parameters and seed,
 * the sample (one row per sampled item, in pick order), the tests (every check's answer,
 * result, notes, tester) and the findings. Amounts are exact decimal text in major units
 * (never a float); ids are included so every row can be traced back.
 */
export async function workingPapersWorkbook(facts: WorkbookFacts, generatedAt: Date): Promise<Buffer> {
  const book = new Workbook();
  book.creator = 'Mizan';
  book.created = generatedAt;
  book.title = `${facts.engagement.reference} working papers`;
  const bold = (row: { font: unknown }): void => {
    row.font = { bold: true };
  };

  const params = book.addWorksheet(WORKBOOK_SHEETS.parameters);
  params.columns = [{ width: 28 }, { width: 80 }];
  const s = facts.sampling;
  const currency = facts.currencies.length === 1 ? facts.currencies[0] : '';
  for (const [k, v] of [
    ['Engagement', `${facts.engagement.reference} — ${facts.engagement.title}`],
    ['Period', `${facts.engagement.period_from} – ${facts.engagement.period_to}`],
    ['Population', facts.engagement.population_kind ?? ''],
    ['Population count', String(facts.populationCount)],
    ['Population value', currency ? `${major(facts.populationValueMinor, currency)} ${currency}` : facts.currencies.join(', ')],
    ['Method', s?.method ?? ''],
    ['Seed', s?.seed ?? ''],
    ['Draw', s ? String(s.draw) : ''],
    ['Confidence %', s ? String(s.confidencePct) : ''],
    ['Materiality (minor units)', s?.materialityMinor ?? ''],
    ['Expected misstatement (minor units)', s?.expectedMisstatementMinor ?? ''],
    ['Sample size', s ? String(s.sampleSize ?? '') : ''],
    ['Formula', s?.size?.formula ?? ''],
    ['Open red flags added', s ? String(s.includeOpenRedFlags) : ''],
    ['Items at or above (minor units)', s?.includeAboveMinor ?? ''],
    ['Generated', generatedAt.toISOString()],
  ]) {
    const row = params.addRow([k, v]);
    row.getCell(1).font = { bold: true };
  }

  const sample = book.addWorksheet(WORKBOOK_SHEETS.sample, { views: [{ state: 'frozen', ySplit: 1 }] });
  sample.columns = [{ width: 8 }, { width: 8 }, { width: 16 }, { width: 18 }, { width: 12 }, { width: 16 }, { width: 8 }, { width: 30 }, { width: 28 }, { width: 10 }, { width: 38 }, { width: 38 }];
  bold(sample.addRow(['Pick', 'Seq', 'Kind', 'Grant', 'Booked on', 'Amount', 'Currency', 'Label', 'Reasons', 'Result', 'Source id', 'Sample item id']));
  for (const i of facts.items) {
    sample.addRow([
      i.pickOrder,
      i.population.seq,
      i.population.itemKind,
      i.population.grantNumber,
      i.population.bookedOn,
      major(i.population.amountMinor, i.population.currency),
      i.population.currency,
      i.population.label,
      i.reasons.join(', '),
      i.result,
      i.population.sourceId,
      i.id,
    ]);
  }

  const tests = book.addWorksheet(WORKBOOK_SHEETS.tests, { views: [{ state: 'frozen', ySplit: 1 }] });
  bold(tests.addRow(['Pick', ...AUDIT_CHECKS, 'Result', 'Notes', 'Tested by', 'Tested at', 'Working papers', 'Findings']));
  for (const i of facts.items) {
    tests.addRow([
      i.pickOrder,
      ...AUDIT_CHECKS.map((id) => i.checks.find((c) => c.id === id)?.answer ?? ''),
      i.result,
      i.notes,
      i.testedBy?.name ?? '',
      i.testedAt ?? '',
      i.workingPaperCount,
      i.findingIds.join(', '),
    ]);
  }

  const findings = book.addWorksheet(WORKBOOK_SHEETS.findings, { views: [{ state: 'frozen', ySplit: 1 }] });
  bold(findings.addRow(['Number', 'Grant', 'Category', 'Title', 'Priority', 'Affected', 'Ineligible', 'Currency', 'Action', 'Owner', 'Due', 'Action state', 'Sample pick', 'Raised at']));
  for (const f of facts.findings) {
    findings.addRow([
      f.number,
      f.grant_number,
      f.category ?? '',
      f.title,
      f.priority,
      major(f.affected_minor, f.currency),
      major(f.ineligible_minor, f.currency),
      f.currency,
      f.action,
      f.action_owner,
      f.action_due_on ?? '',
      f.action_state,
      f.pick_order ?? '',
      f.raised_at.toISOString(),
    ]);
  }
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
