import { CurrencyCode, DecisionOutcome, RejectionReason, formatDecimal } from '@mizan/domain';
import type { ServerMessage } from '@mizan/server/core';

export interface DecisionMessageInput {
  outcome: DecisionOutcome;
  applicationTitle: string;
  receiptNumber: string | null;
  amountMinor: bigint;
  requestedMinor: bigint;
  currency: CurrencyCode;
  conditions: string | null;
  rejectionReasons: readonly RejectionReason[];
  rejectionNote: string | null;
}

/** 1234567.50 SEK → "1,234,567.50 SEK": the way an email reader expects an amount. */
export function formatMoney(minor: bigint, currency: CurrencyCode): string {
  const [whole, fraction] = formatDecimal(minor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${currency}`;
}

/**
 * The news of a final decision, for the applicant's members: a message of the server catalog
 * (`application.<approved|rejected|reserve>`), rendered in each reader's language (in-app and by email).
 */
export function decisionMessage(input: DecisionMessageInput): ServerMessage {
  const params = {
    title: input.applicationTitle,
    hasReceipt: input.receiptNumber !== null,
    receipt: input.receiptNumber,
  };
  switch (input.outcome) {
    case 'approved':
      return {
        key: 'application.approved',
        params: {
          ...params,
          amount: { $money: { minor: input.amountMinor.toString(), currency: input.currency } },
          reduced: input.amountMinor < input.requestedMinor,
          requested: { $money: { minor: input.requestedMinor.toString(), currency: input.currency } },
          hasConditions: Boolean(input.conditions),
          conditions: input.conditions,
        },
      };
    case 'rejected':
      return {
        key: 'application.rejected',
        params: { ...params, reasons: { $codes: { prefix: 'rejection_reason', codes: [...input.rejectionReasons] } }, hasNote: Boolean(input.rejectionNote), note: input.rejectionNote },
      };
    case 'reserve':
      return { key: 'application.reserve', params };
  }
}
