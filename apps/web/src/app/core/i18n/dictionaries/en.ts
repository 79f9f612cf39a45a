import { grantsEn } from './grants.en';
import { securityEn } from './security.en';
import { reviewerEn } from './reviewer.en';
import { boardEn } from './board.en';
import { decisionsEn } from './decisions.en';
import { applicantEn } from './applicant.en';
import { officerEn } from './officer.en';
import { financeEn } from './finance.en';
/**
 * The English dictionary is the reference: its keys are the only valid translation keys,
 * and any key missing from another language falls back to the text here.
 * Placeholders are written `{name}`.
 */
export const en = {
  'app.name': 'Mizan',
  'app.skipToContent': 'Skip to main content',

  'lang.menu': 'Language',

  'role.applicant': 'Applicant',
  'role.partner': 'Partner',
  'role.officer': 'Program officer',
  'role.reviewer': 'Reviewer',
  'role.finance': 'Finance officer',
  'role.auditor': 'Auditor',
  'role.admin': 'Administrator',

  'nav.label': 'Main navigation',
  'nav.open': 'Open navigation menu',
  'nav.home': 'Home',
  'nav.trail': 'Activity trail',
  'nav.users': 'Users',

  'shell.user': 'Signed-in user',
  'shell.signOut': 'Sign out',

  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.close': 'Close',
  'common.reason': 'Reason',
  'common.reasonHint': 'Recorded on the activity trail.',
  'common.reasonRequired': 'Give a reason.',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',

  'errors.invalidCredentials': 'The email or password is not correct.',
  'errors.tooManyAttempts':
    'Too many attempts, try again in {seconds} seconds.',
  'errors.network':
    'The server could not be reached. Check your connection and try again.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.notFound': 'This item no longer exists.',
  'errors.conflict': 'This conflicts with the current state: {message}',
  'errors.validation': 'Some fields need attention.',
  'errors.rateLimited': 'Too many requests. Wait a moment and try again.',
  'errors.sessionEnded': 'Your session has ended. Please sign in again.',
  'errors.generic': 'Something went wrong: {message}',

  'signIn.title': 'Sign in',
  'signIn.heading': 'Sign in to Mizan',
  'signIn.intro':
    'Co-development grant programs with an accountable money trail.',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.emailRequired': 'Enter your email address.',
  'signIn.emailInvalid': 'Enter a valid email address, like name@example.org.',
  'signIn.passwordRequired': 'Enter your password.',

  'home.welcome': 'Welcome, {name}',
  'home.intro': 'You are signed in to {agency}. This is what you do in Mizan.',
  'home.comingSoon': 'Coming soon',
  'home.comingSoonNote':
    'This part of Mizan is being built. There is nothing to do here yet.',
  'home.open': 'Open {page}',
  'home.summary.applicant':
    'You apply for grants on behalf of your diaspora organization, follow your applications and grants, and report what you spent and achieved.',
  'home.summary.partner':
    'You work with a diaspora organization from the country of origin and share evidence, receipts and progress for the grants you are a partner in.',
  'home.summary.officer':
    'You run programs and calls, screen applications, assign reviewers, decide, verify reports and request payments.',
  'home.summary.reviewer':
    'You score the applications assigned to you, after declaring any conflict of interest.',
  'home.summary.finance':
    'You approve and record payments, but never a payment you requested yourself (four eyes).',
  'home.summary.auditor':
    'You read everything in the engagements assigned to you, record tests and findings, and generate audit reports. You change nothing else.',
  'home.summary.admin':
    'You manage users, their roles and the agency settings.',
  'home.card.programs': 'Programs and calls',
  'home.card.applications': 'Applications',
  'home.card.reviews': 'Reviews',
  'home.card.payments': 'Payments',
  'home.card.reports': 'Reports',
  'home.card.engagements': 'Audit engagements',
  'home.card.trail': 'Activity trail',
  'home.card.users': 'Users',
  'home.body.programs.applicant':
    'Find open calls for proposals and check whether your organization is eligible.',
  'home.body.programs.officer':
    'Set up programs with budgets, and open calls for proposals with eligibility rules and a scoring rubric.',
  'home.body.applications.applicant':
    'Draft, submit and follow the applications of your organization and its partners.',
  'home.body.applications.officer':
    'Screen submitted applications, assign reviewers and record decisions with their rationale.',
  'home.body.reviews.reviewer':
    'Declare conflicts of interest, then score each assigned application criterion by criterion.',
  'home.body.reviews.officer':
    "Assign reviewers, follow the review board and its funding line, and record funding decisions with a second officer's confirmation.",
  'home.body.applications.partner':
    'Read the applications that name your organization, as submitted.',
  'home.body.payments.officer':
    'Request tranche payments once their release conditions are met.',
  'home.body.payments.finance':
    'Approve and record tranche payments with bank reference, value date and exchange rate.',
  'home.body.reports.applicant':
    'Report spending with receipts, and progress against your indicators.',
  'home.body.reports.partner':
    'Upload evidence, receipts and progress for the grants you are a partner in.',
  'home.body.reports.officer':
    'Verify financial and narrative reports line by line.',
  'home.body.engagements.auditor':
    'Sample expenditure, record tests and findings, and generate the audit report.',
  'home.body.trail.auditor':
    'Search every recorded change, verify that the hash chain is intact and export it as a PDF.',
  'home.body.trail.admin':
    'Search every recorded change and verify that the hash chain is intact.',
  'home.body.users.admin':
    'Create accounts, assign roles and deactivate users. Every change is recorded on the trail.',

  'trail.title': 'Activity trail',
  'trail.intro':
    'Every change in Mizan, newest first. Records are hash-chained: any edit or deletion is detected.',
  'trail.filters': 'Filter records',
  'trail.actor': 'Actor',
  'trail.actorHint': 'Part of an email or name',
  'trail.entityType': 'Entity type',
  'trail.entityId': 'Entity ID',
  'trail.from': 'From date',
  'trail.to': 'To date',
  'trail.toBeforeFrom': 'The end date is before the start date.',
  'trail.apply': 'Apply filters',
  'trail.reset': 'Clear filters',
  'trail.records': 'Records',
  'trail.total': 'Records found: {total}',
  'trail.col.time': 'Time',
  'trail.col.actor': 'Actor',
  'trail.col.action': 'Action',
  'trail.col.entity': 'Entity',
  'trail.col.hash': 'Hash',
  'trail.col.details': 'Details',
  'trail.showDetails': 'Show details of record #{seq}',
  'trail.hideDetails': 'Hide details of record #{seq}',
  'trail.seq': 'Record',
  'trail.before': 'Before',
  'trail.after': 'After',
  'trail.reason': 'Reason',
  'trail.noReason': 'No reason given',
  'trail.fullHash': 'Hash',
  'trail.previousHash': 'Previous hash',
  'trail.empty.title': 'No records match',
  'trail.empty.body': 'Change or clear the filters to see more of the trail.',
  'trail.loadFailed': 'The trail could not be loaded: {message}',
  'trail.verify.heading': 'Integrity check',
  'trail.verify.intro':
    'Recomputes every hash of the chain and compares it with the stored one.',
  'trail.verify': 'Verify trail',
  'trail.verifying': 'Verifying…',
  'trail.verify.intact': 'Intact: {count} records, head hash {hash}',
  'trail.verify.broken': 'Broken at record #{seq}: {problem}',
  'trail.verify.at': 'Checked at {time}.',
  'trail.verify.checkpoints': 'Checked against {agreeing} signed checkpoints; the latest, #{number}, covers record #{seq} (signed {time}).',
  'trail.verify.noCheckpoints': 'No signed checkpoint yet: newest records cut off or re-hashed would not show until the worker signs one.',
  'trail.export': 'Export trail as PDF',
  'trail.export.heading': 'PDF exports',
  'trail.export.progressLabel': 'Trail export progress',
  'trail.export.progress': 'Export {progress}% complete',
  'trail.export.waiting': 'Export queued…',
  'trail.export.ready': 'The trail PDF is ready.',
  'trail.export.download': 'Download trail PDF',
  'trail.export.sha256': 'SHA-256',
  'trail.export.size': 'Size',
  'trail.export.failed': 'The export failed: {reason}',
  'trail.export.previous': 'Earlier exports',
  'trail.export.none': 'No earlier exports yet.',
  'trail.export.requestedAt': 'Requested {time}',
  'trail.export.state.waiting': 'Waiting',
  'trail.export.state.active': 'In progress',
  'trail.export.state.completed': 'Completed',
  'trail.export.state.failed': 'Failed',

  'users.title': 'Users',
  'users.intro': 'Accounts of your agency and the roles they hold.',
  'users.create': 'Create user',
  'users.col.name': 'Name',
  'users.col.email': 'Email',
  'users.col.roles': 'Roles',
  'users.col.active': 'Active',
  'users.col.created': 'Created',
  'users.col.actions': 'Actions',
  'users.activeToggle': 'Active: {name}',
  'users.editRoles': 'Edit roles of {name}',
  'users.editRolesShort': 'Edit roles',
  'users.noRoles': 'No roles',
  'users.empty': 'There are no users yet.',
  'users.readOnly': 'You can see users but not change them.',
  'users.saved': 'Saved.',
  'users.dialog.rolesTitle': 'Roles of {name}',
  'users.dialog.roles': 'Roles',
  'users.dialog.rolesRequired': 'Choose at least one role.',
  'users.dialog.createTitle': 'Create user',
  'users.dialog.email': 'Email',
  'users.dialog.displayName': 'Display name',
  'users.dialog.password': 'Initial password',
  'users.dialog.passwordHint': 'At least 12 characters.',
  'users.dialog.passwordShort': 'Use at least 12 characters.',
  'users.dialog.required': 'This field is required.',
  'users.dialog.emailInvalid': 'Enter a valid email address.',
  'users.dialog.activateTitle': 'Activate {name}',
  'users.dialog.deactivateTitle': 'Deactivate {name}',
  'users.dialog.activate': 'Activate',
  'users.dialog.deactivate': 'Deactivate',
  'users.dialog.create': 'Create',

  'notAllowed.title': 'Not allowed',
  'notAllowed.body': 'Your roles do not give you access to this page.',
  'notAllowed.home': 'Back to your home page',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address.',

  'paginator.itemsPerPage': 'Records per page',
  'paginator.next': 'Next page',
  'paginator.previous': 'Previous page',
  'paginator.first': 'First page',
  'paginator.last': 'Last page',
  'paginator.range': '{start} – {end} of {length}',
  'paginator.empty': '0 of {length}',

  ...applicantEn,
  ...officerEn,
  ...financeEn,
  ...reviewerEn,
  ...boardEn,
  ...decisionsEn,
  ...grantsEn,
  ...securityEn,
} as const;

export type TranslationKey = keyof typeof en;
export type Dictionary = Readonly<Record<TranslationKey, string>>;
export type PartialDictionary = Readonly<
  Partial<Record<TranslationKey, string>>
>;
