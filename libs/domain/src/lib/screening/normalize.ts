/**
 * Normalization of names in Latin and Arabic script for sanctions screening (issue 13, docs/screening.md).
 *
 * A name becomes a list of tokens: case and diacritics folded (NFKD, marks removed), Arabic letter variants unified
 * (alef forms, alef maqsura, hamza carriers, tatweel, harakat), punctuation split, the article ("al-", "el-", "ال")
 * dropped, compounds joined ("Abdul Rahman" / "Abd al-Rahman" / "عبد الرحمن" → one token, "Saif al-Din" → one token,
 * "Abu Ali" → one token), "bin / ibn / bint" dropped, "&" read as "and".
 */

export type TokenScript = 'latin' | 'arabic' | 'other';

export interface NameToken {
  /** The token as it was written (compounds joined with a space: "Abd al-Rahman"). */
  text: string;
  /** Normalized form: lower-case Latin without diacritics, or Arabic with its letter variants unified. */
  norm: string;
  script: TokenScript;
  /** A legal-form word, a title or a connective: it weighs little. */
  weak: boolean;
  /** Written with the article ("al-Majid", "المجيد"): a family or clan name, even when the word is also a given name. */
  article?: boolean;
}

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u;

/** Arabic letter variants: alef forms → ا, alef maqsura → ي, hamza on carriers → the carrier, Persian letters → Arabic. */
const ARABIC_MAP: Record<string, string> = {
  '\u0671': 'ا', // alef wasla
  '\u0672': 'ا',
  '\u0673': 'ا',
  '\u0675': 'ا',
  '\u0649': 'ي', // alef maqsura
  '\u06cc': 'ي', // Farsi yeh
  '\u06d2': 'ي',
  '\u06a9': 'ك', // keheh
  '\u06af': 'ك', // gaf
  '\u0686': 'ج', // tcheh
  '\u067e': 'ب', // peh
  '\u06a4': 'ف', // veh
  '\u0698': 'ز', // jeh
  '\u0621': '', // lone hamza
  '\u0640': '', // tatweel
  '\u06c0': 'ه',
  '\u06c1': 'ه',
  '\u06d5': 'ه',
};

/** Case, diacritics, Arabic variants and punctuation folded; words separated by single spaces. Not reordered. */
export function normalizeText(name: string): string {
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '');
  s = s.replace(/[\u0621\u0640\u0649\u0671-\u0675\u067e\u0686\u0698\u06a4\u06a9\u06af\u06c0\u06c1\u06cc\u06d2\u06d5]/gu, (c) => ARABIC_MAP[c] ?? c);
  s = s.toLowerCase().replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/ł/g, 'l').replace(/đ/g, 'd').replace(/ı/g, 'i');
  return structure(s, /[^\p{L}\p{N}-]+/gu);
}

/** Word boundaries as normalizeText draws them, on the name as written (for explanations). */
function displayText(name: string): string {
  return structure(name.normalize('NFC'), /[^\p{L}\p{M}\p{N}-]+/gu);
}

