import { logframeIndicators, unknownIndicatorIds } from './logframe';

const content = {
  outcomes: [
    {
      id: 'oc1',
      title: 'Health',
      outputs: [
        { id: 'op1', title: 'Clinics', indicators: [{ id: 'i1', name: 'Patients seen', unit: 'people', baseline: '0', target: '5000', meansOfVerification: 'registers' }] },
        {
          id: 'op2',
          title: 'Staff',
          indicators: [
            { id: 'i2', name: 'Nurses trained', unit: 'people', baseline: '3', target: '30', meansOfVerification: '' },
            { id: 'i1', name: 'duplicate id', unit: '', baseline: '', target: '', meansOfVerification: '' },
          ],
        },
      ],
    },
    { id: 'oc2', title: 'Empty', outputs: [] },
  ],
};

describe('logframeIndicators', () => {
  it('lists every indicator in logframe order with baseline, target and where it sits', () => {
    expect(logframeIndicators(content)).toEqual([
      { id: 'i1', name: 'Patients seen', unit: 'people', baseline: '0', target: '5000', outcomeId: 'oc1', outputId: 'op1' },
      { id: 'i2', name: 'Nurses trained', unit: 'people', baseline: '3', target: '30', outcomeId: 'oc1', outputId: 'op2' },
    ]);
  });

  it('gives nothing for content without a logframe, and tolerates broken stored JSON', () => {
    expect(logframeIndicators(null)).toEqual([]);
    expect(logframeIndicators({})).toEqual([]);
    expect(logframeIndicators({ outcomes: [{ id: 'x', outputs: [{ id: 'y', indicators: [{ name: 'no id' }, null] }] }] })).toEqual([]);
    expect(logframeIndicators({ outcomes: 'nope' })).toEqual([]);
  });

  it('names the ids that are not indicators of the logframe', () => {
    expect(unknownIndicatorIds(content, ['i2', 'zz', 'i1', 'op1'])).toEqual(['zz', 'op1']);
    expect(unknownIndicatorIds(null, ['i1'])).toEqual(['i1']);
  });
});
