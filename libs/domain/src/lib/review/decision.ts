import { CurrencyCode, formatDecimal } from '../money/money';
import type { ApplicationAction } from '../intake/application-state';

/**
 * Funding decisions (DESIGN.md, "The life of a grant", step 5): approve (the
 * amount may be cut, conditions may be added), reject (with reasons from a
 * list) or put on the reserve list. Pure rules; the server adds the locks.
 */
export const DECISION_OUTCOMES = ['approved', 'rejected', 'reserve'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_STATES = ['proposed', 'confirmed', 'cancelled'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

/** Stable codes (the web translates them); 'other' must be explained in the note. */
export const REJECTION_REASONS = [
  'low_score',
  'outside_priorities',
  'budget_not_credible',
  'insufficient_partnership',
  'weak_risk_management',
  'envelope_exhausted',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The application action a final decision of each outcome takes. */
export const DECISION_ACTION: Readonly<Record<DecisionOutcome, Extract<ApplicationAction, 'approve' | 'reject' | 'reserve'>>> = {
  approved: 'approve',
  rejected: 'reject',
  reserve: 'reserve',
};

export const DECISION_TEXT_MAX = 4000;

export interface DecisionViolation {
  field: string;
  message: string;
}

/** What an officer sends, unchecked (amounts as decimal strings of minor units). */
export interface DecisionDraft {
  outcome: string;
  amountMinor?: string | null;
  conditions?: string | null;
  rejectionReasons?: readonly string[] | null;
  rejectionNote?: string | null;
  rationale?: string | null;
}

export interface CheckedDecision {
  outcome: DecisionOutcome;
  /** 0 unless approved. */
  amountMinor: bigint;
  conditions: string | null;
  rejectionReasons: RejectionReason[];
  rejectionNote: string | null;
  rationale: string;
}

export function isDecisionOutcome(value: unknown): value is DecisionOutcome {
  return typeof value === 'string' && (DECISION_OUTCOMES as readonly string[]).includes(value);
}

export function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && (REJECTION_REASONS as readonly string[]).includes(value);
}

function money(minor: bigint, currency: CurrencyCode): string {
  return `${formatDecimal(minor, currency)} ${currency}`;
}

function blankToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Checks a decision against the application it is about. Every problem names
 * its field. The envelope is not checked here: that needs the call's other
 * decisions, read under a lock (see `approvalEnvelopeViolation`).
 */
export function checkDecision(
  draft: DecisionDraft,
  application: { requestedMinor: bigint; currency: CurrencyCode },
): { ok: true; decision: CheckedDecision } | { ok: false; violations: DecisionViolation[] } {
  const violations: DecisionViolation[] = [];
  const add = (field: string, message: string) => violations.push({ field, message });
  if (!isDecisionOutcome(draft.outcome)) {
    add('outcome', `The outcome must be one of ${DECISION_OUTCOMES.join(', ')}`);
    return { ok: false, violations };
  }
  const outcome = draft.outcome;
  const rationale = blankToNull(draft.rationale);
  const conditions = blankToNull(draft.conditions);
  const rejectionNote = blankToNull(draft.rejectionNote);
  const reasons = draft.rejectionReasons ?? [];

  if (!rationale) add('rationale', 'Give the rationale of the decision: it goes on the trail');
  else if (rationale.length > DECISION_TEXT_MAX) add('rationale', `At most ${DECISION_TEXT_MAX} characters`);
  if (conditions && conditions.length > DECISION_TEXT_MAX) add('conditions', `At most ${DECISION_TEXT_MAX} characters`);
  if (rejectionNote && rejectionNote.length > DECISION_TEXT_MAX) add('rejectionNote', `At most ${DECISION_TEXT_MAX} characters`);

  let amountMinor = 0n;
  const rawAmount = draft.amountMinor ?? null;
  if (outcome === 'approved') {
    if (rawAmount === null || rawAmount === '') {
      add('amountMinor', 'An approval needs the amount granted');
    } else if (!/^\d{1,18}$/.test(rawAmount)) {
      add('amountMinor', `"${rawAmount}" is not a whole, positive number of minor units`);
    } else {
      amountMinor = BigInt(rawAmount);
      if (amountMinor <= 0n) add('amountMinor', 'The amount granted must be more than zero');
      else if (amountMinor > application.requestedMinor) {
        add(
          'amountMinor',
          `The amount granted (${money(amountMinor, application.currency)}) may not exceed the amount requested (${money(application.requestedMinor, application.currency)})`,
        );
      }
    }
    if (reasons.length > 0) add('rejectionReasons', 'An approval has no rejection reasons');
    if (rejectionNote) add('rejectionNote', 'An approval has no rejection note; put requirements in the conditions');
  } else {
    if (rawAmount !== null && rawAmount !== '' && rawAmount !== '0') add('amountMinor', `Only an approval grants an amount; a ${outcome} decision grants none`);
    if (conditions) add('conditions', 'Only an approval carries conditions');
  }

  const checkedReasons: RejectionReason[] = [];
  if (outcome === 'rejected') {
    if (reasons.length === 0) add('rejectionReasons', 'Choose at least one reason for the rejection');
    reasons.forEach((reason, i) => {
      if (!isRejectionReason(reason)) add(`rejectionReasons.${i}`, `"${reason}" is not one of the reasons: ${REJECTION_REASONS.join(', ')}`);
      else if (checkedReasons.includes(reason)) add(`rejectionReasons.${i}`, `"${reason}" is given twice`);
      else checkedReasons.push(reason);
    });
    if (checkedReasons.includes('other') && !rejectionNote) add('rejectionNote', 'Explain the reason "other" in the note to the applicant');
  } else if (outcome === 'reserve') {
    if (reasons.length > 0) add('rejectionReasons', 'A reserve decision has no rejection reasons');
    if (rejectionNote) add('rejectionNote', 'A reserve decision has no rejection note');
  }

  if (violations.length > 0 || !rationale) return { ok: false, violations };
  return {
    ok: true,
    decision: {
      outcome,
      amountMinor,
      conditions: outcome === 'approved' ? conditions : null,
      rejectionReasons: checkedReasons,
      rejectionNote: outcome === 'rejected' ? rejectionNote : null,
      rationale,
    },
  };
}

/** An amount above the call's threshold needs a second officer (four eyes). Threshold 0: every approval does. */
export function needsConfirmation(amountMinor: bigint, thresholdMinor: bigint): boolean {
  return amountMinor > thresholdMinor;
}

/**
 * Which decisions wait for a second officer: approvals above the threshold —
 * they commit money. Rejections and reserve places commit none and are final
 * at once (a reserve place can later become an approval, which is then checked
 * like any other).
 */
export function decisionNeedsConfirmation(outcome: DecisionOutcome, amountMinor: bigint, thresholdMinor: bigint): boolean {
  return outcome === 'approved' && needsConfirmation(amountMinor, thresholdMinor);
}

/** What the envelope still holds after the approvals already proposed or confirmed. Never negative. */
export function envelopeRemaining(envelopeMinor: bigint, committedMinor: bigint): bigint {
  const left = envelopeMinor - committedMinor;
  return left > 0n ? left : 0n;
}

/**
 * An approval fits only if every approval proposed or confirmed so far plus
 * this one stays within the call's envelope. The message says how much is left.
 */
export function approvalEnvelopeViolation(envelopeMinor: bigint, committedMinor: bigint, amountMinor: bigint, currency: CurrencyCode): DecisionViolation | null {
  if (committedMinor + amountMinor <= envelopeMinor) return null;
  const left = envelopeRemaining(envelopeMinor, committedMinor);
  return {
    field: 'amountMinor',
    message: `The call's envelope of ${money(envelopeMinor, currency)} has ${money(left, currency)} left; an approval of ${money(amountMinor, currency)} does not fit`,
  };
}

export type FundingDecisionAction = 'confirm' | 'cancel';

/** A decision is proposed until confirmed or cancelled; both are final (a confirmed decision is corrected by a later one, never edited). */
export function decisionTransition(from: DecisionState, action: FundingDecisionAction): { ok: true; to: DecisionState } | { ok: false; reason: string } {
  if (from !== 'proposed') return { ok: false, reason: `this decision is already ${from}` };
  return { ok: true, to: action === 'confirm' ? 'confirmed' : 'cancelled' };
}
