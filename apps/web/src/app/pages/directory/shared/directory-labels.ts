import type {
  DirectoryLanguage,
  DirectoryMatchReason,
  DirectoryMatchState,
  DirectoryMode,
  DirectoryNeedState,
  DirectoryTaxonomyView,
  DirectoryVisibility,
  LocalizedName,
} from '@mizan/contracts';
import { IRAQ_GOVERNORATES } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { Language, TranslationParams } from '../../../core/i18n/i18n.service';
import type { Tone } from '../../../core/ui/tone-badge.component';

/** The directory's words for its vocabularies (translated in the `directory` area). */
export const modeKey = (mode: DirectoryMode): TranslationKey => `directory.mode.${mode}`;
export const visibilityKey = (visibility: DirectoryVisibility): TranslationKey => `directory.visibility.${visibility}`;
export const visibilityHelpKey = (visibility: DirectoryVisibility): TranslationKey => `directory.visibility.${visibility}.help`;
export const languageKey = (language: DirectoryLanguage): TranslationKey => `directory.language.${language}`;
export const matchStateKey = (state: DirectoryMatchState): TranslationKey => `directory.matchState.${state}`;
export const needStateKey = (state: DirectoryNeedState): TranslationKey => `directory.needState.${state}`;

export function matchStateTone(state: DirectoryMatchState): Tone {
  switch (state) {
    case 'proposed':
      return 'warn';
    case 'accepted':
    case 'active':
      return 'good';
    case 'declined':
      return 'bad';
    case 'closed':
      return 'neutral';
  }
}

/** A name of the taxonomy in the reader's language. */
export function localName(name: LocalizedName, lang: Language): string {
  return name[lang] || name.en;
}

/** Skill and sector names by code, in the reader's language (a code the taxonomy lacks is shown as the code). */
export class TaxonomyNames {
  private readonly skills = new Map<string, LocalizedName>();
  private readonly sectors = new Map<string, LocalizedName>();

  constructor(taxonomy: DirectoryTaxonomyView | null) {
    for (const sector of taxonomy?.sectors ?? []) {
      this.sectors.set(sector.code, sector.name);
      for (const skill of sector.skills) this.skills.set(skill.code, skill.name);
    }
  }

  skill(code: string, lang: Language): string {
    const name = this.skills.get(code);
    return name ? localName(name, lang) : code;
  }

  sector(code: string, lang: Language): string {
    const name = this.sectors.get(code);
    return name ? localName(name, lang) : code;
  }
}

/** A governorate's name (Arabic in Arabic, the English name otherwise), the code when unknown. */
export function governorateLabel(code: string, lang: Language): string {
  const governorate = IRAQ_GOVERNORATES.find((g) => g.code === code);
  if (!governorate) return code;
  return lang === 'ar' ? governorate.ar : governorate.en;
}

export const GOVERNORATE_CODES: readonly string[] = IRAQ_GOVERNORATES.map((g) => g.code);

/** Whether a reason speaks for the candidate (shown as a plus) or against (a minus). */
export function reasonFavours(reason: DirectoryMatchReason): boolean {
  return !['language_missing', 'availability_short', 'mode_mismatch', 'no_travel', 'in_person_blocked'].includes(reason.code);
}

type Translate = (key: TranslationKey, params?: TranslationParams) => string;

/**
 * One reason of a match score in words: `directory.reason.<code>` with its params, codes in the params (skills,
 * sector, language, mode, governorate) turned into names first.
 */
export function reasonText(reason: DirectoryMatchReason, t: Translate, names: TaxonomyNames, lang: Language): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    if (typeof value === 'number') params[name] = value;
    else if (name === 'skills') params[name] = value.split(',').filter(Boolean).map((code) => names.skill(code.trim(), lang)).join(lang === 'ar' ? '، ' : ', ');
    else if (name === 'sector') params[name] = names.sector(value, lang);
    else if (name === 'language') params[name] = isLanguageCode(value) ? t(languageKey(value)) : value;
    else if (name === 'mode' || name === 'needed') params[name] = isModeCode(value) ? t(modeKey(value)) : value;
    else if (name === 'governorate') params[name] = governorateLabel(value, lang);
    else params[name] = value;
  }
  return t(`directory.reason.${reason.code}`, params);
}

const LANGUAGE_CODES: readonly string[] = ['ar', 'ku', 'syr', 'tr', 'fa', 'en', 'sv', 'de', 'fr'];
function isLanguageCode(value: string): value is DirectoryLanguage {
  return LANGUAGE_CODES.includes(value);
}
function isModeCode(value: string): value is DirectoryMode {
  return value === 'online' || value === 'in_person' || value === 'both';
}