function structure(text: string, separators: RegExp): string {
  // Apostrophes inside a word mark an ayn or hamza ("Sa'd", "Sha’ban"): dropped, the word stays whole.
  let s = text.replace(/(\p{L}\p{M}*)['’‘`ʿʾ´](?=\p{L})/gu, '$1');
  s = s.replace(/&/g, ' and ');
  // Dotted abbreviations: "S.A." → "sa", "L.L.C." → "llc".
  s = s.replace(/(^|[^\p{L}])((?:\p{L}\.\s?){2,})/gu, (_m, before: string, abbreviation: string) => `${before}${abbreviation.replace(/[.\s]/g, '')} `);
  return s.replace(separators, ' ').replace(/\s+/g, ' ').trim();
}

/** Articles joined to the next word by a hyphen ("al-", "el-", sun-letter forms "ad-", "ash-", "ath-"…). */
const HYPHEN_ARTICLE = /(^|[\s-])(?:al|el|ul|il|ad|ed|ud|ar|er|ur|as|es|us|ash|esh|at|et|ath|eth|az|ez|adh|an|en|un)-(?=\p{L})/gu;
const HYPHEN_ARTICLE_ANY_CASE = new RegExp(HYPHEN_ARTICLE.source, 'giu');
/** Articles written as a word of their own ("Al Duri", "El Sayed"). */
const LATIN_ARTICLES = new Set(['al', 'el', 'ul', 'il']);
const LATIN_DROPPED = new Set(['bin', 'ibn', 'bint', 'ben', 'bn', 'binte', 'binti']);
const ARABIC_DROPPED = new Set(['بن', 'ابن', 'بنت']);
const LATIN_ABD = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdil', 'abdu', 'abdoul', 'abdol', 'abdool']);
const LATIN_ABU = new Set(['abu', 'abou', 'abo', 'umm', 'um', 'om', 'umm']);
const ARABIC_ABU = new Set(['ابو', 'ام']);
const LATIN_DIN = new Set(['din', 'deen', 'dine', 'eddin', 'uddin', 'addin', 'eddine', 'uddeen']);
const LATIN_ALLAH = new Set(['allah', 'ullah', 'alla', 'ulla', 'ellah']);

/** Legal forms, titles and connectives: weigh little in a score. */
export const WEAK_WORDS = new Set([
  'company', 'co', 'cos', 'ltd', 'limited', 'llc', 'inc', 'incorporated', 'corporation', 'corp', 'establishment', 'est',
  'group', 'trading', 'general', 'gen', 'state', 'enterprise', 'enterprises', 'holding', 'holdings', 'plc', 'sa', 'sarl',
  'ag', 'gmbh', 'ab', 'bv', 'nv', 'sal', 'wll', 'fze', 'fzco', 'jsc', 'pjsc', 'the', 'of', 'for', 'and', 'in', 'und', 'och',
  'dr', 'doctor', 'prof', 'professor', 'col', 'colonel', 'mr', 'mrs', 'ms', 'sheikh', 'shaykh', 'sayyid', 'haji', 'hajji',
  'eng', 'engineer', 'l', 'td', 'شركه', 'شركة', 'مؤسسه', 'مؤسسة', 'محدوده', 'محدودة', 'المحدوده', 'المحدودة', 'عامه', 'عامة',
  'العامه', 'العامة', 'مجموعه', 'مجموعة', 'تجاره', 'للتجاره', 'للتجارة', 'التجاريه', 'التجارية', 'دكتور', 'الدكتور', 'د', 'و',
  'في', 'ل', 'م', 'ذ', 'مم', 'ذمم', 'الشيخ', 'شيخ', 'السيد', 'الحاج', 'حاج', 'المهندس',
  // The part of an organization a payee names: "Rafidain Bank, Basra branch" is Rafidain Bank.
  'branch', 'office', 'head', 'main', 'regional', 'filial', 'kontor', 'zweigstelle', 'niederlassung', 'فرع', 'مكتب', 'الفرع', 'المكتب',
]);

export function scriptOf(word: string): TokenScript {
  if (ARABIC_LETTER.test(word)) return 'arabic';
  if (/[a-z]/.test(word)) return 'latin';
  return 'other';
}

interface RawWord {
  text: string;
  norm: string;
}

function stripArabicArticle(w: string): string {
  return w.length >= 4 && w.startsWith('ال') ? w.slice(2) : w;
}

/** The tokens of a name, in the order written. */
export function tokenizeName(name: string): NameToken[] {
  // Hyphenated articles go first so that "Abd-al-Rahman" and "Al-Duri" split cleanly.
  const normalized = normalizeText(name).replace(HYPHEN_ARTICLE, '$1al ');
  const parts = normalized.split(/[\s-]+/).filter(Boolean);
  // The words as written, when they line up one to one with the normalized ones (they do unless NFKD split a
  // compatibility character into several words).
  const shown = displayText(name).replace(HYPHEN_ARTICLE_ANY_CASE, '$1al ').split(/[\s-]+/).filter(Boolean);
  const words: RawWord[] = parts.map((part, i) => ({ text: shown.length === parts.length ? shown[i] : part, norm: part }));
  const out: NameToken[] = [];
  let article = false;
  const push = (text: string, norm: string, withArticle = article) => {
    const script = scriptOf(norm);
    out.push({ text, norm, script, weak: WEAK_WORDS.has(norm), ...(withArticle ? { article: true } : {}) });
    article = false;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i].norm;
    const script = scriptOf(w);
    if (script === 'latin') {
      if (LATIN_ARTICLES.has(w)) {
        article = true;
        continue;
      }
      if (LATIN_DROPPED.has(w)) continue;
      const next = nextWord(words, i, LATIN_ARTICLES);
      if (LATIN_ABD.has(w) && next) {
        out.push(latinCompound(`${words[i].text} ${next.word.text}`, `abd|${next.word.norm}`));
        article = false;
        i = next.index;
        continue;
      }
      if (LATIN_ABU.has(w) && next && !WEAK_WORDS.has(next.word.norm)) {
        const prefix = w.startsWith('u') || w === 'om' ? 'umm' : 'abu';
        out.push(latinCompound(`${words[i].text} ${next.word.text}`, `${prefix}|${next.word.norm}`));
        article = false;
        i = next.index;
        continue;
      }
      if ((LATIN_DIN.has(w) || LATIN_ALLAH.has(w)) && out.length > 0 && out[out.length - 1].script === 'latin' && !out[out.length - 1].weak) {
        const prev = out[out.length - 1];
        out[out.length - 1] = latinCompound(`${prev.text} ${words[i].text}`, `${prev.norm}|${LATIN_DIN.has(w) ? 'din' : 'allah'}`);
        continue;
      }
      push(words[i].text, joinDin(joinAbd(w)));
    } else if (script === 'arabic') {
      if (ARABIC_DROPPED.has(w)) continue;
      if (w === 'ال') continue;
      // "عبد ال رحمن": a separate article is skipped.
      let j = i + 1;
      while (j < words.length && words[j].norm === 'ال') j++;
      const next = j < words.length && scriptOf(words[j].norm) === 'arabic' ? words[j] : null;
      if (w === 'عبد' && next) {
        out.push({ text: `${words[i].text} ${next.text}`, norm: `عبد|${stripArabicArticle(next.norm)}`, script, weak: false });
        i = j;
        continue;
      }
      if (ARABIC_ABU.has(w) && next && !WEAK_WORDS.has(next.norm)) {
        out.push({ text: `${words[i].text} ${next.text}`, norm: `${w}|${stripArabicArticle(next.norm)}`, script, weak: false });
        i = j;
        continue;
      }
      if ((w === 'الدين' || w === 'الله') && out.length > 0 && out[out.length - 1].script === 'arabic' && !out[out.length - 1].weak) {
        const prev = out[out.length - 1];
        out[out.length - 1] = { text: `${prev.text} ${words[i].text}`, norm: `${prev.norm}|${w.slice(2)}`, script, weak: false };
        continue;
      }
      if (w.startsWith('عبدال') && w.length > 5) {
        push(words[i].text, `عبد|${w.slice(5)}`);
        continue;
      }
      const stripped = WEAK_WORDS.has(w) ? w : stripArabicArticle(w);
      push(words[i].text, stripped, stripped !== w);
    } else {
      push(words[i].text, w);
    }
  }
  return out;
}

function nextWord(words: RawWord[], i: number, skip: Set<string>): { word: RawWord; index: number } | null {
  let j = i + 1;
  while (j < words.length && skip.has(words[j].norm)) j++;
  if (j >= words.length || scriptOf(words[j].norm) !== 'latin') return null;
  return { word: words[j], index: j };
}

/** "abdulrahman", "abdelrahman", "abdalla" → "abd" + the rest. */
function joinAbd(w: string): string {
  const m = /^abd(?:oul|ool|ul|el|al|il|ol|u)(.{2,})$/.exec(w);
  return m ? `abd|${m[1]}` : w;
}

/** "saifaldin", "nasiruddin", "salahuddeen" → stem + "|din". */
function joinDin(w: string): string {
  const m = /^(.{3,}?)(?:al|el|ul|ud|ad|ed|ed|u|e|a)?(?:din|deen|dine)$/.exec(w);
  return m && !w.startsWith('abd|') ? `${m[1]}|din` : w;
}

function latinCompound(text: string, norm: string): NameToken {
  return { text, norm, script: 'latin', weak: false };
}

/** The key that says whether a party's name changed: normalized words, in the order written. */
export function normalizedNameKey(name: string): string {
  return normalizeText(name).replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
}
