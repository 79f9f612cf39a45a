import { applyFieldErrors } from '../../../core/api/api-error';
import type { ApplicationContent } from '@mizan/domain';
import { FormControl } from '@angular/forms';
import {
  amountValidator,
  budgetLineForm,
  buildApplicationForm,
  clampActivityMonths,
  contentToDraft,
  draftToContent,
  resetApplicationForm,
  stepOfField,
  type ApplicationDraft,
} from './application-form';

const content: ApplicationContent = {
  title: 'Clean water for Basra schools',
  partnerIds: ['p1'],
  summary: 'Wells and filters.',
  durationMonths: 12,
  outcomes: [
    {
      id: 'o1',
      title: 'Safer water',
      outputs: [
        {
          id: 'u1',
          title: 'Filters installed',
          indicators: [
            {
              id: 'i1',
              name: 'Schools',
              unit: 'schools',
              baseline: '0',
              target: '10',
              meansOfVerification: 'Visits',
            },
          ],
        },
      ],
    },
  ],
  activities: [
    { id: 'a1', title: 'Install', governorates: ['IQ-BA'], months: [3, 1, 2] },
  ],
  budgetLines: [
    {
      id: 'b1',
      category: 'equipment',
      year: 2027,
      description: 'Filters',
      amountMinor: '1250050',
    },
    {
      id: 'b2',
      category: 'admin',
      year: 2027,
      description: 'Office',
      amountMinor: '5000000',
    },
  ],
  cofunding: [
    { id: 'c1', source: 'Members', amountMinor: '100000', confirmed: true },
  ],
  risks: [
    {
      id: 'r1',
      area: 'security',
      description: 'Road closures',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Local staff',
    },
  ],
  monitoringPlan: 'Quarterly visits.',
};

describe('application form', () => {
  it('shows amounts as decimal text and gives back exactly the same minor units', () => {
    const draft = contentToDraft(content, 'SEK');
    expect(draft.budgetLines.map((l) => l.amountMinor)).toEqual([
      '12500.50',
      '50000',
    ]);
    const form = buildApplicationForm(draft, 'SEK');
    expect(form.valid).toBe(true);
    const back = draftToContent(form.getRawValue() as ApplicationDraft, 'SEK');
    expect(back.badAmounts).toBe(0);
    expect(back.content).toEqual({
      ...content,
      activities: [{ ...content.activities[0], months: [1, 2, 3] }],
    });
  });

  it('marks a typed amount that is not one, and never sends a float', () => {
    const form = buildApplicationForm(contentToDraft(content, 'SEK'), 'SEK');
    const amount = form.controls.budgetLines.at(0).controls.amountMinor;
    amount.setValue('12.505');
    expect(amount.getError('amount')).toBe('decimals');
    amount.setValue('1,5 million');
    expect(amount.getError('amount')).toBe('invalid');
    const out = draftToContent(form.getRawValue() as ApplicationDraft, 'SEK');
    expect(out.badAmounts).toBe(1);
    expect(out.content.budgetLines[0].amountMinor).toBe('0');
  });

  it('puts an api field error on the control of the same path', () => {
    const form = buildApplicationForm(contentToDraft(content, 'SEK'), 'SEK');
    const unmatched = applyFieldErrors(form, [
      { field: 'budgetLines.1.amountMinor', message: 'too much' },
      {
        field: 'activities.0.months',
        message: 'months must lie between 1 and 12',
      },
      { field: 'nowhere', message: 'x' },
    ]);
    expect(form.get('budgetLines.1.amountMinor')?.getError('server')).toBe(
      'too much',
    );
    expect(form.get('activities.0.months')?.getError('server')).toMatch(
      /months/,
    );
    expect(unmatched.map((f) => f.field)).toEqual(['nowhere']);
  });

  it('rebuilds every list when a newer draft replaces the form', () => {
    const form = buildApplicationForm(contentToDraft(content, 'SEK'), 'SEK');
    const next = {
      ...contentToDraft(content, 'SEK'),
      budgetLines: [],
      summary: 'Changed',
    };
    resetApplicationForm(form, next, 'SEK');
    expect(form.controls.budgetLines.length).toBe(0);
    expect(form.controls.summary.value).toBe('Changed');
    expect(
      form.controls.outcomes.at(0).controls.outputs.at(0).controls.indicators
        .length,
    ).toBe(1);
  });

  it('drops months beyond a shortened project', () => {
    const form = buildApplicationForm(contentToDraft(content, 'SEK'), 'SEK');
    expect(clampActivityMonths(form, 2)).toBe(true);
    expect(form.controls.activities.at(0).controls.months.value).toEqual([
      1, 2,
    ]);
    expect(clampActivityMonths(form, 2)).toBe(false);
  });

  it('starts new budget lines empty, in the given year', () => {
    const line = budgetLineForm('SEK', {}, 2027);
    expect(line.controls.year.value).toBe(2027);
    expect(line.controls.amountMinor.hasError('required')).toBe(true);
    expect(line.controls.id.value).not.toBe('');
  });
});

describe('stepOfField', () => {
  it.each([
    ['content.budgetLines.0.amountMinor', 'budget'],
    ['content.cofunding.1.amountMinor', 'budget'],
    ['admin_cost_cap', 'budget'],
    ['max_grant', 'budget'],
    ['content.partnerIds', 'partners'],
    ['partner_required', 'partners'],
    ['content.activities.0.governorates', 'activities'],
    ['activities_located', 'activities'],
    ['content.outcomes.0.outputs.0.indicators.1.id', 'logframe'],
    ['logframe_complete', 'logframe'],
    ['content.durationMonths', 'summary'],
    ['content.risks.0.id', 'risks'],
    ['content.monitoringPlan', 'monitoring'],
    ['required_documents', 'review'],
  ])('sends %s to the %s step', (field, step) => {
    expect(stepOfField(field)).toBe(step);
  });
});

describe('amountValidator (the limits of the domain, as on the api)', () => {
  const check = (text: string) => amountValidator('SEK')(new FormControl(text));

  it('refuses 15 whole digits of SEK (17 digits of öre) as too large, not as "not an amount"', () => {
    expect(check('999999999999999')).toEqual({ amount: 'too_large' });
    expect(check('1 000 000 000 000 000')).toEqual({ amount: 'too_large' });
    expect(check('12345678901234567890')).toEqual({ amount: 'too_large' });
  });

  it('takes the largest amount the api takes', () => {
    expect(check('9999999999999.99')).toBeNull();
    expect(check('12 500,50')).toBeNull();
  });

  it('keeps the other problems', () => {
    expect(check('')).toEqual({ required: true });
    expect(check('12.505')).toEqual({ amount: 'decimals' });
    expect(check('abc')).toEqual({ amount: 'invalid' });
  });
});
