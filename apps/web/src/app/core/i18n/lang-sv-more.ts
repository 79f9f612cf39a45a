/*
 * The Swedish messages, every other area: loaded after the first page is up, and before any page behind sign-in.
 * Imported only through `loadDictionary` (dictionaries.ts), so the build makes it a chunk of its own, and by
 * catalog.ts for the catalog checks and the key type.
 */
import applicant from '../../../i18n/sv/applicant.json';
import board from '../../../i18n/sv/board.json';
import decisions from '../../../i18n/sv/decisions.json';
import finance from '../../../i18n/sv/finance.json';
import grants from '../../../i18n/sv/grants.json';
import officer from '../../../i18n/sv/officer.json';
import reviewer from '../../../i18n/sv/reviewer.json';
import trail from '../../../i18n/sv/trail.json';
import reporting from '../../../i18n/sv/reporting.json';
import verification from '../../../i18n/sv/verification.json';
import monitoring from '../../../i18n/sv/monitoring.json';
import flags from '../../../i18n/sv/flags.json';
import audit from '../../../i18n/sv/audit.json';
import sanctions from '../../../i18n/sv/sanctions.json';
import directory from '../../../i18n/sv/directory.json';
import transparency from '../../../i18n/sv/transparency.json';

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
