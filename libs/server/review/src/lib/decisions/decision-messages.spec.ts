import { REJECTION_REASONS } from '@mizan/domain';
import { REJECTION_REASON_TEXT, decisionMessage, formatMoney } from './decision-messages';

const base = {
  applicationTitle: 'Mental health first aid in Basra',
  receiptNumber: 'MZ-2027-00042',
  requestedMinor: 86_000_000n,
  currency: 'SEK' as const,
  conditions: null,
  rejectionReasons: [],
  rejectionNote: null,
};

describe('decision messages', () => {
  it('formats amounts as a reader expects them, in every currency', () => {
    expect(formatMoney(123456789n, 'SEK')).toBe('1,234,567.89 SEK');
    expect(formatMoney(5n, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(1500000000n, 'IQD')).toBe('1,500,000.000 IQD');
  });

  it('an approval names the amount, says when it was cut, and lists the conditions', () => {
    const cut = decisionMessage({ ...base, outcome: 'approved', amountMinor: 60_000_000n, conditions: 'Quarterly reports' });
    expect(cut.title).toBe('Application approved: Mental health first aid in Basra');
    expect(cut.body).toContain('“Mental health first aid in Basra” (MZ-2027-00042) has been approved');
    expect(cut.body).toContain('Amount granted: 600,000.00 SEK (you requested 860,000.00 SEK).');
    expect(cut.body).toContain('Conditions of the grant:\nQuarterly reports');
    const full = decisionMessage({ ...base, outcome: 'approved', amountMinor: 86_000_000n });
    expect(full.body).toContain('Amount granted: 860,000.00 SEK.');
    expect(full.body).not.toContain('Conditions');
  });

  it('a rejection gives every reason in words, and the note', () => {
    const message = decisionMessage({ ...base, outcome: 'rejected', amountMinor: 0n, rejectionReasons: [...REJECTION_REASONS], rejectionNote: 'See the reviewers’ comments.' });
    expect(message.title).toBe('Application not approved: Mental health first aid in Basra');
    for (const reason of REJECTION_REASONS) expect(message.body).toContain(`- ${REJECTION_REASON_TEXT[reason]}`);
    expect(message.body.endsWith('See the reviewers’ comments.')).toBe(true);
    expect(message.body).not.toContain('SEK');
  });

  it('a reserve place says the decision is not final yet', () => {
    const message = decisionMessage({ ...base, receiptNumber: null, outcome: 'reserve', amountMinor: 0n });
    expect(message.title).toBe('Application on the reserve list: Mental health first aid in Basra');
    expect(message.body).toContain('“Mental health first aid in Basra” has been placed on the reserve list');
  });
});
