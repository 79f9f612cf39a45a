import { EntityManager } from 'typeorm';
import { DEFAULT_HIGH_SCORE, DEFAULT_SCREENING_THRESHOLD } from '@mizan/domain';

export interface ScreeningThresholds {
  threshold: number;
  highScore: number;
}

/** What holds until an officer sets the agency's screening settings. */
export const DEFAULT_SCREENING_THRESHOLDS: Readonly<ScreeningThresholds> = Object.freeze({ threshold: DEFAULT_SCREENING_THRESHOLD, highScore: DEFAULT_HIGH_SCORE });

/** A screening_settings row as read (numeric columns arrive as text or float8); none, or a column not read or not joined: its default. */
export function thresholdsOf(row: { threshold?: number | string | null; high_score?: number | string | null } | null | undefined): ScreeningThresholds {
  return {
    threshold: row?.threshold === null || row?.threshold === undefined ? DEFAULT_SCREENING_THRESHOLD : Number(row.threshold),
    highScore: row?.high_score === null || row?.high_score === undefined ? DEFAULT_HIGH_SCORE : Number(row.high_score),
  };
}

/** The agency's threshold and high score (the defaults until an officer sets them). */
export async function screeningThresholds(manager: EntityManager, agencyId: string): Promise<ScreeningThresholds> {
  const [row] = (await manager.query('SELECT threshold::float8 AS threshold, high_score::float8 AS high_score FROM screening_settings WHERE agency_id = $1', [agencyId])) as {
    threshold: number;
    high_score: number;
  }[];
  return thresholdsOf(row);
}
