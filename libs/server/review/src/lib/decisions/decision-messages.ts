import { CurrencyCode, DecisionOutcome, RejectionReason, formatDecimal } from '@mizan/domain';

/**
 * The words of the notifications a decision sends, in English (users carry no
 * language yet; the web translates the codes it shows, mail goes out as written here).
 */
export const REJECTION_REASON_TEXT: Readonly<Record<RejectionReason, string>> = {
  low_score: 'The reviewers scored the application too low compared with others in the call.',
  outside_priorities: "The project lies outside the call's priorities.",
  budget_not_credible: 'The budget is not credible for the planned activities.',
  insufficient_partnership: 'The partnership with the organization in the country of origin is not strong enough.',
  weak_risk_management: 'The risks (security, fiduciary, safeguarding) are not managed well enough.',
  envelope_exhausted: "The call's funds are used up by higher-ranked applications.",
  other: 'Another reason, explained below.',
};

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

/** Title (also the email subject) and body of the news of a final decision, for the applicant's members. */
export function decisionMessage(input: DecisionMessageInput): { title: string; body: string } {
  const name = `“${input.applicationTitle}”${input.receiptNumber ? ` (${input.receiptNumber})` : ''}`;
  switch (input.outcome) {
    case 'approved': {
      const reduced = input.amountMinor < input.requestedMinor ? ` (you requested ${formatMoney(input.requestedMinor, input.currency)})` : '';
      const lines = [`Your application ${name} has been approved.`, '', `Amount granted: ${formatMoney(input.amountMinor, input.currency)}${reduced}.`];
      if (input.conditions) lines.push('', 'Conditions of the grant:', input.conditions);
      lines.push('', 'The next step is the grant agreement; the agency will contact you.');
      return { title: `Application approved: ${input.applicationTitle}`, body: lines.join('\n') };
    }
    case 'rejected': {
      const lines = [`Your application ${name} has not been approved.`, '', 'Reasons:'];
      for (const reason of input.rejectionReasons) lines.push(`- ${REJECTION_REASON_TEXT[reason]}`);
      if (input.rejectionNote) lines.push('', input.rejectionNote);
      return { title: `Application not approved: ${input.applicationTitle}`, body: lines.join('\n') };
    }
    case 'reserve':
      return {
        title: `Application on the reserve list: ${input.applicationTitle}`,
        body: [
          `Your application ${name} has been placed on the reserve list.`,
          '',
          "It may still be funded if money in the call's envelope becomes free; you will be told of the final decision.",
        ].join('\n'),
      };
  }
}
