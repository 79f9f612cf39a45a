/** IBAN lengths per country (ISO 13616 registry), for the countries Mizan's users bank in and their neighbours. */
const IBAN_LENGTH: Record<string, number> = {
  AT: 20, BE: 16, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GR: 27, HR: 21,
  HU: 28, IE: 22, IQ: 23, IS: 26, IT: 27, JO: 30, LB: 28, LT: 20, LU: 20, LV: 21, MT: 31, NL: 18, NO: 15, PL: 28,
  PT: 25, RO: 24, SA: 24, SE: 24, SI: 19, SK: 24, TR: 26, AE: 23,
};

export type IbanProblem = 'format' | 'country' | 'length' | 'checksum';

export function normalizeIban(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** Validates an IBAN by country length and the ISO 7064 mod-97 checksum. */
export function checkIban(raw: string): { valid: true; iban: string } | { valid: false; problem: IbanProblem; message: string } {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return { valid: false, problem: 'format', message: 'An IBAN starts with a two-letter country code and two check digits' };
  const country = iban.slice(0, 2);
  const expected = IBAN_LENGTH[country];
  if (expected === undefined) return { valid: false, problem: 'country', message: `IBANs from ${country} are not accepted` };
  if (iban.length !== expected) return { valid: false, problem: 'length', message: `A ${country} IBAN has ${expected} characters, this one has ${iban.length}` };
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
