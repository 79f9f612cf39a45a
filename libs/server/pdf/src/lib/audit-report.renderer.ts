import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { FONT_FILES } from './fonts';
import { mixedText, type TextFont } from './mixed-text';
import { streamPdf, type PdfBatchControl } from './pdf-stream';
import { moneyText } from './trail-pdf.renderer';

/**
 * The audit report PDF (issue 12, docs/audit.md "Reports"), in English — the agency's working language. Every
 * label the report prints is in LABELS below (one table: a translation would replace it, nothing else).
 *
 * Streaming (pdf-stream.ts, shared with the trail export): the document is never buffered whole (no bufferPages). pdfkit writes each page to its output stream
 * when the next one starts, and the appendix of sampled items comes in batches (the worker reads the database page
 * by page), so memory stays flat however many items the appendix holds. That is also why pages say "page n" and
 * not "page n of m": the total is not known until the end.
 *
 * Arabic (names, labels, notes): drawn as in the agreement PDF — the shaped glyphs as outlines for the eye, and the
 * same characters unshaped as invisible text for search, copy and screen readers.
 */
export const LABELS = {
  title: 'Audit report',
  final: 'FINAL',
  draft: 'DRAFT — not the final report',
  version: 'Version',
  reference: 'Engagement',
  kind: 'Kind',
  kinds: { spot_check: 'Spot check', financial_audit: 'Financial audit', special_audit: 'Special audit' } as Record<string, string>,
  firm: 'Audit firm',
  auditors: 'Auditors',
  period: 'Period',
  requested: 'Requested by',
  generated: 'Generated',
  supersedes: 'Supersedes version',
  reason: 'Reason',
  scopeTitle: '1. Scope and period',
  scopeKinds: { program: 'Program', call: 'Call', grants: 'Chosen grants', organization: 'Organization' } as Record<string, string>,
  grantsInScope: 'Grants in scope',
  population: 'Population',
  populationKinds: { payments: 'payments', expenditure_lines: 'verified expenditure lines' } as Record<string, string>,
  methodTitle: '2. Methodology',
  method: 'Sampling method',
  methods: { simple_random: 'Simple random sampling', monetary_unit: 'Monetary-unit sampling (probability proportional to amount)' } as Record<string, string>,
  seed: 'Seed',
  formula: 'Sample size',
  parameters: 'Parameters',
  drawnAt: 'Sample drawn',
  frozenAt: 'Sample frozen',
  noSample: 'No sample has been drawn.',
  summaryTitle: '3. Summary figures',
  populationCount: 'Population: items',
  populationValue: 'Population: value',
  sampleCount: 'Sample: items',
  sampleValue: 'Sample: value',
  coverage: 'Coverage by value',
  tested: 'Tested',
  passed: 'Passed',
  exceptions: 'Exceptions',
  untested: 'Not tested',
  findingsCount: 'Findings (of which high priority)',
  affected: 'Affected amount (findings)',
  ineligible: 'Ineligible amount (findings)',
  interval: 'Sampling interval',
  known: 'Misstatement found',
  projected: 'Projected misstatement',
  upperLimit: 'Upper misstatement limit (at the confidence level)',
  opinionTitle: '4. Opinion',
  conclusionTitle: '4. Conclusion',
  opinions: {
    unqualified: 'Unqualified opinion',
    qualified: 'Qualified opinion',
    adverse: 'Adverse opinion',
    disclaimer: 'Disclaimer of opinion',
  } as Record<string, string>,
  noOpinion: 'No opinion has been given (draft).',
  noConclusion: 'No conclusion has been given (draft).',
  findingsTitle: '5. Findings, responses and agreed actions',
  noFindings: 'No findings.',
  priority: 'Priority',
  grant: 'Grant',
  sampleItem: 'Sampled item',
  recommendation: 'Recommendation',
  action: 'Agreed action',
  owner: 'owner',
  due: 'due',
  actionState: 'Action state',
  refundEntry: 'Refund journal entry',
  responses: 'Responses',
  sides: { grantee: 'Grantee', officer: 'Officer', auditor: 'Auditor' } as Record<string, string>,
  responseKinds: { response: 'response', accepted: 'accepted', comment: 'comment' } as Record<string, string>,
  reconTitle: '6. Ledger reconciliation',
  checks: {
    payments_ledger_vs_bank: 'Payments on the ledger vs payments recorded with bank references',
    expenditure_ledger_vs_lines: 'Verified expenditure on the ledger vs accepted expenditure lines',
    refunds_due_vs_received: 'Refunds due vs refunds received',
  } as Record<string, string>,
  ledger: 'Ledger / due',
  records: 'Records / received',
  difference: 'Difference',
  balanced: 'Balanced: no difference between the ledger and the records.',
  notBalanced: 'Differences found (listed below with the payment, line, entry or settlement they are about):',
  appendixTitle: 'Appendix: every sampled item and its test',
  appendixCols: ['#', 'Item (source id)', 'Grant', 'Booked', 'Amount', 'Reasons', 'Result', 'Tested by'],
  results: { untested: 'not tested', pass: 'pass', exception: 'EXCEPTION' } as Record<string, string>,
  checksLine: 'Checks',
  notes: 'Notes',
  noItems: 'No sampled items.',
  trailTitle: '7. Activity trail at the time of the report',
  trailHead: 'Head record',
  trailHash: 'Head hash (SHA-256)',
  trailIntact: 'Verification: INTACT',
  trailBroken: 'Verification: BROKEN',
  trailNote: 'Each trail record holds hash = SHA-256(previous hash || canonical JSON of the record); the head hash identifies this exact history.',
  snapshot: 'Data snapshot (SHA-256)',
  page: 'page',
} as const;

