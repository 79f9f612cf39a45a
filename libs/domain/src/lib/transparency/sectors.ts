/**
 * A program's theme → an OECD DAC 5-digit purpose code (IATI Sector vocabulary 1), by the first theme the table
 * knows; a program whose themes it knows none of is published as 15150 "Democratic participation and civil
 * society" (the default for diaspora co-development: civil society in the country of origin). Stated mapping,
 * docs/transparency.md.
 */
export const THEME_DAC_SECTORS: readonly {
  pattern: RegExp;
  code: string;
  label: string;
}[] = [
  {
    pattern: /women/i,
    code: '15170',
    label:
      "Women's rights organisations and movements, and government institutions",
  },
  { pattern: /human rights/i, code: '15160', label: 'Human rights' },
  { pattern: /election/i, code: '15151', label: 'Elections' },
  {
    pattern: /journalis|media/i,
    code: '15153',
    label: 'Media and free flow of information',
  },
  {
    pattern: /mental health/i,
    code: '12340',
    label: 'Promotion of mental health and well-being',
  },
  { pattern: /health/i, code: '12220', label: 'Basic health care' },
  {
    pattern: /heritage|cultur/i,
    code: '16061',
    label: 'Culture and recreation',
  },
  {
    pattern: /educat|school/i,
    code: '11110',
    label: 'Education policy and administrative management',
  },
  {
    pattern: /water|sanitation/i,
    code: '14030',
    label: 'Basic drinking water supply and basic sanitation',
  },
  {
    pattern: /livelihood|employment/i,
    code: '16020',
    label: 'Employment creation',
  },
];
export const DEFAULT_DAC_SECTOR = '15150';

export function dacSectorForThemes(themes: readonly string[]): string {
  for (const theme of themes) {
    const hit = THEME_DAC_SECTORS.find((s) => s.pattern.test(theme));
    if (hit) return hit.code;
  }
  return DEFAULT_DAC_SECTOR;
}
