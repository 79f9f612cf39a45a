import { defaultCategoryTitle, findingTitle, ownTitle } from './finding-labels';

const t = (key: string): string => `«${key}»`;

describe('findingTitle', () => {
  it('shows the category in the reader’s language when the auditor wrote no title of their own', () => {
    expect(defaultCategoryTitle('ineligible_expenditure')).toBe('Ineligible expenditure');
    const finding = { category: 'ineligible_expenditure' as const, title: 'Ineligible expenditure' };
    expect(ownTitle(finding)).toBe(false);
    expect(findingTitle(finding, t)).toBe('«audit.category.ineligible_expenditure»');
  });

  it('shows the auditor’s own title over a category, and a free title', () => {
    const own = { category: 'ineligible_expenditure' as const, title: 'Personal phone credit charged to the clinics' };
    expect(ownTitle(own)).toBe(true);
    expect(findingTitle(own, t)).toBe('Personal phone credit charged to the clinics');
    expect(findingTitle({ category: null, title: 'Cash box not counted' }, t)).toBe('Cash box not counted');
  });
});
