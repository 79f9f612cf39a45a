import { EntityManager } from 'typeorm';
import { DEFAULT_HIGH_SCORE, DEFAULT_SCREENING_THRESHOLD } from '@mizan/domain';

export interface ScreeningThresholds {
  threshold: number;
  highScore: number;
}

/** The agency's threshold and high score (the defaults until an officer sets them). */
export async function screeningThresholds(manager: EntityManager, agencyId: string): Promise<ScreeningThresholds> {
  const [row] = (await manager.query('SELECT threshold::float8 AS threshold, high_score::float8 AS high_score FROM screening_settings WHERE agency_id = $1', [agencyId])) as {
    threshold: number;
    high_score: number;
  }[];
  return row ? { threshold: Number(row.threshold), highScore: Number(row.high_score) } : { threshold: DEFAULT_SCREENING_THRESHOLD, highScore: DEFAULT_HIGH_SCORE };
}
