import { execFileSync } from 'node:child_process';

/** A text run of a PDF as pdf.js reads it: page (0-based), box in points from the page's top-left corner. */
export interface PdfTextItem {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/**
 * Every text run of a PDF with its position, read by pdf.js (pdfjs-dist, the parser behind pdf-parse); in a child
 * process because pdf.js is ESM only. Zero-width runs and runs of control characters (pdf.js's reading of shaped
 * Arabic marks) are left out: they draw nothing.
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
          if (!item.str || !item.str.replace(/[\\u0000-\\u001f\\s]/g, '') || item.width < 0.01) continue;
          const size = Math.hypot(item.transform[2], item.transform[3]);
          items.push({ page: p - 1, x: item.transform[4], y: height - item.transform[5] - size * 0.8, width: item.width, height: size, text: item.str });
        }
      }
      process.stdout.write(JSON.stringify(items));
    });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { input: data, maxBuffer: 64 * 1024 * 1024 }).toString('utf8'),
  ) as PdfTextItem[];
}

/** Pairs of text runs on the same page whose boxes intersect (by more than `slack` points). */
export function overlappingText(items: readonly PdfTextItem[], slack = 1): string[] {
  const found: string[] = [];
  const byPage = new Map<number, PdfTextItem[]>();
  for (const item of items) byPage.set(item.page, [...(byPage.get(item.page) ?? []), item]);
  for (const [page, list] of byPage) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (a.x + slack < b.x + b.width && b.x + slack < a.x + a.width && a.y + slack < b.y + b.height && b.y + slack < a.y + a.height) {
          found.push(`page ${page + 1}: "${a.text.slice(0, 30)}" × "${b.text.slice(0, 30)}"`);
        }
      }
    }
  }
  return found;
}