/** The parts of the report's snapshot the renderer prints (the audit library's AuditReportSnapshot fits it). */
export interface AuditReportPdfSnapshot {
  agency: { name: string };
  engagement: {
    reference: string;
    title: string;
    kind: string;
    firmName: string;
    scope: { kind: string; name: string; grantNumbers: string[] };
    periodFrom: string;
    periodTo: string;
    populationKind: string | null;
    auditors: { name: string; email: string; lead: boolean }[];
  };
  sampling: { method: string | null; seed: string | null; parameters: Record<string, unknown>; formula: string | null; drawnAt: string | null; frozenAt: string | null };
  summary: {
    currency: string | null;
    populationCount: number;
    populationValueMinor: string;
    sampleCount: number;
    sampleValueMinor: string;
    coverageBasisPoints: number;
    tested: number;
    passed: number;
    exceptions: number;
    untested: number;
    findings: number;
    findingsHigh: number;
    affectedMinor: string;
    ineligibleMinor: string;
    misstatement: { intervalMinor: string; knownMinor: string; projectedMinor: string; upperLimitMinor?: string | null; itemsWithMisstatement: number; items: { sampleItemId: string; misstatementMinor: string; projectedMinor: string }[] } | null;
  };
  appendix: { count: number; digest: string };
  findings: {
    id: string;
    number: number;
    grantNumber: string;
    organizationName: string;
    sampleItemId: string | null;
    category: string | null;
    title: string;
    description: string;
    priority: string;
    affectedMinor: string;
    ineligibleMinor: string;
    currency: string;
    recommendation: string;
    action: string;
    actionOwner: string;
    actionDueOn: string | null;
    actionState: string;
    completionNote: string | null;
    refundJournalEntryId: string | null;
    responses: { side: string; kind: string; body: string; author: string; createdAt: string }[];
  }[];
  reconciliation: {
    lines: { check: string; grantNumber: string; currency: string; leftMinor: string; rightMinor: string; differenceMinor: string }[];
    differences: { check: string; grantNumber: string; code: string; params: Record<string, string>; entityType: string; entityId: string | null; amountMinor: string; currency: string }[];
    balanced: boolean;
  };
  opinion: string | null;
  conclusion: string | null;
}

export interface AuditReportPdfItem {
  id: string;
  pickOrder: number;
  populationSeq: number;
  reasons: string[];
  itemKind: string;
  sourceId: string;
  grantNumber: string;
  amountMinor: string;
  currency: string;
  bookedOn: string;
  label: string;
  result: string;
  checks: { id: string; answer: string }[];
  notes: string;
  testedBy: string | null;
  testedAt: string | null;
}

export interface AuditReportPdfInput {
  snapshot: AuditReportPdfSnapshot;
  snapshotSha256: string;
  report: { id: string; version: number; final: boolean; requestedBy: string; requestedAt: string; generatedAt: string; supersedes: { version: number; reason: string } | null };
  trail: { headSeq: string; headHash: string; intact: boolean; count: number; brokenAtSeq: string | null; problem: string | null; verifiedAt: string };
  /** The appendix, in pick order, batch by batch (one batch in memory at a time). */
  appendix: AsyncIterable<AuditReportPdfItem[]>;
  /** After each appendix batch: how many items are written so far. */
  onBatch?: (written: number) => void | Promise<void>;
}

