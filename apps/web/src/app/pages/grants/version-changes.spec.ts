import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService, LANGUAGE_STORAGE } from '../../core/i18n/i18n.service';
import { changeLabel, changeValue } from './version-changes';

describe('what changed between versions, in words', () => {
  let i18n: I18nService;
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
      ],
    });
    i18n = TestBed.inject(I18nService);
  });

  it('names the part of the agreement that changed', () => {
    expect(changeLabel(i18n, 'endsOn')).toBe('Ends on');
    expect(changeLabel(i18n, 'tranches.2')).toBe('Tranche 2');
    expect(changeLabel(i18n, 'budgetLines.line-1')).toBe('Budget line');
    expect(changeLabel(i18n, 'reportingSchedule')).toBe('Reporting schedule');
  });

  it('shows money, dates, lines and tranches as a person reads them', () => {
    expect(changeValue(i18n, 'endsOn', '2027-12-31', 'SEK')).toBe(i18n.formatDate('2027-12-31'));
    expect(
      changeValue(i18n, 'budgetLines.l1', { id: 'l1', category: 'Staff', description: '', amountMinor: '50000000' }, 'SEK'),
    ).toBe(`Staff · ${new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'SEK' }).format(500000)}`);
    expect(changeValue(i18n, 'budgetLines.l1', null, 'SEK')).toBe('—');
    expect(changeValue(i18n, 'reallocationToleranceBp', 1500, 'SEK')).toBe('15 %');
    expect(changeValue(i18n, 'modality', 'reimbursement', 'SEK')).toBe('Reimbursement');
  });
});
