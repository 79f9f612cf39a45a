/** The 18 governorates of Iraq (ISO 3166-2:IQ), reference data for partners and activity locations. */
export const IRAQ_GOVERNORATES = [
  { code: 'IQ-AN', en: 'Anbar', ar: 'الأنبار' },
  { code: 'IQ-BA', en: 'Basra', ar: 'البصرة' },
  { code: 'IQ-BB', en: 'Babil', ar: 'بابل' },
  { code: 'IQ-BG', en: 'Baghdad', ar: 'بغداد' },
  { code: 'IQ-DA', en: 'Duhok', ar: 'دهوك' },
  { code: 'IQ-DI', en: 'Diyala', ar: 'ديالى' },
  { code: 'IQ-DQ', en: 'Dhi Qar', ar: 'ذي قار' },
  { code: 'IQ-AR', en: 'Erbil', ar: 'أربيل' },
  { code: 'IQ-KA', en: 'Karbala', ar: 'كربلاء' },
  { code: 'IQ-KI', en: 'Kirkuk', ar: 'كركوك' },
  { code: 'IQ-MA', en: 'Maysan', ar: 'ميسان' },
  { code: 'IQ-MU', en: 'Muthanna', ar: 'المثنى' },
  { code: 'IQ-NA', en: 'Najaf', ar: 'النجف' },
  { code: 'IQ-NI', en: 'Nineveh', ar: 'نينوى' },
  { code: 'IQ-QA', en: 'Al-Qadisiyah', ar: 'القادسية' },
  { code: 'IQ-SD', en: 'Saladin', ar: 'صلاح الدين' },
  { code: 'IQ-SU', en: 'Sulaymaniyah', ar: 'السليمانية' },
  { code: 'IQ-WA', en: 'Wasit', ar: 'واسط' },
] as const;
export type GovernorateCode = (typeof IRAQ_GOVERNORATES)[number]['code'];

export function isGovernorate(code: string): code is GovernorateCode {
  return IRAQ_GOVERNORATES.some((g) => g.code === code);
}
