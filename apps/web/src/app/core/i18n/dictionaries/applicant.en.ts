/**
 * The applicant's and partner's intake pages (English, the reference).
 * Placeholders are written `{name}`.
 */
export const applicantEn = {
  'nav.myOrganizations': 'My organizations',
  'nav.openCalls': 'Open calls',
  'nav.myApplications': 'My applications',
  'nav.partnerApplications': 'Applications',
  'nav.partnerOrganization': 'My partner organization',

  'applicant.required': 'This field is required.',
  'applicant.emailInvalid':
    'Enter a valid email address, like name@example.org.',
  'applicant.phoneHint': 'With the country code, like +46 8 123 456 78.',
  'applicant.phoneHintIraq': 'With the country code, like +964 770 123 4567.',
  'applicant.phoneInvalid':
    'Enter a phone number with digits, spaces and an optional leading +.',
  'applicant.removeNamed': 'Remove {name}',
  'applicant.saving': 'Saving…',
  'applicant.saved': 'Saved.',
  'applicant.reload': 'Reload',
  'applicant.edit': 'Edit',
  'applicant.download': 'Download',
  'applicant.downloadNamed': 'Download {name}',
  'applicant.passed': 'passed',
  'applicant.failed': 'failed',
  'applicant.versionLabel': 'Version {version}',
  'applicant.conflict': 'This conflicts with the current state: {message}',

  'applicant.upload.unsupported': 'The file was refused: {message}',
  'applicant.upload.tooLarge': 'The file is too large: {message}',
  'applicant.upload.tooLargeLocal':
    'This file is {size}; files can be at most 10 MB. Choose a smaller file or scan at a lower resolution.',
  'applicant.upload.progress': 'Uploading: {percent}%',
  'applicant.upload.starting': 'Starting the upload…',

  'applicant.orgs.title': 'My organizations',
  'applicant.orgs.intro':
    'The diaspora organizations you apply for. Each keeps its details, members, partners in the country of origin and due-diligence file.',
  'applicant.orgs.register': 'Register an organization',
  'applicant.orgs.members': 'Members: {count}',
  'applicant.orgs.back': '← My organizations',
  'applicant.orgs.empty.title': 'You have no organization yet',
  'applicant.orgs.empty.body':
    'Register your association to apply for grants. You can invite the other members of its board afterwards.',

  'applicant.register.title': 'Register an organization',
  'applicant.register.intro':
    'The details of your association as they stand in its registration. The bank account is where a grant would be paid.',
  'applicant.register.submit': 'Register organization',
  'applicant.register.done':
    '{name} is registered. Now upload its due-diligence documents.',

  'applicant.org.title': 'Organization',
  'applicant.org.tabs': 'Parts of the organization’s file',
  'applicant.org.tab.details': 'Details',
  'applicant.org.tab.members': 'Members',
  'applicant.org.tab.partners': 'Partners',
  'applicant.org.tab.documents': 'Documents',
  'applicant.org.tab.dueDiligence': 'Due diligence',
  'applicant.org.section.identity': 'Identity',
  'applicant.org.section.contact': 'Contact',
  'applicant.org.section.bank': 'Bank account',
  'applicant.org.section.expertise': 'Thematic expertise',
  'applicant.org.legalName': 'Legal name',
  'applicant.org.registrationNumber': 'Registration number',
  'applicant.org.registrationNumberHint':
    'As in the register, e.g. 802456-1234.',
  'applicant.org.hostlandCountry': 'Registered in',
  'applicant.org.otherCountries': 'Other EU/EEA countries',
  'applicant.org.address': 'Address',
  'applicant.org.foundedOn': 'Founded on',
  'applicant.org.contactEmail': 'Contact email',
  'applicant.org.contactPhone': 'Contact phone',
  'applicant.org.iban': 'IBAN',
  'applicant.org.ibanHint':
    'Spaces are fine, e.g. SE45 5000 0000 0583 9825 7466.',
  'applicant.org.ibanValid': 'The IBAN is valid.',
  'applicant.org.iban.format':
    'An IBAN starts with a two-letter country code and two check digits.',
  'applicant.org.iban.country': 'IBANs from {country} are not accepted.',
  'applicant.org.iban.length':
    'A {country} IBAN has {expected} characters; this one has {actual}.',
  'applicant.org.iban.checksum':
    'The IBAN check digits do not match: please check for a typing mistake.',
  'applicant.org.accountHolder': 'Account holder',
  'applicant.org.holderMismatch':
    'The account holder differs from the legal name: explain why below.',
  'applicant.org.holderExplanation': 'Why does someone else hold the account?',
  'applicant.org.holderExplanationHint':
    'For example: a fiscal host holds the account for the association.',
  'applicant.org.holderExplanationRequired':
    'Explain why the account holder differs from the legal name.',
  'applicant.org.thematicExpertise': 'Themes',
  'applicant.org.thematicExpertiseHint': 'Type a theme and press Enter.',
  'applicant.org.suggestions': 'Suggestions:',
  'applicant.org.theme.education': 'Education',
  'applicant.org.theme.health': 'Health',
  'applicant.org.theme.water': 'Water and sanitation',
  'applicant.org.theme.livelihoods': 'Livelihoods',
  'applicant.org.theme.women': 'Women’s rights',
  'applicant.org.theme.youth': 'Youth',
  'applicant.org.theme.agriculture': 'Agriculture',
  'applicant.org.theme.civilSociety': 'Civil society',
  'applicant.org.conflict':
    'Someone else changed this organization while you were editing. Reload to see their changes, then make yours again.',

  'applicant.members.title': 'Members',
  'applicant.members.name': 'Name',
  'applicant.members.email': 'Email',
  'applicant.members.role': 'Role',
  'applicant.invite.title': 'Invite someone',
  'applicant.invite.intro':
    'Invite another member of your organization (applicant), or a person from a partner organization (partner), who then sees only the applications naming that partner.',
  'applicant.invite.email': 'Email address',
  'applicant.invite.role': 'Invite as',
  'applicant.invite.partner': 'Partner organization',
  'applicant.invite.noPartners': 'Add a partner organization first.',
  'applicant.invite.submit': 'Create invitation',
  'applicant.invite.created':
    'Invitation created. Send this link to the person you invited:',
  'applicant.invite.link': 'Invitation link',
  'applicant.invite.copy': 'Copy link',
  'applicant.invite.copied': 'Copied.',
  'applicant.invite.onceNote':
    'The link is shown only now. It expires after a while; create a new invitation if it does.',
  'applicant.invite.list': 'Invitations',
  'applicant.invite.status': 'Status',
  'applicant.invite.acceptedAt': 'Accepted on {time}',
  'applicant.invite.expiresAt': 'Open until {time}',
  'applicant.invite.expiredAt': 'Expired on {time}',
  'applicant.invite.expired': 'This invitation has expired. Ask for a new one.',
  'applicant.invite.alreadyAccepted':
    'This invitation has already been accepted. Sign in instead.',

  'applicant.partners.title': 'Partner organizations',
  'applicant.partners.intro':
    'Organizations in the country of origin that carry out the work with you.',
  'applicant.partners.add': 'Add a partner',
  'applicant.partners.editNamed': 'Edit {name}',
  'applicant.partners.empty.title': 'No partner organizations yet',
  'applicant.partners.empty.body':
    'Most calls ask for at least one partner in the country of origin.',
  'applicant.partner.addTitle': 'Add a partner organization',
  'applicant.partner.editTitle': 'Edit partner organization',
  'applicant.partner.name': 'Name',
  'applicant.partner.governorate': 'Governorate',
  'applicant.partner.localRegistration':
    'Registration with the NGO directorate',
  'applicant.partner.localRegistrationHint':
    'The number the NGO directorate gave the partner.',
  'applicant.partner.contactPerson': 'Contact person',
  'applicant.partner.email': 'Email',
  'applicant.partner.phone': 'Phone',
  'applicant.partner.relationship': 'Relationship',
  'applicant.partner.relationshipHint':
    'How you work together, and since when.',

  'applicant.docs.title': 'Due-diligence documents',
  'applicant.docs.intro':
    'Statutes, board list, latest annual report and accounts. The agency checks them before a grant can be paid.',
  'applicant.docs.missing': 'Still missing:',
  'applicant.docs.upload': 'Upload a document',
  'applicant.docs.kind': 'Kind of document',
  'applicant.docs.kindRequired': 'Choose what kind of document this is.',
  'applicant.docs.choose': 'Choose file',
  'applicant.docs.noFile': 'No file chosen',
  'applicant.docs.fileRequired': 'Choose a file to upload.',
  'applicant.docs.uploadButton': 'Upload',
  'applicant.docs.rules':
    'PDF, PNG or JPEG, at most 10 MB. Files are checked by their content, and the same file cannot be uploaded twice.',
  'applicant.docs.uploaded': '{name} was uploaded.',
  'applicant.docs.listCaption': 'Uploaded documents',
  'applicant.docs.name': 'File',
  'applicant.docs.size': 'Size',
  'applicant.docs.uploadedAt': 'Uploaded',
  'applicant.docs.empty': 'No documents uploaded yet.',

  'applicant.dd.title': 'Due diligence',
  'applicant.dd.intro':
    'The agency reviews your organization’s file. These checks run automatically; the decision is the agency’s.',
  'applicant.dd.status': 'Status',
  'applicant.dd.status.pending': 'Pending review',
  'applicant.dd.status.cleared': 'Cleared',
  'applicant.dd.status.conditional': 'Cleared with conditions',
  'applicant.dd.status.rejected': 'Rejected',
  'applicant.dd.expired': 'Expired',
  'applicant.dd.conditions': 'Conditions',
  'applicant.dd.expiresOn': 'Valid until',
  'applicant.dd.noExpiry': 'Not set',
  'applicant.dd.reviewedAt': 'Reviewed',
  'applicant.dd.checks': 'Automatic checks',
  'applicant.ddCheck.iban_checksum': 'IBAN checksum',
  'applicant.ddCheck.holder_matches_name':
    'Account holder matches the legal name',
  'applicant.ddCheck.documents_complete': 'Documents complete',
  'applicant.ddCheck.registration_number': 'Registration number',
  'applicant.ddCheck.founding_date': 'Founding date',

  'applicant.docKind.statutes': 'Statutes',
  'applicant.docKind.board_list': 'Board list',
  'applicant.docKind.annual_report': 'Annual report',
  'applicant.docKind.accounts': 'Accounts',
  'applicant.docKind.registration_certificate': 'Registration certificate',
  'applicant.docKind.other': 'Other',

  'applicant.calls.title': 'Open calls',
  'applicant.calls.intro':
    'Calls for proposals you can apply to now, or soon. Deadlines are shown as published, in the call’s time zone, and in yours.',
  'applicant.calls.deadline': 'Deadline',
  'applicant.calls.opens': 'Opens',
  'applicant.calls.yourTime': 'Your time: {time}',
  'applicant.calls.sameZone': 'This is also your time zone.',
  'applicant.calls.maxGrant': 'Maximum grant',
  'applicant.calls.envelope': 'Budget of the call',
  'applicant.calls.adminCap': 'Administrative costs at most',
  'applicant.calls.minCofunding': 'Co-funding at least',
  'applicant.calls.start': 'Start an application',
  'applicant.calls.notYetOpen': 'Not open yet',
  'applicant.calls.noOrganization':
    'Register your organization before you start an application.',
  'applicant.calls.empty.title': 'No open calls right now',
  'applicant.calls.empty.body':
    'New calls for proposals appear here as soon as the agency publishes them.',

  'applicant.start.title': 'Start an application',
  'applicant.start.call': 'Call:',
  'applicant.start.organization': 'Applying organization',
  'applicant.start.titleHint': 'A working title; you can change it later.',
  'applicant.start.submit': 'Start',

  'applicant.apps.title': 'My applications',
  'applicant.apps.intro':
    'Drafts and submitted applications of your organizations.',
  'applicant.apps.partnerTitle': 'Applications',
  'applicant.apps.partnerIntro':
    'Applications that name your partner organization. You can read them; the diaspora organization edits them.',
  'applicant.apps.pageTitle': 'Application',
  'applicant.apps.findCalls': 'Find open calls',
  'applicant.apps.receipt': 'Receipt',
  'applicant.apps.submittedAt': 'Submitted',
  'applicant.apps.updatedAt': 'Last saved',
  'applicant.apps.status': 'Status',
  'applicant.apps.version': 'Version of the working copy',
  'applicant.apps.checking': 'Checking for updates…',
  'applicant.apps.back': '← My applications',
  'applicant.apps.backPartner': '← Applications',
  'applicant.apps.continue': 'Continue editing',
  'applicant.apps.returned':
    'The agency returned this application for clarification:',
  'applicant.apps.editResubmit': 'Edit and resubmit',
  'applicant.apps.draftClosed':
    'The call has closed. This draft can no longer be edited or submitted.',
  'applicant.apps.withdrawnNote': 'This application was withdrawn.',
  'applicant.apps.readOnly':
    'You can read this application; the applying organization edits it.',
  'applicant.apps.empty.title': 'No applications yet',
  'applicant.apps.empty.body': 'Start one from an open call.',
  'applicant.apps.partnerEmpty':
    'No application names your partner organization yet.',

  'applicant.state.draft': 'Draft',
  'applicant.state.submitted': 'Submitted',
  'applicant.state.screening': 'In screening',
  'applicant.state.eligible': 'Eligible',
  'applicant.state.ineligible': 'Not eligible',
  'applicant.state.returned': 'Returned for clarification',
  'applicant.state.resubmitted': 'Resubmitted',
  'applicant.state.withdrawn': 'Withdrawn',
  'applicant.state.in_review': 'In review',
  'applicant.state.approved': 'Approved',
  'applicant.state.rejected': 'Not funded',
  'applicant.state.reserve': 'On the reserve list',

  'applicant.withdraw.button': 'Withdraw',
  'applicant.withdraw.title': 'Withdraw “{title}”',
  'applicant.withdraw.body':
    'A withdrawn application cannot be submitted again. The agency sees your reason.',
  'applicant.withdraw.submit': 'Withdraw application',
  'applicant.withdraw.done': 'The application was withdrawn.',

  'applicant.versions.title': 'Submitted versions',
  'applicant.versions.number': 'Version',
  'applicant.versions.kind': 'Kind',
  'applicant.versions.submission': 'Submission',
  'applicant.versions.resubmission': 'Resubmission',
  'applicant.versions.left': 'Compare',
  'applicant.versions.right': 'with',
  'applicant.versions.option': 'Version {number}',
  'applicant.versions.optionReceipt': 'Version {number} ({receipt})',
  'applicant.versions.current': 'Current working copy',
  'applicant.versions.compare': 'Compare side by side',

  'applicant.compare.title': 'Compare versions',
  'applicant.compare.back': '← Back to the application',
  'applicant.compare.changed': '{count} field(s) differ.',
  'applicant.compare.onlyChanges': 'Show only changes',
  'applicant.compare.showAll': 'Show everything',
  'applicant.compare.field': 'Field',
  'applicant.compare.changedBadge': 'changed',
  'applicant.compare.absent': 'not present',
  'applicant.compare.budgetLine': 'Budget line {n}',
  'applicant.compare.cofundingSource': 'Co-funding source {n}',
  'applicant.compare.activity': 'Activity {n}',
  'applicant.compare.outcome': 'Outcome {n}',
  'applicant.compare.output': 'Output {n}',
  'applicant.compare.indicator': 'Indicator {n}',
  'applicant.compare.risk': 'Risk {n}',
  'applicant.compare.section.general': 'General',
  'applicant.compare.section.totals': 'Totals',
  'applicant.compare.section.budget': 'Budget',
  'applicant.compare.section.activities': 'Activities',
  'applicant.compare.section.logframe': 'Logframe',
  'applicant.compare.section.risks': 'Risks',

  'applicant.view.empty': 'Nothing entered.',
  'applicant.view.noPartners': 'No partner organization named.',
  'applicant.view.aPartner': 'A partner organization',

  'applicant.field.title': 'Title',
  'applicant.field.summary': 'Summary',
  'applicant.field.durationMonths': 'Duration in months',
  'applicant.field.partners': 'Partner organizations',
  'applicant.field.monitoringPlan': 'Monitoring plan',

  'applicant.editor.title': 'Edit application',
  'applicant.editor.back': '← Back to the application',
  'applicant.editor.steps': 'Steps of the application',
  'applicant.editor.next': 'Next',
  'applicant.editor.previous': 'Back',
  'applicant.editor.allRulesPass': 'All rules of the call are met.',
  'applicant.editor.rulesFailing': '{count} rule(s) of the call not met yet',
  'applicant.editor.fixFields':
    'Some fields need attention: the steps marked in red show where.',
  'applicant.editor.stepErrors': '{count} problem(s) to fix',
  'applicant.editor.stepInvalid': 'Check the highlighted fields',
  'applicant.editor.restored':
    'Changes you made at {time} that had not reached the server were restored from this browser and are being saved.',
  'applicant.editor.staleBackup':
    'This browser kept changes you made at {time} on version {version}, but version {current} has been saved since. Restore your changes (they would replace the saved ones) or discard them?',
  'applicant.editor.restore': 'Restore my changes',
  'applicant.editor.discard': 'Discard them',
  'applicant.editor.callClosed':
    'The call is not open for submissions now. Your draft is kept.',
  'applicant.editor.fixRulesFirst':
    'Fix the {count} rule(s) above before you submit.',
  'applicant.editor.organizationRules':
    'Some rules concern your organization (country, age, documents).',
  'applicant.editor.openOrganization': 'Open the organization’s file',

  'applicant.save.idle': 'No unsaved changes',
  'applicant.save.pending': 'Unsaved changes…',
  'applicant.save.saving': 'Saving…',
  'applicant.save.saved': 'All changes saved at {time}',
  'applicant.save.offline':
    'Offline — will retry at {time}. Your changes are kept in this browser.',
  'applicant.save.invalid': 'Not saved yet: fix the highlighted fields',
  'applicant.save.rejected': 'Not saved: some fields need attention',
  'applicant.save.conflictShort': 'Not saved: someone else saved first',
  'applicant.save.locked': 'Saving stopped',
  'applicant.save.conflict':
    'Someone else saved this application (version {version}) — reload to see their changes.',
  'applicant.save.conflictNoVersion':
    'Someone else saved this application — reload to see their changes.',
  'applicant.save.conflictKept':
    'Your own changes are kept in this browser; after reloading you can restore them.',
  'applicant.save.lockedLong':
    'This application can no longer be changed: {message}',

  'applicant.step.partners': 'Partners',
  'applicant.step.summary': 'Summary',
  'applicant.step.logframe': 'Logframe',
  'applicant.step.activities': 'Activities',
  'applicant.step.budget': 'Budget',
  'applicant.step.risks': 'Risks',
  'applicant.step.monitoring': 'Monitoring',
  'applicant.step.attachments': 'Attachments',
  'applicant.step.review': 'Review and submit',
  'applicant.step.reviewShort': 'Submit',

  'applicant.partnersStep.intro':
    'Tick the partner organizations in the country of origin that take part in this project.',
  'applicant.partnersStep.none':
    'Your organization has no partner organizations yet.',
  'applicant.partnersStep.add': 'Add one in the organization’s file.',

  'applicant.summary.hint': 'What the project does, for whom and why.',
  'applicant.summary.durationHint': 'From 1 to {max} months.',
  'applicant.summary.durationInvalid':
    'Enter a whole number of months from 1 to {max}.',

  'applicant.logframe.intro':
    'Each outcome needs at least one output, and each output at least one indicator.',
  'applicant.logframe.outcome': 'Outcome',
  'applicant.logframe.output': 'Output',
  'applicant.logframe.indicator': 'Indicator',
  'applicant.logframe.outcomeN': 'Outcome {n}',
  'applicant.logframe.outputN': 'Output {n}',
  'applicant.logframe.indicatorN': 'Indicator {n}',
  'applicant.logframe.outcomeTitle': 'Outcome',
  'applicant.logframe.outputTitle': 'Output',
  'applicant.logframe.indicatorName': 'Indicator',
  'applicant.logframe.unit': 'Unit',
  'applicant.logframe.baseline': 'Baseline',
  'applicant.logframe.target': 'Target',
  'applicant.logframe.verification': 'Means of verification',
  'applicant.logframe.addOutcome': 'Add an outcome',
  'applicant.logframe.addOutput': 'Add an output',
  'applicant.logframe.addIndicator': 'Add an indicator',
  'applicant.logframe.removeOutcome': 'Remove outcome {n}',
  'applicant.logframe.removeOutput': 'Remove output {n}',
  'applicant.logframe.removeIndicator': 'Remove indicator {n}',
  'applicant.logframe.empty': 'No outcomes yet.',

  'applicant.activity.intro':
    'What you will do, where (governorates) and when (months of the project).',
  'applicant.activity.n': 'Activity {n}',
  'applicant.activity.title': 'Activity',
  'applicant.activity.governorates': 'Governorates',
  'applicant.activity.months': 'Months',
  'applicant.activity.add': 'Add an activity',
  'applicant.activity.remove': 'Remove activity {n}',
  'applicant.activity.empty': 'No activities yet.',

  'applicant.budget.intro':
    'Amounts in {currency}, with at most {decimals} decimals. The totals on the side update as you type.',
  'applicant.budget.lines': 'Budget lines',
  'applicant.budget.lineN': 'Line {n}',
  'applicant.budget.category': 'Category',
  'applicant.budget.year': 'Year',
  'applicant.budget.yearInvalid': 'A year between 2000 and 2100.',
  'applicant.budget.description': 'Description',
  'applicant.budget.amount': 'Amount',
  'applicant.budget.addLine': 'Add a budget line',
  'applicant.budget.removeLine': 'Remove line {n}',
  'applicant.budget.empty': 'No budget lines yet.',
  'applicant.budget.cofunding': 'Co-funding',
  'applicant.budget.cofundingIntro':
    'Money from other sources (your own funds, other donors) towards the same budget.',
  'applicant.budget.sourceN': 'Source {n}',
  'applicant.budget.source': 'Source',
  'applicant.budget.confirmed': 'Confirmed',
  'applicant.budget.unconfirmed': 'not yet confirmed',
  'applicant.budget.addSource': 'Add a co-funding source',
  'applicant.budget.removeSource': 'Remove source {n}',
  'applicant.amount.required': 'Enter an amount.',
  'applicant.amount.invalid': 'Enter an amount like 12500 or 12500.50.',
  'applicant.amount.decimals':
    '{currency} amounts have at most {decimals} decimals.',
  'applicant.amount.negative': 'The amount cannot be negative.',

  'applicant.category.personnel': 'Personnel',
  'applicant.category.travel': 'Travel',
  'applicant.category.activities': 'Activities',
  'applicant.category.equipment': 'Equipment',
  'applicant.category.admin': 'Administration',
  'applicant.category.monitoring_evaluation': 'Monitoring and evaluation',
  'applicant.category.other': 'Other',

  'applicant.risk.intro':
    'Security, fiduciary (money) and safeguarding (protection of people) risks, and what you do about them.',
  'applicant.risk.n': 'Risk {n}',
  'applicant.risk.area': 'Area',
  'applicant.risk.description': 'Risk',
  'applicant.risk.likelihood': 'Likelihood',
  'applicant.risk.impact': 'Impact',
  'applicant.risk.mitigation': 'Mitigation',
  'applicant.risk.add': 'Add a {area} risk',
  'applicant.risk.remove': 'Remove risk {n}',
  'applicant.risk.empty': 'No risks described yet.',
  'applicant.riskArea.security': 'security',
  'applicant.riskArea.fiduciary': 'fiduciary',
  'applicant.riskArea.safeguarding': 'safeguarding',
  'applicant.riskLevel.low': 'low',
  'applicant.riskLevel.medium': 'medium',
  'applicant.riskLevel.high': 'high',

  'applicant.monitoring.intro':
    'How you will follow progress against the indicators, who collects the data and how often.',

  'applicant.attachments.intro':
    'Annexes such as letters of support or a map. PDF, PNG or JPEG, at most 10 MB each.',
  'applicant.attachments.description': 'What is this file?',
  'applicant.attachments.none': 'No attachments.',

  'applicant.totals.title': 'Budget and rules',
  'applicant.totals.total': 'Total budget',
  'applicant.totals.cofunding': 'Co-funding',
  'applicant.totals.cofundingShare': 'Co-funding share',
  'applicant.totals.minCofunding': 'The call asks at least',
  'applicant.totals.requested': 'Requested',
  'applicant.totals.admin': 'Administrative costs',
  'applicant.totals.adminShare': 'Administrative share',
  'applicant.totals.adminOver':
    'Administrative costs are {share} of the budget, above the cap of {cap}.',
  'applicant.totals.byCategory': 'Budget by category',

  'applicant.rules.title': 'Rules of the call',
  'applicant.rules.live': 'Checked as you type',
  'applicant.rules.server': 'Checked by the server',
  'applicant.rules.serverAt': 'After the last save at {time}:',
  'applicant.rules.serverLoaded': 'When the application was opened:',
  'applicant.rules.serverAllPass': 'all rules met.',
  'applicant.rules.serverFailing': '{count} rule(s) not met.',

  'applicant.rule.requested_amount': 'Requested amount',
  'applicant.rule.requested_amount.pass': 'Requested: {requested}.',
  'applicant.rule.requested_amount.fail':
    'The budget asks for nothing yet: add budget lines.',
  'applicant.rule.max_grant': 'Maximum grant',
  'applicant.rule.max_grant.pass':
    '{requested} is within the maximum grant of {max}.',
  'applicant.rule.max_grant.fail':
    '{requested} is more than the maximum grant of {max}.',
  'applicant.rule.cofunding_share': 'Co-funding',
  'applicant.rule.cofunding_share.pass':
    'Co-funding is {share} of the budget; the call asks for at least {min}.',
  'applicant.rule.cofunding_share.fail':
    'Co-funding is {share} of the budget; the call asks for at least {min}.',
  'applicant.rule.admin_cost_cap': 'Administrative costs',
  'applicant.rule.admin_cost_cap.pass':
    'Administrative costs are {share} of the budget, within the cap of {cap}.',
  'applicant.rule.admin_cost_cap.fail':
    'Administrative costs are {share} of the budget, above the cap of {cap}: lower them.',
  'applicant.rule.hostland_country': 'Country of registration',
  'applicant.rule.hostland_country.pass':
    'The organization is registered in {country}.',
  'applicant.rule.hostland_country.fail':
    'The call is open to organizations registered in {allowed}; this one is registered in {country}.',
  'applicant.rule.partner_required': 'Partner organization',
  'applicant.rule.partner_required.pass':
    '{count} partner organization(s) named.',
  'applicant.rule.partner_required.fail':
    'The call requires at least one partner organization in the country of origin.',
  'applicant.rule.organization_age': 'Age of the organization',
  'applicant.rule.organization_age.pass':
    'The organization is {months} months old; the call asks for at least {min}.',
  'applicant.rule.organization_age.fail':
    'The organization is {months} months old; the call asks for at least {min}.',
  'applicant.rule.organization_age.noDate':
    'The organization has no founding date: add it in the organization’s details.',
  'applicant.rule.required_documents': 'Due-diligence documents',
  'applicant.rule.required_documents.pass':
    'All required documents are on file.',
  'applicant.rule.required_documents.fail': 'Missing documents: {missing}.',
  'applicant.rule.logframe_complete': 'Logframe',
  'applicant.rule.logframe_complete.pass':
    'Logframe with {indicators} indicator(s).',
  'applicant.rule.logframe_complete.fail':
    'Every outcome needs at least one output, and every output at least one indicator.',
  'applicant.rule.activities_located': 'Activities',
  'applicant.rule.activities_located.pass': 'Every activity has a location.',
  'applicant.rule.activities_located.fail':
    'Activities without a governorate: {missing}.',
  'applicant.rule.activities_located.none': 'Add at least one activity.',

  'applicant.submit.button': 'Submit application',
  'applicant.submit.buttonResubmit': 'Resubmit application',
  'applicant.submit.confirmTitle': 'Submit this application?',
  'applicant.submit.confirmTitleResubmit': 'Resubmit this application?',
  'applicant.submit.confirmBody':
    'The content is frozen as a numbered version with a receipt. You cannot change it afterwards unless the agency returns it for clarification.',
  'applicant.submit.savingFirst': 'Saving your last changes…',
  'applicant.submit.sending': 'Submitting…',
  'applicant.submit.notSaved':
    'Your last changes could not be saved, so nothing was submitted. Check the status above and try again.',
  'applicant.submit.doneTitle': 'Application submitted',
  'applicant.submit.doneTitleResubmit': 'Application resubmitted',
  'applicant.submit.doneBody':
    'The agency has received your application. Keep the receipt.',
  'applicant.submit.version': 'Frozen version',
  'applicant.submit.time': 'Time',
  'applicant.submit.sha': 'Content SHA-256',
  'applicant.submit.frozen':
    'The SHA-256 fingerprint identifies exactly this content: any later change would give a different one.',
  'applicant.submit.toApplication': 'Go to the application',

  'applicant.partnerOrg.title': 'My partner organization',
  'applicant.partnerOrg.intro':
    'The partner organization you belong to, as the diaspora organization registered it.',
  'applicant.partnerOrg.since': 'Registered as partner',
  'applicant.partnerOrg.empty.title': 'You belong to no partner organization',
  'applicant.partnerOrg.empty.body':
    'A diaspora organization invites you with a link; after accepting it, your partner organization appears here.',

  'applicant.accept.title': 'Accept an invitation',
  'applicant.accept.intro':
    'Choose the name others will see and a password. Then sign in with your email address.',
  'applicant.accept.displayName': 'Your name',
  'applicant.accept.nameShort': 'Use at least 2 characters.',
  'applicant.accept.password': 'Password',
  'applicant.accept.passwordHint': 'At least {min} characters.',
  'applicant.accept.passwordShort': 'Use at least {min} characters.',
  'applicant.accept.submit': 'Accept invitation',
  'applicant.accept.created':
    'Your account is ready: you are now {role} for {organization}.',
  'applicant.accept.linked':
    'Your existing account now also has the role {role} for {organization}.',
  'applicant.accept.signIn': 'Sign in',
  'applicant.accept.noToken':
    'This link is incomplete. Open the invitation link exactly as you received it.',
} as const;
