import { PassThrough, type Readable } from 'node:stream';

/**
 * The streamed rendering the long PDFs share (the audit report's appendix, the trail export): the document is
 * never buffered whole (no `bufferPages`). pdfkit writes each page to its output when the next one starts; the
 * caller draws batch by batch (the rows read from the database page by page) and, after each batch, forgets the
 * fonts' word layouts and waits while the reader (the file store) is behind. Memory stays flat in the number of rows.
 */
export interface StreamedPdf {
  /** The PDF's bytes as pages are finished; pipe it into the file store (`FileStore.putStream`). */
  stream: Readable;
  /** Settles when the document has ended (or rejects with the drawing's error, which also fails `stream`). */
  done: Promise<void>;
}

/** What a drawing function gets besides the document: call `batchDone()` after each batch of rows. */
export interface PdfBatchControl {
  /** Forgets the word layouts of the batch and waits until the reader has taken most of what was written. */
  batchDone(): Promise<void>;
}

/** Bytes written but not yet taken by the reader before a batch waits for it (backpressure). */
const BACKLOG_LIMIT = 4 * 1024 * 1024;

/**
 * pdfkit's embedded fonts cache the layout of every distinct word they ever laid out, for the document's life:
 * 100,000 trail records are 100,000 × a few distinct ids, hashes and times. Forgotten after each batch (it is only
 * a cache; the font subset, what the PDF needs, is kept).
 */
export function forgetWordLayouts(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }> })._fontFamilies ?? {};
  for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
}

/**
 * Starts `draw` on `doc` (made without `bufferPages`) and returns its bytes as a stream. `draw` must end the
 * document (`doc.end()`). A failure of `draw` is reported through the stream (its consumer fails) and through `done`.
 */
export function streamPdf(doc: PDFKit.PDFDocument, draw: (control: PdfBatchControl) => Promise<void>): StreamedPdf {
  const out = new PassThrough();
  doc.pipe(out);
  const backlog = (): number => (doc as unknown as Readable).readableLength + out.writableLength;
  const control: PdfBatchControl = {
    async batchDone() {
      forgetWordLayouts(doc);
      // pdfkit pushes regardless of what the reader takes: wait here, between batches, while it is behind.
      while (backlog() > BACKLOG_LIMIT) {
        if (out.destroyed) throw new Error('the PDF stream was closed by its reader');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  const done = draw(control).catch((error: unknown) => {
    out.destroy(error as Error);
    throw error;
  });
  // A failure is reported through the stream (its consumer fails); `done` is still there for whoever awaits it.
  done.catch(() => undefined);
  return { stream: out, done };
}

/** The whole PDF in memory (tests, small documents). */
export async function collectPdf(pdf: StreamedPdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of pdf.stream) chunks.push(chunk as Buffer);
  await pdf.done;
  return Buffer.concat(chunks);
}
