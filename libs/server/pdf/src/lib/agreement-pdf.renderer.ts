import PDFDocument from 'pdfkit';
import { FONT_FILES, needsArabicFont } from './fonts';

export interface AgreementPdfInput {
  agencyName: string;
  grantNumber: string;
  title: string;
  version: number;
  generatedAt: Date;
  organization: { name: string; registrationNumber: string; address: string; country: string };
  payee: { name: string; iban: string; bic: string | null };
  currency: string;
  /** Amounts already formatted for print, e.g. "750 000.00 SEK". */
  amount: string;
  period: { startsOn: string; endsOn: string };
  purpose: string;
  budgetLines: Array<{ category: string; description: string; amount: string }>;
  tranches: Array<{ seq: number; plannedOn: string; amount: string; state: string; conditions: string[] }>;
  reports: Array<{ kind: string; periodFrom: string; periodTo: string; dueOn: string }>;
  risk: { rating: string | null; modality: string; monitoring: string | null };
  specialConditions: string;
  signatures: {
    signatoryName: string | null;
    signedName: string | null;
    signedAt: string | null;
    countersignedName: string | null;
    countersignedAt: string | null;
  };
  onProgress?: (fraction: number) => void | Promise<void>;
}

const MARGIN = 50;
const ARABIC_RUN = /([\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u060C]+[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+)*)/;
/** Shaping off: each character its own glyph, so the invisible layer maps one glyph to one character. */
const UNSHAPED = { ccmp: false, isol: false, init: false, medi: false, fina: false, rlig: false, liga: false, calt: false, mark: false, mkmk: false, locl: false, kern: false, curs: false };

interface FontkitPath {
  scale(x: number, y: number): FontkitPath;
  translate(x: number, y: number): FontkitPath;
  toSVG(): string;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  layout(text: string): { glyphs: Array<{ path: FontkitPath }>; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }> };
}

/**
 * The grant agreement as the parties sign it: parties, purpose, budget by
 * line, tranche schedule with release conditions, reporting schedule, risk
 * rating and monitoring, special conditions, signature block.
 *
 * Arabic: pdfkit shapes Arabic through fontkit, but the Noto Sans Arabic glyphs
 * it shapes into are shared between letters (ر and ز are one glyph plus a
 * dot), so a text extractor (or a screen reader, or search) reads garbage. So
 * each Arabic run is drawn twice at the same place: the shaped glyphs as
 * vector outlines (what the eye reads, correctly joined, right to left), and
 * the same characters unshaped as invisible text (render mode 3, what a
 * machine reads, in logical order) — the technique of searchable scanned PDFs.
 */
