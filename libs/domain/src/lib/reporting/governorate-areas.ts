import type { GrantArea } from './red-flags';

/**
 * An approximate circle per Iraqi governorate (ISO 3166-2:IQ, the codes of IRAQ_GOVERNORATES): the public
 * coordinates of its capital and a radius (km) that covers most of its territory. Deliberately coarse — the
 * EVIDENCE_OUTSIDE_AREA rule adds a margin on top — and easy to explain: "the photo was taken 240 km from Erbil".
 * Large desert governorates (Anbar, Muthanna, Najaf) get large radii, so the rule stays quiet there unless the
 * evidence is far away indeed.
 */
export const GOVERNORATE_AREAS: Readonly<Record<string, GrantArea>> = {
  'IQ-AN': { lat: 33.42, lon: 43.3, radiusKm: 300 }, // Ramadi
  'IQ-BA': { lat: 30.51, lon: 47.78, radiusKm: 120 }, // Basra
  'IQ-BB': { lat: 32.48, lon: 44.42, radiusKm: 70 }, // Hillah
  'IQ-BG': { lat: 33.31, lon: 44.37, radiusKm: 60 }, // Baghdad
  'IQ-DA': { lat: 36.87, lon: 42.99, radiusKm: 90 }, // Duhok
  'IQ-DI': { lat: 33.75, lon: 44.64, radiusKm: 120 }, // Baqubah
  'IQ-DQ': { lat: 31.04, lon: 46.26, radiusKm: 110 }, // Nasiriyah
  'IQ-AR': { lat: 36.19, lon: 44.01, radiusKm: 110 }, // Erbil
  'IQ-KA': { lat: 32.62, lon: 44.02, radiusKm: 80 }, // Karbala
  'IQ-KI': { lat: 35.47, lon: 44.39, radiusKm: 80 }, // Kirkuk
  'IQ-MA': { lat: 31.84, lon: 47.14, radiusKm: 110 }, // Amarah
  'IQ-MU': { lat: 31.31, lon: 45.28, radiusKm: 250 }, // Samawah
  'IQ-NA': { lat: 32.0, lon: 44.34, radiusKm: 200 }, // Najaf
  'IQ-NI': { lat: 36.34, lon: 43.13, radiusKm: 150 }, // Mosul
  'IQ-QA': { lat: 31.99, lon: 44.93, radiusKm: 80 }, // Diwaniyah
  'IQ-SD': { lat: 34.61, lon: 43.68, radiusKm: 150 }, // Tikrit
  'IQ-SU': { lat: 35.56, lon: 45.44, radiusKm: 110 }, // Sulaymaniyah
  'IQ-WA': { lat: 32.51, lon: 45.82, radiusKm: 120 }, // Kut
};

/** The area of a governorate code, or undefined for an unknown or missing one (the location rule then stays quiet). */
export function governorateArea(code: string | null | undefined): GrantArea | undefined {
  return code && Object.hasOwn(GOVERNORATE_AREAS, code) ? GOVERNORATE_AREAS[code] : undefined;
}
