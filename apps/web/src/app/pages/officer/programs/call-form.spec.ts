import { FormArray, FormControl, FormGroup } from '@angular/forms';
import type { CallRulesInput } from '@mizan/contracts';
import {
  callFormValueOf,
  closesAfterOpens,
  newCallValue,
  nextCriterionId,
  normalizeCountry,
  toCallRules,
  weightSum,
  weightsSumTo100,
} from './call-form';

const RULES: CallRulesInput = {
  title: 'Water and livelihoods 2027',
  description: 'Small grants.',
  timeZone: 'Europe/Stockholm',
  opensAtLocal: '2027-01-15T09:00',
  closesAtLocal: '2027-03-31T17:00',
  envelopeMinor: '500000000',
  maxGrantMinor: '50000050',
  minCofundingBp: 1000,
  adminCapBp: 750,
  hostCountries: ['SE'],
  requirePartner: true,
  minOrganizationAgeMonths: 12,
  requiredDocuments: ['statutes', 'board_list'],
  rubric: {
    criteria: [
      { id: 'relevance', title: 'Relevance', description: 'Fits', weight: 60 },
      { id: 'feasibility', title: 'Feasibility', description: '', weight: 40 },
    ],
    scale: ['0', '1', '2', '3', '4', '5'],
  },
};

describe('the call form model', () => {
  it('adds the weights, ignoring rows still empty', () => {
    expect(weightSum([{ weight: 60 }, { weight: null }, { weight: 30 }])).toBe(90);
  });

  it('accepts only weights that add up to exactly 100', () => {
    const array = new FormArray([new FormControl({ weight: 60 }), new FormControl({ weight: 30 })], {
      validators: weightsSumTo100,
    });
    expect(array.errors).toEqual({ weightSum: { sum: 90 } });
    array.at(1).setValue({ weight: 40 });
    expect(array.errors).toBeNull();
    array.clear();
    expect(array.errors).toEqual({ noCriteria: true });
  });

  it('gives new criteria an id nobody uses yet', () => {
    expect(nextCriterionId([])).toBe('c1');
    expect(nextCriterionId([{ id: 'c1' }, { id: 'c2' }])).toBe('c3');
    expect(nextCriterionId([{ id: 'c2' }, { id: 'x' }])).toBe('c3');
    expect(nextCriterionId([{ id: 'c3' }, { id: 'c2' }])).toBe('c4');
  });

  it('shows a call’s rules as form text and sends them back unchanged', () => {
    const value = callFormValueOf(RULES, 'SEK');
    expect(value.envelopeMinor).toBe('5000000.00');
    expect(value.maxGrantMinor).toBe('500000.50');
    expect(value.adminCapBp).toBe('7.5');
    expect(value.minCofundingBp).toBe('10');
    expect(toCallRules(value, 'SEK')).toEqual(RULES);
  });

  it('converts typed amounts and percentages for the api, trimming text', () => {
    const value = {
      ...newCallValue(['a', 'b', 'c', 'd', 'e', 'f'], new Date(2027, 0, 10, 12)),
      title: '  New call ',
      envelopeMinor: '2000000',
      maxGrantMinor: '250000.5',
      adminCapBp: '7.25',
    };
    const rules = toCallRules(value, 'SEK');
    expect(rules.title).toBe('New call');
    expect(rules.envelopeMinor).toBe('200000000');
    expect(rules.maxGrantMinor).toBe('25000050');
    expect(rules.adminCapBp).toBe(725);
    expect(rules.minCofundingBp).toBe(1000);
    expect(rules.opensAtLocal).toBe('2027-01-11T09:00');
    expect(rules.rubric.scale).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(rules.rubric.criteria[0].weight).toBe(0);
  });

  it('pads a short scale to six descriptions', () => {
    const value = callFormValueOf(
      { ...RULES, rubric: { ...RULES.rubric, scale: ['only'] } },
      'SEK',
    );
    expect(value.rubric.scale).toEqual(['only', '', '', '', '', '']);
  });

  it('requires the call to close after it opens', () => {
    const group = new FormGroup(
      {
        opensAtLocal: new FormControl('2027-03-31T17:00'),
        closesAtLocal: new FormControl('2027-03-31T17:00'),
      },
      { validators: closesAfterOpens },
    );
    expect(group.errors).toEqual({ closesBeforeOpens: true });
    group.controls.closesAtLocal.setValue('2027-03-31T17:01');
    expect(group.errors).toBeNull();
  });

  it('normalizes country codes', () => {
    expect(normalizeCountry(' se ')).toBe('SE');
    expect(normalizeCountry('Sweden')).toBeNull();
  });
});
