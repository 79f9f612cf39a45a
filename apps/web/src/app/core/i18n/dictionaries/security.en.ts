/** Two-factor sign-in, recovery codes and re-authentication (issue 8). */
export const securityEn = {
  'security.title': 'Account security',
  'security.intro':
    'Protect your account with a second step at sign-in: a code from an authenticator app on your phone.',
  'security.twoFactor': 'Two-factor sign-in',
  'security.status.on':
    'Two-factor sign-in is on. Recovery codes left: {left}.',
  'security.status.off': 'Two-factor sign-in is off.',
  'security.status.requiredKeep':
    'Your agency requires two-factor sign-in for your role, so it stays on.',
  'security.disable': 'Turn off two-factor sign-in',

  'security.enrol.start': 'Set up two-factor sign-in',
  'security.enrol.scan':
    'Scan this QR code with an authenticator app (for example FreeOTP, Aegis, Google or Microsoft Authenticator).',
  'security.enrol.qrAlt': 'QR code to add Mizan to your authenticator app',
  'security.enrol.manual': 'Or type this key into the app:',
  'security.enrol.codeLabel': 'The 6-digit code the app shows',
  'security.enrol.confirm': 'Turn on',

  'security.code.label': '6-digit code from your app',
  'security.code.hint': 'Or one of your recovery codes.',
  'security.code.required': 'Enter the code.',

  'security.codes.title': 'Your recovery codes',
  'security.codes.once':
    'Keep these codes somewhere safe. Each one lets you sign in once without your phone. They are shown only now.',
  'security.codes.copy': 'Copy',
  'security.codes.download': 'Download',
  'security.codes.copied': 'Copied.',
  'security.codes.fileHeading':
    'Mizan recovery codes — each works once. Keep them safe.',
  'security.codes.regenerate': 'New recovery codes',

  'security.signIn.codeIntro':
    'Enter the 6-digit code from your authenticator app.',
  'security.signIn.recoveryIntro': 'Enter one of your recovery codes.',
  'security.signIn.recoveryLabel': 'Recovery code',
  'security.signIn.verify': 'Verify',
  'security.signIn.useRecovery': 'Use a recovery code instead',
  'security.signIn.useApp': 'Use the code from my app instead',
  'security.signIn.cancel': 'Sign in as someone else',
  'security.signIn.enrolTitle': 'Set up two-factor sign-in',
  'security.signIn.enrolRequired':
    'Your agency requires two-factor sign-in for staff. Set it up now to continue.',
  'security.signIn.continue': 'I have kept my codes — continue',

  'security.reauth.title': 'Confirm it is you',
  'security.reauth.intro':
    'This is a sensitive action. Enter your password again (and your code, if you use two-factor sign-in).',
  'security.reauth.submit': 'Confirm',

  'security.errors.invalidCode':
    'The code is not correct or was already used. Enter the current code from your app, or a recovery code.',
  'security.errors.reauthRequired':
    'Confirm it is you before doing this.',

  'security.admin.col': 'Two-factor',
  'security.admin.on': 'On',
  'security.admin.off': 'Off',
  'security.admin.reset': 'Reset',
  'security.admin.resetTitle': 'Reset the second factor of {name}',
  'security.admin.resetText':
    'Their authenticator and recovery codes stop working and their sessions end. They set up two-factor sign-in again at their next sign-in if it is required.',
  'security.admin.requireLabel': 'Require two-factor sign-in for staff',
  'security.admin.requireHint':
    'Officers, finance officers, auditors and administrators must then sign in with a code from an authenticator app.',
  'security.admin.requireOnTitle': 'Require two-factor sign-in for staff',
  'security.admin.requireOffTitle': 'Stop requiring two-factor sign-in',
  'security.admin.requireOnText':
    'From their next sign-in, staff without two-factor sign-in must set it up before anything else.',
  'security.admin.requireOffText':
    'Staff may then sign in with a password only, unless they keep two-factor sign-in on.',
} as const;
