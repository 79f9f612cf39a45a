import { mulberry32 } from '@mizan/domain';

/**
 * The generator's only source of randomness: mulberry32 (the audit sampler's PRNG) from the
 * seed, so the same seed and scale give the same rows, ids and hashes.
 */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A 32-bit unsigned integer. */
  u32(): number {
    return this.next();
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** A version 4 uuid made of PRNG bits (deterministic). */
  uuid(): string {
    const hex = [this.u32(), this.u32(), this.u32(), this.u32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/**
 * Counts at a scale: `base × scale`, rounded, at least 1 when the scale is above zero.
 */
export function scaled(base: number, scale: number): number {
  if (scale <= 0) return 0;
  return Math.max(1, Math.round(base * scale));
}

/** Splits `total` over `parts` as evenly as possible (the first ones get the remainder), each at least `min`. */
export function split(total: number, parts: number, min = 1): number[] {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => Math.max(min, base + (i < rest ? 1 : 0)));
}

/** Microseconds since the epoch as a stored time: `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC). */
export function storedTime(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const sub = String(micros - ms * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${sub}Z`;
}

/** The date part (YYYY-MM-DD) of a time in microseconds. */
export function dateOf(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString().slice(0, 10);
}

export const DAY_US = 86_400_000_000;
