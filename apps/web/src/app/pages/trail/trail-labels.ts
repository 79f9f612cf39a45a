import {
  TRAIL_ACTIONS,
  TRAIL_ENTITY_TYPES,
  isTrailAction,
  isTrailEntityType,
  type Permission,
  type TrailAction,
  type TrailEntityType,
  type TrailFilterSet,
} from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import { PAGE_ACCESS, type PageId } from '../../core/nav/nav';

/*
 * The trail for people: each action code and entity type the server writes has a message
 * (`trail.action.<code>`, `trail.entity.<type>` in the `trail` area, en / ar / sv). The two
 * types below do not compile while a code listed in contracts has no English message, and
 * catalog.spec.ts fails while Arabic or Swedish lacks one.
 */
type ActionKey = `trail.action.${TrailAction}`;
type EntityKey = `trail.entity.${TrailEntityType}`;
const everyActionHasAMessage: ActionKey extends TranslationKey ? true : never = true;
const everyEntityHasAMessage: EntityKey extends TranslationKey ? true : never = true;
void everyActionHasAMessage;
void everyEntityHasAMessage;

/** The message of a known code; null for one this version does not know (older or test records show the code). */
export function actionKey(action: string): TranslationKey | null {
  return isTrailAction(action) ? (`trail.action.${action}` satisfies ActionKey) : null;
}

export function entityKey(entityType: string): TranslationKey | null {
  return isTrailEntityType(entityType) ? (`trail.entity.${entityType}` satisfies EntityKey) : null;
}

export const ACTION_CHOICES: readonly TrailAction[] = TRAIL_ACTIONS;
/** `grant_call` and `call` are the same thing to a reader; the filter offers each type the server writes. */
export const ENTITY_CHOICES: readonly TrailEntityType[] = TRAIL_ENTITY_TYPES;

/** Where what a record is about is shown in the web app, and which page access that takes. */
interface EntityPage {
  page: PageId;
  /** Router commands; the id is appended when `withId`. */
  path: string;
  withId: boolean;
  /** A last command after the id (`verify` for a report). */
  suffix?: string;
}

const ENTITY_PAGES: Readonly<Partial<Record<TrailEntityType, EntityPage>>> = {
  application: { page: 'applicationPage', path: '/officer/screening/applications', withId: true },
  program: { page: 'programs', path: '/officer/programs', withId: true },
  call: { page: 'reviewDesk', path: '/officer/review', withId: true },
  grant_call: { page: 'reviewDesk', path: '/officer/review', withId: true },
  organization: { page: 'organizationPage', path: '/officer/organizations', withId: true },
  grant: { page: 'grants', path: '/officer/grants', withId: true },
  // A report opens on its verification page: officers verify it there, auditors read it (issue 12).
  grant_report: { page: 'verifyReport', path: '/officer/reports', withId: true, suffix: 'verify' },
  payment: { page: 'payments', path: '/finance/payments', withId: true },
  // No page per user, exchange rate, setting or ledger entry: the list they are on.
  user: { page: 'users', path: '/admin/users', withId: false },
  exchange_rate: { page: 'exchangeRates', path: '/finance/exchange-rates', withId: false },
  exchange_rate_import: { page: 'exchangeRates', path: '/finance/exchange-rates', withId: false },
  finance_settings: { page: 'financeSettings', path: '/finance/settings', withId: false },
  journal_entry: { page: 'ledger', path: '/finance/ledger', withId: false },
};

export type EntityLink =
  | { kind: 'link'; commands: string[] }
  /** A page exists but the reader's roles do not open it: said, not linked (no dead link). */
  | { kind: 'notAllowed' }
  /** Nothing in the web app shows this kind of thing (a trail export, a review assignment…). */
  | { kind: 'none' };

export function entityLink(entityType: string, entityId: string, has: (anyOf: readonly Permission[]) => boolean): EntityLink {
  const target = isTrailEntityType(entityType) ? ENTITY_PAGES[entityType] : undefined;
  if (!target) return { kind: 'none' };
  if (!has(PAGE_ACCESS[target.page])) return { kind: 'notAllowed' };
  return { kind: 'link', commands: target.withId ? [target.path, entityId, ...(target.suffix ? [target.suffix] : [])] : [target.path] };
}

/** The filters in words, for the export ("action “Marked eligible”, ID 1234…"). */
export function filterSummary(filters: TrailFilterSet, t: (key: TranslationKey, params?: Record<string, string>) => string, day: (iso: string) => string): string {
  const parts: string[] = [];
  if (filters.action) {
    const key = actionKey(filters.action);
    parts.push(t('trail.summary.action', { value: key ? t(key) : filters.action }));
  }
  if (filters.entityType) {
    const key = entityKey(filters.entityType);
    parts.push(t('trail.summary.entityType', { value: key ? t(key) : filters.entityType }));
  }
  if (filters.entityId) parts.push(t('trail.summary.entityId', { value: filters.entityId }));
  if (filters.actor) parts.push(t('trail.summary.actor', { value: filters.actor }));
  if (filters.from) parts.push(t('trail.summary.from', { value: day(filters.from) }));
  if (filters.to) parts.push(t('trail.summary.to', { value: day(filters.to) }));
  return parts.length > 0 ? parts.join(' · ') : t('trail.summary.none');
}
