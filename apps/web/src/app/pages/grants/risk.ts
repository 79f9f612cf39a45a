import type { Modality, RiskRating } from '@mizan/contracts';

/**
 * The capacity questionnaire's questions (ids as the api stores them; the
 * domain's CAPACITY_QUESTIONS scores them) and the choices of the risk dialog.
 */
export const CAPACITY_QUESTION_IDS = [
  'financial_management',
  'internal_control',
  'procurement',
  'reporting',
  'staff',
  'previous_grants',
  'audited_accounts',
  'partner_monitoring',
] as const;

export const RATINGS: readonly RiskRating[] = ['low', 'moderate', 'significant', 'high'];
export const MODALITIES: readonly Modality[] = ['advance', 'reimbursement', 'direct_payment'];
export const MONITORING = [
  'desk_review',
  'annual_visit',
  'visits_each_tranche',
  'third_party_monitoring',
] as const;
