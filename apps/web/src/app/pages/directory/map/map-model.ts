/**
 * The directory map's view logic, pure: which cells may be drawn (never a group under 5 people, whatever arrives),
 * how big a country's symbol is and how dark a governorate's shade, and the ISO codes the map's geometry is keyed by.
 */

/** The smallest group the map, the charts and the table ever show as a number (the server applies it too). */
export const MIN_CELL = 5;

/** One place on the map: a country (ISO 3166-1 alpha-2) or an Iraqi governorate (ISO 3166-2:IQ). */
export interface MapCell {
  code: string;
  /** How many people; null: the server merged or suppressed it ("fewer than 5"). */
  count: number | null;
}

/** A cell as the page may publish it: a count under MIN_CELL becomes "fewer than 5" (null), never a number. */
export function publishable<T extends { count: number | null }>(cell: T): T {
  return cell.count !== null && cell.count < MIN_CELL ? { ...cell, count: null } : cell;
}

/** The cells with a number to draw, largest first (the table keeps the others, as "fewer than 5"). */
export function drawable<T extends { count: number | null }>(cells: readonly T[]): (T & { count: number })[] {
  return cells
    .map(publishable)
    .filter((c): c is T & { count: number } => c.count !== null)
    .sort((a, b) => b.count - a.count);
}

/** A proportional symbol's radius: its area grows with the count (sqrt), the largest gets `maxRadius`. */
export function symbolRadius(count: number, max: number, maxRadius = 28, minRadius = 4): number {
  if (max <= 0 || count <= 0) return 0;
  return Math.max(minRadius, maxRadius * Math.sqrt(Math.min(count, max) / max));
}

/** The shade class (1–5, 0 for none) of a choropleth cell: equal steps of the largest count. */
export function shadeClass(count: number | null, max: number): number {
  if (count === null || count < MIN_CELL || max <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil((5 * count) / max)));
}

/**
 * ISO 3166-1 alpha-2 → numeric, the id of world-atlas's countries (Natural Earth). The countries where Iraqis live
 * abroad in any number, and their neighbours on the map; a country not listed still has its row in the table.
 */
export const ISO_NUMERIC: Readonly<Record<string, string>> = {
  AE: '784', AM: '051', AT: '040', AU: '036', AZ: '031', BE: '056', BG: '100', BH: '048', BY: '112', CA: '124',
  CH: '756', CY: '196', CZ: '203', DE: '276', DK: '208', DZ: '012', EE: '233', EG: '818', ES: '724', FI: '246',
  FR: '250', GB: '826', GE: '268', GR: '300', HR: '191', HU: '348', IE: '372', IL: '376', IQ: '368', IR: '364',
  IS: '352', IT: '380', JO: '400', KW: '414', LB: '422', LT: '440', LU: '442', LV: '428', LY: '434', MA: '504',
  MD: '498', MK: '807', NL: '528', NO: '578', NZ: '554', OM: '512', PL: '616', PS: '275', PT: '620', QA: '634',
  RO: '642', RS: '688', RU: '643', SA: '682', SD: '729', SE: '752', SI: '705', SK: '703', SY: '760', TM: '795',
  TN: '788', TR: '792', UA: '804', US: '840', YE: '887', BA: '070', AL: '008', ME: '499', KZ: '398', UZ: '860',
};

/** The numeric id of a country code, or null when the map cannot place it. */
export function numericId(code: string): string | null {
  return Object.hasOwn(ISO_NUMERIC, code.toUpperCase()) ? ISO_NUMERIC[code.toUpperCase()] : null;
}

/**
 * The part of the world the country map frames: Europe and the Middle East (where the diaspora and Iraq are), unless
 * a drawn country lies outside it (North America, Australia): then the whole world.
 */
export const NEAR_CODES: ReadonlySet<string> = new Set(
  Object.keys(ISO_NUMERIC).filter((code) => !['AU', 'CA', 'NZ', 'US', 'KZ', 'UZ', 'TM', 'RU'].includes(code)),
);

export function mapFrame(codes: readonly string[]): 'near' | 'world' {
  return codes.every((code) => NEAR_CODES.has(code.toUpperCase())) ? 'near' : 'world';
}
