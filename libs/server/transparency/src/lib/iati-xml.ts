import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { XmlNode } from '@mizan/domain';

function append(parent: XMLBuilder, node: XmlNode): void {
  const el = parent.ele(node.name, node.attrs ?? {});
  if (node.text !== undefined) el.txt(node.text);
  for (const child of node.children ?? []) append(el, child);
}

/**
 * The file's bytes: the tree serialised by xmlbuilder2 (which escapes every text and attribute), indented one
 * element per line so a schema error's line names one element.
 */
export function serializeIatiFile(root: XmlNode): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  append(doc, root);
  return doc.end({ prettyPrint: true, indent: ' ' }) + '\n';
}
