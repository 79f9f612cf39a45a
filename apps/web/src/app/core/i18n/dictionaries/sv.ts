import { grantsSv } from './grants.sv';
import { securitySv } from './security.sv';
import { reviewerSv } from './reviewer.sv';
import { boardSv } from './board.sv';
import { decisionsSv } from './decisions.sv';
import type { PartialDictionary } from './en';
import { applicantSv } from './applicant.sv';
import { officerSv } from './officer.sv';
import { financeSv } from './finance.sv';

/**
 * Swedish is partial on purpose: a missing key shows the English text.
 * Not yet translated: the longer card texts of the home page (`home.body.*`).
 */
export const sv: PartialDictionary = {
  'app.name': 'Mizan',
  'app.skipToContent': 'Hoppa till huvudinnehållet',

  'lang.menu': 'Språk',

  'role.applicant': 'Sökande',
  'role.partner': 'Partner',
  'role.officer': 'Handläggare',
  'role.reviewer': 'Granskare',
  'role.finance': 'Ekonomihandläggare',
  'role.auditor': 'Revisor',
  'role.admin': 'Administratör',

  'nav.label': 'Huvudnavigering',
  'nav.open': 'Öppna navigeringsmenyn',
  'nav.home': 'Start',
  'nav.trail': 'Aktivitetslogg',
  'nav.users': 'Användare',

  'shell.user': 'Inloggad användare',
  'shell.signOut': 'Logga ut',

  'common.cancel': 'Avbryt',
  'common.save': 'Spara',
  'common.close': 'Stäng',
  'common.reason': 'Motivering',
  'common.reasonHint': 'Sparas i aktivitetsloggen.',
  'common.reasonRequired': 'Ange en motivering.',
  'common.loading': 'Laddar…',
  'common.retry': 'Försök igen',

  'errors.invalidCredentials': 'E-postadressen eller lösenordet är fel.',
  'errors.tooManyAttempts':
    'För många försök, försök igen om {seconds} sekunder.',
  'errors.network':
    'Servern kunde inte nås. Kontrollera anslutningen och försök igen.',
  'errors.forbidden': 'Du har inte behörighet att göra detta.',
  'errors.notFound': 'Det här finns inte längre.',
  'errors.conflict': 'Detta krockar med det aktuella läget: {message}',
  'errors.validation': 'Några fält behöver rättas.',
  'errors.rateLimited':
    'För många förfrågningar. Vänta en stund och försök igen.',
  'errors.sessionEnded': 'Din session har upphört. Logga in igen.',
  'errors.generic': 'Något gick fel: {message}',

  'signIn.title': 'Logga in',
  'signIn.heading': 'Logga in i Mizan',
  'signIn.intro':
    'Bidragsprogram för samutveckling med ett spårbart penningflöde.',
  'signIn.email': 'E-post',
  'signIn.password': 'Lösenord',
  'signIn.submit': 'Logga in',
  'signIn.submitting': 'Loggar in…',
  'signIn.emailRequired': 'Ange din e-postadress.',
  'signIn.emailInvalid':
    'Ange en giltig e-postadress, till exempel namn@example.org.',
  'signIn.passwordRequired': 'Ange ditt lösenord.',

  'home.welcome': 'Välkommen, {name}',
  'home.intro': 'Du är inloggad hos {agency}. Det här gör du i Mizan.',
  'home.comingSoon': 'Kommer snart',
  'home.comingSoonNote':
    'Den här delen av Mizan byggs just nu. Här finns inget att göra ännu.',
  'home.open': 'Öppna {page}',
  'home.summary.applicant':
    'Du söker bidrag för din diasporaorganisation, följer dina ansökningar och bidrag och rapporterar vad ni har använt och uppnått.',
  'home.summary.partner':
    'Du samarbetar med en diasporaorganisation från ursprungslandet och delar underlag, kvitton och framsteg för de bidrag där du är partner.',
  'home.summary.officer':
    'Du driver program och utlysningar, gallrar ansökningar, utser granskare, fattar beslut, granskar rapporter och begär utbetalningar.',
  'home.summary.reviewer':
    'Du bedömer de ansökningar du har tilldelats, efter att ha uppgett eventuella jävsförhållanden.',
  'home.summary.finance':
    'Du godkänner och bokför utbetalningar, men aldrig en utbetalning som du själv har begärt (fyraögonsprincipen).',
  'home.summary.auditor':
    'Du läser allt inom dina revisionsuppdrag, dokumenterar granskningar och iakttagelser och tar fram revisionsrapporter. Du ändrar inget annat.',
  'home.summary.admin':
    'Du hanterar användare, deras roller och myndighetens inställningar.',
  'home.card.programs': 'Program och utlysningar',
  'home.card.applications': 'Ansökningar',
  'home.card.reviews': 'Bedömningar',
  'home.card.payments': 'Utbetalningar',
  'home.card.reports': 'Rapporter',
  'home.card.engagements': 'Revisionsuppdrag',
  'home.card.trail': 'Aktivitetslogg',
  'home.card.users': 'Användare',

  'trail.title': 'Aktivitetslogg',
  'trail.intro':
    'Varje ändring i Mizan, nyast först. Posterna är hashkedjade: varje ändring eller radering upptäcks.',
  'trail.filters': 'Filtrera poster',
  'trail.actor': 'Utförare',
  'trail.actorHint': 'Del av en e-postadress eller ett namn',
  'trail.entityType': 'Objekttyp',
  'trail.entityId': 'Objekt-ID',
  'trail.from': 'Från datum',
  'trail.to': 'Till datum',
  'trail.toBeforeFrom': 'Slutdatumet ligger före startdatumet.',
  'trail.apply': 'Filtrera',
  'trail.reset': 'Rensa filter',
  'trail.records': 'Poster',
  'trail.total': 'Antal poster: {total}',
  'trail.col.time': 'Tid',
  'trail.col.actor': 'Utförare',
  'trail.col.action': 'Händelse',
  'trail.col.entity': 'Objekt',
  'trail.col.hash': 'Hash',
  'trail.col.details': 'Detaljer',
  'trail.showDetails': 'Visa detaljer för post {seq}',
  'trail.hideDetails': 'Dölj detaljer för post {seq}',
  'trail.seq': 'Post',
  'trail.before': 'Före',
  'trail.after': 'Efter',
  'trail.reason': 'Motivering',
  'trail.noReason': 'Ingen motivering',
  'trail.fullHash': 'Hash',
  'trail.previousHash': 'Föregående hash',
  'trail.empty.title': 'Inga poster matchar',
  'trail.empty.body': 'Ändra eller rensa filtren för att se mer av loggen.',
  'trail.loadFailed': 'Loggen kunde inte hämtas: {message}',
  'trail.verify.heading': 'Integritetskontroll',
  'trail.verify.intro':
    'Räknar om varje hash i kedjan och jämför den med den sparade.',
  'trail.verify': 'Verifiera loggen',
  'trail.verifying': 'Verifierar…',
  'trail.verify.intact': 'Intakt: {count} poster, senaste hash {hash}',
  'trail.verify.broken': 'Bruten vid post {seq}: {problem}',
  'trail.verify.at': 'Kontrollerad {time}.',
  'trail.verify.checkpoints': 'Kontrollerad mot {agreeing} signerade kontrollpunkter; den senaste, nr {number}, täcker post {seq} (signerad {time}).',
  'trail.verify.noCheckpoints': 'Ingen signerad kontrollpunkt ännu: avkortade eller omhashade senaste poster syns inte förrän arbetsprocessen signerar en.',
  'trail.export': 'Exportera loggen som PDF',
  'trail.export.heading': 'PDF-exporter',
  'trail.export.progressLabel': 'Förlopp för loggexporten',
  'trail.export.progress': 'Exporten är {progress} % klar',
  'trail.export.waiting': 'Exporten står i kö…',
  'trail.export.ready': 'PDF-filen med loggen är klar.',
  'trail.export.download': 'Ladda ner loggen som PDF',
  'trail.export.size': 'Storlek',
  'trail.export.failed': 'Exporten misslyckades: {reason}',
  'trail.export.previous': 'Tidigare exporter',
  'trail.export.none': 'Inga tidigare exporter ännu.',
  'trail.export.requestedAt': 'Begärd {time}',
  'trail.export.state.waiting': 'Väntar',
  'trail.export.state.active': 'Pågår',
  'trail.export.state.completed': 'Klar',
  'trail.export.state.failed': 'Misslyckades',

  'users.title': 'Användare',
  'users.intro': 'Myndighetens konton och deras roller.',
  'users.create': 'Skapa användare',
  'users.col.name': 'Namn',
  'users.col.email': 'E-post',
  'users.col.roles': 'Roller',
  'users.col.active': 'Aktiv',
  'users.col.created': 'Skapad',
  'users.col.actions': 'Åtgärder',
  'users.activeToggle': 'Aktiv: {name}',
  'users.editRoles': 'Ändra roller för {name}',
  'users.editRolesShort': 'Ändra roller',
  'users.noRoles': 'Inga roller',
  'users.empty': 'Det finns inga användare ännu.',
  'users.readOnly': 'Du kan se användare men inte ändra dem.',
  'users.saved': 'Sparat.',
  'users.dialog.rolesTitle': 'Roller för {name}',
  'users.dialog.roles': 'Roller',
  'users.dialog.rolesRequired': 'Välj minst en roll.',
  'users.dialog.createTitle': 'Skapa användare',
  'users.dialog.email': 'E-post',
  'users.dialog.displayName': 'Visningsnamn',
  'users.dialog.password': 'Första lösenord',
  'users.dialog.passwordHint': 'Minst 12 tecken.',
  'users.dialog.passwordShort': 'Använd minst 12 tecken.',
  'users.dialog.required': 'Fältet är obligatoriskt.',
  'users.dialog.emailInvalid': 'Ange en giltig e-postadress.',
  'users.dialog.activateTitle': 'Aktivera {name}',
  'users.dialog.deactivateTitle': 'Inaktivera {name}',
  'users.dialog.activate': 'Aktivera',
  'users.dialog.deactivate': 'Inaktivera',
  'users.dialog.create': 'Skapa',

  'notAllowed.title': 'Ingen behörighet',
  'notAllowed.body': 'Dina roller ger dig inte tillgång till den här sidan.',
  'notAllowed.home': 'Tillbaka till din startsida',
  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Det finns ingen sida på den här adressen.',

  'paginator.itemsPerPage': 'Poster per sida',
  'paginator.next': 'Nästa sida',
  'paginator.previous': 'Föregående sida',
  'paginator.first': 'Första sidan',
  'paginator.last': 'Sista sidan',
  'paginator.range': '{start}–{end} av {length}',
  'paginator.empty': '0 av {length}',

  ...applicantSv,
  ...officerSv,
  ...financeSv,
  ...reviewerSv,
  ...boardSv,
  ...decisionsSv,
  ...grantsSv,
  ...securitySv,
};
