/**
 * Every action code the server writes on the activity trail, with its English label (the trail PDF's text and the
 * reference for the web app's `trail.action.<code>` messages in en / ar / sv). `TrailEntry.action` on the server is
 * typed `TrailAction`, so a new code does not compile until it is listed here; the web's catalog check then fails
 * until it has a label in every language.
 */
export const TRAIL_ACTION_LABELS = {
  // Platform, sign-in and users
  'agency.created': 'Agency created',
  'agency.two_factor_requirement_changed': 'Two-factor requirement changed',
  'auth.password_accepted': 'Password accepted (second factor pending)',
  'auth.signed_in': 'Signed in',
  'auth.signed_out': 'Signed out',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.locked_out': 'Locked out after failed attempts',
  'auth.second_factor_failed': 'Second factor failed',
  'auth.reauthenticated': 'Confirmed identity again',
  'auth.reauth_failed': 'Identity confirmation failed',
  'auth.recovery_code_used': 'Recovery code used',
  'auth.recovery_codes_regenerated': 'Recovery codes regenerated',
  'auth.two_factor_enrolment_started': 'Two-factor set-up started',
  'auth.two_factor_enabled': 'Two-factor sign-in turned on',
  'auth.two_factor_disabled': 'Two-factor sign-in turned off',
  'user.created': 'User created',
  'user.roles_changed': 'User roles changed',
  'user.activated': 'User reactivated',
  'user.deactivated': 'User deactivated',
  'user.two_factor_reset': 'User’s two-factor sign-in reset',
  'user.language_changed': 'Language changed',
  'trail.exported': 'Trail exported as PDF',
  'trail.checkpoint': 'Trail checkpoint signed',
  // Intake
  'program.created': 'Program created',
  'call.created': 'Call created',
  'call.updated': 'Call edited',
  'call.published': 'Call published',
  'call.corrected': 'Call corrected',
  'call.envelope_allocated': 'Call envelope allocated',
  'call.confirmation_threshold_changed': 'Confirmation threshold changed',
  'call.disagreement_threshold_changed': 'Disagreement threshold changed',
  'organization.registered': 'Organization registered',
  'organization.updated': 'Organization edited',
  'partner.registered': 'Partner organization added',
  'partner.updated': 'Partner organization edited',
  'invitation.created': 'Invitation sent',
  'invitation.accepted': 'Invitation accepted',
  'due_diligence.document_uploaded': 'Due-diligence document uploaded',
  'due_diligence.status_set': 'Due-diligence status set',
  'due_diligence.reopened': 'Due diligence reopened',
  'application.created': 'Application started',
  'application.draft_saved': 'Application draft saved',
  'application.attachment_added': 'Attachment added to application',
  'application.submitted': 'Application submitted',
  'application.resubmitted': 'Application resubmitted',
  'application.withdrawn': 'Application withdrawn',
  'application.screening.start_screening': 'Screening started',
  'application.screening.mark_eligible': 'Marked eligible',
  'application.screening.mark_ineligible': 'Marked ineligible',
  'application.screening.return_for_clarification': 'Returned for clarification',
  'application.review_started': 'Review started',
  'application.approved': 'Application approved',
  'application.rejected': 'Application rejected',
  'application.reserved': 'Application put on the reserve list',
  // Review and decisions
  'review.assigned': 'Reviewer assigned',
  'review.reassigned': 'Reviewer replaced',
  'review.unassigned': 'Reviewer taken off',
  'review.declared': 'Reviewer declared no conflict of interest',
  'review.conflict_declared': 'Reviewer declared a conflict of interest',
  'review.draft_saved': 'Review draft saved',
  'review.submitted': 'Review submitted',
  'review.closed': 'Review closed (no longer needed)',
  'decision.proposed': 'Decision proposed',
  'decision.confirmed': 'Decision confirmed',
  'decision.cancelled': 'Decision proposal cancelled',
  // Grants
  'grant.created': 'Grant created',
  'grant.draft_edited': 'Grant agreement draft edited',
  'grant.risk_rated': 'Grant risk rated',
  'grant.sent_for_signature': 'Agreement sent for signature',
  'grant.signed': 'Agreement signed by the grantee',
  'grant.countersigned': 'Agreement countersigned',
  'grant.committed': 'Grant committed',
  'grant.amended': 'Grant amended',
  'grant.cancelled': 'Grant cancelled',
  'grant.finding_raised': 'Finding raised',
  'grant.finding_closed': 'Finding closed',
  'grant.agreement.requested': 'Agreement PDF requested',
  'grant.agreement.generated': 'Agreement PDF generated',
  'tranche.requested': 'Tranche requested',
  'tranche.report_accepted': 'Tranche report accepted',
  'tranche.condition_ticked': 'Release condition ticked',
  'tranche.condition_unticked': 'Release condition unticked',
  // Money
  'payment.requested': 'Payment requested',
  'payment.approved': 'Payment approved',
  'payment.second_approved': 'Payment given its second approval',
  'payment.rejected': 'Payment rejected',
  'payment.cancelled': 'Payment cancelled',
  'payment.sent_to_bank': 'Payment sent to the bank',
  'payment.released_from_bank_file': 'Payment taken out of a bank file',
  'payment.returned_by_bank': 'Payment returned by the bank',
  'payment.paid': 'Payment recorded as paid',
  'payment.receipt_confirmed': 'Receipt confirmed by the grantee',
  'bank_file.created': 'Bank file created',
  'bank_file.build_started': 'Bank file build started',
  'bank_file.built': 'Bank file built',
  'bank_file.build_failed': 'Bank file build failed',
  'bank_file.released': 'Bank file released',
  'exchange_rate.recorded': 'Exchange rate recorded',
  'exchange_rate.imported': 'Exchange rates imported',
  'finance_settings.updated': 'Finance settings changed',
  'ledger.program_funded': 'Program funded in the ledger',
  'ledger.envelope_allocated': 'Envelope allocated in the ledger',
  'ledger.entry_reversed': 'Ledger entry reversed',
  // Reporting: files (issue 11)
  'report_file.added': 'Report file added',
  'report_file.removed': 'Report file removed',
  // Verification and refunds (issue 11)
  'report.line_accepted': 'Expenditure line accepted',
  'report.line_ineligible': 'Expenditure line found ineligible',
  'report.line_questioned': 'Question on an expenditure line',
  'report.line_answered': 'Answer on an expenditure line',
  'report.accepted': 'Report accepted',
  'report.returned': 'Report returned',
  'refund.repaid': 'Refund repaid',
  'refund.offset': 'Refund offset against a tranche',
  // Reports (issue 11)
  'report.opened': 'Report opened',
  'report.line_added': 'Expenditure line added',
  'report.line_changed': 'Expenditure line changed',
  'report.line_removed': 'Expenditure line removed',
  'report.lines_imported': 'Expenditure lines imported',
  'report.narrative_saved': 'Narrative report saved',
  'report.submitted': 'Report submitted',
  // Monitoring (issue 11)
  'security_level.set': 'Security level set',
  'monitoring_policy.updated': 'Monitoring policy changed',
  'grant.monitor_assigned': 'Monitor assigned to a grant',
  'grant.monitor_removed': 'Monitor removed from a grant',
  'monitoring_visit.recorded': 'Monitoring visit recorded',
  'monitoring_visit.file_added': 'File added to a monitoring visit',
  // Red flags (issue 11)
  'red_flag.run_requested': 'Red-flag run requested',
  'red_flag.run_completed': 'Red-flag run completed',
  'red_flag.cleared': 'Red flag cleared',
  'red_flag.escalated': 'Red flag escalated',
  'red_flag.settings_updated': 'Red-flag thresholds changed',
  // Audit (issue 12)
  'audit.engagement_planned': 'Audit engagement planned',
  'audit.engagement_updated': 'Audit engagement changed',
  'audit.engagement_transitioned': 'Audit engagement moved to a new stage',
  'audit.auditor_added': 'Auditor put on an engagement',
  'audit.auditor_removed': 'Auditor taken off an engagement',
  'audit.sample_drawn': 'Audit sample drawn',
  'audit.sample_frozen': 'Audit sample frozen',
  'audit.item_tested': 'Sampled item tested',
  'audit.working_paper_added': 'Working paper added',
  'audit.finding_raised': 'Audit finding raised',
  'audit.finding_updated': 'Audit finding changed',
  'audit.finding_responded': 'Response to an audit finding',
  'audit.refund_confirmed': 'Refund of an audit finding confirmed',
  'audit.action_completed': 'Agreed action completed',
  'audit.action_checked': 'Completed action checked',
  'audit.report_requested': 'Audit report requested',
  'audit.report_issued': 'Audit report issued',
  'audit.report_superseded': 'Audit report superseded',
} as const;

