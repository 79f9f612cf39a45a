import { needsArabicFont } from './fonts';

/**
 * Text of mixed scripts in pdfkit (the audit report, the trail PDF): a value may hold Latin and Arabic in one line
 * ("Receipt of شركة الفاو للأثاث present"), and no one font file here has both (Roboto: Latin; Noto Sans Arabic:
 * Arabic). The value is cut into runs by script; a Latin run is drawn in its font, an Arabic run as its shaped glyphs'
 * outlines (for the eye) plus the same characters unshaped as invisible text (for search, copy and screen readers).
 * Lines wrap on the runs' real widths, so what is measured is what is drawn: nothing overlaps. A line whose first
 * strong letter is Arabic runs right to left.
 *
 * The document must have the fonts `body`, `bold` and `arabic` registered (FONT_FILES).
 */
const ARABIC_RUN = /([\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u060C]+[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+)*)/;
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
export type TextFont = 'body' | 'bold' | 'mono';

export interface MixedText {
  /** The height `value` takes wrapped to `w`. */
  measure(value: string, font: TextFont, size: number, w: number): number;
  /** Draws `value` wrapped to `w` at (x, y); returns its height (the same as `measure`). */
  place(value: string, x: number, y: number, w: number, font: TextFont, size: number): number;
}

export function mixedText(doc: PDFKit.PDFDocument): MixedText {
  doc.font('arabic');
  const arabicFont = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
  const fontOf = (f: TextFont): string => (f === 'mono' ? 'Courier' : f);
  const runsOf = (text: string): Array<{ text: string; arabic: boolean }> =>
    text
      .split(ARABIC_RUN)
      .filter((part) => part.length > 0)
      .map((part) => ({ text: part, arabic: ARABIC_RUN.test(part) && needsArabicFont(part) }));
  const runWidth = (run: { text: string; arabic: boolean }, font: TextFont, size: number): number => {
    if (!run.arabic) return doc.font(fontOf(font)).fontSize(size).widthOfString(run.text);
    return shapedRun(run.text).advance * (size / arabicFont.unitsPerEm);
  };
  /** An Arabic run's shaped outlines at unit scale, and its advance in font units: laid out once per distinct text. */
  const shaped = new Map<string, { svg: string; advance: number }>();
  const shapedRun = (text: string): { svg: string; advance: number } => {
    let found = shaped.get(text);
    if (!found) {
      const laid = arabicFont.layout(text);
      let pen = 0;
      const parts: string[] = [];
      laid.glyphs.forEach((glyph, i) => {
        const p = laid.positions[i];
        const svg = glyph.path.translate(pen + p.xOffset, p.yOffset).toSVG();
        if (svg) parts.push(svg);
        pen += p.xAdvance;
      });
      found = { svg: parts.join(' '), advance: pen };
      if (shaped.size > 5000) shaped.clear();
      shaped.set(text, found);
    }
    return found;
  };
  const drawRun = (run: { text: string; arabic: boolean }, x: number, y: number, font: TextFont, size: number): void => {
    if (!run.arabic) {
      doc.font(fontOf(font)).fontSize(size).text(run.text, x, y, { lineBreak: false });
      return;
    }
    const scale = size / arabicFont.unitsPerEm;
    const baseline = y + arabicFont.ascent * scale;
    const { svg } = shapedRun(run.text);
    if (svg) {
      doc.save();
      doc.transform(scale, 0, 0, -scale, x, baseline);
      doc.path(svg).fill();
      doc.restore();
    }
    // The invisible layer is the same characters unshaped, which are wider than the shaped outlines: scaled
    // horizontally to the outlines' width, so a reader (pdf.js, search, a screen reader) finds the text where the
    // eye sees it and it never runs into the next run.
    const features = UNSHAPED as unknown as PDFKit.Mixins.OpenTypeFeatures[];
    const unshapedWidth = doc.font('arabic').fontSize(size).widthOfString(run.text, { features });
    const shapedWidth = shapedRun(run.text).advance * scale;
    const horizontalScaling = unshapedWidth > 0 && shapedWidth > 0 ? (shapedWidth / unshapedWidth) * 100 : 100;
    doc.save();
    doc.addContent('3 Tr');
    doc.font('arabic').fontSize(size).text(run.text, x, y, { lineBreak: false, features, horizontalScaling } as PDFKit.Mixins.TextOptions);
    doc.restore();
  };

  /** Lays out text wrapped to `w`: the lines (each a list of runs) and the height. */
  const layouts = new Map<string, { lines: string[]; lineHeight: number }>();
  const layout = (value: string, font: TextFont, size: number, w: number): { lines: string[]; lineHeight: number } => {
    const key = `${font}|${size}|${w}|${value}`;
    let found = layouts.get(key);
    if (!found) {
      found = computeLayout(value, font, size, w);
      // A small cache: a row's cells are measured, then drawn; page furniture repeats.
      if (layouts.size > 2000) layouts.clear();
      layouts.set(key, found);
    }
    return found;
  };
  const computeLayout = (value: string, font: TextFont, size: number, w: number): { lines: string[]; lineHeight: number } => {
    const arabic = needsArabicFont(value);
    const lineHeight = size * (arabic ? 1.6 : 1.25);
    // Most cells: one line of Latin text that fits.
    if (!arabic && !value.includes('\n') && doc.font(fontOf(font)).fontSize(size).widthOfString(value) <= w) return { lines: [value], lineHeight };
    const space = doc.font(fontOf(font)).fontSize(size).widthOfString(' ');
    const lines: string[] = [];
    for (const paragraph of value.split(/\n/)) {
      const words = paragraph.split(/\s+/).filter(Boolean);
      let line: string[] = [];
      let used = 0;
      for (const word of words) {
        let wWidth = runsOf(word).reduce((sum, r) => sum + runWidth(r, font, size), 0);
        let piece = word;
        // A single word wider than the box (a hash, a long id) is cut into pieces that fit.
        while (wWidth > w && piece.length > 1) {
          let cut = piece.length - 1;
          while (cut > 1 && runsOf(piece.slice(0, cut)).reduce((sum, r) => sum + runWidth(r, font, size), 0) > w) cut = Math.floor(cut * 0.9);
          if (line.length > 0) lines.push(line.join(' '));
          lines.push(piece.slice(0, cut));
          line = [];
          used = 0;
          piece = piece.slice(cut);
          wWidth = runsOf(piece).reduce((sum, r) => sum + runWidth(r, font, size), 0);
        }
        if (line.length > 0 && used + space + wWidth > w) {
          lines.push(line.join(' '));
          line = [];
          used = 0;
        }
        used += (line.length > 0 ? space : 0) + wWidth;
        line.push(piece);
      }
      lines.push(line.join(' '));
    }
    return { lines, lineHeight };
  };
  const measure = (value: string, font: TextFont, size: number, w: number): number => {
    const l = layout(value, font, size, w);
    return l.lines.length * l.lineHeight;
  };
  /** Draws wrapped text at (x, y); a line that starts in Arabic runs right to left. Returns its height. */
  const place = (value: string, x: number, y: number, w: number, font: TextFont, size: number): number => {
    const { lines, lineHeight } = layout(value, font, size, w);
    lines.forEach((line, i) => {
      const runs = runsOf(line);
      const firstStrong = /[A-Za-z\u0600-\u06FF]/.exec(line);
      const rtl = firstStrong ? needsArabicFont(firstStrong[0]) : false;
      let pen = rtl ? x + w : x;
      for (const run of runs) {
        const rw = runWidth(run, font, size);
        if (rtl) pen -= rw;
        drawRun(run, pen, y + i * lineHeight, font, size);
        if (!rtl) pen += rw;
      }
    });
    return lines.length * lineHeight;
  };
  return { measure, place };
}