export async function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Grant agreement ${input.grantNumber}`, Author: input.agencyName, Subject: `${input.title} — version ${input.version}`, CreationDate: input.generatedAt },
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
  const bottom = () => doc.page.height - MARGIN - 30;
  const ensure = (space: number) => {
    if (doc.y + space > bottom()) doc.addPage();
  };

  doc.font('arabic');
  const arabicFont = (doc as unknown as { _font: { font: FontkitFont } })._font.font;

  const runsOf = (text: string): Array<{ text: string; arabic: boolean }> =>
    text
      .split(ARABIC_RUN)
      .filter((part) => part.length > 0)
      .map((part) => ({ text: part, arabic: ARABIC_RUN.test(part) && needsArabicFont(part) }));

  const runWidth = (run: { text: string; arabic: boolean }, font: 'body' | 'bold', size: number): number => {
    if (!run.arabic) return doc.font(font).fontSize(size).widthOfString(run.text);
    const laid = arabicFont.layout(run.text);
    return laid.positions.reduce((w, p) => w + p.xAdvance, 0) * (size / arabicFont.unitsPerEm);
  };

  const drawRun = (run: { text: string; arabic: boolean }, x: number, y: number, font: 'body' | 'bold', size: number): number => {
    if (!run.arabic) {
      doc.font(font).fontSize(size).text(run.text, x, y, { lineBreak: false });
      return runWidth(run, font, size);
    }
    const scale = size / arabicFont.unitsPerEm;
    const baseline = y + arabicFont.ascent * scale;
    const laid = arabicFont.layout(run.text);
    let pen = x;
    laid.glyphs.forEach((glyph, i) => {
      const p = laid.positions[i];
      const svg = glyph.path.scale(scale, -scale).translate(pen + p.xOffset * scale, baseline - p.yOffset * scale).toSVG();
      if (svg) doc.path(svg).fill('black');
      pen += p.xAdvance * scale;
    });
    doc.save();
    doc.addContent('3 Tr');
    doc.font('arabic').fontSize(size).text(run.text, x, y, { lineBreak: false, features: UNSHAPED as unknown as PDFKit.Mixins.OpenTypeFeatures[] });
    doc.restore();
    return pen - x;
  };

  /** Text that may hold Arabic: wrapped by words; a paragraph that starts in Arabic runs right to left. */
  const text = (value: string, font: 'body' | 'bold' = 'body', size = 10, indent = 0): void => {
    const left = MARGIN + indent;
    const avail = width - indent;
    if (!needsArabicFont(value)) {
      doc.font(font).fontSize(size).text(value, left, doc.y, { width: avail });
      return;
    }
    const firstStrong = /[A-Za-z\u0600-\u06FF]/.exec(value);
    const rtl = firstStrong ? needsArabicFont(firstStrong[0]) : false;
    const space = doc.font(font).fontSize(size).widthOfString(' ');
    const lineHeight = size * 1.6;
    for (const paragraph of value.split(/\n/)) {
      const words = paragraph.split(/\s+/).filter(Boolean);
      let line: string[] = [];
      let used = 0;
      // A line is drawn as runs of one script each: consecutive Arabic words stay one run (one string for the reader).
      const flush = () => {
        ensure(lineHeight);
        const y = doc.y;
        const runs = runsOf(line.join(' '));
        let x = rtl ? left + avail : left;
        for (const run of runs) {
          const w = runWidth(run, font, size);
          if (rtl) x -= w;
          drawRun(run, x, y, font, size);
          if (!rtl) x += w;
        }
        doc.x = MARGIN;
        doc.y = y + lineHeight;
        line = [];
        used = 0;
      };
      for (const w of words) {
        const wWidth = runsOf(w).reduce((sum, r) => sum + runWidth(r, font, size), 0);
        if (line.length > 0 && used + space + wWidth > avail) flush();
        used += (line.length > 0 ? space : 0) + wWidth;
        line.push(w);
      }
      if (line.length > 0) flush();
    }
  };

  const heading = (value: string): void => {
    ensure(60);
    doc.moveDown(0.8);
    doc.font('bold').fontSize(13).fillColor('#1a237e').text(value, MARGIN, doc.y, { width });
    doc.fillColor('black');
    doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + width, doc.y + 2).lineWidth(0.5).stroke('#9fa8da');
    doc.moveDown(0.5);
  };

  const row = (cells: Array<{ value: string; x: number; w: number; align?: 'left' | 'right' }>, font: 'body' | 'bold' = 'body', size = 9): void => {
    ensure(18);
    const y = doc.y;
    let maxH = size * 1.4;
    for (const c of cells) {
      if (needsArabicFont(c.value)) {
        const saveY = doc.y;
        doc.y = y;
        const runs = runsOf(c.value);
        const w = runs.reduce((s, r) => s + runWidth(r, font, size), 0);
        let pen = c.align === 'right' ? c.x + c.w - w : c.x;
        for (const r of runs) pen += drawRun(r, pen, y, font, size);
        doc.y = saveY;
      } else {
        doc.font(font).fontSize(size).text(c.value, c.x, y, { width: c.w, align: c.align ?? 'left' });
        maxH = Math.max(maxH, doc.y - y);
      }
    }
    doc.x = MARGIN;
    doc.y = y + maxH + 3;
  };

  // Title.
  text(input.agencyName, 'body', 10);
  doc.moveDown(0.3);
  doc.font('bold').fontSize(18).text('Grant agreement', MARGIN, doc.y, { width });
  doc.font('bold').fontSize(12).text(`${input.grantNumber} · version ${input.version}`, { width });
  doc.moveDown(0.3);
  text(input.title, 'bold', 12);
  await input.onProgress?.(0.1);

  heading('1. Parties');
  text(`The grantor: ${input.agencyName}`);
  text(`The grantee: ${input.organization.name}`);
  text(`Registration ${input.organization.registrationNumber}, ${input.organization.country} — ${input.organization.address}`, 'body', 9, 12);
  text(`Payments to: ${input.payee.name}`);
  text(`IBAN ${input.payee.iban}${input.payee.bic ? ` · BIC ${input.payee.bic}` : ''}`, 'body', 9, 12);

  heading('2. Purpose, amount and period');
  text(input.purpose || '—');
  doc.moveDown(0.3);
  text(`Total grant: ${input.amount} (${input.currency})`, 'bold');
  text(`Period: ${input.period.startsOn} to ${input.period.endsOn}`);
  await input.onProgress?.(0.3);

  heading('3. Budget by line');
  const bc = { cat: MARGIN, desc: MARGIN + 110, amount: MARGIN + width - 120 };
  row(
    [
      { value: 'Category', x: bc.cat, w: 105 },
      { value: 'Description', x: bc.desc, w: bc.amount - bc.desc - 5 },
      { value: 'Amount', x: bc.amount, w: 120, align: 'right' },
    ],
    'bold',
  );
  for (const line of input.budgetLines) {
    row([
      { value: line.category, x: bc.cat, w: 105 },
      { value: line.description, x: bc.desc, w: bc.amount - bc.desc - 5 },
      { value: line.amount, x: bc.amount, w: 120, align: 'right' },
    ]);
  }
  row([{ value: `Total ${input.amount}`, x: bc.amount - 80, w: 200, align: 'right' }], 'bold');

  heading('4. Tranche schedule and release conditions');
  for (const t of input.tranches) {
    ensure(40);
    text(`Tranche ${t.seq} — ${t.amount}, planned on ${t.plannedOn} (${t.state})`, 'bold', 10);
    for (const c of t.conditions) text(`• ${c}`, 'body', 9, 14);
    doc.moveDown(0.2);
  }
  await input.onProgress?.(0.5);

  heading('5. Reporting schedule');
  for (const r of input.reports) text(`${r.kind === 'final' ? 'Final' : 'Interim'} report covering ${r.periodFrom} – ${r.periodTo}, due ${r.dueOn}`, 'body', 10);

  heading('6. Risk rating and monitoring');
  text(`Partner risk rating: ${input.risk.rating ?? 'not yet assessed'}`);
  text(`Payment modality: ${input.risk.modality.replace(/_/g, ' ')}`);
  text(`Monitoring: ${(input.risk.monitoring ?? 'desk_review').replace(/_/g, ' ')}`);

  heading('7. Special conditions');
  text(input.specialConditions.trim() || 'None.');
  await input.onProgress?.(0.7);

  heading('8. Signatures');
  const s = input.signatures;
  ensure(120);
  const top = doc.y;
  const half = width / 2 - 10;
  doc.y = top;
  doc.font('bold').fontSize(10).text('For the grantee', MARGIN, top, { width: half });
  doc.y = top + 16;
  text(`Signatory: ${s.signatoryName ?? '—'}`, 'body', 9);
  text(s.signedName ? `Signed as: ${s.signedName}` : 'Not signed yet', 'body', 9);
  if (s.signedAt) text(`On: ${s.signedAt}`, 'body', 9);
  const leftEnd = doc.y;
  doc.font('bold').fontSize(10).text(`For ${input.agencyName}`, MARGIN + half + 20, top, { width: half });
  doc.font('body').fontSize(9).text(s.countersignedName ? `Countersigned by: ${s.countersignedName}` : 'Not countersigned yet', MARGIN + half + 20, top + 16, { width: half });
  if (s.countersignedAt) doc.text(`On: ${s.countersignedAt}`, MARGIN + half + 20, doc.y, { width: half });
  doc.x = MARGIN;
  doc.y = Math.max(leftEnd, doc.y) + 10;
  doc.font('body').fontSize(8).fillColor('#555555').text(
    'Signed in Mizan: the grantee’s signatory typed their name and re-entered their password; the countersignature was given by an officer of the agency after re-authentication. Both are recorded on the agency’s hash-chained activity trail.',
    { width },
  );
  doc.fillColor('black');

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7.5).fillColor('#555555');
    doc.text(`${input.grantNumber} · version ${input.version} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 15, { width, align: 'center', lineBreak: false });
  }
  await input.onProgress?.(0.9);
  doc.end();
  return finished;
}
