/**
 * The reviewer's desk: assigned reviews, conflict declarations, scoring.
 * Spread into `en` (the reference dictionary).
 */
export const reviewerEn = {
  'nav.myReviews': 'My reviews',

  'reviewer.page.title': 'Review',
  'reviewer.back': 'Back to my reviews',
  'reviewer.reload': 'Reload',
  'reviewer.listSeparator': ', ',
  'reviewer.noPartners': 'No partner organizations',
  'reviewer.textTooLong': 'At most {max} characters.',
  'reviewer.dueOn': 'Due {date}',
  'reviewer.jumpToScoring': 'Go to the scoring form',
  'reviewer.reassigned':
    'You are no longer reviewing this application: an officer assigned it to someone else.',

  // My reviews
  'reviewer.list.title': 'My reviews',
  'reviewer.list.intro':
    'Applications assigned to you. Declare any conflict of interest first; then read each application and score it against the call’s criteria.',
  'reviewer.list.progress': '{submitted} of {total} reviews submitted',
  'reviewer.list.overdueCount': 'Past their due date: {count}',
  'reviewer.list.allDone': 'All your reviews are submitted. Thank you!',
  'reviewer.list.filterLabel': 'Show reviews',
  'reviewer.list.emptyTitle': 'No reviews assigned to you yet',
  'reviewer.list.emptyBody':
    'When an officer assigns you an application, it appears here and you get a notification.',
  'reviewer.list.emptyAction': 'See notifications',
  'reviewer.group.all': 'All',
  'reviewer.group.todo': 'To do',
  'reviewer.group.submitted': 'Submitted',
  'reviewer.group.withdrawn': 'Withdrawn',
  'reviewer.groupEmpty.todo': 'Nothing left to do. Well done!',
  'reviewer.groupEmpty.submitted': 'You have not submitted any review yet.',
  'reviewer.groupEmpty.withdrawn':
    'None: reviews you step down from after declaring a conflict of interest appear here.',
  'reviewer.status.assigned': 'Declaration needed',
  'reviewer.status.declared': 'Not started',
  'reviewer.status.in_progress': 'Draft saved',
  'reviewer.status.submitted': 'Submitted',
  'reviewer.status.conflict': 'Conflict declared',
  'reviewer.status.reassigned': 'Reassigned',
  'reviewer.action.declare': 'Declare conflicts',
  'reviewer.action.start': 'Start review',
  'reviewer.action.continue': 'Continue review',
  'reviewer.action.view': 'View',
  'reviewer.due.overdue': 'Overdue',
  'reviewer.due.today': 'Due today',
  'reviewer.due.none': 'No due date',
  'reviewer.field.organization': 'Applicant organization',
  'reviewer.field.partners': 'Partner organizations',
  'reviewer.field.call': 'Call',
  'reviewer.field.dueOn': 'Due',
  'reviewer.field.receipt': 'Receipt number',
  'reviewer.field.submittedAt': 'Submitted',

  // Conflict of interest
  'reviewer.declare.title': 'Declare any conflict of interest',
  'reviewer.declare.intro':
    'Before you see the application, tell us whether you have a conflict of interest with the organizations behind it.',
  'reviewer.declare.partnersUnknown':
    'The partner organizations could not be loaded. Reload the page before you declare.',
  'reviewer.declare.whatTitle': 'What counts as a conflict of interest',
  'reviewer.declare.whatIntro':
    'You have a conflict of interest when your judgement could be, or could look, influenced by a tie to this application. For example:',
  'reviewer.declare.what1':
    'You are, or in the last three years were, a member, employee, board member, adviser or volunteer of the applicant or of one of its partner organizations.',
  'reviewer.declare.what2':
    'You, a relative or someone close to you would gain or lose money, work or another advantage if this application is funded.',
  'reviewer.declare.what3':
    'You helped to write this application, or you compete with it (for example with an application of your own in this call).',
  'reviewer.declare.what4':
    'You have a close personal relationship, or a dispute, with someone in these organizations.',
  'reviewer.declare.doubt':
    'If in doubt, declare it: declaring is never held against you, and the officer decides.',
  'reviewer.declare.question': 'Your declaration',
  'reviewer.declare.noConflict':
    'I have no conflict of interest with this application',
  'reviewer.declare.hasConflict': 'I have a conflict of interest',
  'reviewer.declare.answerRequired': 'Choose one of the two answers.',
  'reviewer.declare.statement': 'Describe the conflict of interest',
  'reviewer.declare.statementHint':
    'The officers read this. It is kept on the activity trail.',
  'reviewer.declare.statementRequired':
    'Say what the conflict is, so the officer can judge it.',
  'reviewer.declare.consequence':
    'Declaring a conflict removes you from this application. The program officers are notified and will assign another reviewer.',
  'reviewer.declare.submitNoConflict': 'Confirm and open the application',
  'reviewer.declare.submitConflict': 'Declare the conflict and step down',
  'reviewer.declare.done':
    'Declaration recorded: the application is open for your review.',
  'reviewer.conflict.title': 'You have stepped down from this review',
  'reviewer.conflict.body':
    'You declared a conflict of interest, so you no longer review this application and cannot open it.',
  'reviewer.conflict.notified':
    'The program officers have been notified and will assign another reviewer. Thank you for declaring it.',

  // The frozen application
  'reviewer.app.title': 'The application',
  'reviewer.app.version': 'Version',
  'reviewer.app.requested': 'Amount requested',
  'reviewer.app.hash': 'Content fingerprint (SHA-256)',
  'reviewer.app.frozenNote':
    'This is the version the applicant submitted, frozen: it cannot change while you review it.',

  // Scoring
  'reviewer.review.title': 'Your review',
  'reviewer.review.intro':
    'Score each criterion from 0 to 5 and say why. Your draft is saved as you go.',
  'reviewer.score.peersHidden':
    'Other reviewers’ scores stay hidden until you submit yours, and yours stay hidden from them.',
  'reviewer.score.weight': 'Weight {weight}',
  'reviewer.score.comment': 'Comment on criterion {n}',
  'reviewer.score.commentRequired':
    'A score of {score} needs a comment saying why.',
  'reviewer.score.commentOptional':
    'Optional for scores 2 to 4; required for 0, 1 and 5.',
  'reviewer.score.commentMissing':
    'Add a comment: a score of {score} needs one.',
  'reviewer.score.chooseScore': 'Choose a score from 0 to 5.',
  'reviewer.score.overallTitle': 'Overall',
  'reviewer.score.recommendation': 'Recommendation',
  'reviewer.score.overallComment': 'Overall comment',
  'reviewer.score.overallHint':
    'Strengths, weaknesses, and what would make the project better. The committee reads this.',
  'reviewer.score.weighted': 'Weighted score',
  'reviewer.score.ofMax': 'of {max}',
  'reviewer.score.progress': 'Criteria scored: {scored} of {total}',
  'reviewer.score.range':
    'The weighted score will be between {low} and {high}.',
  'reviewer.score.noPreview':
    'The call’s rubric cannot be scored: ask the officer.',
  'reviewer.score.saveDraft': 'Save draft',
  'reviewer.score.submit': 'Submit review',
  'reviewer.score.finalHint':
    'Submitting is final: you cannot change your review afterwards.',
  'reviewer.recommendation.fund': 'Fund',
  'reviewer.recommendation.fund_with_changes': 'Fund with changes',
  'reviewer.recommendation.reserve': 'Reserve list',
  'reviewer.recommendation.do_not_fund': 'Do not fund',
  'reviewer.missing.title': 'Not ready to submit yet. Still missing: {count}',
  'reviewer.missing.score': 'Criterion {n}, “{criterion}”: choose a score',
  'reviewer.missing.comment':
    'Criterion {n}, “{criterion}”: a score of {score} needs a comment',
  'reviewer.missing.recommendation': 'Choose an overall recommendation.',
  'reviewer.missing.overallComment': 'Write an overall comment.',
  'reviewer.save.idle': 'No unsaved changes',
  'reviewer.save.pending': 'Unsaved changes…',
  'reviewer.save.saving': 'Saving…',
  'reviewer.save.saved': 'Draft saved at {time}',
  'reviewer.save.offline': 'Not saved: no connection. Trying again at {time}…',
  'reviewer.save.invalid': 'Not saved yet: fix the highlighted fields',
  'reviewer.save.rejected': 'Not saved: {message}',
  'reviewer.save.conflictShort': 'Not saved: saved elsewhere first',
  'reviewer.save.locked': 'Saving stopped',
  'reviewer.save.conflict':
    'This review was saved elsewhere (another tab or device); version {version} is the current one. Nothing was overwritten.',
  'reviewer.save.conflictNoVersion':
    'This review was saved elsewhere (another tab or device). Nothing was overwritten.',
  'reviewer.save.conflictLost':
    'Reload to see the saved review. Changes made on this page since then are not saved: copy any text you want to keep first.',
  'reviewer.save.lockedLong': 'This review can no longer be changed: {message}',
  'reviewer.submit.confirmTitle': 'Submit your review?',
  'reviewer.submit.confirmBody':
    'Your weighted score is {score}. Once submitted, your scores, comments and recommendation are final and cannot be changed. You will then see the other reviewers’ scores.',
  'reviewer.submit.confirm': 'Submit, final',
  'reviewer.submit.sending': 'Submitting your review…',
  'reviewer.submit.done': 'Your review is submitted.',
  'reviewer.submit.refused':
    'The review could not be submitted. The server says:',

  // Submitted: mine and the peers
  'reviewer.mine.submitted': 'Submitted: your review is final.',
  'reviewer.mine.submittedAt': 'Submitted {time}: your review is final.',
  'reviewer.mine.score': '{score} of {max}',
  'reviewer.mine.notScored': 'Not scored',
  'reviewer.peers.title': 'Other reviewers',
  'reviewer.peers.intro':
    'Reviewers stay anonymous to each other. Only submitted reviews are shown, and they are final.',
  'reviewer.peers.pending':
    'Other reviewers who have not submitted yet: {count}',
  'reviewer.peers.noneYet':
    'No other reviewer has submitted yet. Their scores appear here once they do.',
  'reviewer.peers.noOthers': 'No other reviewer reviews this application.',
  'reviewer.peers.weightedTitle': 'Weighted scores',
  'reviewer.peers.you': 'You',
  'reviewer.peers.label': 'Reviewer {n}',
  'reviewer.peers.spread':
    'Difference between the highest and the lowest weighted score: {spread}',
  'reviewer.peers.tableTitle': 'Scores per criterion',
  'reviewer.peers.criterion': 'Criterion',
  'reviewer.peers.weight': 'Weight',
  'reviewer.peers.commentsTitle': 'Their comments',
  'reviewer.peers.submittedAt': 'submitted {time}',
  'reviewer.peers.noComment': 'No comment',
} as const;
