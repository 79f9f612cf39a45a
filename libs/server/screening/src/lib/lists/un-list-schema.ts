import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';

/** The UN's schema of the consolidated list, kept with the list data (data/sanctions/README.md). */
export const UN_LIST_XSD = 'un-sc-sanctions.xsd';

/** The longest problem text kept (xmllint's messages quote the element; a hostile file could make them long). */
const DETAIL_MAX = 300;
/** xmllint's WebAssembly memory, in 64 KiB pages: 2 GiB, room for the largest file an import accepts (64 MB). */
const MAX_MEMORY_PAGES = 32_768;

/**
 * A file of data/ found from wherever the code runs: the api and worker from their sources (SWC) or a build
 * under dist/, the command line from tools/cli, jest from the spec's folder. Walks up from this module's
 * folder, then from the working directory, to the first folder that has `data/<relative>`.
 */
export function repositoryDataFile(relative: string): string {
  for (const start of [__dirname, process.cwd()]) {
    let folder = resolve(start);
    for (;;) {
      const candidate = join(folder, 'data', relative);
      if (existsSync(candidate)) return candidate;
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  throw new Error(`data/${relative} was not found above ${__dirname} or ${process.cwd()}`);
}

let schema: string | undefined;

function unListSchema(): string {
  schema ??= readFileSync(repositoryDataFile(`sanctions/${UN_LIST_XSD}`), 'utf8');
  return schema;
}

function invalid(line: number, detail: string): MizanException {
  const clean = detail.replace(/[\p{Cc}]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, DETAIL_MAX) || 'not a valid list file';
  return MizanException.withParams(ErrorCode.SanctionsListInvalid, `The list file is not a valid UN consolidated list (line ${line}): ${clean}`, { line, detail: clean }, [
    { field: 'file', message: `line ${line}: ${clean}` },
  ]);
}

/** The line (1-based) of a byte offset. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Validates a UN Security Council consolidated list against the UN's XSD (xmllint in WebAssembly). Anything
 * else — not XML, not UTF-8, a DOCTYPE (a list has none; entities are how files attack parsers), elements the
 * schema does not allow — is SANCTIONS_LIST_INVALID with the line of the first problem and xmllint's words.
 */
export async function validateUnList(bytes: Buffer): Promise<void> {
  if (bytes.length === 0) throw invalid(1, 'the file is empty');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw invalid(lineAt(bytes, nul), 'the file contains a NUL byte (not a UTF-8 XML file)');
  for (const declaration of ['<!DOCTYPE', '<!ENTITY']) {
    const at = bytes.indexOf(declaration);
    if (at >= 0) throw invalid(lineAt(bytes, at), `a ${declaration.slice(2)} declaration is not allowed in a list file`);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(1, 'the file is not UTF-8 text');
  }
  const result = await validateXML({
    xml: [{ fileName: 'list.xml', contents: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) }],
    schema: [unListSchema()],
    maxMemoryPages: MAX_MEMORY_PAGES,
  });
  if (result.valid) return;
  const first = result.errors.find((e) => e.loc) ?? result.errors[0];
  throw invalid(first?.loc?.lineNumber ?? 1, first?.message ?? 'the file could not be validated');
}
