/*
 * The English messages, every other area: loaded after the first page is up, and before any page behind sign-in.
 * Imported only through `loadDictionary` (dictionaries.ts), so the build makes it a chunk of its own, and by
 * catalog.ts for the catalog checks and the key type.
 */
import applicant from '../../../i18n/en/applicant.json';
import board from '../../../i18n/en/board.json';
import decisions from '../../../i18n/en/decisions.json';
import finance from '../../../i18n/en/finance.json';
import grants from '../../../i18n/en/grants.json';
import officer from '../../../i18n/en/officer.json';
import reviewer from '../../../i18n/en/reviewer.json';
import trail from '../../../i18n/en/trail.json';
import reporting from '../../../i18n/en/reporting.json';
import verification from '../../../i18n/en/verification.json';
import monitoring from '../../../i18n/en/monitoring.json';
import flags from '../../../i18n/en/flags.json';
import audit from '../../../i18n/en/audit.json';
import sanctions from '../../../i18n/en/sanctions.json';
import directory from '../../../i18n/en/directory.json';
import transparency from '../../../i18n/en/transparency.json';

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
