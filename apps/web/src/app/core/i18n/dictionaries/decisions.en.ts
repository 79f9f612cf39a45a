/**
 * Funding decisions, notifications, the email outbox and the applicant's decision notice.
 * Spread into `en` (the reference dictionary).
 */
export const decisionsEn = {
  'nav.outbox': 'Email outbox',
  'nav.notifications': 'Notifications',

  // Decisions: labels of the domain's codes
  'decisions.outcome.approved': 'Approved',
  'decisions.outcome.rejected': 'Rejected',
  'decisions.outcome.reserve': 'Reserve list',
  'decisions.choice.approved': 'Approve',
  'decisions.choice.rejected': 'Reject',
  'decisions.choice.reserve': 'Put on the reserve list',
  'decisions.state.proposed': 'Awaiting confirmation',
  'decisions.state.confirmed': 'Final',
  'decisions.state.cancelled': 'Cancelled',
  'decisions.reason.low_score': 'Low review score',
  'decisions.reason.outside_priorities': "Outside the call's priorities",
  'decisions.reason.budget_not_credible': 'Budget not credible',
  'decisions.reason.insufficient_partnership': 'Insufficient partnership',
  'decisions.reason.weak_risk_management': 'Weak risk management',
  'decisions.reason.envelope_exhausted': 'Envelope exhausted',
  'decisions.reason.other': 'Other (explain in the note)',

  // Decisions: a call's list
  'decisions.call.title': 'Funding decisions',
  'decisions.refresh': 'Refresh',
  'decisions.envelope.caption': 'Envelope {envelope}: {percent}% committed',
  'decisions.envelope.confirmed': 'Approvals confirmed',
  'decisions.envelope.awaiting': 'Approvals awaiting a second officer',
  'decisions.envelope.remaining': 'Remaining in the envelope',
  'decisions.threshold.heading': 'Four eyes',
  'decisions.threshold.above':
    'Approvals above {amount} need a second officer to confirm them.',
  'decisions.threshold.everyApproval':
    'Every approval needs a second officer to confirm it (threshold 0).',
  'decisions.threshold.otherOutcomes':
    'Rejections and reserve places commit no money: they are final at once.',
  'decisions.threshold.edit': 'Change threshold',
  'decisions.threshold.title': 'Confirmation threshold',
  'decisions.threshold.explain':
    'An approval above this amount waits until a second officer confirms it. The officer who proposed it cannot confirm it.',
  'decisions.threshold.zero':
    '0 means every approval needs a second officer. The change applies to decisions proposed from now on.',
  'decisions.threshold.amount': 'Threshold ({currency})',
  'decisions.threshold.max': 'At most the envelope, {envelope}.',
  'decisions.threshold.required': 'Enter an amount (0 for every approval).',
  'decisions.threshold.aboveEnvelope':
    'The threshold may not exceed the envelope of {envelope}.',
  'decisions.threshold.saved':
    'Threshold saved: approvals above {amount} need a second officer.',
  'decisions.awaiting.title': 'Awaiting a second officer ({count})',
  'decisions.awaiting.intro':
    'Another officer must confirm or cancel these approvals before they are final and the applicant is told.',
  'decisions.awaiting.none': 'No decision is waiting for confirmation.',
  'decisions.history.title': 'Decision history',
  'decisions.history.none': 'No final or cancelled decisions yet.',
  'decisions.empty.title': 'No decisions yet',
  'decisions.empty.body':
    'Decide on applications from the board. Approvals above the threshold wait here for a second officer.',
  'decisions.col.application': 'Application',
  'decisions.col.outcome': 'Outcome',
  'decisions.col.amount': 'Amount',
  'decisions.col.details': 'Conditions and reasons',
  'decisions.col.people': 'Decided by',

  // Decisions: one decision
  'decisions.card.title': 'Current decision',
  'decisions.card.amount': 'Amount granted',
  'decisions.card.ofRequested': 'of {requested} requested',
  'decisions.card.requestedShort': 'Requested {requested}',
  'decisions.card.requested': 'Amount requested',
  'decisions.card.reduced': 'Reduced',
  'decisions.card.proposed': 'Proposed',
  'decisions.card.confirmed': 'Confirmed',
  'decisions.card.cancelled': 'Cancelled',
  'decisions.card.proposedBy': 'Proposed by {who}',
  'decisions.card.confirmedBy': 'Confirmed by {who}',
  'decisions.card.cancelledBy': 'Cancelled by {who}',
  'decisions.card.cancelReason': 'Why cancelled',
  'decisions.card.noSecond': 'Final at once (no second officer needed)',
  'decisions.card.waiting': 'Waiting for a second officer to confirm.',
  'decisions.card.ownProposal':
    'You proposed this decision, so another officer must confirm it (four eyes). You can still cancel it.',
  'decisions.action.confirm': 'Confirm',
  'decisions.action.cancel': 'Cancel decision',
  'decisions.action.propose': 'Propose decision',
  'decisions.action.decide': 'Record decision',
  'decisions.confirm.title': 'Confirm this decision?',
  'decisions.confirm.bodyApproved':
    'You confirm the approval of {amount} for “{title}”, proposed by {proposer}. It becomes final and the applicant is told in the app and by email.',
  'decisions.confirm.body':
    'You confirm the decision “{outcome}” on “{title}”, proposed by {proposer}. It becomes final and the applicant is told in the app and by email.',
  'decisions.cancel.title': 'Cancel this decision',
  'decisions.cancel.body':
    'The proposal is withdrawn and its amount returns to the envelope. The application can then be decided again.',
  'decisions.cancel.keep': 'Keep it',
  'decisions.cancel.submit': 'Cancel decision',
  'decisions.done.proposed':
    'Decision proposed ({outcome}): it now waits for a second officer.',
  'decisions.done.final':
    'Decision recorded ({outcome}): it is final and the applicant has been told.',
  'decisions.done.confirmed':
    'The decision on “{title}” is confirmed and final.',
  'decisions.done.cancelled': 'The decision on “{title}” was cancelled.',

  // Decisions: the form
  'decisions.app.title': 'Funding decision',
  'decisions.app.notReady':
    'A decision can be recorded once the application is in review. It is now: {state}.',
  'decisions.field.outcome': 'Decision',
  'decisions.field.amount': 'Amount granted ({currency})',
  'decisions.field.conditions': 'Conditions',
  'decisions.field.reasons': 'Reasons',
  'decisions.field.note': 'Note to the applicant',
  'decisions.field.rationale': 'Rationale (internal)',
  'decisions.form.requested': 'Requested: {amount}',
  'decisions.form.remaining': 'left in the envelope: {amount}',
  'decisions.form.amountHint': 'The amount requested, {amount}, or less.',
  'decisions.form.reduced':
    'Reduced: {amount} instead of the {requested} requested.',
  'decisions.form.overEnvelope':
    'Only {amount} is left in the envelope: this approval would not fit.',
  'decisions.form.conditionsHint':
    'What the grantee must do. Shown to the applicant.',
  'decisions.form.noteHint':
    'Shown to the applicant with the reasons. Required when you choose "Other".',
  'decisions.form.reserveHint':
    'The application waits on the reserve list. It can be approved later if money becomes available.',
  'decisions.form.rationaleHint':
    'Why you decide this way. Recorded on the activity trail; not shown to the applicant.',
  'decisions.form.fromReserve':
    'This application is on the reserve list. You can now approve or reject it.',
  'decisions.fourEyes.needsSecond':
    'This approval needs a second officer’s confirmation: {amount} is above the threshold of {threshold}.',
  'decisions.fourEyes.everyApproval':
    'This approval needs a second officer’s confirmation: in this call every approval does.',
  'decisions.fourEyes.withinThreshold':
    'This approval is final at once: {amount} is within the threshold of {threshold}.',
  'decisions.fourEyes.noMoney':
    'This decision commits no money, so it is final at once and the applicant is told.',
  'decisions.fourEyes.unknown':
    'Approvals above the call’s threshold need a second officer’s confirmation.',
  'decisions.error.amountRequired': 'Enter the amount granted.',
  'decisions.error.amountFormat':
    'Enter an amount with at most {decimals} decimals, like 250000.50.',
  'decisions.error.amountPositive':
    'The amount granted must be more than zero.',
  'decisions.error.aboveRequested':
    'The amount may not exceed the {amount} requested.',
  'decisions.error.reasonsRequired': 'Choose at least one reason.',
  'decisions.error.noteRequired': 'Explain the reason "Other" in the note.',
  'decisions.error.rationaleRequired': 'Give the rationale of the decision.',
  'decisions.error.envelope': 'The envelope is exceeded: {message}',
  'decisions.error.fourEyes':
    'Four eyes: you proposed this decision, so another officer must confirm it.',
  'decisions.error.conflict':
    'This decision conflicts with the current state: {message}',
  'decisions.error.forbidden': 'Not allowed: {message}',

  // The applicant's decision notice
  'decisions.notice.decidedOn': 'Decided on {date}',
  'decisions.notice.approved.headline': 'Your application has been approved',
  'decisions.notice.approved.lead': 'The agency will fund your project with:',
  'decisions.notice.approved.reduced':
    'This is less than the {requested} you asked for: the agency reduced the amount.',
  'decisions.notice.approved.full': 'This is the full amount you asked for.',
  'decisions.notice.approved.next':
    'The agency will contact you about the grant agreement and the next steps.',
  'decisions.notice.conditions': 'Conditions of the grant',
  'decisions.notice.conditionsIntro': 'The grant comes with these conditions:',
  'decisions.notice.rejected.headline':
    'Your application was not funded this time',
  'decisions.notice.rejected.lead':
    'Thank you for the work you put into it. The agency could not fund it in this call.',
  'decisions.notice.rejected.next':
    'You are welcome to apply again in a future call. The reasons below may help.',
  'decisions.notice.reasons': 'Why',
  'decisions.notice.note': 'Message from the agency',
  'decisions.notice.reason.low_score':
    'The reviewers scored it lower than the applications that were funded.',
  'decisions.notice.reason.outside_priorities':
    'It falls outside the priorities of this call.',
  'decisions.notice.reason.budget_not_credible':
    'The budget did not convince the reviewers.',
  'decisions.notice.reason.insufficient_partnership':
    'The partnership with the partner organization was not strong enough.',
  'decisions.notice.reason.weak_risk_management':
    'The risks were not managed well enough in the plan.',
  'decisions.notice.reason.envelope_exhausted':
    'The money available for this call ran out before it.',
  'decisions.notice.reason.other':
    'Another reason, explained in the message below.',
  'decisions.notice.reserve.headline':
    'Your application is on the reserve list',
  'decisions.notice.reserve.lead':
    'It is not funded for now, but it may still be if money becomes available in this call, for example if another project does not go ahead.',
  'decisions.notice.reserve.next':
    'You will be told here and by email as soon as this changes.',

  // Notifications
  'notifications.title': 'Notifications',
  'notifications.intro':
    'News about your work in Mizan, newest first. Open one to go to what it is about.',
  'notifications.bell.none': 'Notifications, none unread',
  'notifications.bell.one': '1 unread notification',
  'notifications.bell.many': '{count} unread notifications',
  'notifications.unread': 'Unread',
  'notifications.markAll': 'Mark all as read',
  'notifications.markRead': 'Mark as read',
  'notifications.open': 'Open',
  'notifications.markedOne': 'Marked as read: {title}',
  'notifications.markedAll': 'Marked {count} as read.',
  'notifications.menu.empty': 'No notifications yet.',
  'notifications.menu.seeAll': 'See all notifications',
  'notifications.group.unread': 'Unread ({count})',
  'notifications.group.read': 'Read ({count})',
  'notifications.empty.title': 'No notifications',
  'notifications.empty.body':
    'Mizan tells you here when something needs your attention or when something you follow is decided.',

  // The email outbox
  'outbox.title': 'Email outbox',
  'outbox.intro':
    'Email Mizan sends on behalf of your agency, newest first: who it went to, whether it was sent, and why not.',
  'outbox.worker':
    'The background worker sends queued email within moments and retries on failure.',
  'outbox.loaded': '{count} emails listed.',
  'outbox.filter.label': 'Show email by status',
  'outbox.filter.all': 'All',
  'outbox.status.queued': 'Queued',
  'outbox.status.sent': 'Sent',
  'outbox.status.failed': 'Failed',
  'outbox.col.subject': 'Subject',
  'outbox.col.to': 'To',
  'outbox.col.status': 'Status',
  'outbox.col.attempts': 'Attempts',
  'outbox.col.lastError': 'Last error',
  'outbox.col.created': 'Created',
  'outbox.col.sent': 'Sent',
  'outbox.attemptsCount': 'Attempts: {count}',
  'outbox.messageId': 'Message ID',
  'outbox.body': 'Message',
  'outbox.noneFiltered': 'No email with this status.',
  'outbox.empty.title': 'No email yet',
  'outbox.empty.body':
    'When an application is decided, Mizan queues an email to its applicants here; the background worker then sends it.',
} as const;
