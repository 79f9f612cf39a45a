import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { acceptedFileType, plainFileName } from './accepted-file';

function refusal(bytes: Buffer): MizanException {
  try {
    acceptedFileType(bytes);
  } catch (error) {
    return error as MizanException;
  }
  throw new Error('accepted');
}

describe('acceptedFileType', () => {
  it('takes PDF, PNG and JPEG by their first bytes', () => {
    expect(acceptedFileType(Buffer.from('%PDF-1.4\n')).extension).toBe('pdf');
    expect(acceptedFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).contentType).toBe('image/png');
    expect(acceptedFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])).kind).toBe('jpeg');
  });

  it('refuses an empty file and names what a refused file really is', () => {
    const empty = refusal(Buffer.alloc(0));
    expect(empty.code).toBe(ErrorCode.ValidationFailed);
    expect(empty.fields).toMatchObject([{ field: 'file', message: 'the file is empty' }]);
    const program = refusal(Buffer.from([0x4d, 0x5a, 0x90, 0]));
    expect(program.code).toBe(ErrorCode.UnsupportedFileType);
    expect(program.fields?.[0].message).toBe('only PDF, PNG or JPEG files are accepted; this file is an executable program (Windows)');
    expect(refusal(Buffer.from('hello')).fields?.[0].message).toBe('only PDF, PNG or JPEG files are accepted');
  });
});

describe('plainFileName', () => {
  it('keeps the last path part without control characters or quotes, at most 200 characters', () => {
    expect(plainFileName('C:\\temp\\في "الميدان"\u0007.pdf', 'x.pdf')).toBe('في الميدان.pdf');
    expect(plainFileName('../../etc/receipt.png', 'x.png')).toBe('receipt.png');
    expect(plainFileName('a'.repeat(300), 'x.pdf')).toHaveLength(200);
    expect(plainFileName('dir/ \u0000 ', 'working-paper.pdf')).toBe('working-paper.pdf');
  });
});
