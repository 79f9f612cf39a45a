/*
 * The web app's messages: one JSON file per language and area under `apps/web/src/i18n/<lang>/<area>.json`,
 * written in ICU MessageFormat (`{name}`, `{count, plural, one {# payment} other {# payments}}`) so a
 * translator edits JSON, not code. English is the reference: its keys are the only valid keys (the type
 * `TranslationKey` is derived from them), and `catalog.spec.ts` fails on a key missing or unknown in any language.
 */
import coreEn from '../../../i18n/en/core.json';
import applicantEn from '../../../i18n/en/applicant.json';
import boardEn from '../../../i18n/en/board.json';
import decisionsEn from '../../../i18n/en/decisions.json';
import financeEn from '../../../i18n/en/finance.json';
import grantsEn from '../../../i18n/en/grants.json';
import officerEn from '../../../i18n/en/officer.json';
import reviewerEn from '../../../i18n/en/reviewer.json';
import securityEn from '../../../i18n/en/security.json';
import trailEn from '../../../i18n/en/trail.json';
import errorsEn from '../../../i18n/en/errors.json';
import reportingEn from '../../../i18n/en/reporting.json';
import verificationEn from '../../../i18n/en/verification.json';
import monitoringEn from '../../../i18n/en/monitoring.json';
import flagsEn from '../../../i18n/en/flags.json';
import auditEn from '../../../i18n/en/audit.json';
import sanctionsEn from '../../../i18n/en/sanctions.json';
import coreAr from '../../../i18n/ar/core.json';
import applicantAr from '../../../i18n/ar/applicant.json';
import boardAr from '../../../i18n/ar/board.json';
import decisionsAr from '../../../i18n/ar/decisions.json';
import financeAr from '../../../i18n/ar/finance.json';
import grantsAr from '../../../i18n/ar/grants.json';
import officerAr from '../../../i18n/ar/officer.json';
import reviewerAr from '../../../i18n/ar/reviewer.json';
import securityAr from '../../../i18n/ar/security.json';
import trailAr from '../../../i18n/ar/trail.json';
import errorsAr from '../../../i18n/ar/errors.json';
import reportingAr from '../../../i18n/ar/reporting.json';
import verificationAr from '../../../i18n/ar/verification.json';
import monitoringAr from '../../../i18n/ar/monitoring.json';
import flagsAr from '../../../i18n/ar/flags.json';
import auditAr from '../../../i18n/ar/audit.json';
import sanctionsAr from '../../../i18n/ar/sanctions.json';
import coreSv from '../../../i18n/sv/core.json';
import applicantSv from '../../../i18n/sv/applicant.json';
import boardSv from '../../../i18n/sv/board.json';
import decisionsSv from '../../../i18n/sv/decisions.json';
import financeSv from '../../../i18n/sv/finance.json';
import grantsSv from '../../../i18n/sv/grants.json';
import officerSv from '../../../i18n/sv/officer.json';
import reviewerSv from '../../../i18n/sv/reviewer.json';
import securitySv from '../../../i18n/sv/security.json';
import trailSv from '../../../i18n/sv/trail.json';
import errorsSv from '../../../i18n/sv/errors.json';
import reportingSv from '../../../i18n/sv/reporting.json';
import verificationSv from '../../../i18n/sv/verification.json';
import monitoringSv from '../../../i18n/sv/monitoring.json';
import flagsSv from '../../../i18n/sv/flags.json';
import auditSv from '../../../i18n/sv/audit.json';
import sanctionsSv from '../../../i18n/sv/sanctions.json';

/** The areas, in the order their files are merged. */
export const AREAS = ['core', 'applicant', 'board', 'decisions', 'finance', 'grants', 'officer', 'reviewer', 'security', 'trail', 'errors', 'reporting', 'verification', 'monitoring', 'flags', 'audit', 'sanctions'] as const;
export type Area = (typeof AREAS)[number];

export const en = {
  ...coreEn,
  ...applicantEn,
  ...boardEn,
  ...decisionsEn,
  ...financeEn,
  ...grantsEn,
  ...officerEn,
  ...reviewerEn,
  ...securityEn,
  ...trailEn,
  ...errorsEn,
  ...reportingEn,
  ...verificationEn,
  ...monitoringEn,
  ...flagsEn,
  ...auditEn,
  ...sanctionsEn,
};

export type TranslationKey = keyof typeof en;
export type Dictionary = Readonly<Record<TranslationKey, string>>;
export type PartialDictionary = Readonly<Partial<Record<TranslationKey, string>>>;

export const ar: PartialDictionary = {
  ...coreAr,
  ...applicantAr,
  ...boardAr,
  ...decisionsAr,
  ...financeAr,
  ...grantsAr,
  ...officerAr,
  ...reviewerAr,
  ...securityAr,
  ...trailAr,
  ...errorsAr,
  ...reportingAr,
  ...verificationAr,
  ...monitoringAr,
  ...flagsAr,
  ...auditAr,
  ...sanctionsAr,
};

export const sv: PartialDictionary = {
  ...coreSv,
  ...applicantSv,
  ...boardSv,
  ...decisionsSv,
  ...financeSv,
  ...grantsSv,
  ...officerSv,
  ...reviewerSv,
  ...securitySv,
  ...trailSv,
  ...errorsSv,
  ...reportingSv,
  ...verificationSv,
  ...monitoringSv,
  ...flagsSv,
  ...auditSv,
  ...sanctionsSv,
};

/** Each language's files by area, for the catalog checks. */
export const FILES: Readonly<Record<'en' | 'ar' | 'sv', Readonly<Record<Area, Readonly<Record<string, string>>>>>> = {
  en: { core: coreEn, applicant: applicantEn, board: boardEn, decisions: decisionsEn, finance: financeEn, grants: grantsEn, officer: officerEn, reviewer: reviewerEn, security: securityEn, trail: trailEn, errors: errorsEn, reporting: reportingEn, verification: verificationEn, monitoring: monitoringEn, flags: flagsEn, audit: auditEn, sanctions: sanctionsEn },
  ar: { core: coreAr, applicant: applicantAr, board: boardAr, decisions: decisionsAr, finance: financeAr, grants: grantsAr, officer: officerAr, reviewer: reviewerAr, security: securityAr, trail: trailAr, errors: errorsAr, reporting: reportingAr, verification: verificationAr, monitoring: monitoringAr, flags: flagsAr, audit: auditAr, sanctions: sanctionsAr },
  sv: { core: coreSv, applicant: applicantSv, board: boardSv, decisions: decisionsSv, finance: financeSv, grants: grantsSv, officer: officerSv, reviewer: reviewerSv, security: securitySv, trail: trailSv, errors: errorsSv, reporting: reportingSv, verification: verificationSv, monitoring: monitoringSv, flags: flagsSv, audit: auditSv, sanctions: sanctionsSv },
};
