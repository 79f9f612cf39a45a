import { ArgumentMetadata } from '@nestjs/common';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { hasClosingDelimiter, multipartBoundary } from '../uploads/read-upload';
import { BodyShapePipe } from './body-shape.pipe';
import { contentDisposition } from './download';
import { MAX_JSON_DEPTH, jsonNestingExceeds } from './json-depth';
import { findUnstorableText } from './text-check';

describe('jsonNestingExceeds', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('allows exactly the limit and refuses one more, for arrays and objects', () => {
    expect(jsonNestingExceeds(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestingExceeds(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestingExceeds('{"a":'.repeat(40) + '1' + '}'.repeat(40), MAX_JSON_DEPTH)).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    expect(jsonNestingExceeds(JSON.stringify(Array.from({ length: 10_000 }, () => [{}])), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(JSON.stringify({ a: '[[[[[[[[[[', b: 'say \\"[[[[[[[[["' }), 2)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\\\"}', 1)).toBe(false);
  });

  it('scans a hundred thousand levels without recursion', () => {
    expect(jsonNestingExceeds(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('findUnstorableText', () => {
  it('names each bad value and key by its dotted path', () => {
    const fields = findUnstorableText({ ok: 'fine', a: { b: ['x', 'y\u0000'] }, ['k\u0000']: 1, s: '\ud800' }, 'body');
    expect(fields.map((f) => f.field)).toEqual(['a.b.1', 'k\\u0000', 's']);
    expect(fields[1].message).toBe('the field name contains a character that cannot be stored (U+0000 NUL) at position 2');
  });

  it('names a top-level string by its root and ignores numbers, booleans and null', () => {
    expect(findUnstorableText('\u0000', 'body')).toEqual([
      { field: 'body', code: 'INVALID_CHARACTER', params: { character: 'U+0000 NUL', position: 1 }, message: 'body contains a character that cannot be stored (U+0000 NUL) at position 1' },
    ]);
    expect(findUnstorableText({ n: 1, b: true, z: null, u: undefined }, 'body')).toEqual([]);
  });

  it('stops at 20 findings', () => {
    expect(findUnstorableText(Array.from({ length: 100 }, () => '\u0000'), 'body')).toHaveLength(20);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('تقرير.pdf')).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('تقرير')}.pdf`);
  });

  it('never carries a direction control, a line break, a quote or a backslash', () => {
    const header = contentDisposition('in"voice\\\u202efdp.exe\r\nSet-Cookie: x=1');
    expect(header).toBe(`attachment; filename="in_voice_fdp.exeSet-Cookie: x=1"; filename*=UTF-8''in%22voice_fdp.exeSet-Cookie%3A%20x%3D1`);
    expect([...header].filter((c) => c.charCodeAt(0) < 0x20 || c === '\u202e')).toEqual([]);
    expect(header).not.toContain('%E2%80%AE');
  });

  it("encodes the characters RFC 5987 does not allow bare: ' ( ) *", () => {
    expect(contentDisposition("board (final)*'.xlsx")).toContain("filename*=UTF-8''board%20%28final%29%2A%27.xlsx");
  });
});

describe('BodyShapePipe', () => {
  class SomeDto {
    name!: string;
  }
  const pipe = new BodyShapePipe();
  const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

  function refusal(run: () => unknown): { code: ErrorCode; fields: unknown } {
    try {
      run();
    } catch (error) {
      const body = (error as MizanException).toBody();
      return { code: body.code, fields: body.fields };
    }
    throw new Error('not refused');
  }

  it('lets an object through to a DTO and an array to an array', () => {
    expect(pipe.transform({ name: 'x' }, body(SomeDto))).toEqual({ name: 'x' });
    expect(pipe.transform([1], body(Array))).toEqual([1]);
  });

  it.each([
    [[{ name: 'x' }], 'an array'],
    [null, 'null'],
    ['x', 'a string'],
    [7, 'a number'],
  ])('refuses %p where a DTO belongs', (value, described) => {
    expect(refusal(() => pipe.transform(value, body(SomeDto)))).toEqual({
      code: ErrorCode.WrongBodyShape,
      fields: [{ field: 'body', code: 'INVALID', message: `the body must be a JSON object, not ${described}` }],
    });
  });

  it('refuses an object where an array belongs', () => {
    expect(refusal(() => pipe.transform({ 0: 'a' }, body(Array)))).toEqual({
      code: ErrorCode.WrongBodyShape,
      fields: [{ field: 'body', code: 'INVALID', message: 'the body must be a JSON array, not an object' }],
    });
  });

  it('leaves queries, params, one bound property and a missing body alone', () => {
    expect(pipe.transform('x', { type: 'query', metatype: SomeDto })).toBe('x');
    expect(pipe.transform('x', { type: 'body', metatype: SomeDto, data: 'name' })).toBe('x');
    expect(pipe.transform(undefined, body(SomeDto))).toBeUndefined();
  });
});

describe('multipart helpers', () => {
  it('reads the boundary, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; BOUNDARY="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data; boundary=')).toBeUndefined();
  });

  it('knows a body cut before its closing delimiter', () => {
    const part = '--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nstatutes';
    expect(hasClosingDelimiter(Buffer.from(`${part}\r\n--b--\r\n`), 'b')).toBe(true);
    expect(hasClosingDelimiter(Buffer.from('--b--'), 'b')).toBe(true);
    expect(hasClosingDelimiter(Buffer.from(part), 'b')).toBe(false);
    expect(hasClosingDelimiter(Buffer.from(`${part}\r\n--b\r\n`), 'b')).toBe(false);
  });
});
