import PDFDocument from 'pdfkit';
import type { ActivityRecordView, TrailFilterSet, TrailVerification } from '@mizan/contracts';
import { trailActionLabel, trailEntityLabel } from '@mizan/contracts';
import { formatDecimal, trailChanges, trailFieldLabel, type TrailValue } from '@mizan/domain';
import { FONT_FILES, needsArabicFont } from './fonts';
import { mixedText } from './mixed-text';
import { collectPdf, streamPdf, type PdfBatchControl, type StreamedPdf } from './pdf-stream';

export interface TrailPdfInput {
  agencyName: string;
  requestedBy: string;
  generatedAt: Date;
  /** The export covers the chain up to this record. */
  headSeq: string;
  verification: TrailVerification;
  /** The filters the records were chosen by (normalized); `{}` for the whole trail. Printed on the first page. */
  filters?: TrailFilterSet;
  /** How many records `batches` will yield, for the progress figure. */
  recordCount: number;
  /** The agency's records (those matching the filters), oldest first, in batches. */
  batches: AsyncIterable<ActivityRecordView[]>;
  /** Display names of the users a batch names (actors, user ids in before / after); ids stay ids without it. */
  resolveNames?: (records: readonly ActivityRecordView[]) => Promise<Record<string, string>>;
  onProgress?: (fraction: number) => void | Promise<void>;
  /** When given, every text box drawn is pushed here (page, position, size): the layout specs read it. */
  layout?: TrailPdfTextBox[];
}

/** One text box as placed on a page, in PDF points from the top-left corner. */
export interface TrailPdfTextBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  /** The record the box belongs to, null for page furniture (title, headers, footers). */
  seq: string | null;
}

const MARGIN = 40;
const MONO = 'Courier';
/** Longest text a cell or a change line shows; longer text ends with "…" (the full record is in the database). */
const CELL_MAX = 400;
const LINE_MAX = 1200;
const CHANGES_MAX = 40;

function isoUtc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `SEK 470,000.00` from exact minor units (no float on the way). */
export function moneyText(minor: string, currency: string | null): string {
  if (!currency || !/^-?\d+$/.test(minor)) return `${minor} (minor units)`;
  const decimal = formatDecimal(BigInt(minor), currency as Parameters<typeof formatDecimal>[1]);
  const [whole, fraction] = decimal.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${decimal.startsWith('-') ? '-' : ''}${currency} ${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A before / after value in words, English (the PDF's language). */
export function valueText(value: TrailValue | undefined, names: Readonly<Record<string, string>>): string {
  if (!value) return '(none)';
  switch (value.kind) {
    case 'money':
      return moneyText(value.minor, value.currency);
    case 'date':
      return value.dateOnly ? value.iso : isoUtc(new Date(value.iso).toISOString());
    case 'id':
      return names[value.id] ? `${names[value.id]} (${value.id.slice(0, 8)}…)` : value.id;
    case 'text':
      return value.text === '' ? '""' : value.text;
    case 'number':
      return value.text;
    case 'boolean':
      return value.value ? 'yes' : 'no';
    case 'empty':
      return '(empty)';
    case 'list':
      return value.items.length === 0 ? '(none)' : value.items.map((item) => valueText(item, names)).join(', ');
    case 'json':
      return value.text;
  }
}

/** A record's change, one line per changed field: the field and `before » after` (the fonts have no arrow); unchanged fields are left out. */
export function changeLines(record: Pick<ActivityRecordView, 'before' | 'after'>, names: Readonly<Record<string, string>>): { field: string; change: string }[] {
  const changes = trailChanges(record.before, record.after).filter((c) => c.changed);
  const lines = changes.slice(0, CHANGES_MAX).map((c) => {
    const field = c.field ? trailFieldLabel(c.field) : 'value';
    if (!c.before) return { field, change: valueText(c.after, names) };
    if (!c.after) return { field, change: `${valueText(c.before, names)} » (removed)` };
    return { field, change: `${valueText(c.before, names)} » ${valueText(c.after, names)}` };
  });
  if (changes.length > CHANGES_MAX) lines.push({ field: '…', change: `and ${changes.length - CHANGES_MAX} more field(s)` });
  return lines;
}

/** The filters in words, for the first page. */
export function filterLines(filters: TrailFilterSet | undefined): string[] {
  const f = filters ?? {};
  const lines: string[] = [];
  if (f.action) lines.push(`Action: ${trailActionLabel(f.action)} (${f.action})`);
  if (f.entityType) lines.push(`Entity type: ${trailEntityLabel(f.entityType)} (${f.entityType})`);
  if (f.entityId) lines.push(`Entity id: ${f.entityId}`);
  if (f.actor) lines.push(`Actor contains: ${f.actor}`);
  if (f.from) lines.push(`From: ${isoUtc(f.from)}`);
  if (f.to) lines.push(`To: ${isoUtc(f.to)}`);
  return lines;
}

type FontName = 'body' | 'bold' | 'mono';

/**
 * The trail as an auditor reads it on paper: first page with the verification result, the head hash and the
 * filters applied, then every record — time, actor (name and login), the action in words with its code, what it is
 * about, its hash, the reason and the change field by field — and a page number on every page.
 * Every text box is measured (heightOfString) before it is placed; a row sits below its tallest cell and a page
 * breaks between rows or lines, never inside one, so nothing overlaps whatever the length.
 */
export function streamTrailPdf(input: TrailPdfInput): StreamedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Mizan activity trail — ${input.agencyName}`,
      Author: 'Mizan',
      Subject: `Activity trail up to record #${input.headSeq}, head hash ${input.verification.headHash}`,
      CreationDate: input.generatedAt,
    },
  });
  return streamPdf(doc, (control) => drawTrail(doc, input, control));
}

