import type { Modality, RiskRating } from '@mizan/contracts';
import { CAPACITY_QUESTIONS } from '@mizan/domain';

/** The capacity questionnaire's question ids, as the domain (and so the grants api) defines them. */
export const CAPACITY_QUESTION_IDS: readonly string[] = CAPACITY_QUESTIONS.map((q) => q.id);

export const RATINGS: readonly RiskRating[] = ['low', 'moderate', 'significant', 'high'];
export const MODALITIES: readonly Modality[] = ['advance', 'reimbursement', 'direct_payment'];
export const MONITORING = [
  'desk_review',
  'annual_visit',
  'visits_each_tranche',
  'third_party_monitoring',
] as const;
