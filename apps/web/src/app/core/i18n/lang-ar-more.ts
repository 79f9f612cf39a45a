/*
 * The Arabic messages, every other area: loaded after the first page is up, and before any page behind sign-in.
 * Imported only through `loadDictionary` (dictionaries.ts), so the build makes it a chunk of its own, and by
 * catalog.ts for the catalog checks and the key type.
 */
import applicant from '../../../i18n/ar/applicant.json';
import board from '../../../i18n/ar/board.json';
import decisions from '../../../i18n/ar/decisions.json';
import finance from '../../../i18n/ar/finance.json';
import grants from '../../../i18n/ar/grants.json';
import officer from '../../../i18n/ar/officer.json';
import reviewer from '../../../i18n/ar/reviewer.json';
import trail from '../../../i18n/ar/trail.json';
import reporting from '../../../i18n/ar/reporting.json';
import verification from '../../../i18n/ar/verification.json';
import monitoring from '../../../i18n/ar/monitoring.json';
import flags from '../../../i18n/ar/flags.json';
import audit from '../../../i18n/ar/audit.json';
import sanctions from '../../../i18n/ar/sanctions.json';
import directory from '../../../i18n/ar/directory.json';
import transparency from '../../../i18n/ar/transparency.json';

export const files = { applicant, board, decisions, finance, grants, officer, reviewer, trail, reporting, verification, monitoring, flags, audit, sanctions, directory, transparency };

export const dictionary = {
  ...applicant,
  ...board,
  ...decisions,
  ...finance,
  ...grants,
  ...officer,
  ...reviewer,
  ...trail,
  ...reporting,
  ...verification,
  ...monitoring,
  ...flags,
  ...audit,
  ...sanctions,
  ...directory,
  ...transparency,
};
