import fc from 'fast-check';
import type { ListEntry, ListName } from './list-entry';
import {
  DEFAULT_HIGH_SCORE,
  DEFAULT_SCREENING_THRESHOLD,
  buildScreeningIndex,
  explainMatch,
  nameKey,
  screenName,
  screenNameFullScan,
} from './matching';
import { normalizeText, tokenizeName } from './normalize';
import { keySimilarity, tokenKeys } from './transliterate';

/** Entries as the UN list gives them (names copied from data/sanctions/un-sc-consolidated-2018-10-29.xml). */
function entry(reference: string, kind: ListEntry['kind'], primary: string, others: [ListName['type'], string][] = []): ListEntry {
  return {
    reference,
    dataId: null,
    kind,
    primaryName: primary,
    names: [{ name: primary, type: 'primary', quality: null }, ...others.map(([type, name]) => ({ name, type, quality: null }))],
    datesOfBirth: [],
    placesOfBirth: [],
    nationalities: [],
    listingReason: '',
    unListType: null,
    listedOn: null,
  };
}

const ENTRIES: ListEntry[] = [
  entry('IQi.006', 'individual', 'IZZAT IBRAHIM AL-DURI', [
    ['alias', 'Abu Brays'],
    ['alias', 'Abu Ahmad'],
    ['original_script', 'عزت ابراهيم الدوري'],
  ]),
  entry('IQi.068', 'individual', 'JAWHAR MAJID AL-DURI', [['original_script', 'جوهر مجيد الدوري']]),
  entry('IQi.001', 'individual', 'SADDAM HUSSEIN AL-TIKRITI', [
    ['alias', 'Abu Ali'],
    ['original_script', 'صدام حسين التكريتي'],
  ]),
  entry('IQi.061', 'individual', 'ALI SADDAM HUSSEIN AL-TIKRITI', [
    ['alias', 'Hassan'],
    ['original_script', 'علي صدام حسين التكريتي'],
  ]),
  entry('IQi.040', 'individual', "ABD-AL-BAQI ABD-AL-KARIM ABDALLAH AL-SA'DUN", [['original_script', 'عبد الباقي عبد الكريم عبد الله السعدون']]),
  entry('IQi.046', 'individual', 'SAIF-AL-DIN AL-MASHHADANI', [['original_script', 'سيف الدين المشهداني']]),
  entry('IQi.049', 'individual', 'Rashid Taan Kathim', [['original_script', 'رشيد طعان كاظم']]),
  entry('IQi.080', 'individual', 'MUHAMMAD YUNIS AHMAD', [
    ['alias', 'Muhammad Yunis Al-Ahmed'],
    ['original_script', 'محمد يونس أحمد'],
  ]),
  entry('CFi.010', 'individual', 'HABIBOU ALMAKOUBI', [['alias', 'Ali Mohammed']]),
  entry('QDi.192', 'individual', 'AHMED ABDULLAH SALEH AL-KHAZMARI AL-ZAHRANI', [['alias', 'Ahmad Hasan']]),
  entry('IQe.204', 'entity', 'AL-BASHAIR TRADING COMPANY, LTD', [
    ['alias', 'AL-BASHAER TRADING COMPANY, LTD'],
    ['alias', "AL-BASHA'IR TRADING COMPANY, LTD"],
  ]),
  entry('IQe.197', 'entity', 'AL WASEL AND BABEL GENERAL TRADING LLC'),
  entry('IQe.018', 'entity', 'BAGHDAD STOCK EXCHANGE'),
];

const index = buildScreeningIndex(ENTRIES);
const top = (name: string, kind: 'person' | 'entity' | 'unknown' = 'unknown') => screenName(index, name, kind, { minScore: 0 })[0];
const scoreOf = (name: string, reference: string, kind: 'person' | 'entity' | 'unknown' = 'unknown') =>
  screenName(index, name, kind, { minScore: 0, limit: 50 }).find((c) => c.reference === reference)?.score ?? 0;

