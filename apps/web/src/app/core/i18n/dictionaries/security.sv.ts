import type { securityEn } from './security.en';

/** Swedish for this area. */
export const securitySv: Readonly<Partial<Record<keyof typeof securityEn, string>>> = {
  'security.title': 'Kontosäkerhet',
  'security.intro':
    'Skydda ditt konto med ett andra steg vid inloggning: en kod från en autentiseringsapp i telefonen.',
  'security.twoFactor': 'Tvåstegsinloggning',
  'security.status.on':
    'Tvåstegsinloggning är på. Återställningskoder kvar: {left}.',
  'security.status.off': 'Tvåstegsinloggning är av.',
  'security.status.requiredKeep':
    'Din myndighet kräver tvåstegsinloggning för din roll, så den förblir på.',
  'security.disable': 'Stäng av tvåstegsinloggning',

  'security.enrol.start': 'Ställ in tvåstegsinloggning',
  'security.enrol.scan':
    'Skanna QR-koden med en autentiseringsapp (till exempel FreeOTP, Aegis, Google eller Microsoft Authenticator).',
  'security.enrol.qrAlt': 'QR-kod för att lägga till Mizan i din autentiseringsapp',
  'security.enrol.manual': 'Eller skriv in den här nyckeln i appen:',
  'security.enrol.codeLabel': 'Den sexsiffriga koden som appen visar',
  'security.enrol.confirm': 'Slå på',

  'security.code.label': 'Sexsiffrig kod från appen',
  'security.code.hint': 'Eller en av dina återställningskoder.',
  'security.code.required': 'Ange koden.',

  'security.codes.title': 'Dina återställningskoder',
  'security.codes.once':
    'Förvara koderna säkert. Varje kod låter dig logga in en gång utan telefonen. De visas bara nu.',
  'security.codes.copy': 'Kopiera',
  'security.codes.download': 'Ladda ner',
  'security.codes.copied': 'Kopierat.',
  'security.codes.fileHeading':
    'Mizan återställningskoder — varje kod fungerar en gång. Förvara dem säkert.',
  'security.codes.regenerate': 'Nya återställningskoder',

  'security.signIn.codeIntro': 'Ange den sexsiffriga koden från din autentiseringsapp.',
  'security.signIn.recoveryIntro': 'Ange en av dina återställningskoder.',
  'security.signIn.recoveryLabel': 'Återställningskod',
  'security.signIn.verify': 'Verifiera',
  'security.signIn.useRecovery': 'Använd en återställningskod i stället',
  'security.signIn.useApp': 'Använd koden från appen i stället',
  'security.signIn.cancel': 'Logga in som någon annan',
  'security.signIn.enrolTitle': 'Ställ in tvåstegsinloggning',
  'security.signIn.enrolRequired':
    'Din myndighet kräver tvåstegsinloggning för personal. Ställ in den nu för att fortsätta.',
  'security.signIn.continue': 'Jag har sparat koderna — fortsätt',

  'security.reauth.title': 'Bekräfta att det är du',
  'security.reauth.intro':
    'Det här är en känslig åtgärd. Ange ditt lösenord igen (och din kod om du använder tvåstegsinloggning).',
  'security.reauth.submit': 'Bekräfta',

  'security.errors.invalidCode':
    'Koden stämmer inte eller har redan använts. Ange den aktuella koden från appen eller en återställningskod.',
  'security.errors.reauthRequired': 'Bekräfta att det är du innan du gör detta.',

  'security.admin.col': 'Tvåsteg',
  'security.admin.on': 'På',
  'security.admin.off': 'Av',
  'security.admin.reset': 'Återställ',
  'security.admin.resetTitle': 'Återställ andra steget för {name}',
  'security.admin.resetText':
    'Deras autentiseringsapp och återställningskoder slutar fungera och deras sessioner avslutas. De ställer in tvåstegsinloggning igen vid nästa inloggning om det krävs.',
  'security.admin.requireLabel': 'Kräv tvåstegsinloggning för personal',
  'security.admin.requireHint':
    'Handläggare, ekonomer, revisorer och administratörer måste då logga in med en kod från en autentiseringsapp.',
  'security.admin.requireOnTitle': 'Kräv tvåstegsinloggning för personal',
  'security.admin.requireOffTitle': 'Sluta kräva tvåstegsinloggning',
  'security.admin.requireOnText':
    'Från nästa inloggning måste personal utan tvåstegsinloggning ställa in den innan något annat.',
  'security.admin.requireOffText':
    'Personal kan då logga in med bara lösenord, om de inte behåller tvåstegsinloggning på.',
};