/** English words for the difference codes of the reconciliation (the web translates `audit.difference.<code>`). */
export const DIFFERENCE_TEXT: Record<string, (p: Record<string, string>) => string> = {
  payment_not_on_ledger: (p) => `Payment ${short(p['paymentId'])} (bank reference ${p['bankReference']}) is recorded paid but not on the ledger`,
  payment_ledger_without_record: (p) => `Ledger entry ${shortList(p['entryIds'])} books payment ${short(p['paymentId'])} which is not recorded paid with a bank reference (${p['paymentState']})`,
  payment_amount_differs: (p) => `Payment ${short(p['paymentId'])}: ledger (entry ${shortList(p['entryIds'])}) and recorded amount differ`,
  expenditure_line_not_on_ledger: (p) => `Verified line ${short(p['lineId'])} (#${p['lineSeq']}) has no verified-expenditure posting`,
  expenditure_ledger_without_line: (p) => `Journal entry ${short(p['entryId'])} books verified expenditure that no verified line names`,
  expenditure_amount_differs: (p) => `Line ${short(p['lineId'])} (#${p['lineSeq']}): accepted amount and ledger entry ${short(p['entryId'])} differ`,
  refund_due_unexplained: () => 'Refunds due on the ledger do not match the ineligible amounts and confirmed audit refunds that cause them',
  refund_settlement_differs: (p) => `Refund settlement ${short(p['settlementId'])} (${p['kind']}): recorded amount and ledger entry ${short(p['entryId'])} differ`,
  refunded_ledger_differs: () => 'Refunded on the ledger differs from the refund settlements recorded',
  refund_outstanding: () => 'Refund due, not yet received',
};

function short(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}
function shortList(ids: string | undefined): string {
  return (ids ?? '').split(',').filter(Boolean).map(short).join(', ') || '—';
}
function money(minor: string, currency: string | null): string {
  return moneyText(minor, currency);
}
function percent(basisPoints: number): string {
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')} %`;
}
function paramValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const MARGIN = 44;
type Font = TextFont;

/** Starts rendering; the PDF's bytes come out of `stream` as pages are finished; `done` settles when the document has ended. */
export function renderAuditReportPdf(input: AuditReportPdfInput): { stream: Readable; done: Promise<void> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: true,
    info: {
      Title: `${LABELS.title} ${input.snapshot.engagement.reference} v${input.report.version}`,
      Author: input.snapshot.engagement.firmName,
      Subject: `${input.snapshot.engagement.title} — ${input.report.final ? LABELS.final : 'DRAFT'}`,
      CreationDate: new Date(input.report.generatedAt),
    },
  });
  return streamPdf(doc, (control) => draw(doc, input, control));
}

