import { emptyApplicationContent } from '@mizan/domain';
import { closedReason, contentFieldErrors, receiptNumberOf } from './application-rules';

const call = {
  status: 'published' as const,
  opensAt: new Date('2027-01-01T08:00:00Z'),
  closesAt: new Date('2027-03-31T15:00:00Z'),
  timeZone: 'Europe/Stockholm',
};

describe('closedReason', () => {
  it('is null while the call is open, up to the last millisecond', () => {
    expect(closedReason(call, new Date('2027-02-01T00:00:00Z'))).toBeNull();
    expect(closedReason(call, new Date('2027-03-31T14:59:59.999Z'))).toBeNull();
  });

  it('names the deadline in the call zone once it has passed, from the closing instant on', () => {
    expect(closedReason(call, new Date('2027-03-31T15:00:00Z'))).toBe('The call closed at 2027-03-31 17:00 (Europe/Stockholm); the deadline has passed');
    expect(closedReason(call, new Date('2027-03-31T15:00:01Z'))).toContain('closed at 2027-03-31 17:00 (Europe/Stockholm)');
  });

  it('says when a call that is not yet open opens', () => {
    expect(closedReason(call, new Date('2026-12-31T00:00:00Z'))).toBe('The call is not yet open: it opens at 2027-01-01 09:00 (Europe/Stockholm)');
  });

  it('refuses an unpublished call', () => {
    expect(closedReason({ ...call, status: 'draft' }, new Date('2027-02-01T00:00:00Z'))).toBe('The call is not published');
  });
});

describe('receiptNumberOf', () => {
  it('pads the sequence to six digits', () => {
    expect(receiptNumberOf('2027', '1001')).toBe('MZ-2027-001001');
    expect(receiptNumberOf('2027', '1234567')).toBe('MZ-2027-1234567');
  });
});

describe('contentFieldErrors', () => {
  const refs = { governorateCodes: new Set(['IQ-BA', 'IQ-NI']), partnerIds: new Set(['p-1']) };

  it('accepts content that references only known governorates and own partners', () => {
    const content = {
      ...emptyApplicationContent('T'),
      partnerIds: ['p-1'],
      activities: [{ id: 'a1', title: 'Training', governorates: ['IQ-BA'], months: [1, 12] }],
    };
    expect(contentFieldErrors(content, refs)).toEqual([]);
  });

  it('names the path of each bad reference', () => {
    const content = {
      ...emptyApplicationContent('T'),
      durationMonths: 6,
      partnerIds: ['p-1', 'someone-else'],
      activities: [
        { id: 'a1', title: 'Training', governorates: ['IQ-BA'], months: [1] },
        { id: 'a2', title: 'Clinic', governorates: ['IQ-XX'], months: [0, 7] },
      ],
    };
    const errors = contentFieldErrors(content, refs);
    expect(errors.map((e) => e.field)).toEqual(['content.partnerIds', 'content.activities.1.governorates', 'content.activities.1.months']);
    expect(errors[0].message).toContain('someone-else');
    expect(errors[2].message).toContain('0, 7');
  });

  it('refuses duplicate ids within one list', () => {
    const line = { id: 'b1', category: 'admin' as const, year: 2027, description: '', amountMinor: '1' };
    const errors = contentFieldErrors({ ...emptyApplicationContent('T'), budgetLines: [line, line] }, refs);
    expect(errors).toEqual([{ field: 'content.budgetLines.1.id', message: 'id "b1" is used twice' }]);
  });
});