describe('normalization', () => {
  it('folds case, diacritics, tatweel, harakat and the Arabic letter variants', () => {
    expect(normalizeText('ÉZZAT Ibrāhīm')).toBe('ezzat ibrahim');
    expect(normalizeText('أديب شعبـان العانــي')).toBe('اديب شعبان العاني');
    expect(normalizeText('إبراهيم آمنة ٱلدوري')).toBe('ابراهيم امنة الدوري');
    expect(normalizeText('مُحَمَّد')).toBe('محمد');
    expect(normalizeText('يحيى')).toBe('يحيي');
    expect(normalizeText('مؤمن قائد')).toBe('مومن قايد');
    expect(normalizeText('عبد الکبیر')).toBe('عبد الكبير');
  });

  it('keeps a word whole across an ayn apostrophe and splits other punctuation', () => {
    expect(normalizeText("SA'D, Sha’ban (Dr.)")).toBe('sad shaban dr');
    expect(normalizeText('Midco Financial, S.A.')).toBe('midco financial sa');
    expect(normalizeText('Al-Wasel & Babel L.L.C.')).toBe('al-wasel and babel llc');
  });

  it('drops articles, joined or separate, in both scripts, and bin / ibn / bint', () => {
    const norms = (name: string) => tokenizeName(name).map((t) => t.norm);
    expect(norms('Izzat Ibrahim al-Duri')).toEqual(['izzat', 'ibrahim', 'duri']);
    expect(norms('Izzat Ibrahim Al Duri')).toEqual(['izzat', 'ibrahim', 'duri']);
    expect(norms('El-Sayed ash-Shami')).toEqual(['sayed', 'shami']);
    expect(norms('عزت ابراهيم الدوري')).toEqual(['عزت', 'ابراهيم', 'دوري']);
    expect(norms('Hamadi Ben Abdul Aziz bin Ali')).toEqual(['hamadi', 'abd|aziz', 'ali']);
    expect(norms('حمادي بن عبد العزيز')).toEqual(['حمادي', 'عبد|عزيز']);
  });

  it('joins the particles of compound names however they are written', () => {
    const norm = (name: string) => tokenizeName(name).map((t) => t.norm);
    for (const written of ['Abdul Rahman', 'Abd al-Rahman', 'Abdel Rahman', 'Abdulrahman', 'Abd-al-Rahman', 'Abdelrahman']) {
      expect(norm(written)).toEqual(['abd|rahman']);
    }
    expect(norm('عبد الرحمن')).toEqual(['عبد|رحمن']);
    expect(norm('عبدالرحمن')).toEqual(['عبد|رحمن']);
    expect(norm('عبد ال رحمن')).toEqual(['عبد|رحمن']);
    expect(norm('Saif al-Din')).toEqual(['saif|din']);
    expect(norm('Saifuddin')).toEqual(['saif|din']);
    expect(norm('Abu Ahmad')).toEqual(['abu|ahmad']);
    expect(norm('Umm Kulthum')).toEqual(['umm|kulthum']);
  });

  it('keeps each token as it was written, for explanations', () => {
    expect(tokenizeName('Ezzat IBRAHIM Al-Dūri').map((t) => t.text)).toEqual(['Ezzat', 'IBRAHIM', 'Dūri']);
    expect(tokenizeName('عزة إبراهيم الدوري').map((t) => t.text)).toEqual(['عزة', 'إبراهيم', 'الدوري']);
    expect(tokenizeName('مُحَمَّد Abdul Rahman').map((t) => t.text)).toEqual(['مُحَمَّد', 'Abdul Rahman']);
  });

  it('marks legal forms and titles as weak', () => {
    const weak = tokenizeName('Al Bashair Trading Co. Ltd شركة').map((t) => [t.norm, t.weak]);
    expect(weak).toEqual([
      ['bashair', false],
      ['trading', true],
      ['co', true],
      ['ltd', true],
      ['شركة', true],
    ]);
  });

  it('nameKey changes with the name, not with its case or diacritics', () => {
    expect(nameKey('Izzat  Ibrahim AL-DURI')).toBe(nameKey('izzat ibrahim al duri'));
    expect(nameKey('Izzat Ibrahim')).not.toBe(nameKey('Izzat Ibrahim al-Duri'));
  });
});

