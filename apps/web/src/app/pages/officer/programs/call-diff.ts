import type { CallRulesInput } from '@mizan/contracts';

/** The fields of a call's rules, in the order the call form shows them. */
export const RULE_FIELDS = [
  'title',
  'description',
  'timeZone',
  'opensAtLocal',
  'closesAtLocal',
  'envelopeMinor',
  'maxGrantMinor',
  'minCofundingBp',
  'adminCapBp',
  'hostCountries',
  'requirePartner',
  'minOrganizationAgeMonths',
  'requiredDocuments',
  'rubricCriteria',
  'rubricScale',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

function valueOf(rules: CallRulesInput, field: RuleField): unknown {
  switch (field) {
    case 'rubricCriteria':
      return rules.rubric.criteria.map((c) => [c.id, c.title, c.description, c.weight]);
    case 'rubricScale':
      return rules.rubric.scale;
    case 'hostCountries':
      return [...rules.hostCountries].sort();
    case 'requiredDocuments':
      return [...rules.requiredDocuments].sort();
    default:
      return rules[field];
  }
}

/** The fields whose value differs between two versions of a call's rules. */
export function changedRuleFields(
  before: CallRulesInput,
  after: CallRulesInput,
): RuleField[] {
  return RULE_FIELDS.filter(
    (field) =>
      JSON.stringify(valueOf(before, field)) !==
      JSON.stringify(valueOf(after, field)),
  );
}
