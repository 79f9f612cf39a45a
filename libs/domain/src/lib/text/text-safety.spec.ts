import fc from 'fast-check';
import { directionControlMessage, findDirectionControl, findUnstorableCharacter, safeDownloadName, stripDirectionControls } from './text-safety';

describe('findUnstorableCharacter', () => {
  it('finds NUL and lone surrogates, with their position', () => {
    expect(findUnstorableCharacter('ab\u0000c')).toEqual({ index: 2, codePoint: 'U+0000', name: 'NUL' });
    expect(findUnstorableCharacter('x\ud800')).toEqual({ index: 1, codePoint: 'U+D800', name: 'unpaired surrogate' });
    expect(findUnstorableCharacter('\udc00x')).toEqual({ index: 0, codePoint: 'U+DC00', name: 'unpaired surrogate' });
    expect(findUnstorableCharacter('\ud83d\ud83d\ude00')).toEqual({ index: 0, codePoint: 'U+D83D', name: 'unpaired surrogate' });
  });

  it('accepts every well-formed text: Arabic, emoji (surrogate pairs), direction marks, other controls', () => {
    for (const text of ['', 'جمعية دجلة', 'Föreningen Bro till Basra 😀', 'a\u200fb\u202ec', 'tab\there', '\u{10ffff}']) {
      expect(findUnstorableCharacter(text)).toBeUndefined();
    }
  });
});

describe('findDirectionControl', () => {
  it.each(['061C', '200E', '200F', '202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069'])('finds U+%s', (hex) => {
    const finding = findDirectionControl(`name${String.fromCharCode(parseInt(hex, 16))}x`);
    expect(finding).toMatchObject({ index: 4, codePoint: `U+${hex}` });
    expect(finding?.name).toMatch(/MARK|EMBEDDING|OVERRIDE|ISOLATE|FORMATTING/);
  });

  it('leaves Arabic, Hebrew, joiners and ordinary punctuation alone', () => {
    for (const text of ['جمعية دجلة لحقوق المرأة', 'שלום', 'a\u200db', 'x\u200cy', 'Basra – 2027 (pilot)']) {
      expect(findDirectionControl(text)).toBeUndefined();
    }
  });

  it('says which character, where, and why', () => {
    const finding = findDirectionControl('invoice\u202efdp.exe');
    expect(finding && directionControlMessage('the file name', finding)).toBe(
      'the file name contains an invisible text-direction character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 8; names and titles may not contain them',
    );
  });
});

describe('safeDownloadName', () => {
  it('drops direction controls, so an overridden name shows what it is', () => {
    expect(safeDownloadName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(safeDownloadName('\u2067report\u2069.pdf')).toBe('report.pdf');
  });

  it('drops control characters (header injection), lone surrogates and path separators', () => {
    expect(safeDownloadName('a\r\nX-Evil: 1.pdf')).toBe('aX-Evil: 1.pdf');
    expect(safeDownloadName('a\u0000b\u0085c\ud800.pdf')).toBe('abc.pdf');
    expect(safeDownloadName('../../etc/passwd')).toBe('_.._etc_passwd');
  });

  it('keeps Arabic and emoji, and never answers an empty name', () => {
    expect(safeDownloadName('تقرير سنوي 😀.pdf')).toBe('تقرير سنوي 😀.pdf');
    expect(safeDownloadName('\u202e\u0000 ')).toBe('download');
    expect(safeDownloadName('', 'board.xlsx')).toBe('board.xlsx');
  });
});

describe('stripDirectionControls', () => {
  it('takes the marks and isolates off a token copied out of a right-to-left mail', () => {
    expect(stripDirectionControls('\u2068abc_DEF-123\u2069')).toBe('abc_DEF-123');
    expect(stripDirectionControls('\u200f\u061cabc\u200e\u202a\u202c')).toBe('abc');
  });

  it('keeps everything else, and leaves no direction control behind', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u202e'), fc.string({ unit: 'binary' }))).map((parts) => parts.join('')), (text) => {
        const out = stripDirectionControls(text);
        expect(findDirectionControl(out)).toBeUndefined();
        expect(stripDirectionControls(out)).toBe(out);
        expect(text.split('').filter((c) => findDirectionControl(c) === undefined).join('')).toBe(out);
      }),
    );
  });
});