describe('transliteration', () => {
  const key = (name: string) => tokenizeName(name).map((t) => tokenKeys(t.norm, t.script).primary);

  it('maps Arabic and Latin spellings of one name to one key', () => {
    expect(key('عزت ابراهيم الدوري')).toEqual(key('Izzat Ibrahim al-Duri'));
    expect(key('Ezzat Ibraheem El-Douri')).toEqual(key('IZZAT IBRAHIM AL-DURI'));
    expect(key('كاظم')).toEqual(key('Kadhim'));
    expect(key('Kazim')).toEqual(key('Kathim'));
    expect(key('قائد')).toEqual(key('Gaid'));
    expect(key('خلف')).toEqual(key('Khalaf'));
    expect(key('غازي')).toEqual(key('Ghazi'));
    expect(key('شعبان')).toEqual(key('Shaaban'));
    expect(key('حمود')).toEqual(key('Hammoud'));
    const keys = (name: string) => tokenizeName(name).flatMap((t) => [tokenKeys(t.norm, t.script).primary, ...tokenKeys(t.norm, t.script).alternates]);
    expect(keys('عبد الله')).toContain(key('Abdullah')[0]);
    expect(key('Abd Allah')).toEqual(key('Abdallah'));
  });

  it('keeps a word-initial vowel apart from none', () => {
    expect(key('Ahmad')).not.toEqual(key('Hamid'));
    expect(key('أحمد')).toEqual(key('Ahmed'));
  });

  it('accepts a final ta marbuta for a final -at', () => {
    const [izza] = tokenizeName('عزة');
    const [izzat] = tokenizeName('Izzat');
    const a = tokenKeys(izza.norm, izza.script);
    const b = tokenKeys(izzat.norm, izzat.script);
    expect([a.primary, ...a.alternates]).toContain(b.primary);
  });

  it('scores near consonants (d / dh, q / g) above unrelated ones', () => {
    expect(keySimilarity('FZL', 'FDL')).toBeGreaterThan(0.85);
    expect(keySimilarity('FZL', 'FML')).toBeLessThan(0.7);
    expect(keySimilarity('ABC', 'ABC')).toBe(1);
    expect(keySimilarity('', 'ABC')).toBe(0);
  });
});

