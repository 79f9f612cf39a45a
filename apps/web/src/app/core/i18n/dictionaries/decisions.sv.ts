import type { decisionsEn } from './decisions.en';

/** Swedish for this area. Partial on purpose: a missing key shows the English text. */
export const decisionsSv: Readonly<
  Partial<Record<keyof typeof decisionsEn, string>>
> = {
  'nav.outbox': 'Utkorg för e-post',
  'nav.notifications': 'Aviseringar',

  'decisions.outcome.approved': 'Beviljad',
  'decisions.outcome.rejected': 'Avslagen',
  'decisions.outcome.reserve': 'Reservlista',
  'decisions.choice.approved': 'Bevilja',
  'decisions.choice.rejected': 'Avslå',
  'decisions.choice.reserve': 'Sätt på reservlistan',
  'decisions.state.proposed': 'Väntar på bekräftelse',
  'decisions.state.confirmed': 'Slutligt',
  'decisions.state.cancelled': 'Återkallat',
  'decisions.reason.low_score': 'Lågt bedömningsbetyg',
  'decisions.reason.outside_priorities': 'Utanför utlysningens prioriteringar',
  'decisions.reason.budget_not_credible': 'Budgeten är inte trovärdig',
  'decisions.reason.insufficient_partnership': 'Otillräckligt partnerskap',
  'decisions.reason.weak_risk_management': 'Svag riskhantering',
  'decisions.reason.envelope_exhausted': 'Ramen är förbrukad',
  'decisions.reason.other': 'Annat (förklara i meddelandet)',

  'decisions.call.title': 'Finansieringsbeslut',
  'decisions.refresh': 'Uppdatera',
  'decisions.envelope.caption': 'Ram {envelope}: {percent} % intecknat',
  'decisions.envelope.confirmed': 'Bekräftade beviljanden',
  'decisions.envelope.awaiting':
    'Beviljanden som väntar på en andra handläggare',
  'decisions.envelope.remaining': 'Kvar av ramen',
  'decisions.threshold.heading': 'Fyra ögon',
  'decisions.threshold.above':
    'Beviljanden över {amount} måste bekräftas av en andra handläggare.',
  'decisions.threshold.everyApproval':
    'Varje beviljande måste bekräftas av en andra handläggare (gräns 0).',
  'decisions.threshold.otherOutcomes':
    'Avslag och reservplatser binder inga pengar och är slutliga direkt.',
  'decisions.threshold.edit': 'Ändra gräns',
  'decisions.threshold.title': 'Gräns för bekräftelse',
  'decisions.threshold.explain':
    'Ett beviljande över detta belopp väntar tills en andra handläggare bekräftar det. Den som föreslog det kan inte bekräfta det.',
  'decisions.threshold.zero':
    '0 betyder att varje beviljande kräver en andra handläggare. Ändringen gäller beslut som föreslås från och med nu.',
  'decisions.threshold.amount': 'Gräns ({currency})',
  'decisions.threshold.max': 'Högst ramen, {envelope}.',
  'decisions.threshold.required': 'Ange ett belopp (0 för varje beviljande).',
  'decisions.threshold.aboveEnvelope':
    'Gränsen får inte överstiga ramen på {envelope}.',
  'decisions.threshold.saved':
    'Gränsen sparad: beviljanden över {amount} kräver en andra handläggare.',
  'decisions.awaiting.title': 'Väntar på en andra handläggare ({count})',
  'decisions.awaiting.intro':
    'En annan handläggare måste bekräfta eller återkalla dessa beviljanden innan de blir slutliga och sökanden får besked.',
  'decisions.awaiting.none': 'Inget beslut väntar på bekräftelse.',
  'decisions.history.title': 'Beslutshistorik',
  'decisions.history.none': 'Inga slutliga eller återkallade beslut ännu.',
  'decisions.empty.title': 'Inga beslut ännu',
  'decisions.empty.body':
    'Fatta beslut om ansökningar från tavlan. Beviljanden över gränsen väntar här på en andra handläggare.',
  'decisions.col.application': 'Ansökan',
  'decisions.col.outcome': 'Beslut',
  'decisions.col.amount': 'Belopp',
  'decisions.col.details': 'Villkor och skäl',
  'decisions.col.people': 'Beslutat av',

  'decisions.card.title': 'Aktuellt beslut',
  'decisions.card.amount': 'Beviljat belopp',
  'decisions.card.ofRequested': 'av sökta {requested}',
  'decisions.card.requestedShort': 'Sökt {requested}',
  'decisions.card.requested': 'Sökt belopp',
  'decisions.card.reduced': 'Sänkt',
  'decisions.card.proposed': 'Föreslaget',
  'decisions.card.confirmed': 'Bekräftat',
  'decisions.card.cancelled': 'Återkallat',
  'decisions.card.proposedBy': 'Föreslaget av {who}',
  'decisions.card.confirmedBy': 'Bekräftat av {who}',
  'decisions.card.cancelledBy': 'Återkallat av {who}',
  'decisions.card.cancelReason': 'Skäl till återkallelsen',
  'decisions.card.noSecond':
    'Slutligt direkt (ingen andra handläggare behövdes)',
  'decisions.card.waiting': 'Väntar på att en andra handläggare bekräftar.',
  'decisions.card.ownProposal':
    'Du föreslog detta beslut, så en annan handläggare måste bekräfta det (fyra ögon). Du kan fortfarande återkalla det.',
  'decisions.action.confirm': 'Bekräfta',
  'decisions.action.cancel': 'Återkalla beslut',
  'decisions.action.propose': 'Föreslå beslut',
  'decisions.action.decide': 'Registrera beslut',
  'decisions.confirm.title': 'Bekräfta beslutet?',
  'decisions.confirm.bodyApproved':
    'Du bekräftar beviljandet av {amount} till ”{title}”, föreslaget av {proposer}. Det blir slutligt och sökanden får besked i appen och per e-post.',
  'decisions.confirm.body':
    'Du bekräftar beslutet ”{outcome}” om ”{title}”, föreslaget av {proposer}. Det blir slutligt och sökanden får besked i appen och per e-post.',
  'decisions.cancel.title': 'Återkalla beslutet',
  'decisions.cancel.body':
    'Förslaget dras tillbaka och beloppet går tillbaka till ramen. Därefter kan ett nytt beslut fattas om ansökan.',
  'decisions.cancel.keep': 'Behåll',
  'decisions.cancel.submit': 'Återkalla beslut',
  'decisions.done.proposed':
    'Beslut föreslaget ({outcome}): det väntar nu på en andra handläggare.',
  'decisions.done.final':
    'Beslut registrerat ({outcome}): det är slutligt och sökanden har fått besked.',
  'decisions.done.confirmed':
    'Beslutet om ”{title}” är bekräftat och slutligt.',
  'decisions.done.cancelled': 'Beslutet om ”{title}” återkallades.',

  'decisions.app.title': 'Finansieringsbeslut',
  'decisions.app.notReady':
    'Ett beslut kan registreras när ansökan är under bedömning. Den är nu: {state}.',
  'decisions.field.outcome': 'Beslut',
  'decisions.field.amount': 'Beviljat belopp ({currency})',
  'decisions.field.conditions': 'Villkor',
  'decisions.field.reasons': 'Skäl',
  'decisions.field.note': 'Meddelande till sökanden',
  'decisions.field.rationale': 'Motivering (intern)',
  'decisions.form.requested': 'Sökt: {amount}',
  'decisions.form.remaining': 'kvar av ramen: {amount}',
  'decisions.form.amountHint': 'Det sökta beloppet, {amount}, eller mindre.',
  'decisions.form.reduced': 'Sänkt: {amount} i stället för sökta {requested}.',
  'decisions.form.overEnvelope':
    'Bara {amount} finns kvar av ramen: beviljandet ryms inte.',
  'decisions.form.conditionsHint':
    'Vad mottagaren måste göra. Visas för sökanden.',
  'decisions.form.noteHint':
    'Visas för sökanden tillsammans med skälen. Krävs om du väljer ”Annat”.',
  'decisions.form.reserveHint':
    'Ansökan väntar på reservlistan. Den kan beviljas senare om pengar blir tillgängliga.',
  'decisions.form.rationaleHint':
    'Varför du beslutar så. Sparas i aktivitetsloggen; visas inte för sökanden.',
  'decisions.form.fromReserve':
    'Ansökan står på reservlistan. Du kan nu bevilja eller avslå den.',
  'decisions.fourEyes.needsSecond':
    'Beviljandet måste bekräftas av en andra handläggare: {amount} är över gränsen på {threshold}.',
  'decisions.fourEyes.everyApproval':
    'Beviljandet måste bekräftas av en andra handläggare: i denna utlysning gäller det varje beviljande.',
  'decisions.fourEyes.withinThreshold':
    'Beviljandet är slutligt direkt: {amount} ligger inom gränsen på {threshold}.',
  'decisions.fourEyes.noMoney':
    'Beslutet binder inga pengar, så det är slutligt direkt och sökanden får besked.',
  'decisions.fourEyes.unknown':
    'Beviljanden över utlysningens gräns måste bekräftas av en andra handläggare.',
  'decisions.error.amountRequired': 'Ange det beviljade beloppet.',
  'decisions.error.amountFormat':
    'Ange ett belopp med högst {decimals} decimaler, t.ex. 250000,50.',
  'decisions.error.amountPositive':
    'Det beviljade beloppet måste vara större än noll.',
  'decisions.error.aboveRequested':
    'Beloppet får inte överstiga sökta {amount}.',
  'decisions.error.reasonsRequired': 'Välj minst ett skäl.',
  'decisions.error.noteRequired': 'Förklara skälet ”Annat” i meddelandet.',
  'decisions.error.rationaleRequired': 'Ange beslutets motivering.',
  'decisions.error.envelope': 'Ramen överskrids: {message}',
  'decisions.error.fourEyes':
    'Fyra ögon: du föreslog beslutet, så en annan handläggare måste bekräfta det.',
  'decisions.error.conflict': 'Beslutet krockar med nuvarande läge: {message}',
  'decisions.error.forbidden': 'Inte tillåtet: {message}',

  'decisions.notice.decidedOn': 'Beslutat {date}',
  'decisions.notice.approved.headline': 'Er ansökan har beviljats',
  'decisions.notice.approved.lead': 'Myndigheten finansierar ert projekt med:',
  'decisions.notice.approved.reduced':
    'Det är mindre än de {requested} ni sökte: myndigheten har sänkt beloppet.',
  'decisions.notice.approved.full': 'Det är hela beloppet ni sökte.',
  'decisions.notice.approved.next':
    'Myndigheten kontaktar er om bidragsavtalet och nästa steg.',
  'decisions.notice.conditions': 'Villkor för bidraget',
  'decisions.notice.conditionsIntro': 'Bidraget har följande villkor:',
  'decisions.notice.rejected.headline':
    'Er ansökan fick inte finansiering den här gången',
  'decisions.notice.rejected.lead':
    'Tack för arbetet ni lade ned. Myndigheten kunde inte finansiera den i denna utlysning.',
  'decisions.notice.rejected.next':
    'Ni är välkomna att söka igen i en kommande utlysning. Skälen nedan kan vara till hjälp.',
  'decisions.notice.reasons': 'Varför',
  'decisions.notice.note': 'Meddelande från myndigheten',
  'decisions.notice.reason.low_score':
    'Bedömarna gav den lägre betyg än de ansökningar som fick finansiering.',
  'decisions.notice.reason.outside_priorities':
    'Den ligger utanför utlysningens prioriteringar.',
  'decisions.notice.reason.budget_not_credible':
    'Budgeten övertygade inte bedömarna.',
  'decisions.notice.reason.insufficient_partnership':
    'Partnerskapet med partnerorganisationen var inte tillräckligt starkt.',
  'decisions.notice.reason.weak_risk_management':
    'Riskerna hanterades inte tillräckligt väl i planen.',
  'decisions.notice.reason.envelope_exhausted':
    'Pengarna i utlysningen tog slut innan den kom i tur.',
  'decisions.notice.reason.other':
    'Ett annat skäl, förklarat i meddelandet nedan.',
  'decisions.notice.reserve.headline': 'Er ansökan står på reservlistan',
  'decisions.notice.reserve.lead':
    'Den finansieras inte just nu, men kan bli det om pengar blir tillgängliga i utlysningen, till exempel om ett annat projekt inte blir av.',
  'decisions.notice.reserve.next':
    'Ni får besked här och per e-post så snart något ändras.',

  'notifications.title': 'Aviseringar',
  'notifications.intro':
    'Nyheter om ditt arbete i Mizan, nyaste först. Öppna en för att gå till det den gäller.',
  'notifications.bell.none': 'Aviseringar, inga olästa',
  'notifications.bell.one': '1 oläst avisering',
  'notifications.bell.many': '{count} olästa aviseringar',
  'notifications.unread': 'Oläst',
  'notifications.markAll': 'Markera alla som lästa',
  'notifications.markRead': 'Markera som läst',
  'notifications.open': 'Öppna',
  'notifications.markedOne': 'Markerad som läst: {title}',
  'notifications.markedAll': '{count} markerade som lästa.',
  'notifications.menu.empty': 'Inga aviseringar ännu.',
  'notifications.menu.seeAll': 'Visa alla aviseringar',
  'notifications.group.unread': 'Olästa ({count})',
  'notifications.group.read': 'Lästa ({count})',
  'notifications.empty.title': 'Inga aviseringar',
  'notifications.empty.body':
    'Mizan meddelar dig här när något behöver din uppmärksamhet eller när något du följer har beslutats.',

  'outbox.title': 'Utkorg för e-post',
  'outbox.intro':
    'E-post som Mizan skickar för din myndighet, nyaste först: till vem, om den skickades och varför inte.',
  'outbox.worker':
    'Bakgrundsprocessen skickar köad e-post inom några ögonblick och försöker igen vid fel.',
  'outbox.loaded': '{count} e-postmeddelanden visas.',
  'outbox.filter.label': 'Visa e-post efter status',
  'outbox.filter.all': 'Alla',
  'outbox.status.queued': 'Köad',
  'outbox.status.sent': 'Skickad',
  'outbox.status.failed': 'Misslyckad',
  'outbox.col.subject': 'Ämne',
  'outbox.col.to': 'Till',
  'outbox.col.status': 'Status',
  'outbox.col.attempts': 'Försök',
  'outbox.col.lastError': 'Senaste fel',
  'outbox.col.created': 'Skapad',
  'outbox.col.sent': 'Skickad',
  'outbox.attemptsCount': 'Försök: {count}',
  'outbox.messageId': 'Meddelande-id',
  'outbox.body': 'Meddelande',
  'outbox.noneFiltered': 'Ingen e-post med denna status.',
  'outbox.empty.title': 'Ingen e-post ännu',
  'outbox.empty.body':
    'När en ansökan har beslutats lägger Mizan ett e-postmeddelande till sökanden här; bakgrundsprocessen skickar det sedan.',
};
