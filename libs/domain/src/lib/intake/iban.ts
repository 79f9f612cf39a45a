/**
 * The shape of each country's BBAN (the part after the check digits), from the
 * ISO 13616 IBAN registry, for the countries Mizan's users bank in and their
 * neighbours: n = digits, a = upper-case letters, c = letters or digits. The
 * mod-97 check alone lets a letter typed for a digit through about once in 97
 * (an "O" for a "0" in a Swedish IBAN): the shape refuses it.
 */
const BBAN_SHAPE: Record<string, string> = {
  AT: '16n', BE: '12n', CH: '5n12c', CY: '8n16c', CZ: '20n', DE: '18n', DK: '14n', EE: '16n', ES: '20n', FI: '14n',
  FR: '10n11c2n', GB: '4a14n', GR: '7n16c', HR: '17n', HU: '24n', IE: '4a14n', IQ: '4a15n', IS: '22n', IT: '1a10n12c',
  JO: '4a4n18c', LB: '4n20c', LT: '16n', LU: '3n13c', LV: '4a13c', MT: '4a5n18c', NL: '4a10n', NO: '11n', PL: '24n',
  PT: '21n', RO: '4a16c', SA: '2n18c', SE: '20n', SI: '15n', SK: '20n', TR: '6n16c', AE: '19n',
};

const SHAPE_CLASS = { n: '\\d', a: '[A-Z]', c: '[A-Z0-9]' } as const;

function shapePattern(shape: string): { pattern: RegExp; length: number } {
  let source = '';
  let length = 4;
  for (const [, count, kind] of shape.matchAll(/(\d+)([nac])/g)) {
    source += `${SHAPE_CLASS[kind as keyof typeof SHAPE_CLASS]}{${count}}`;
    length += Number(count);
  }
  return { pattern: new RegExp(`^${source}$`), length };
}

const IBAN_SHAPES: Record<string, { pattern: RegExp; length: number }> = Object.fromEntries(
  Object.entries(BBAN_SHAPE).map(([country, shape]) => [country, shapePattern(shape)]),
);

export type IbanProblem = 'format' | 'country' | 'length' | 'checksum';

export function normalizeIban(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** Validates an IBAN by its country's length and BBAN shape and the ISO 7064 mod-97 checksum. */
export function checkIban(raw: string): { valid: true; iban: string } | { valid: false; problem: IbanProblem; message: string } {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return { valid: false, problem: 'format', message: 'An IBAN starts with a two-letter country code and two check digits' };
  const country = iban.slice(0, 2);
  const shape = IBAN_SHAPES[country];
  if (shape === undefined) return { valid: false, problem: 'country', message: `IBANs from ${country} are not accepted` };
  if (iban.length !== shape.length) return { valid: false, problem: 'length', message: `A ${country} IBAN has ${shape.length} characters, this one has ${iban.length}` };
  // Reported as a checksum problem: to the person typing it is the same typing mistake, and the web has words for it.
  if (!shape.pattern.test(iban.slice(4))) {
    return { valid: false, problem: 'checksum', message: `This is not how a ${country} IBAN is written (a letter where a digit belongs, or the reverse): please check for a typing mistake` };
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  if (remainder !== 1) return { valid: false, problem: 'checksum', message: 'The IBAN check digits do not match: please check for a typing mistake' };
  return { valid: true, iban };
}

/** Loose comparison of an account holder with the legal name: case, punctuation, spacing and legal-form words ignored. */
export function holderMatchesLegalName(holder: string, legalName: string): boolean {
  const simplify = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\b(ideell forening|ideella foreningen|foreningen|forening|e\.?\s?v\.?|ev|ltd|limited|cic|cio|gmbh|ab|association|org)\b/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '');
  return simplify(holder) !== '' && simplify(holder) === simplify(legalName);
}