describe('screenName: the issue examples', () => {
  it.each(['Izzat Ibrahim al-Douri', 'Ezzat Ibrahim Al Duri', 'عزة إبراهيم الدوري', 'Izzat al-Douri', 'AL-DOURI, Izzat Ibrahim', 'عزت الدوري'])(
    '%s is IQi.006 above the threshold',
    (name) => {
      const best = top(name, 'person');
      expect(best.reference).toBe('IQi.006');
      expect(best.score).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
    },
  );

  it('pairs Arabic with Latin across scripts and says so', () => {
    const best = top('عزة إبراهيم الدوري');
    const transliterated = screenName(index, 'Ezzat Ibrahim Al Duri', 'person')[0];
    expect(best.explanation.pairs.length).toBe(3);
    expect(transliterated.explanation.pairs.some((p) => p.script === 'transliterated') || transliterated.explanation.matchedNameType === 'primary').toBe(true);
    const arabicOnly = buildScreeningIndex([entry('IQi.006', 'individual', 'IZZAT IBRAHIM AL-DURI')]);
    const [candidate] = screenName(arabicOnly, 'عزة إبراهيم الدوري', 'person');
    expect(candidate.explanation.pairs.every((p) => p.script === 'transliterated')).toBe(true);
    expect(candidate.score).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
  });

  it('tolerates a missing middle name, at a cost', () => {
    const full = scoreOf('Izzat Ibrahim al-Duri', 'IQi.006');
    const missing = scoreOf('Izzat al-Duri', 'IQi.006');
    expect(missing).toBeLessThan(full);
    expect(missing).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
    expect(top('Izzat al-Douri').explanation.unpairedEntry).toEqual(['IBRAHIM']);
  });

  it('an extra name part of the screened name costs more than a missing one', () => {
    expect(scoreOf('Izzat Ibrahim Khalil al-Duri', 'IQi.006')).toBeLessThan(scoreOf('Izzat al-Duri', 'IQi.006'));
  });

  it('tolerates vowel and doubling variants', () => {
    for (const name of ['Rasheed Taan Kazim', 'Rashid Ta’an Kadhim', 'رشيد طعان كاظم']) expect(top(name).reference).toBe('IQi.049');
    expect(scoreOf('Abdul Baqi Abdul Karim Abdullah al-Saadoun', 'IQi.040')).toBeGreaterThan(0.9);
    expect(scoreOf('Saifuddin al-Mashhadani', 'IQi.046')).toBeGreaterThan(0.9);
  });

  it('a common first name alone, or two of them, never reaches the threshold', () => {
    for (const name of ['Mohammed Ali', 'Ahmed Hassan', 'محمد علي', 'أحمد حسن', 'Hassan', 'Ali', 'Abu Ahmad', 'Muhammad Ahmad']) {
      const best = screenName(index, name, 'person', { minScore: 0 })[0];
      expect(best?.score ?? 0).toBeLessThan(DEFAULT_SCREENING_THRESHOLD);
    }
    const weak = screenName(index, 'Mohammed Ali', 'person', { minScore: 0 })[0];
    expect(weak.explanation.adjustments.map((a) => a.code)).toContain('weak_evidence');
  });

  it('entities: legal forms weigh little, "&" is "and"', () => {
    expect(scoreOf('Al Bashair Trading Co. Ltd', 'IQe.204', 'entity')).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
    expect(scoreOf('Bashaer Company', 'IQe.204', 'entity')).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
    expect(scoreOf('Al-Wasel & Babel General Trading L.L.C.', 'IQe.197', 'entity')).toBe(1);
    expect(scoreOf('Baghdad Trading Company', 'IQe.018', 'entity')).toBeLessThan(DEFAULT_SCREENING_THRESHOLD);
  });

  it('a person against an entity entry (and the reverse) costs a little; unknown costs nothing', () => {
    const unknown = scoreOf('Baghdad Stock Exchange', 'IQe.018', 'unknown');
    const person = scoreOf('Baghdad Stock Exchange', 'IQe.018', 'person');
    expect(unknown).toBe(1);
    expect(person).toBeCloseTo(0.95, 4);
    expect(screenName(index, 'Baghdad Stock Exchange', 'person')[0].explanation.adjustments).toEqual([{ code: 'kind_mismatch', amount: 0.05 }]);
    expect(scoreOf('Saddam Hussein al-Tikriti', 'IQi.001', 'entity')).toBeCloseTo(0.95, 4);
  });

  it('explains in English which names and parts paired', () => {
    const text = explainMatch(top('Izzat al-Douri').explanation);
    expect(text).toContain('matched the primary name "IZZAT IBRAHIM AL-DURI"');
    expect(text).toContain('"Douri" ~ "DURI" 1.00');
    expect(text).toContain('not in the screened name: IBRAHIM');
    expect(explainMatch(screenName(index, 'Baghdad Stock Exchange', 'person')[0].explanation)).toContain('a person’s name against an entity, or the reverse −0.05');
  });

  it('respects minScore and limit and orders best first', () => {
    const all = screenName(index, 'Saddam Hussein', 'person', { minScore: 0, limit: 50 });
    expect(all.map((c) => c.score)).toEqual([...all.map((c) => c.score)].sort((a, b) => b - a));
    expect(screenName(index, 'Saddam Hussein', 'person', { minScore: 0, limit: 1 })).toHaveLength(1);
    expect(screenName(index, 'Saddam Hussein', 'person', { minScore: 1.01 })).toEqual([]);
    expect(screenName(index, '  ,.- ', 'person')).toEqual([]);
  });

  it('keeps the defaults ordered', () => {
    expect(DEFAULT_SCREENING_THRESHOLD).toBeLessThan(DEFAULT_HIGH_SCORE);
  });
});

