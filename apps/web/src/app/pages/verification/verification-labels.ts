import type { ExpenditureLineState, LineMessageKind, PaymentMethod, RateSource, ReportState } from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { VerifyCommand } from './verify-keys';

/** The words of the verification page for the api's codes (literal keys, so the catalog spec sees each used). */
export const LINE_STATE_KEY: Record<ExpenditureLineState, TranslationKey> = {
  draft: 'verification.lineState.draft',
  submitted: 'verification.lineState.submitted',
  accepted: 'verification.lineState.accepted',
  questioned: 'verification.lineState.questioned',
  ineligible: 'verification.lineState.ineligible',
};

export const REPORT_STATE_KEY: Record<ReportState, TranslationKey> = {
  draft: 'verification.reportState.draft',
  submitted: 'verification.reportState.submitted',
  returned: 'verification.reportState.returned',
  accepted: 'verification.reportState.accepted',
};

export const RATE_SOURCE_KEY: Record<RateSource, TranslationKey> = {
  same_currency: 'verification.rateSource.same_currency',
  tranche: 'verification.rateSource.tranche',
  reference: 'verification.rateSource.reference',
  bank: 'verification.rateSource.bank',
  other: 'verification.rateSource.other',
};

export const METHOD_KEY: Record<PaymentMethod, TranslationKey> = {
  bank: 'verification.method.bank',
  cash: 'verification.method.cash',
};

export const MESSAGE_KIND_KEY: Record<LineMessageKind, TranslationKey> = {
  question: 'verification.thread.kind.question',
  answer: 'verification.thread.kind.answer',
  note: 'verification.thread.kind.note',
};

export const COMMAND_KEY: Record<VerifyCommand, TranslationKey> = {
  next: 'verification.keys.next',
  previous: 'verification.keys.previous',
  accept: 'verification.keys.accept',
  question: 'verification.keys.question',
  ineligible: 'verification.keys.ineligible',
};

/** How a key is printed on its cap: the arrows as arrows, letters in capitals (the same in every language). */
export function keyCap(key: string): string {
  if (key === 'ArrowDown') return '↓';
  if (key === 'ArrowUp') return '↑';
  return key.toUpperCase();
}
