import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/*
 * Small, valid files the demo stores as if they had been scanned or
 * photographed: generated in code from a text, byte for byte the same for the
 * same text (so a receipt "claimed twice" has the same SHA-256), nothing
 * downloaded. Pure: no I/O.
 */

/** A small, valid one-page PDF standing in for a scanned document, its lines of text in Helvetica (write them in Latin-1). */
export function demoPdf(...lines: string[]): Buffer {
  const text = lines.map((l) => l.replace(/[()\\]/g, ''));
  const stream = `BT /F1 18 Tf 72 720 Td ${text.map((t, i) => `${i > 0 ? '0 -26 Td ' : ''}(${t}) Tj`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A small greyscale PNG standing in for a phone photo of a paper receipt: a
 * light "paper" with rows of darker "print" whose pattern is drawn from the
 * SHA-256 of the text, so each receipt looks (and hashes) different and the
 * same text gives the same bytes.
 */
export function demoPng(text: string, width = 96, height = 128): Buffer {
  const seed = createHash('sha256').update(text).digest();
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    const printed = y >= 8 && y < height - 8 && y % 6 < 3;
    const lineLength = 16 + (seed[y % seed.length] % (width - 32));
    for (let x = 0; x < width; x++) {
      const ink = printed && x >= 8 && x < 8 + lineLength && (seed[(x + y) % seed.length] >> x % 8) & 1;
      raw[y * (width + 1) + 1 + x] = ink ? 60 : 236 - (seed[(x * 7 + y) % seed.length] % 12);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
