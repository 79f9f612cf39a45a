import { describeRefusedFile, isHeic, sniffFileType, sniffReportFileType } from './file-type';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffFileType: the first bytes decide, never the name', () => {
  it('recognises PDF, PNG and JPEG by their magic numbers', () => {
    expect(sniffFileType(bytes('%PDF-1.7\n%âãÏÓ\n'))).toEqual({ kind: 'pdf', contentType: 'application/pdf', extension: 'pdf' });
    expect(sniffFileType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]))).toMatchObject({ kind: 'png', contentType: 'image/png' });
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toMatchObject({ kind: 'jpeg', extension: 'jpg' });
  });

  it('refuses executables, archives, text and other images', () => {
    expect(sniffFileType(bytes([0x7f], 'ELF', [2, 1, 1]))).toBeNull();
    expect(sniffFileType(bytes('MZ', [0x90, 0]))).toBeNull();
    expect(sniffFileType(bytes('PK', [3, 4]))).toBeNull();
    expect(sniffFileType(bytes('GIF89a'))).toBeNull();
    expect(sniffFileType(bytes('hello, this is a PDF, trust me'))).toBeNull();
  });

  it('refuses an empty file and truncated signatures', () => {
    expect(sniffFileType(new Uint8Array())).toBeNull();
    expect(sniffFileType(bytes('%PDF'))).toBeNull();
    expect(sniffFileType(bytes([0x89], 'PNG'))).toBeNull();
    expect(sniffFileType(bytes([0xff, 0xd8]))).toBeNull();
  });

  it('does not look past the start: a PDF signature later in the file does not count', () => {
    expect(sniffFileType(bytes([0x7f], 'ELF', '%PDF-1.4'))).toBeNull();
    expect(sniffFileType(bytes(' %PDF-1.4'))).toBeNull();
  });

  it('names what a refused file really is when it can', () => {
    expect(describeRefusedFile(bytes([0x7f], 'ELF', [2]))).toBe('an executable program (ELF)');
    expect(describeRefusedFile(bytes('MZ', [0x90]))).toBe('an executable program (Windows)');
    expect(describeRefusedFile(bytes('#!/bin/sh'))).toBe('a script');
    expect(describeRefusedFile(bytes('plain text'))).toBeNull();
  });
});

describe('sniffReportFileType', () => {
  const heic = (brand: string): Uint8Array => new Uint8Array([0, 0, 0, 0x18, ...Buffer.from('ftyp'), ...Buffer.from(brand), 0, 0, 0, 0]);

  it('accepts HEIC photos by their ftyp brand, and still PDF/PNG/JPEG', () => {
    expect(sniffReportFileType(heic('heic'))).toEqual({ kind: 'heic', contentType: 'image/heic', extension: 'heic' });
    expect(sniffReportFileType(heic('mif1'))?.kind).toBe('heic');
    expect(sniffReportFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))?.kind).toBe('jpeg');
    expect(sniffReportFileType(Buffer.from('%PDF-1.7'))?.kind).toBe('pdf');
  });

  it('refuses other ISO media files (an MP4 video) and short or foreign bytes', () => {
    expect(sniffReportFileType(heic('isom'))).toBeNull();
    expect(isHeic(new Uint8Array([0, 0, 0, 0x18]))).toBe(false);
    expect(sniffReportFileType(Buffer.from('<html><script>'))).toBeNull();
  });
});
