import type { MonitoringKind, MonitoringOutcome, MonitoringStatusView, SecurityLevel, VisitChecklistItem } from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { Tone } from '../../core/ui/tone-badge.component';

/** The colour of a security level: accessible is fine, restricted a warning, no access bad. */
export function levelTone(level: SecurityLevel): Tone {
  return level === 'accessible' ? 'good' : level === 'restricted' ? 'warn' : 'bad';
}

/** Overdue is bad; due within 30 days a warning; otherwise fine. */
export function statusTone(status: MonitoringStatusView, today: string): Tone {
  if (status.overdue) return 'bad';
  const days = Math.round((Date.parse(`${status.nextDueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return days <= 30 ? 'warn' : 'good';
}

/** A governorate's name in the language shown (Arabic for ar, English otherwise: the names are proper nouns). */
export function governorateLabel(names: { nameEn: string; nameAr: string }, lang: string): string {
  return lang === 'ar' ? names.nameAr : names.nameEn;
}


/** A position as "36.19120, 44.00910" (always Latin digits and a dot: it is a coordinate, copied into maps). */
export function formatPosition(latitude: number | null, longitude: number | null): string | null {
  if (latitude === null || longitude === null) return null;
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

/** Translation keys of the monitoring words (typed, and found by the catalog's unused-key check). */
export const levelKey = (level: SecurityLevel): TranslationKey => `monitoring.level.${level}`;
export const kindKey = (kind: MonitoringKind): TranslationKey => `monitoring.kind.${kind}`;
export const outcomeKey = (outcome: MonitoringOutcome): TranslationKey => `monitoring.outcome.${outcome}`;
export const answerKey = (answer: VisitChecklistItem['answer']): TranslationKey => `monitoring.answer.${answer}`;
export const checklistKey = (id: string): TranslationKey => `monitoring.checklist.${id}` as TranslationKey;
