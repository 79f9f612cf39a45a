/*
 * The English catalog: its files by area and merged in area order. Imported only through `loadDictionary`
 * (dictionaries.ts), so the build makes it a chunk of its own, loaded when the language is the active one,
 * and by catalog.ts for the catalog checks and the key type.
 */
import core from '../../../i18n/en/core.json';
import applicant from '../../../i18n/en/applicant.json';
import board from '../../../i18n/en/board.json';
import decisions from '../../../i18n/en/decisions.json';
import finance from '../../../i18n/en/finance.json';
import grants from '../../../i18n/en/grants.json';
import officer from '../../../i18n/en/officer.json';
import reviewer from '../../../i18n/en/reviewer.json';
import security from '../../../i18n/en/security.json';
import trail from '../../../i18n/en/trail.json';
import errors from '../../../i18n/en/errors.json';
import reporting from '../../../i18n/en/reporting.json';
import verification from '../../../i18n/en/verification.json';
import monitoring from '../../../i18n/en/monitoring.json';
import flags from '../../../i18n/en/flags.json';
import audit from '../../../i18n/en/audit.json';
import sanctions from '../../../i18n/en/sanctions.json';

/** The files by area, in the order they are merged. */
export const files = { core, applicant, board, decisions, finance, grants, officer, reviewer, security, trail, errors, reporting, verification, monitoring, flags, audit, sanctions };

export const dictionary = {
  ...core,
  ...applicant,
  ...board,
  ...decisions,
  ...finance,
  ...grants,
  ...officer,
  ...reviewer,
  ...security,
  ...trail,
  ...errors,
  ...reporting,
  ...verification,
  ...monitoring,
  ...flags,
  ...audit,
  ...sanctions,
};