async function draw(doc: PDFKit.PDFDocument, input: AuditReportPdfInput, control: PdfBatchControl): Promise<void> {
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  doc.registerFont('arabic', FONT_FILES.arabic);
  const text = mixedText(doc);
  const s = input.snapshot;
  const width = doc.page.width - MARGIN * 2;
  const bottom = (): number => doc.page.height - MARGIN - 14;
  let pageNo = 1;

  const footer = (): void => {
    const y = doc.y;
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7).fillColor('#555555');
    doc.text(
      `Mizan · ${LABELS.title} ${s.engagement.reference} · ${LABELS.version} ${input.report.version} ${input.report.final ? LABELS.final : 'DRAFT'} · ${LABELS.page} ${pageNo}`,
      MARGIN,
      doc.page.height - MARGIN + 16,
      { width, align: 'center', lineBreak: false },
    );
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
    doc.y = y;
  };
  footer();
  const newPage = (): void => {
    doc.addPage();
    pageNo += 1;
    footer();
    doc.x = MARGIN;
    doc.y = MARGIN;
  };
  const ensure = (height: number): void => {
    if (doc.y + height > bottom()) newPage();
  };

  const { measure, place } = text;
  const flow = (value: string, font: Font = 'body', size = 9.5, gap = 2, indent = 0): void => {
    const h = measure(value, font, size, width - indent);
    ensure(h);
    doc.y += place(value, MARGIN + indent, doc.y, width - indent, font, size) + gap;
  };
  const heading = (value: string): void => {
    ensure(60);
    doc.y += 8;
    doc.fillColor('#1a237e');
    doc.y += place(value, MARGIN, doc.y, width, 'bold', 13);
    doc.fillColor('black');
    doc.moveTo(MARGIN, doc.y + 1).lineTo(MARGIN + width, doc.y + 1).lineWidth(0.5).stroke('#9fa8da');
    doc.y += 6;
  };
  /** A label and its value side by side. */
  const pair = (label: string, value: string, labelWidth = 170): void => {
    const h = Math.max(measure(label, 'bold', 9, labelWidth - 6), measure(value, 'body', 9, width - labelWidth));
    ensure(h + 2);
    const y = doc.y;
    place(label, MARGIN, y, labelWidth - 6, 'bold', 9);
    place(value, MARGIN + labelWidth, y, width - labelWidth, 'body', 9);
    doc.y = y + h + 2;
  };
  type Cell = { text: string; x: number; w: number; font?: Font; size?: number };
  const row = (cells: Cell[], gap = 2): void => {
    const h = Math.max(...cells.map((c) => measure(c.text, c.font ?? 'body', c.size ?? 8, c.w)));
    ensure(h + gap);
    const y = doc.y;
    for (const c of cells) place(c.text, c.x, y, c.w, c.font ?? 'body', c.size ?? 8);
    doc.y = y + h + gap;
  };
  const rule = (): void => {
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.3).stroke('#bbbbbb');
    doc.y += 3;
  };

  // Cover.
  const cur = s.summary.currency;
  doc.y = MARGIN + 30;
  flow(s.agency.name, 'body', 11, 6);
  flow(LABELS.title, 'bold', 24, 6);
  flow(s.engagement.title, 'bold', 14, 10);
  doc.fillColor(input.report.final ? '#1b5e20' : '#b71c1c');
  flow(input.report.final ? LABELS.final : LABELS.draft, 'bold', 16, 10);
  doc.fillColor('black');
  pair(LABELS.reference, s.engagement.reference);
  pair(LABELS.kind, LABELS.kinds[s.engagement.kind] ?? s.engagement.kind);
  pair(LABELS.firm, s.engagement.firmName);
  pair(LABELS.auditors, s.engagement.auditors.map((a) => `${a.name}${a.lead ? ' (lead)' : ''} <${a.email}>`).join('; ') || '—');
  pair(LABELS.period, `${s.engagement.periodFrom} – ${s.engagement.periodTo}`);
  pair(LABELS.version, `${input.report.version} (report ${input.report.id})`);
  if (input.report.supersedes) {
    pair(LABELS.supersedes, String(input.report.supersedes.version));
    pair(LABELS.reason, input.report.supersedes.reason);
  }
  pair(LABELS.requested, `${input.report.requestedBy}, ${input.report.requestedAt}`);
  pair(LABELS.generated, input.report.generatedAt);
  pair(LABELS.snapshot, input.snapshotSha256);

  // 1. Scope and period.
  heading(LABELS.scopeTitle);
  pair(LABELS.scopeKinds[s.engagement.scope.kind] ?? s.engagement.scope.kind, s.engagement.scope.name);
  pair(LABELS.period, `${s.engagement.periodFrom} – ${s.engagement.periodTo}`);
  pair(LABELS.population, s.engagement.populationKind ? (LABELS.populationKinds[s.engagement.populationKind] ?? s.engagement.populationKind) : '—');
  pair(LABELS.grantsInScope, s.engagement.scope.grantNumbers.join(', ') || '—');

  // 2. Methodology.
  heading(LABELS.methodTitle);
  if (!s.sampling.method) flow(LABELS.noSample);
  else {
    pair(LABELS.method, LABELS.methods[s.sampling.method] ?? s.sampling.method);
    pair(LABELS.seed, s.sampling.seed ?? '—');
    if (s.sampling.formula) pair(LABELS.formula, s.sampling.formula);
    const params = Object.entries(s.sampling.parameters).sort(([a], [b]) => (a < b ? -1 : 1));
    if (params.length > 0) pair(LABELS.parameters, params.map(([k, v]) => `${k} = ${paramValue(v)}`).join('; '));
    if (s.sampling.drawnAt) pair(LABELS.drawnAt, s.sampling.drawnAt);
    if (s.sampling.frozenAt) pair(LABELS.frozenAt, s.sampling.frozenAt);
  }

  // 3. Summary figures.
  heading(LABELS.summaryTitle);
  pair(LABELS.populationCount, String(s.summary.populationCount));
  pair(LABELS.populationValue, money(s.summary.populationValueMinor, cur));
  pair(LABELS.sampleCount, String(s.summary.sampleCount));
  pair(LABELS.sampleValue, money(s.summary.sampleValueMinor, cur));
  pair(LABELS.coverage, percent(s.summary.coverageBasisPoints));
  pair(LABELS.tested, `${s.summary.tested} (${LABELS.passed} ${s.summary.passed}, ${LABELS.exceptions} ${s.summary.exceptions}, ${LABELS.untested} ${s.summary.untested})`);
  pair(LABELS.findingsCount, `${s.summary.findings} (${s.summary.findingsHigh})`);
  pair(LABELS.affected, money(s.summary.affectedMinor, cur));
  pair(LABELS.ineligible, money(s.summary.ineligibleMinor, cur));
  const m = s.summary.misstatement;
  if (m) {
    pair(LABELS.interval, money(m.intervalMinor, cur));
    pair(LABELS.known, `${money(m.knownMinor, cur)} (${m.itemsWithMisstatement} item(s): ${m.items.map((i) => `${short(i.sampleItemId)} ${money(i.misstatementMinor, cur)} » ${money(i.projectedMinor, cur)}`).join('; ') || '—'})`);
    pair(LABELS.projected, money(m.projectedMinor, cur));
    if (m.upperLimitMinor) pair(LABELS.upperLimit, money(m.upperLimitMinor, cur));
  }

  // 4. Opinion or conclusion.
  const spot = s.engagement.kind === 'spot_check';
  heading(spot ? LABELS.conclusionTitle : LABELS.opinionTitle);
  if (!spot) flow(s.opinion ? (LABELS.opinions[s.opinion] ?? s.opinion) : LABELS.noOpinion, 'bold', 11, 4);
  if (s.conclusion) flow(s.conclusion, 'body', 9.5, 4);
  else if (spot) flow(LABELS.noConclusion);

  // 5. Findings.
  heading(LABELS.findingsTitle);
  if (s.findings.length === 0) flow(LABELS.noFindings);
  for (const f of s.findings) {
    ensure(70);
    flow(`${f.number}. ${f.title}`, 'bold', 10.5, 2);
    pair(LABELS.priority, f.priority);
    pair(LABELS.grant, `${f.grantNumber} — ${f.organizationName}`);
    if (f.sampleItemId) pair(LABELS.sampleItem, f.sampleItemId);
    pair(LABELS.affected, `${money(f.affectedMinor, f.currency)}; ${LABELS.ineligible}: ${money(f.ineligibleMinor, f.currency)} (finding ${short(f.id)})`);
    if (f.description) flow(f.description, 'body', 9, 3);
    if (f.recommendation) pair(LABELS.recommendation, f.recommendation);
    if (f.action) pair(LABELS.action, `${f.action} (${LABELS.owner}: ${f.actionOwner || '—'}${f.actionDueOn ? `, ${LABELS.due} ${f.actionDueOn}` : ''})`);
    pair(LABELS.actionState, `${f.actionState}${f.completionNote ? ` — ${f.completionNote}` : ''}`);
    if (f.refundJournalEntryId) pair(LABELS.refundEntry, f.refundJournalEntryId);
    if (f.responses.length > 0) {
      flow(LABELS.responses, 'bold', 9, 1, 12);
      for (const r of f.responses) flow(`${LABELS.sides[r.side] ?? r.side} (${LABELS.responseKinds[r.kind] ?? r.kind}), ${r.author}, ${r.createdAt}: ${r.body}`, 'body', 8.5, 2, 12);
    }
    doc.y += 6;
  }

  // 6. Reconciliation.
  heading(LABELS.reconTitle);
  const rc = [
    { x: MARGIN, w: 190 },
    { x: MARGIN + 192, w: 70 },
    { x: MARGIN + 264, w: 80 },
    { x: MARGIN + 346, w: 80 },
    { x: MARGIN + 428, w: width - 428 },
  ];
  row(
    ['', LABELS.grant, LABELS.ledger, LABELS.records, LABELS.difference].map((t, i) => ({ text: t, ...rc[i], font: 'bold' as Font })),
    3,
  );
  rule();
  for (const l of s.reconciliation.lines) {
    row([
      { text: LABELS.checks[l.check] ?? l.check, ...rc[0] },
      { text: l.grantNumber, ...rc[1] },
      { text: money(l.leftMinor, l.currency), ...rc[2] },
      { text: money(l.rightMinor, l.currency), ...rc[3] },
      { text: money(l.differenceMinor, l.currency), ...rc[4] },
    ]);
  }
  doc.y += 4;
  flow(s.reconciliation.balanced ? LABELS.balanced : LABELS.notBalanced, 'bold', 9, 3);
  for (const d of s.reconciliation.differences) {
    const text = DIFFERENCE_TEXT[d.code]?.(d.params) ?? d.code;
    const params = Object.entries(d.params)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    flow(`${d.grantNumber} · ${text}: ${money(d.amountMinor, d.currency)} [${d.code}; ${d.entityType} ${d.entityId ?? '—'}; ${params}]`, 'body', 8, 2, 8);
  }

  // 7. The trail.
  heading(LABELS.trailTitle);
  const t = input.trail;
  doc.fillColor(t.intact ? '#1b5e20' : '#b71c1c');
  flow(t.intact ? `${LABELS.trailIntact} — ${t.count} records` : `${LABELS.trailBroken} at record #${t.brokenAtSeq ?? '?'}${t.problem ? `: ${t.problem}` : ''}`, 'bold', 11, 3);
  doc.fillColor('black');
  pair(LABELS.trailHead, `#${t.headSeq} (${t.verifiedAt})`);
  pair(LABELS.trailHash, t.headHash);
  flow(LABELS.trailNote, 'body', 8, 4);

  // Appendix: every sampled item, streamed batch by batch.
  newPage();
  flow(LABELS.appendixTitle, 'bold', 13, 2);
  flow(`${s.appendix.count} item(s); digest ${s.appendix.digest}`, 'body', 7.5, 6);
  const ac = [
    { x: MARGIN, w: 26 },
    { x: MARGIN + 28, w: 96 },
    { x: MARGIN + 126, w: 62 },
    { x: MARGIN + 190, w: 52 },
    { x: MARGIN + 244, w: 78 },
    { x: MARGIN + 324, w: 72 },
    { x: MARGIN + 398, w: 48 },
    { x: MARGIN + 448, w: width - 448 },
  ];
  const header = (): void => {
    row(LABELS.appendixCols.map((c, i) => ({ text: c, ...ac[i], font: 'bold' as Font, size: 7.5 })), 2);
    rule();
  };
  header();
  let written = 0;
  for await (const batch of input.appendix) {
    for (const item of batch) {
      const cells: Cell[] = [
        { text: String(item.pickOrder), ...ac[0] },
        { text: `${item.itemKind === 'payment' ? 'payment' : 'line'} ${short(item.sourceId)} (pop. #${item.populationSeq})`, ...ac[1] },
        { text: item.grantNumber, ...ac[2] },
        { text: item.bookedOn, ...ac[3] },
        { text: money(item.amountMinor, item.currency), ...ac[4] },
        { text: item.reasons.join(', '), ...ac[5] },
        { text: LABELS.results[item.result] ?? item.result, ...ac[6], font: item.result === 'exception' ? 'bold' : 'body' },
        { text: item.testedBy ? `${item.testedBy}${item.testedAt ? ` ${item.testedAt.slice(0, 10)}` : ''}` : '—', ...ac[7] },
      ];
      const detail = [
        item.label,
        item.checks.length > 0 ? `${LABELS.checksLine}: ${item.checks.map((c) => `${c.id}=${c.answer}`).join(', ')}` : '',
        item.notes ? `${LABELS.notes}: ${item.notes}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const h = Math.max(...cells.map((c) => measure(c.text, c.font ?? 'body', 8, c.w))) + (detail ? measure(detail, 'body', 7, width - 28) + 1 : 0);
      if (doc.y + h + 3 > bottom()) {
        newPage();
        header();
      }
      row(cells, 1);
      if (detail) {
        doc.fillColor('#444444');
        doc.y += place(detail, MARGIN + 28, doc.y, width - 28, 'body', 7) + 1;
        doc.fillColor('black');
      }
      doc.y += 2;
      written += 1;
    }
    await control.batchDone();
    await input.onBatch?.(written);
  }
  if (written === 0) flow(LABELS.noItems);
  doc.end();
}