export type TrailAction = keyof typeof TRAIL_ACTION_LABELS;

/** In the order of the list above (grouped by area), for the filter's choices. */
export const TRAIL_ACTIONS = Object.keys(TRAIL_ACTION_LABELS) as TrailAction[];

export function isTrailAction(value: string): value is TrailAction {
  return Object.hasOwn(TRAIL_ACTION_LABELS, value);
}

/** The label of a code, or the code itself for one this version does not know (older or test records). */
export function trailActionLabel(action: string): string {
  return isTrailAction(action) ? TRAIL_ACTION_LABELS[action] : action;
}

/** Every entity type the server names on the trail, with its English label. */
export const TRAIL_ENTITY_LABELS = {
  agency: 'Agency',
  user: 'User',
  trail_export: 'Trail export',
  trail_checkpoint: 'Trail checkpoint',
  program: 'Program',
  call: 'Call',
  grant_call: 'Call',
  organization: 'Organization',
  partner_organization: 'Partner organization',
  invitation: 'Invitation',
  application: 'Application',
  review_assignment: 'Review assignment',
  funding_decision: 'Funding decision',
  grant: 'Grant',
  grant_document: 'Grant document',
  grant_finding: 'Finding',
  tranche: 'Tranche',
  payment: 'Payment',
  bank_file: 'Bank file',
  exchange_rate: 'Exchange rate',
  exchange_rate_import: 'Exchange-rate import',
  finance_settings: 'Finance settings',
  journal_entry: 'Ledger entry',
  report_file: 'Report file',
  grant_report: 'Report',
  expenditure_line: 'Expenditure line',
  governorate_security_level: 'Security level',
  grant_monitor: 'Monitor assignment',
  monitoring_visit: 'Monitoring visit',
  red_flag: 'Red flag',
  red_flag_run: 'Red-flag run',
  red_flag_settings: 'Red-flag thresholds',
  audit_engagement: 'Audit engagement',
  audit_sample_item: 'Sampled item',
  audit_working_paper: 'Working paper',
  audit_finding: 'Audit finding',
  audit_report: 'Audit report',
} as const;

export type TrailEntityType = keyof typeof TRAIL_ENTITY_LABELS;

export const TRAIL_ENTITY_TYPES = Object.keys(TRAIL_ENTITY_LABELS) as TrailEntityType[];

export function isTrailEntityType(value: string): value is TrailEntityType {
  return Object.hasOwn(TRAIL_ENTITY_LABELS, value);
}

export function trailEntityLabel(entityType: string): string {
  return isTrailEntityType(entityType) ? TRAIL_ENTITY_LABELS[entityType] : entityType;
}
