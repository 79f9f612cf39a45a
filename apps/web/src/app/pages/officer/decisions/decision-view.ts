import {
  ErrorCode,
  type EnvelopeView,
  type FundingDecisionView,
  type MakeDecisionRequest,
} from '@mizan/contracts';
import {
  REJECTION_REASONS,
  decisionNeedsConfirmation,
  type CurrencyCode,
  type DecisionOutcome,
  type DecisionState,
  type RejectionReason,
} from '@mizan/domain';
import { errorMessage, type WebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { TranslationParams } from '../../../core/i18n/i18n.service';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import type { Tone } from '../../../core/ui/tone-badge.component';

/* Pure rules of the decision screens: labels, the envelope gauge, four eyes, the request. */

export function outcomeKey(outcome: DecisionOutcome): TranslationKey {
  return `decisions.outcome.${outcome}`;
}

export function outcomeTone(outcome: DecisionOutcome): Tone {
  switch (outcome) {
    case 'approved':
      return 'good';
    case 'rejected':
      return 'bad';
    default:
      return 'warn';
  }
}

export function decisionStateKey(state: DecisionState): TranslationKey {
  return `decisions.state.${state}`;
}

export function decisionStateTone(state: DecisionState): Tone {
  switch (state) {
    case 'proposed':
      return 'warn';
    case 'confirmed':
      return 'info';
    default:
      return 'neutral';
  }
}

/** A reason code the web does not know (added to the domain later) reads as "Other". */
export function reasonKey(reason: string): TranslationKey {
  return (REJECTION_REASONS as readonly string[]).includes(reason)
    ? `decisions.reason.${reason as RejectionReason}`
    : 'decisions.reason.other';
}

/** Amounts as digit strings only; anything else counts as 0. */
function minor(text: string): bigint {
  return /^\d{1,18}$/.test(text) ? BigInt(text) : 0n;
}

/** Share of `whole` in percent with one decimal, rounded down (so segments never add up past 100). */
function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n || part <= 0n) return 0;
  const tenths = (part * 1000n) / whole;
  return Number(tenths > 1000n ? 1000n : tenths) / 10;
}

export interface EnvelopeGauge {
  envelopeMinor: string;
  confirmedMinor: string;
  /** Approvals proposed and waiting for a second officer: committed but not confirmed. */
  awaitingMinor: string;
  remainingMinor: string;
  confirmedPercent: number;
  awaitingPercent: number;
  remainingPercent: number;
  /** Share committed (confirmed + awaiting), in percent. */
  committedPercent: number;
}

/** The three segments of a call's envelope: confirmed, proposed awaiting confirmation, remaining. */
export function envelopeGauge(envelope: EnvelopeView): EnvelopeGauge {
  const whole = minor(envelope.envelopeMinor);
  const confirmed = minor(envelope.confirmedMinor);
  const committed = minor(envelope.committedMinor);
  const awaiting = committed > confirmed ? committed - confirmed : 0n;
  const full = whole > 0n && committed >= whole;
  const confirmedPercent =
    full && awaiting === 0n ? 100 : percent(confirmed, whole);
  // A full envelope leaves no sliver of "remaining" from rounding down: the awaiting share takes it.
  const awaitingPercent =
    full && awaiting > 0n
      ? Math.round((100 - confirmedPercent) * 10) / 10
      : Math.min(percent(awaiting, whole), Math.max(0, 100 - confirmedPercent));
  const used = Math.round((confirmedPercent + awaitingPercent) * 10) / 10;
  return {
    envelopeMinor: whole.toString(),
    confirmedMinor: confirmed.toString(),
    awaitingMinor: awaiting.toString(),
    remainingMinor: envelope.remainingMinor,
    confirmedPercent,
    awaitingPercent,
    remainingPercent:
      whole > 0n ? Math.max(0, Math.round((100 - used) * 10) / 10) : 0,
    committedPercent: used,
  };
}

export type ConfirmBlock = 'ownProposal' | 'notAwaiting' | null;

/** Four eyes: why the signed-in officer may not confirm this decision, or null when they may. */
export function confirmBlock(
  decision: Pick<FundingDecisionView, 'awaitingConfirmation' | 'proposedBy'>,
  userId: string | null | undefined,
): ConfirmBlock {
  if (!decision.awaitingConfirmation) return 'notAwaiting';
  if (userId && decision.proposedBy.id === userId) return 'ownProposal';
  return null;
}