/** The whole trail PDF in memory (tests and small trails); the worker streams it into the file store. */
export async function renderTrailPdf(input: TrailPdfInput): Promise<Buffer> {
  return collectPdf(streamTrailPdf(input));
}

async function drawTrail(doc: PDFKit.PDFDocument, input: TrailPdfInput, control: PdfBatchControl): Promise<void> {
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  doc.registerFont('arabic', FONT_FILES.arabic);
  const width = doc.page.width - MARGIN * 2;
  const bottom = (): number => doc.page.height - MARGIN - 12;
  let page = 0;
  let currentSeq: string | null = null;

  // Text with Arabic in it (names, notes, reasons — often mixed with Latin) goes through the mixed-script layout
  // the audit report uses (mixed-text.ts): no font file has both scripts, so one font for the whole value would
  // draw the other script's letters as blanks. Latin-only text keeps pdfkit's own wrapping.
  const mixed = mixedText(doc);
  const useFont = (font: FontName, size: number): void => {
    doc.font(font === 'mono' ? MONO : font).fontSize(size);
  };
  const measure = (value: string, font: FontName, size: number, w: number): number => {
    if (needsArabicFont(value)) return mixed.measure(value, font, size, w);
    useFont(font, size);
    return doc.heightOfString(value, { width: w });
  };
  /** Draws one text box at (x, y), wrapped to `w`; records it; returns its height. */
  const place = (value: string, x: number, y: number, w: number, font: FontName, size: number, options: PDFKit.Mixins.TextOptions = {}): number => {
    const height = measure(value, font, size, w);
    if (needsArabicFont(value)) mixed.place(value, x, y, w, font, size);
    else {
      useFont(font, size);
      doc.text(value, x, y, { width: w, ...options });
    }
    input.layout?.push({ page, x, y, width: w, height, text: value, seq: currentSeq });
    return height;
  };
  /** Text in the flow, full width (or `w`) from the left margin (or `x`). */
  const flow = (value: string, font: FontName, size: number, gap = 2, x = MARGIN, w = width): void => {
    doc.y += place(value, x, doc.y, w, font, size) + gap;
  };
  /** The page's number at its foot, drawn when the page starts (a finished page is already written out). */
  const footer = (): void => {
    const [y, seq, margin] = [doc.y, currentSeq, doc.page.margins.bottom];
    currentSeq = null;
    // Writing into the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc.fillColor('#555555');
    place(`Mizan activity trail · head ${input.verification.headHash.slice(0, 16)}… · page ${page + 1}`, MARGIN, doc.page.height - MARGIN + 10, width, 'body', 7.5, {
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
    [doc.y, currentSeq] = [y, seq];
  };
  const newPage = (): void => {
    doc.addPage();
    page += 1;
    footer();
    doc.y = MARGIN;
  };
  footer();

  // First page: what this is, which records, and whether the chain holds.
  flow('Mizan — Activity trail', 'bold', 20, 4);
  flow(input.agencyName, 'body', 12, 10);
  flow(`Generated: ${isoUtc(input.generatedAt.toISOString())}`, 'body', 10);
  flow(`Requested by: ${input.requestedBy}`, 'body', 10);
  const filters = filterLines(input.filters);
  flow(
    filters.length === 0
      ? `Covers the agency's trail up to record #${input.headSeq}; ${input.recordCount} record(s) of this agency are listed below.`
      : `Covers the agency's trail up to record #${input.headSeq}; ${input.recordCount} record(s) of this agency match the filters below and are listed.`,
    'body',
    10,
    6,
  );
  flow(filters.length === 0 ? 'Filters applied: none (the whole trail of the agency).' : 'Filters applied:', 'bold', 10, 2);
  for (const line of filters) flow(line, 'body', 9.5, 1, MARGIN + 12, width - 12);
  doc.y += 10;

  const v = input.verification;
  const boxTop = doc.y;
  const inner = width - 24;
  const boxLines: [string, FontName, number][] = [
    [v.intact ? `Verification: INTACT — ${v.count} records checked` : `Verification: BROKEN at record #${v.brokenAtSeq}`, 'bold', 13],
    ...(!v.intact && v.problem ? [[v.problem, 'body', 9] as [string, FontName, number]] : []),
    // Each chain verified: the agency's own chain and the legacy chain of the records from before per-agency chains.
    ...v.chains.map((c): [string, FontName, number] => [
      `${c.kind === 'legacy' ? 'Legacy chain (records before per-agency chains)' : c.kind === 'platform' ? 'Platform chain' : `Chain of ${c.agencyName ?? c.agencyId ?? 'the agency'}`}: ${c.count} records, ${c.intact ? 'intact' : `broken at position ${c.brokenAtSeq ?? '?'}`}`,
      'body',
      9,
    ]),
    ['Head hash (SHA-256 of the last verified record of the agency):', 'body', 9],
    [v.headHash, 'mono', 8.5],
    [`Verified at ${isoUtc(v.verifiedAt)}`, 'body', 8],
  ];
  doc.y = boxTop + 10;
  doc.fillColor(v.intact ? '#1b5e20' : '#b71c1c');
  boxLines.forEach(([value, font, size], i) => {
    flow(value, font, size, i === 0 ? 6 : 2, MARGIN + 12, inner);
    doc.fillColor('black');
  });
  const boxBottom = doc.y + 8;
  doc.rect(MARGIN, boxTop, width, boxBottom - boxTop).lineWidth(1.5).stroke(v.intact ? '#1b5e20' : '#b71c1c');
  doc.y = boxBottom + 12;
  flow(
    'Each record holds hash = SHA-256(previous hash || canonical JSON of the record). Changing or removing any record changes every hash after it, so the head hash above identifies this exact history.',
    'body',
    8.5,
    14,
  );

  // The records.
  flow('Records', 'bold', 13, 6);
  const cols = [
    { key: 'seq', x: MARGIN, w: 32, title: '#' },
    { key: 'time', x: MARGIN + 34, w: 92, title: 'Time (UTC)' },
    { key: 'actor', x: MARGIN + 128, w: 118, title: 'Actor' },
    { key: 'action', x: MARGIN + 248, w: 134, title: 'Action' },
    { key: 'entity', x: MARGIN + 384, w: width - 384, title: 'About' },
  ] as const;
  const detailCols = {
    label: { x: MARGIN + 34, w: 44 },
    field: { x: MARGIN + 80, w: 110 },
    value: { x: MARGIN + 194, w: width - 194 },
  };
  const header = (): void => {
    const y = doc.y;
    doc.fillColor('black');
    const h = Math.max(...cols.map((c) => place(c.title, c.x, y, c.w, 'bold', 8)));
    doc.moveTo(MARGIN, y + h + 1).lineTo(MARGIN + width, y + h + 1).lineWidth(0.5).stroke('#888888');
    doc.y = y + h + 4;
  };
  /** Room for `height` more points on this page, or a new page with the header. */
  const ensure = (height: number): void => {
    if (doc.y + height > bottom()) {
      newPage();
      header();
    }
  };
  if (doc.y + 60 > bottom()) newPage();
  header();

  let written = 0;
  for await (const batch of input.batches) {
    const names = (await input.resolveNames?.(batch)) ?? {};
    for (const record of batch) {
      currentSeq = record.seq;
      const actorName = record.actorId ? names[record.actorId.toLowerCase()] : undefined;
      const entityName = record.entityType === 'user' ? names[record.entityId.toLowerCase()] : undefined;
      // Each cell is a stack of (text, font, size) parts; a row is as tall as its tallest cell.
      const cells: Record<(typeof cols)[number]['key'], [string, FontName, number][]> = {
        seq: [[record.seq, 'body', 8]],
        time: [[isoUtc(record.occurredAt), 'body', 8]],
        actor: [
          [clip(actorName ?? record.actorLabel, CELL_MAX), 'body', 8],
          ...(actorName ? [[clip(record.actorLabel, CELL_MAX), 'body', 6.5] as [string, FontName, number]] : []),
        ],
        action: [
          [clip(trailActionLabel(record.action), CELL_MAX), 'bold', 8],
          [clip(record.action, CELL_MAX), 'body', 6.5],
        ],
        entity: [
          [clip(entityName ? `${trailEntityLabel(record.entityType)}: ${entityName}` : trailEntityLabel(record.entityType), CELL_MAX), 'body', 8],
          [clip(record.entityId, CELL_MAX), 'body', 6.5],
        ],
      };
      const cellHeight = (parts: [string, FontName, number][], w: number): number =>
        parts.reduce((sum, [value, font, size]) => sum + measure(value, font, size, w) + 1, 0);
      const rowHeight = Math.max(...cols.map((c) => cellHeight(cells[c.key], c.w)));
      const hashLine = `hash ${record.hash}`;
      ensure(rowHeight + measure(hashLine, 'mono', 6.5, width - 34) + 6);
      const top = doc.y;
      doc.fillColor('black');
      for (const c of cols) {
        let y = top;
        for (const [value, font, size] of cells[c.key]) {
          doc.fillColor(size < 8 ? '#444444' : 'black');
          y += place(value, c.x, y, c.w, font, size) + 1;
        }
      }
      doc.y = top + rowHeight + 1;
      doc.fillColor('#333333');
      flow(hashLine, 'mono', 6.5, 1, MARGIN + 34, width - 34);
      doc.fillColor('black');
      // Reason and change: a label, the field, the text — separate boxes, so a right-to-left text in the
      // Arabic font never takes the Latin label with it, and each line sits below the taller of its boxes.
      const detail = (label: string, field: string, value: string): void => {
        type Part = [text: string, font: FontName, size: number, x: number, w: number];
        const all: Part[] = [
          [label, 'bold', 7, detailCols.label.x, detailCols.label.w],
          [field, 'body', 7.5, detailCols.field.x, detailCols.field.w],
          [value, 'body', 7.5, field ? detailCols.value.x : detailCols.field.x, field ? detailCols.value.w : detailCols.field.w + detailCols.value.w + 4],
        ];
        const parts = all.filter(([text]) => text !== '');
        const height = Math.max(...parts.map(([text, font, size, , w]) => measure(text, font, size, w)));
        ensure(height + 2);
        const y = doc.y;
        for (const [text, font, size, x, w] of parts) place(text, x, y, w, font, size);
        doc.y = y + height + 1;
      };
      if (record.reason) detail('Reason', '', clip(record.reason, LINE_MAX));
      changeLines(record, names).forEach(({ field, change }, i) => detail(i === 0 ? 'Change' : '', clip(field, CELL_MAX), clip(change, LINE_MAX)));
      doc.y += 5;
      written += 1;
    }
    currentSeq = null;
    await control.batchDone();
    await input.onProgress?.(input.recordCount === 0 ? 1 : Math.min(1, written / input.recordCount));
  }
  if (written === 0) flow(filters.length === 0 ? 'No records for this agency yet.' : 'No records match these filters.', 'body', 9);

  doc.end();
}
