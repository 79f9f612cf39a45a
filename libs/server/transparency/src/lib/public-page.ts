import type { PublicGrantRow, PublicYearAmount } from '@mizan/contracts';
import {
  IRAQ_GOVERNORATES,
  dacSectorForThemes,
  type IatiFileResult,
  type Localized,
  type XmlNode,
} from '@mizan/domain';
import type { IatiProgramData } from './iati-program-source';

/**
 * What the public page shows of one published file, computed from the file's own tree when it is published and
 * kept with the publication (iati_publication.page): so the page can show nothing the file does not (a withheld
 * governorate stays withheld), and serving it is one indexed read. The program's name, themes and public summary
 * are the officer's publication settings.
 */
export interface PublishedPage {
  name: string;
  themes: string[];
  sectorCode: string;
  currency: string;
  summary: Partial<Localized> | null;
  grants: PublicGrantRow[];
  byYear: PublicYearAmount[];
  committedMinor: string;
  disbursedMinor: string;
}

function child(node: XmlNode, name: string): XmlNode[] {
  return (node.children ?? []).filter((c) => c.name === name);
}

/** Decimal text of the file → minor units (the file's decimals are the currency's). */
function toMinor(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(`${whole}${fraction}`);
  return negative ? -value : value;
}

export function publicPageOfFile(
  data: IatiProgramData,
  file: IatiFileResult,
): PublishedPage {
  const years = new Map<number, { committed: bigint; disbursed: bigint }>();
  let committed = 0n;
  let disbursed = 0n;
  const grants: PublicGrantRow[] = file.activities.map((a) => {
    let gc = 0n;
    let gd = 0n;
    for (const t of child(a.node, 'transaction')) {
      const type = child(t, 'transaction-type')[0]?.attrs?.['code'];
      const date = child(t, 'transaction-date')[0]?.attrs?.['iso-date'] ?? '';
      const value = toMinor(child(t, 'value')[0]?.text ?? '0');
      const year = Number(date.slice(0, 4));
      const y = years.get(year) ?? { committed: 0n, disbursed: 0n };
      if (type === '2') {
        gc += value;
        y.committed += value;
      } else if (type === '3' || type === '7') {
        gd += value;
        y.disbursed += value;
      } else continue;
      years.set(year, y);
    }
    committed += gc;
    disbursed += gd;
    // The governorate only when the file publishes it (a location): a redacted grant has none.
    const location = child(a.node, 'location')[0];
    const code = location
      ? (/IQ-[A-Z]{2}/.exec(
          child(
            child(location, 'description')[0] ?? { name: '' },
            'narrative',
          )[0]?.text ?? '',
        )?.[0] ?? null)
      : null;
    const gov = code
      ? IRAQ_GOVERNORATES.find((g) => g.code === code)
      : undefined;
    const title =
      child(child(a.node, 'title')[0] ?? { name: '' }, 'narrative')[0]?.text ??
      a.title;
    return {
      iatiIdentifier: a.iatiIdentifier,
      title,
      governorateCode: gov?.code ?? null,
      governorateNameEn: gov?.en ?? null,
      governorateNameAr: gov?.ar ?? null,
      redacted: a.redactions.some(
        (r) =>
          r.element === 'sub_national_location' || r.element === 'partner_name',
      ),
      committedMinor: gc.toString(),
      disbursedMinor: gd.toString(),
    };
  });
  return {
    name: data.program.name,
    themes: [...data.program.themes],
    sectorCode: dacSectorForThemes(data.program.themes),
    currency: data.program.currency,
    summary: data.program.publicSummary,
    grants,
    byYear: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, v]) => ({
        year,
        committedMinor: v.committed.toString(),
        disbursedMinor: v.disbursed.toString(),
      })),
    committedMinor: committed.toString(),
    disbursedMinor: disbursed.toString(),
  };
}
