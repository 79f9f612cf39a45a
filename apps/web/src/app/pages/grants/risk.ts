import type { Modality, RiskRating } from '@mizan/contracts';

/**
 * The capacity questionnaire's questions, with the ids the grants api accepts
 * (libs/server/finance grant-rules CAPACITY_QUESTIONS; the domain's list names
 * two of them differently — staff, partner_monitoring — until the lead unifies
 * them), and the choices of the risk dialog.
 */
export const CAPACITY_QUESTION_IDS = [
  'financial_management',
  'internal_control',
  'procurement',
  'reporting',
  'staff_capacity',
  'previous_grants',
  'audited_accounts',
  'monitoring_in_fragile_areas',
] as const;

export const RATINGS: readonly RiskRating[] = ['low', 'moderate', 'significant', 'high'];
export const MODALITIES: readonly Modality[] = ['advance', 'reimbursement', 'direct_payment'];
export const MONITORING = [
  'desk_review',
  'annual_visit',
  'visits_each_tranche',
  'third_party_monitoring',
] as const;
