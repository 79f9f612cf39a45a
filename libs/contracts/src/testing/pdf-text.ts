import { execFileSync } from 'node:child_process';

/** A box on a PDF page: page (0-based), position and size in points from the page's top-left corner. */
export interface PdfBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/** A text run of a PDF as pdf.js reads it. */
export type PdfTextItem = PdfBox;

/**
 * Every text run of a PDF with its position, read by pdf.js (pdfjs-dist, the parser behind pdf-parse) — not by our
 * own renderer — in a child process because pdf.js is ESM only. Used by the renderer's unit spec and the trail's
 * browser spec.
 */
export function pdfTextItems(data: Buffer): PdfTextItem[] {
  const script = `
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
      const items = [];
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const height = page.view[3];
        const content = await page.getTextContent();
        for (const item of content.items) {
          // Zero-width runs and runs of control characters are pdf.js's reading of shaped Arabic marks, not text boxes.
          if (!item.str || !item.str.replace(/[\\u0000-\\u001f\\s]/g, '') || item.width < 0.01) continue;
          const size = Math.hypot(item.transform[2], item.transform[3]);
          // transform[5] is the baseline; the glyphs reach about 0.8 of the size above it and 0.2 below.
          items.push({ page: p - 1, x: item.transform[4], y: height - item.transform[5] - size * 0.8, width: item.width, height: size, text: item.str });
        }
      }
      process.stdout.write(JSON.stringify(items));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { input: data, maxBuffer: 64 * 1024 * 1024 }).toString('utf8')) as PdfTextItem[];
}

/** Pairs of boxes on the same page that intersect by more than `slack` points. */
export function overlappingBoxes<T extends PdfBox>(boxes: readonly T[], slack = 0.5): [T, T][] {
  const found: [T, T][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.page === b.page && a.x + slack < b.x + b.width && b.x + slack < a.x + a.width && a.y + slack < b.y + b.height && b.y + slack < a.y + a.height) found.push([a, b]);
    }
  }
  return found;
}

/** The overlapping text runs of a PDF, named for a test's failure message (`page n: "…" × "…"`). */
export function overlappingText(items: readonly PdfTextItem[], slack = 1): string[] {
  return overlappingBoxes(items, slack).map(([a, b]) => `page ${a.page + 1}: "${a.text.slice(0, 30)}" × "${b.text.slice(0, 30)}"`);
}