describe('screenName: invariants', () => {
  const LATIN = ['izzat', 'ibrahim', 'duri', 'jawhar', 'majid', 'saddam', 'hussein', 'tikriti', 'rashid', 'taan', 'kathim', 'yunis', 'karim', 'baqi'];
  const ARABIC = ['عزت', 'ابراهيم', 'الدوري', 'جوهر', 'صدام', 'حسين', 'رشيد', 'كاظم', 'يونس'];
  const words = fc.array(fc.constantFrom(...LATIN, ...ARABIC), { minLength: 1, maxLength: 5 });
  const kind = fc.constantFrom<'person' | 'entity' | 'unknown'>('person', 'entity', 'unknown');
  const scores = (name: string, k: 'person' | 'entity' | 'unknown') =>
    Object.fromEntries(screenName(index, name, k, { minScore: 0, limit: 100 }).map((c) => [c.reference, c.score]));

  it('every score is in [0, 1] with four decimals', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), kind, (name, k) => {
        for (const c of screenName(index, name, k, { minScore: 0, limit: 100 })) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
          expect(Math.round(c.score * 10_000) / 10_000).toBe(c.score);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('hostile input (NUL bytes, unpaired surrogates, any Unicode, a huge name) screens without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), kind, (name, k) => {
        for (const c of screenName(index, name, k, { minScore: 0 })) expect(c.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
    expect(top('Izzat\u0000 Ibrahim \ud800al-Duri').reference).toBe('IQi.006');
    const huge = `${'Izzat Ibrahim al-Duri '.repeat(50_000)}`;
    const started = Date.now();
    for (const c of screenName(index, huge, 'person', { minScore: 0 })) expect(c.score).toBeLessThanOrEqual(1);
    expect(screenName(index, 'x'.repeat(1_000_000), 'person')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('word order does not change the scores', () => {
    fc.assert(
      fc.property(words, kind, fc.integer({ min: 0, max: 1000 }), (parts, k, seed) => {
        const shuffled = [...parts];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seed + i * 7) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(scores(shuffled.join(' '), k)).toEqual(scores(parts.join(' '), k));
      }),
      { numRuns: 150 },
    );
  });

  it('case, diacritics, tatweel and harakat do not change the scores', () => {
    const decorate = (w: string) => (/[a-z]/.test(w) ? w.toUpperCase().replace('A', 'Á').replace('I', 'Ï') : w.replace(/(.)(.)/u, '$1ـ$2\u064e'));
    fc.assert(
      fc.property(words, kind, (parts, k) => {
        expect(scores(parts.map(decorate).join(' '), k)).toEqual(scores(parts.join(' '), k));
      }),
      { numRuns: 150 },
    );
  });

  it('every list name scores 1 against its own entry, less only the evidence rule', () => {
    for (const e of ENTRIES) {
      for (const n of e.names) {
        const found = screenName(index, n.name, 'unknown', { minScore: 0, limit: 50 }).find((c) => c.reference === e.reference);
        const penalty = found?.explanation.adjustments.reduce((sum, a) => sum + a.amount, 0) ?? 0;
        expect(found).toBeDefined();
        expect(found?.score ?? 0).toBeCloseTo(1 - penalty, 3);
        if (penalty === 0) expect(found?.score).toBe(1);
      }
    }
  });

  it('a random name scores 1 against a list of itself when it has two distinctive parts', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{4,9}$/), { minLength: 2, maxLength: 4 }), (parts) => {
        const name = parts.join(' ');
        const own = buildScreeningIndex([entry('X.1', 'individual', name), entry('X.2', 'individual', 'Someone Else Entirely')]);
        expect(screenName(own, name, 'person', { minScore: 0 })[0]).toMatchObject({ reference: 'X.1', score: 1 });
      }),
      { numRuns: 100 },
    );
  });

  it('the index finds what a full scan finds at the threshold', () => {
    fc.assert(
      fc.property(words, kind, (parts, k) => {
        const name = parts.join(' ');
        const options = { minScore: DEFAULT_SCREENING_THRESHOLD, limit: 50 };
        expect(screenName(index, name, k, options)).toEqual(screenNameFullScan(index, name, k, options));
      }),
      { numRuns: 150 },
    );
  });
});
