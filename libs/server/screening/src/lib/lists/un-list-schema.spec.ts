import { existsSync, readFileSync } from 'node:fs';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { nameScript } from './sanctions-entry-view';
import { UN_LIST_XSD, repositoryDataFile, validateUnList } from './un-list-schema';

async function refusal(bytes: Buffer): Promise<MizanException> {
  try {
    await validateUnList(bytes);
  } catch (error) {
    return error as MizanException;
  }
  throw new Error('the file was accepted');
}

describe('validateUnList (the UN XSD, xmllint in WebAssembly)', () => {
  const list = readFileSync(repositoryDataFile('sanctions/un-sc-consolidated-2018-10-29.xml'));

  it('finds data/sanctions from the spec’s folder', () => {
    expect(existsSync(repositoryDataFile(`sanctions/${UN_LIST_XSD}`))).toBe(true);
    expect(() => repositoryDataFile('sanctions/no-such-file.xsd')).toThrow(/no-such-file/);
  });

  it('accepts the real list of 2018-10-29', async () => {
    await expect(validateUnList(list)).resolves.toBeUndefined();
  });

  it.each([
    ['an empty file', '', 1, /empty/],
    ['text that is not XML', 'Name;Reference\n', 1, /start tag expected/i],
    ['another XML document', '<?xml version="1.0"?>\n<html>\n</html>', 2, /No matching global declaration|html/],
    ['a DOCTYPE with entities', '<?xml version="1.0"?>\n\n<!DOCTYPE l [<!ENTITY x "x">]><CONSOLIDATED_LIST/>', 3, /DOCTYPE/],
    ['a NUL byte', '<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n\u0000', 3, /NUL/],
  ])('refuses %s with SANCTIONS_LIST_INVALID naming the line', async (_what, text, line, detail) => {
    const error = await refusal(Buffer.from(text));
    expect(error).toBeInstanceOf(MizanException);
    expect(error.code).toBe(ErrorCode.SanctionsListInvalid);
    expect(error.params?.['line']).toBe(line);
    expect(String(error.params?.['detail'])).toMatch(detail);
  });

  it('refuses a file that is not UTF-8', async () => {
    const error = await refusal(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]));
    expect(error.params).toMatchObject({ line: 1, detail: 'the file is not UTF-8 text' });
  });

  it('refuses the real list cut short, at a line past the start', async () => {
    const error = await refusal(list.subarray(0, 100_000));
    expect(error.code).toBe(ErrorCode.SanctionsListInvalid);
    expect(Number(error.params?.['line'])).toBeGreaterThan(1);
  });
});

describe('nameScript', () => {
  it.each([
    ['KAMAL MUSTAFA ABDALLAH', 'latin'],
    ['‘Abd al-Khaliq Badr al-Din al-Huthi', 'latin'],
    ['Ibrāhīm Müller', 'latin'],
    ['كمال مصطفى عبد الله', 'arabic'],
    ['Kamal كمال', 'arabic'],
    ['عزیز الرحمان', 'arabic'],
    ['김정은', 'other'],
    ['Иван', 'other'],
    ['123', 'other'],
  ])('%s is %s', (name, script) => {
    expect(nameScript(name)).toBe(script);
  });
});
