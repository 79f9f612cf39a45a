/*
 * The server's messages (issue 10): what the api and the worker write for people to read —
 * notifications and emails — as ICU MessageFormat in JSON files
 * `libs/server/core/src/i18n/<lang>/<area>.json`, formatted by intl-messageformat (the library
 * the web app uses). English is the reference; `server-catalog.spec.ts` checks the other languages
 * have the same keys and arguments, and every Arabic plural its six categories.
 */
import emailsAr from '../../i18n/ar/emails.json';
import notificationsAr from '../../i18n/ar/notifications.json';
import emailsEn from '../../i18n/en/emails.json';
import notificationsEn from '../../i18n/en/notifications.json';
import emailsSv from '../../i18n/sv/emails.json';
import notificationsSv from '../../i18n/sv/notifications.json';
import type { UserLanguage } from '@mizan/contracts';

export const SERVER_AREAS = ['notifications', 'emails'] as const;
export type ServerArea = (typeof SERVER_AREAS)[number];

export const SERVER_CATALOG_FILES: Readonly<Record<UserLanguage, Readonly<Record<ServerArea, Readonly<Record<string, string>>>>>> = {
  en: { notifications: notificationsEn, emails: emailsEn },
  ar: { notifications: notificationsAr, emails: emailsAr },
  sv: { notifications: notificationsSv, emails: emailsSv },
};

export type ServerMessageKey = keyof typeof notificationsEn | keyof typeof emailsEn;

export const SERVER_MESSAGES: Readonly<Record<UserLanguage, Readonly<Record<string, string>>>> = {
  en: { ...notificationsEn, ...emailsEn },
  ar: { ...notificationsAr, ...emailsAr },
  sv: { ...notificationsSv, ...emailsSv },
};
