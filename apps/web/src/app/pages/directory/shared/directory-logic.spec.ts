import type { DirectoryTaxonomyView } from '@mizan/contracts';
import { profileInput, splitFreeSkills } from '../expert/expert-profile.page';
import { cleanToken } from '../join/join-verify.page';
import { replaceMatch } from '../expert/expert-requests.page';
import { needInput } from '../needs/need-form.page';
import { searchQuery } from '../search/directory-search.page';
import { searchParams } from './directory-api.service';
import { governorateLabel, reasonFavours, reasonText, TaxonomyNames } from './directory-labels';
import { matchActions } from './match-card.component';

const taxonomy: DirectoryTaxonomyView = {
  sectors: [
    {
      code: 'mental_health',
      name: { en: 'Mental health', ar: 'الصحة النفسية', sv: 'Psykisk hälsa' },
      skills: [{ code: 'psychotherapy', sectorCode: 'mental_health', name: { en: 'Psychotherapy', ar: 'العلاج النفسي', sv: 'Psykoterapi' } }],
    },
  ],
};

describe('directory view logic', () => {
  it('splits free-text skills on Latin and Arabic commas, without duplicates or blanks', () => {
    expect(splitFreeSkills('trauma care, EMDR ،  EMDR,, علاج')).toEqual(['trauma care', 'EMDR', 'علاج']);
    expect(splitFreeSkills(Array.from({ length: 15 }, (_, i) => `s${i}`).join(','))).toHaveLength(10);
  });

  it('sends travel governorates only when the expert would work in person', () => {
    const base = {
      name: ' Rana ',
      profession: 'Psychologist',
      skills: ['psychotherapy'],
      freeSkills: '',
      yearsOfExperience: 12,
      languages: ['ar' as const],
      residenceCountry: 'SE' as const,
      residenceCity: 'Malmö',
      availabilityDaysPerYear: 20,
      travelGovernorates: ['IQ-BA'],
      bio: '',
      phone: ' ',
      visibility: 'officers_and_hosts' as const,
    };
    expect(profileInput({ ...base, mode: 'online' })).toMatchObject({ name: 'Rana', travelGovernorates: [], phone: null });
    expect(profileInput({ ...base, mode: 'both' }).travelGovernorates).toEqual(['IQ-BA']);
  });

  it('posts either the assignment terms or the partnership terms', () => {
    const value = {
      kind: 'assignment' as const,
      title: ' Trainer ',
      description: 'd',
      sector: 'mental_health',
      skills: ['psychotherapy'],
      language: 'ar' as const,
      durationWeeks: 8,
      daysNeeded: 10,
      mode: 'online' as const,
      governorate: 'IQ-BA',
      startFrom: '2027-01-01',
      startTo: '2027-02-01',
      offer: 'o',
      seek: 's',
    };
    const assignment = needInput(value);
    expect(assignment.partnership).toBeUndefined();
    expect(assignment.assignment).toMatchObject({ sector: 'mental_health', governorate: 'IQ-BA', mode: 'online' });
    const partnership = needInput({ ...value, kind: 'partnership' });
    expect(partnership.assignment).toBeUndefined();
    expect(partnership.partnership).toEqual({ theme: 'mental_health', offer: 'o', seek: 's', governorate: 'IQ-BA' });
  });

  it('leaves empty search filters out of the query string', () => {
    const query = searchQuery({ q: ' therapy ', skills: [], language: '', minDays: null, country: 'SE', city: '', mode: 'online' }, { pageSize: 50, after: 'abc' });
    expect(query).toEqual({ q: 'therapy', country: 'SE', mode: 'online', pageSize: 50, after: 'abc' });
    expect(searchParams({ ...query, skills: ['a', 'b'] }).toString()).toBe('pageSize=50&after=abc&q=therapy&skills=a,b&country=SE&mode=online');
  });

  it('explains a score in words, with skill, language, mode and governorate names', () => {
    const names = new TaxonomyNames(taxonomy);
    const t = (key: string, params?: Readonly<Record<string, string | number>>) => `${key}|${JSON.stringify(params)}`;
    expect(reasonText({ code: 'skills_matched', params: { matched: 1, required: 1, skills: 'psychotherapy' } }, t, names, 'sv')).toBe(
      'directory.reason.skills_matched|{"matched":1,"required":1,"skills":"Psykoterapi"}',
    );
    expect(reasonText({ code: 'in_person_blocked', params: { governorate: 'IQ-NI' } }, t, names, 'ar')).toBe('directory.reason.in_person_blocked|{"governorate":"نينوى"}');
    expect(reasonText({ code: 'language', params: { language: 'ar' } }, t, names, 'en')).toContain('directory.language.ar');
    expect(reasonFavours({ code: 'travel', params: {} })).toBe(true);
    expect(reasonFavours({ code: 'in_person_blocked', params: {} })).toBe(false);
    expect(governorateLabel('IQ-BA', 'en')).toBe('Basra');
    expect(names.skill('unknown', 'en')).toBe('unknown');
  });

  it('offers each viewer only the step the api allows in the match state', () => {
    expect(matchActions({ state: 'proposed' }, 'expert')).toEqual({ answer: true, logSession: false, close: false });
    expect(matchActions({ state: 'proposed' }, 'host').answer).toBe(false);
    expect(matchActions({ state: 'accepted' }, 'host').answer).toBe(true);
    expect(matchActions({ state: 'active' }, 'expert')).toEqual({ answer: false, logSession: true, close: false });
    expect(matchActions({ state: 'active' }, 'host').close).toBe(true);
    expect(matchActions({ state: 'active' }, 'officer').close).toBe(true);
    expect(matchActions({ state: 'closed' }, 'host')).toEqual({ answer: false, logSession: false, close: false });
  });

  it('replaces a match by its newer answer, or puts a new one first', () => {
    const a = { id: 'a', state: 'proposed' } as never;
    const b = { id: 'b', state: 'proposed' } as never;
    const a2 = { id: 'a', state: 'accepted' } as { id: string; state: string };
    expect(replaceMatch([a, b], a2 as never).map((m) => m.state)).toEqual(['accepted', 'proposed']);
    expect(replaceMatch([b], a2 as never).map((m) => m.id)).toEqual(['a', 'b']);
  });
});

describe('the verification link', () => {
  it('drops direction marks a mail client took into the token from an Arabic message', () => {
    expect(cleanToken('abc-DEF_123\u2069')).toBe('abc-DEF_123');
    expect(cleanToken('\u2068abc\u200f ')).toBe('abc');
    expect(cleanToken(undefined)).toBe('');
  });
});
