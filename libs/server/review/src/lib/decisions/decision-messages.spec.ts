import { REJECTION_REASONS } from '@mizan/domain';
import { renderEmail, renderNotification } from '@mizan/server/core';
import { decisionMessage, formatMoney } from './decision-messages';

const base = {
  applicationTitle: 'Mental health first aid in Basra',
  receiptNumber: 'MZ-2027-00042',
  requestedMinor: 86_000_000n,
  currency: 'SEK' as const,
  conditions: null,
  rejectionReasons: [],
  rejectionNote: null,
};

/** Intl puts a no-break space between a currency code and the number; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('decision messages', () => {
  it('formats amounts as a reader expects them, in every currency', () => {
    expect(formatMoney(123456789n, 'SEK')).toBe('1,234,567.89 SEK');
    expect(formatMoney(5n, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(1500000000n, 'IQD')).toBe('1,500,000.000 IQD');
  });

  it('an approval names the amount, says when it was cut, and lists the conditions', () => {
    const cut = renderNotification('en', decisionMessage({ ...base, outcome: 'approved', amountMinor: 60_000_000n, conditions: 'Quarterly reports' }));
    expect(cut.title).toBe('Application approved: Mental health first aid in Basra');
    expect(cut.body).toContain('“Mental health first aid in Basra” (MZ-2027-00042) has been approved');
    expect(plain(cut.body)).toContain('Amount granted: 600,000.00 SEK (you requested 860,000.00 SEK).');
    expect(cut.body).toContain('Conditions of the grant:\nQuarterly reports');
    const full = renderNotification('en', decisionMessage({ ...base, outcome: 'approved', amountMinor: 86_000_000n }));
    expect(plain(full.body)).toContain('Amount granted: 860,000.00 SEK.');
    expect(full.body).not.toContain('Conditions');
  });

  it('a rejection gives every reason in words, and the note', () => {
    const message = decisionMessage({ ...base, outcome: 'rejected', amountMinor: 0n, rejectionReasons: [...REJECTION_REASONS], rejectionNote: 'See the reviewers’ comments.' });
    const en = renderNotification('en', message);
    expect(en.title).toBe('Application not approved: Mental health first aid in Basra');
    expect(en.body).toContain('- The budget is not credible for the planned activities.');
    expect(en.body.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(REJECTION_REASONS.length);
    expect(en.body.endsWith('See the reviewers’ comments.')).toBe(true);
    expect(en.body).not.toContain('SEK');
  });

  it('a reserve place says the decision is not final yet', () => {
    const message = renderNotification('en', decisionMessage({ ...base, receiptNumber: null, outcome: 'reserve', amountMinor: 0n }));
    expect(message.title).toBe('Application on the reserve list: Mental health first aid in Basra');
    expect(message.body).toContain('“Mental health first aid in Basra” has been placed on the reserve list');
  });

  it('is written in the reader’s language: Arabic with the title isolated, Swedish with its separators', () => {
    const message = decisionMessage({ ...base, outcome: 'approved', amountMinor: 60_000_000n, conditions: 'Quarterly reports' });
    const ar = renderNotification('ar', message);
    expect(ar.title).toBe('تمت الموافقة على الطلب: \u2068Mental health first aid in Basra\u2069');
    expect(ar.body).toContain('المبلغ الممنوح');
    // The digits are the locale's (Node's CLDR writes Latin digits for `ar`, as the web app shows them).
    expect(ar.body).toMatch(/600,000\.00|٦٠٠٬٠٠٠٫٠٠/);
    const sv = renderNotification('sv', message);
    expect(sv.title).toBe('Ansökan beviljad: Mental health first aid in Basra');
    expect(plain(sv.body)).toContain('600 000,00 SEK');
    const rejected = renderNotification('sv', decisionMessage({ ...base, outcome: 'rejected', amountMinor: 0n, rejectionReasons: ['low_score'], rejectionNote: null }));
    expect(rejected.body).toContain('- Granskarna gav ansökan för låga poäng');
  });

  it('an email has the subject, the body and the footer in the language, and an HTML part right to left for Arabic', () => {
    const message = decisionMessage({ ...base, outcome: 'rejected', amountMinor: 0n, rejectionReasons: ['other'], rejectionNote: 'Budget <unclear> & late' });
    const ar = renderEmail('ar', message);
    expect(ar.subject).toContain('لم تتم الموافقة على الطلب');
    expect(ar.text).toContain('ميزان. سجّل الدخول');
    expect(ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar.html).toContain('Budget &lt;unclear&gt; &amp; late');
    const en = renderEmail('en', message);
    expect(en.html).toContain('<html lang="en" dir="ltr">');
    expect(en.text).toContain('Mizan. Sign in to see the details');
  });
});
