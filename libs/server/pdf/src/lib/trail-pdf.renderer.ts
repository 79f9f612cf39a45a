import PDFDocument from 'pdfkit';
import type { ActivityRecordView, TrailVerification } from '@mizan/contracts';
import { FONT_FILES, needsArabicFont } from './fonts';

export interface TrailPdfInput {
  agencyName: string;
  requestedBy: string;
  generatedAt: Date;
  /** The export covers the chain up to this record. */
  headSeq: string;
  verification: TrailVerification;
  /** How many records `batches` will yield, for the progress figure. */
  recordCount: number;
  /** The agency's records, oldest first, in batches. */
  batches: AsyncIterable<ActivityRecordView[]>;
  onProgress?: (fraction: number) => void | Promise<void>;
}

const MARGIN = 40;
const MONO = 'Courier';

function isoUtc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

/**
 * The trail as an auditor reads it on paper: first page with the verification
 * result and the head hash, then every record with its hash, page numbers on
 * every page ("page x of y").
 */
export async function renderTrailPdf(input: TrailPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Mizan activity trail — ${input.agencyName}`,
      Author: 'Mizan',
      Subject: `Activity trail up to record #${input.headSeq}, head hash ${input.verification.headHash}`,
      CreationDate: input.generatedAt,
    },
  });
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  doc.registerFont('arabic', FONT_FILES.arabic);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  const text = (value: string, font: 'body' | 'bold', size: number, options: PDFKit.Mixins.TextOptions = {}): void => {
    doc.font(needsArabicFont(value) ? 'arabic' : font).fontSize(size).text(value, options);
  };

  // First page: what this is and whether the chain holds.
  text('Mizan — Activity trail', 'bold', 20);
  doc.moveDown(0.3);
  text(input.agencyName, 'body', 12);
  doc.moveDown(0.8);
  text(`Generated: ${isoUtc(input.generatedAt.toISOString())}`, 'body', 10);
  text(`Requested by: ${input.requestedBy}`, 'body', 10);
  text(`Covers the chain up to record #${input.headSeq}; ${input.recordCount} record(s) of this agency are listed below.`, 'body', 10);
  doc.moveDown(1);

  const v = input.verification;
  const boxTop = doc.y;
  doc.rect(MARGIN, boxTop, width, 92).lineWidth(1.5).stroke(v.intact ? '#1b5e20' : '#b71c1c');
  doc.x = MARGIN + 12;
  doc.y = boxTop + 10;
  doc.fillColor(v.intact ? '#1b5e20' : '#b71c1c');
  text(v.intact ? `Verification: INTACT — ${v.count} records checked` : `Verification: BROKEN at record #${v.brokenAtSeq}`, 'bold', 13, { width: width - 24 });
  doc.fillColor('black');
  if (!v.intact && v.problem) text(v.problem, 'body', 9, { width: width - 24 });
  doc.moveDown(0.4);
  text('Head hash (SHA-256 of the last verified record):', 'body', 9, { width: width - 24 });
  doc.font(MONO).fontSize(8.5).text(v.headHash, { width: width - 24 });
  text(`Verified at ${isoUtc(v.verifiedAt)}`, 'body', 8, { width: width - 24 });
  doc.x = MARGIN;
  doc.y = boxTop + 104;
  text(
    'Each record holds hash = SHA-256(previous hash || canonical JSON of the record). Changing or removing any record changes every hash after it, so the head hash above identifies this exact history.',
    'body',
    8.5,
    { width },
  );
  doc.moveDown(1);

  // The records.
  text('Records', 'bold', 13);
  doc.moveDown(0.4);
  const cols = { seq: MARGIN, time: MARGIN + 36, actor: MARGIN + 136, action: MARGIN + 266, entity: MARGIN + 380 };
  const header = (): void => {
    const y = doc.y;
    doc.font('bold').fontSize(8);
    doc.text('#', cols.seq, y);
    doc.text('Time (UTC)', cols.time, y);
    doc.text('Actor', cols.actor, y);
    doc.text('Action', cols.action, y);
    doc.text('Entity', cols.entity, y);
    doc.moveTo(MARGIN, y + 11).lineTo(MARGIN + width, y + 11).lineWidth(0.5).stroke('#888888');
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  header();
  let written = 0;
  for await (const batch of input.batches) {
    for (const record of batch) {
      if (doc.y > doc.page.height - MARGIN - 40) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      const cell = (value: string, x: number, w: number): void => {
        doc.font(needsArabicFont(value) ? 'arabic' : 'body').fontSize(8).text(value, x, y, { width: w, lineBreak: false, ellipsis: true });
      };
      cell(record.seq, cols.seq, 34);
      cell(isoUtc(record.occurredAt), cols.time, 98);
      cell(record.actorLabel, cols.actor, 128);
      cell(record.action, cols.action, 112);
      cell(record.entityType, cols.entity, MARGIN + width - cols.entity);
      doc.font(MONO).fontSize(7).fillColor('#333333').text(record.hash, cols.time, y + 10, { lineBreak: false });
      doc.font('body').fontSize(6.5).text(record.entityId, cols.entity, y + 10, { width: MARGIN + width - cols.entity, lineBreak: false, ellipsis: true });
      doc.fillColor('black');
      doc.x = MARGIN;
      doc.y = y + 22;
      written += 1;
    }
    await input.onProgress?.(input.recordCount === 0 ? 1 : Math.min(1, written / input.recordCount));
  }
  if (written === 0) text('No records for this agency yet.', 'body', 9);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7.5).fillColor('#555555');
    doc.text(`Mizan activity trail · head ${v.headHash.slice(0, 16)}… · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, {
      width,
      align: 'center',
      lineBreak: false,
    });
  }
  doc.end();
  return finished;
}