/** True when the amount granted is less than the amount requested. */
export function isReduced(
  amountMinor: string,
  requestedMinor: string,
): boolean {
  return minor(amountMinor) < minor(requestedMinor);
}

/** The decision form as typed: the amount is decimal text, e.g. "600000.50". */
export interface DecisionFormValue {
  outcome: DecisionOutcome;
  amountMinor: string;
  conditions: string;
  rejectionReasons: readonly RejectionReason[];
  rejectionNote: string;
  rationale: string;
}

/**
 * What the form sends: only the fields of the chosen outcome, text trimmed,
 * reasons in the list's order. Null when an approval's amount is not an amount.
 */
export function buildDecisionRequest(
  value: DecisionFormValue,
  currency: CurrencyCode,
): MakeDecisionRequest | null {
  const rationale = value.rationale.trim();
  switch (value.outcome) {
    case 'approved': {
      const amountMinor = moneyInputToMinor(value.amountMinor, currency);
      if (amountMinor === null) return null;
      const conditions = value.conditions.trim();
      return {
        outcome: 'approved',
        amountMinor,
        ...(conditions ? { conditions } : {}),
        rationale,
      };
    }
    case 'rejected': {
      const note = value.rejectionNote.trim();
      return {
        outcome: 'rejected',
        rejectionReasons: REJECTION_REASONS.filter((r) =>
          value.rejectionReasons.includes(r),
        ),
        ...(note ? { rejectionNote: note } : {}),
        rationale,
      };
    }
    default:
      return { outcome: value.outcome, rationale };
  }
}

export type FourEyesNote =
  | { kind: 'needsSecond'; amountMinor: string; thresholdMinor: string }
  | { kind: 'everyApproval' }
  | { kind: 'withinThreshold'; amountMinor: string; thresholdMinor: string }
  | { kind: 'noMoney' }
  | { kind: 'unknown' };

/**
 * Whether the decision being drafted will wait for a second officer: approvals
 * above the call's threshold do (threshold 0: every approval); rejections and
 * reserve places commit no money and are final at once.
 */
export function fourEyesNote(
  outcome: DecisionOutcome,
  amountMinor: string | null,
  thresholdMinor: string | null,
): FourEyesNote {
  if (outcome !== 'approved') return { kind: 'noMoney' };
  if (thresholdMinor === null || !/^\d{1,18}$/.test(thresholdMinor)) {
    return { kind: 'unknown' };
  }
  if (thresholdMinor === '0') return { kind: 'everyApproval' };
  if (amountMinor === null || !/^\d{1,18}$/.test(amountMinor)) {
    return { kind: 'unknown' };
  }
  return decisionNeedsConfirmation(
    outcome,
    BigInt(amountMinor),
    BigInt(thresholdMinor),
  )
    ? { kind: 'needsSecond', amountMinor, thresholdMinor }
    : { kind: 'withinThreshold', amountMinor, thresholdMinor };
}

/** True when an approval of `amountMinor` would not fit in what the envelope has left. */
export function exceedsRemaining(
  amountMinor: string | null,
  remainingMinor: string | null,
): boolean {
  if (amountMinor === null || remainingMinor === null) return false;
  if (!/^\d{1,18}$/.test(amountMinor) || !/^\d{1,18}$/.test(remainingMinor))
    return false;
  return BigInt(amountMinor) > BigInt(remainingMinor);
}

export interface DecisionProblem {
  key: TranslationKey;
  params?: TranslationParams;
}

/** The sentence for a failed decision request, naming the rule that refused it. */
export function decisionProblem(error: WebError): DecisionProblem {
  switch (error.code) {
    case ErrorCode.EnvelopeExceeded:
      return {
        key: 'decisions.error.envelope',
        params: { message: error.message },
      };
    case ErrorCode.FourEyesRequired:
      return { key: 'decisions.error.fourEyes' };
    case ErrorCode.Conflict:
      return {
        key: 'decisions.error.conflict',
        params: { message: error.message },
      };
    case ErrorCode.Forbidden:
      return {
        key: 'decisions.error.forbidden',
        params: { message: error.message },
      };
    default:
      return errorMessage(error);
  }
}
