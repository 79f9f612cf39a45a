import type { reviewerEn } from './reviewer.en';

/** Swedish for this area. Partial on purpose: a missing key shows the English text. */
export const reviewerSv: Readonly<
  Partial<Record<keyof typeof reviewerEn, string>>
> = {
  'nav.myReviews': 'Mina bedömningar',

  'reviewer.page.title': 'Bedömning',
  'reviewer.back': 'Tillbaka till mina bedömningar',
  'reviewer.reload': 'Ladda om',
  'reviewer.listSeparator': ', ',
  'reviewer.noPartners': 'Inga partnerorganisationer',
  'reviewer.textTooLong': 'Högst {max} tecken.',
  'reviewer.dueOn': 'Senast {date}',
  'reviewer.jumpToScoring': 'Gå till bedömningsformuläret',
  'reviewer.reassigned':
    'Du bedömer inte längre den här ansökan: en handläggare har gett den till någon annan.',

  'reviewer.list.title': 'Mina bedömningar',
  'reviewer.list.intro':
    'Ansökningar som du ska bedöma. Uppge först eventuell jäv; läs sedan varje ansökan och poängsätt den mot utlysningens kriterier.',
  'reviewer.list.progress': '{submitted} av {total} bedömningar inskickade',
  'reviewer.list.overdueCount': 'Försenade: {count}',
  'reviewer.list.allDone': 'Alla dina bedömningar är inskickade. Tack!',
  'reviewer.list.filterLabel': 'Visa bedömningar',
  'reviewer.list.emptyTitle': 'Du har inga bedömningar ännu',
  'reviewer.list.emptyBody':
    'När en handläggare ger dig en ansökan att bedöma visas den här och du får en avisering.',
  'reviewer.list.emptyAction': 'Se aviseringar',
  'reviewer.group.all': 'Alla',
  'reviewer.group.todo': 'Att göra',
  'reviewer.group.submitted': 'Inskickade',
  'reviewer.group.withdrawn': 'Avslutade',
  'reviewer.groupEmpty.todo': 'Inget kvar att göra. Bra jobbat!',
  'reviewer.groupEmpty.submitted':
    'Du har inte skickat in någon bedömning ännu.',
  'reviewer.groupEmpty.withdrawn':
    'Inga: bedömningar du lämnar efter att ha anmält jäv visas här.',
  'reviewer.status.assigned': 'Jävsförklaring krävs',
  'reviewer.status.declared': 'Inte påbörjad',
  'reviewer.status.in_progress': 'Utkast sparat',
  'reviewer.status.submitted': 'Inskickad',
  'reviewer.status.conflict': 'Jäv anmält',
  'reviewer.status.reassigned': 'Omfördelad',
  'reviewer.action.declare': 'Uppge jäv',
  'reviewer.action.start': 'Börja bedöma',
  'reviewer.action.continue': 'Fortsätt bedöma',
  'reviewer.action.view': 'Visa',
  'reviewer.due.overdue': 'Försenad',
  'reviewer.due.today': 'Senast i dag',
  'reviewer.due.none': 'Inget slutdatum',
  'reviewer.field.organization': 'Sökande organisation',
  'reviewer.field.partners': 'Partnerorganisationer',
  'reviewer.field.call': 'Utlysning',
  'reviewer.field.dueOn': 'Senast',
  'reviewer.field.receipt': 'Kvittonummer',
  'reviewer.field.submittedAt': 'Inskickad',

  'reviewer.declare.title': 'Uppge eventuell jäv',
  'reviewer.declare.intro':
    'Innan du ser ansökan: berätta om du har en jävssituation med organisationerna bakom den.',
  'reviewer.declare.whatTitle': 'Vad räknas som jäv',
  'reviewer.declare.whatIntro':
    'Du är jävig när din bedömning kan påverkas, eller verka påverkas, av en koppling till ansökan. Till exempel:',
  'reviewer.declare.doubt':
    'Är du osäker, uppge det: det räknas aldrig emot dig, och handläggaren avgör.',
  'reviewer.declare.question': 'Din förklaring',
  'reviewer.declare.noConflict': 'Jag är inte jävig i förhållande till ansökan',
  'reviewer.declare.hasConflict': 'Jag är jävig',
  'reviewer.declare.answerRequired': 'Välj ett av svaren.',
  'reviewer.declare.statement': 'Beskriv jävet',
  'reviewer.declare.statementRequired':
    'Beskriv jävet så att handläggaren kan bedöma det.',
  'reviewer.declare.consequence':
    'Om du anmäler jäv tas du bort från ansökan. Handläggarna aviseras och utser en annan bedömare.',
  'reviewer.declare.submitNoConflict': 'Bekräfta och öppna ansökan',
  'reviewer.declare.submitConflict': 'Anmäl jäv och avstå',
  'reviewer.conflict.title': 'Du har avstått från den här bedömningen',
  'reviewer.conflict.notified':
    'Handläggarna har aviserats och utser en annan bedömare. Tack för att du uppgav det.',

  'reviewer.app.title': 'Ansökan',
  'reviewer.app.version': 'Version',
  'reviewer.app.requested': 'Sökt belopp',

  'reviewer.review.title': 'Din bedömning',
  'reviewer.score.weight': 'Vikt {weight}',
  'reviewer.score.comment': 'Kommentar till kriterium {n}',
  'reviewer.score.chooseScore': 'Välj ett betyg från 0 till 5.',
  'reviewer.score.overallTitle': 'Sammantaget',
  'reviewer.score.recommendation': 'Rekommendation',
  'reviewer.score.overallComment': 'Sammanfattande kommentar',
  'reviewer.score.weighted': 'Viktat betyg',
  'reviewer.score.ofMax': 'av {max}',
  'reviewer.score.saveDraft': 'Spara utkast',
  'reviewer.score.submit': 'Skicka in bedömningen',
  'reviewer.recommendation.fund': 'Bevilja',
  'reviewer.recommendation.fund_with_changes': 'Bevilja med ändringar',
  'reviewer.recommendation.reserve': 'Reservlista',
  'reviewer.recommendation.do_not_fund': 'Avslå',
  'reviewer.save.saving': 'Sparar…',
  'reviewer.save.saved': 'Utkastet sparat {time}',
  'reviewer.submit.confirmTitle': 'Skicka in din bedömning?',
  'reviewer.submit.confirm': 'Skicka in, slutgiltigt',
  'reviewer.submit.done': 'Din bedömning är inskickad.',

  'reviewer.mine.score': '{score} av {max}',
  'reviewer.peers.title': 'Andra bedömare',
  'reviewer.peers.you': 'Du',
  'reviewer.peers.label': 'Bedömare {n}',
  'reviewer.peers.criterion': 'Kriterium',
  'reviewer.peers.weight': 'Vikt',
  'reviewer.peers.noComment': 'Ingen kommentar',
};
