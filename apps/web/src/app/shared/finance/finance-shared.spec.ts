import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ConditionCheckView } from '@mizan/contracts';
import type { WebError } from '../../core/api/api-error';
import { I18nService, LANGUAGE_STORAGE } from '../../core/i18n/i18n.service';
import { budgetCategoryText, budgetLineText, conditionReason, financeProblem, stateLabel, stateTone } from './finance-labels';

const webError = (over: Partial<WebError>): WebError => ({
  status: 400,
  code: 'UNKNOWN_ERROR',
  message: 'x',
  fields: [],
  ...over,
});

describe('finance labels', () => {
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

  const condition = (over: Partial<ConditionCheckView>): ConditionCheckView => ({
    id: 'c1',
    kind: 'due_diligence_valid',
    label: null,
    ok: false,
    reasonCode: 'CONDITION_DD_EXPIRED',
    reasonParams: { expiresOn: '2026-10-01' },
    tickedBy: null,
    tickedAt: null,
    note: null,
    ...over,
  });

  it('words a failing condition with its params, dates formatted', () => {
    expect(conditionReason(i18n, condition({}))).toBe(
      `The due-diligence clearance expired on ${i18n.formatDate('2026-10-01')}.`,
    );
    expect(
      conditionReason(i18n, condition({ reasonCode: 'CONDITION_OPEN_HIGH_FINDINGS', reasonParams: { count: 2 } })),
    ).toBe('2 high-priority findings are open.');
  });

  it('says a met condition holds, and when a custom one was ticked', () => {
    expect(conditionReason(i18n, condition({ ok: true, reasonCode: 'condition.unknown' }))).toBe('Holds.');
    expect(conditionReason(i18n, condition({ ok: true, reasonCode: 'condition.dd_valid', reasonParams: { until: '2029-06-30' } }))).toBe(
      `Due-diligence clearance valid until ${i18n.formatDate('2029-06-30')}.`,
    );
    expect(
      conditionReason(i18n, condition({ reasonCode: 'condition.accounted_too_little', reasonParams: { accountedBp: 6250, minBp: 7000 } })),
    ).toBe('Only 62.5 % of earlier tranches accounted for; at least 70 % needed.');
    expect(conditionReason(i18n, condition({ reasonCode: 'condition.not_ticked', reasonParams: { label: 'Visit' } }))).toBe(
      'Not ticked yet by the officer.',
    );
    expect(
      conditionReason(i18n, condition({ ok: true, kind: 'custom', reasonCode: 'condition.unknown', tickedAt: '2026-11-02T10:00:00Z' })),
    ).toContain('Ticked as met');
  });

  it('never shows a bare unknown code', () => {
    expect(conditionReason(i18n, condition({ reasonCode: 'CONDITION_NEW_KIND' }))).toBe(
      'Does not hold yet (CONDITION_NEW_KIND).',
    );
  });

  it('writes a percentage the server sent as text in the digits of the language shown', () => {
    const tooLow = condition({ kind: 'earlier_tranches_accounted', reasonCode: 'CONDITION_ACCOUNTED_TOO_LOW', reasonParams: { accountedPercent: '37.01', minPercent: '70' } });
    expect(conditionReason(i18n, tooLow)).toBe('Only 37.01 % of earlier tranches accounted for; at least 70 % needed.');
    i18n.use('ar');
    expect(conditionReason(i18n, tooLow)).toContain('٣٧٫٠١');
    expect(conditionReason(i18n, tooLow)).toContain('٧٠');
    expect(conditionReason(i18n, tooLow)).not.toMatch(/[0-9]/);
  });

  it('labels and colours states, in Arabic too', () => {
    expect(stateLabel(i18n, 'grant', 'awaiting_countersignature')).toBe('Awaiting countersignature');
    expect(stateTone('payment', 'rejected')).toBe('bad');
    i18n.use('ar');
    expect(stateLabel(i18n, 'tranche', 'paid')).toBe('مدفوعة');
    expect(stateLabel(i18n, 'grant', 'unknown_state')).toBe('unknown_state');
  });

  it('translates a budget line category carried over from the application, keeps an officer’s own words', () => {
    const t = (key: Parameters<I18nService['t']>[0]) => i18n.t(key);
    const lines = [
      { id: 'b4', category: 'monitoring_evaluation', description: 'Third-party visits' },
      { id: 'b9', category: 'Clinic rent', description: 'Basra office' },
    ];
    expect(budgetCategoryText('monitoring_evaluation', t)).toBe('Monitoring and evaluation');
    expect(budgetLineText(lines, 'b9', t)).toBe('Clinic rent · Basra office');
    expect(budgetLineText(lines, 'b7', t)).toBe('b7');
    i18n.use('ar');
    expect(budgetLineText(lines, 'b4', t)).toBe('المتابعة والتقييم · Third-party visits');
    // A category that only looks like a code (an inherited property name) is not looked up.
    expect(budgetCategoryText('constructor', t)).toBe('constructor');
  });

  it('has a sentence for the grant error codes and falls back to the common ones', () => {
    expect(financeProblem(webError({ code: 'STALE_GRANT' as WebError['code'] })).key).toBe('fin.error.STALE_GRANT');
    expect(financeProblem(webError({ status: 0, code: 'NETWORK_ERROR' })).key).toBe('errors.network');
  });
});

describe('localizeFieldErrors', () => {
  it('turns bracket paths into control paths and coded messages into sentences', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
      ],
    });
    const { localizeFieldErrors } = await import('./finance-labels');
    const i18n = TestBed.inject(I18nService);
    expect(
      localizeFieldErrors(i18n, [
        { field: 'content.tranches[1].plannedOn', message: 'TRANCHE_DATE_OUTSIDE_PERIOD: 2030-01-01 is after 2027-12-31' },
        { field: 'typedName', message: 'Something the api says' },
      ]),
    ).toEqual([
      { field: 'content.tranches.1.plannedOn', message: 'The date must fall inside the grant period.' },
      { field: 'typedName', message: 'Something the api says' },
    ]);
  });
});
