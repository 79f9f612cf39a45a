import { topScorePercent } from './held.page';
import { bySuggestionCount } from './skill-suggestions.page';

describe('held registrations', () => {
  it('shows the strongest screening match as a whole percentage', () => {
    expect(topScorePercent({ screeningMatches: [{ entryId: 'a', score: 0.874 }, { entryId: 'b', score: 0.91 }] })).toBe(91);
    expect(topScorePercent({ screeningMatches: [] })).toBe(0);
  });
});

describe('taxonomy suggestions', () => {
  it('puts the most named first, then alphabetically', () => {
    expect(bySuggestionCount([{ text: 'b', count: 1 }, { text: 'c', count: 4 }, { text: 'a', count: 1 }]).map((s) => s.text)).toEqual(['c', 'a', 'b']);
  });
});
