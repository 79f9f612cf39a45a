import type { securityEn } from './security.en';

/** Arabic for this area; complete, the compiler refuses a missing key. */
export const securityAr: Readonly<Record<keyof typeof securityEn, string>> = {
  'security.title': 'أمان الحساب',
  'security.intro':
    'احمِ حسابك بخطوة ثانية عند تسجيل الدخول: رمز من تطبيق مصادقة على هاتفك.',
  'security.twoFactor': 'تسجيل الدخول بخطوتين',
  'security.status.on':
    'تسجيل الدخول بخطوتين مُفعَّل. رموز الاسترداد المتبقية: {left}.',
  'security.status.off': 'تسجيل الدخول بخطوتين غير مُفعَّل.',
  'security.status.requiredKeep':
    'تشترط جهتك تسجيل الدخول بخطوتين لدورك، لذا يبقى مُفعَّلًا.',
  'security.disable': 'إيقاف تسجيل الدخول بخطوتين',

  'security.enrol.start': 'إعداد تسجيل الدخول بخطوتين',
  'security.enrol.scan':
    'امسح رمز QR هذا بتطبيق مصادقة (مثل FreeOTP أو Aegis أو Google Authenticator أو Microsoft Authenticator).',
  'security.enrol.qrAlt': 'رمز QR لإضافة ميزان إلى تطبيق المصادقة',
  'security.enrol.manual': 'أو اكتب هذا المفتاح في التطبيق:',
  'security.enrol.codeLabel': 'الرمز المكوّن من 6 أرقام الذي يعرضه التطبيق',
  'security.enrol.confirm': 'تفعيل',

  'security.code.label': 'رمز من 6 أرقام من تطبيقك',
  'security.code.hint': 'أو أحد رموز الاسترداد.',
  'security.code.required': 'أدخل الرمز.',

  'security.codes.title': 'رموز الاسترداد الخاصة بك',
  'security.codes.once':
    'احتفظ بهذه الرموز في مكان آمن. يتيح لك كلٌّ منها تسجيل الدخول مرة واحدة دون هاتفك. لن تُعرض إلا الآن.',
  'security.codes.copy': 'نسخ',
  'security.codes.download': 'تنزيل',
  'security.codes.copied': 'تم النسخ.',
  'security.codes.fileHeading':
    'رموز استرداد ميزان — يعمل كل رمز مرة واحدة. احتفظ بها في مكان آمن.',
  'security.codes.regenerate': 'رموز استرداد جديدة',

  'security.signIn.codeIntro':
    'أدخل الرمز المكوّن من 6 أرقام من تطبيق المصادقة.',
  'security.signIn.recoveryIntro': 'أدخل أحد رموز الاسترداد.',
  'security.signIn.recoveryLabel': 'رمز الاسترداد',
  'security.signIn.verify': 'تحقّق',
  'security.signIn.useRecovery': 'استخدم رمز استرداد بدلًا من ذلك',
  'security.signIn.useApp': 'استخدم الرمز من تطبيقي بدلًا من ذلك',
  'security.signIn.cancel': 'تسجيل الدخول بحساب آخر',
  'security.signIn.enrolTitle': 'إعداد تسجيل الدخول بخطوتين',
  'security.signIn.enrolRequired':
    'تشترط جهتك تسجيل الدخول بخطوتين للموظفين. أعدّه الآن للمتابعة.',
  'security.signIn.continue': 'احتفظت برموزي — متابعة',

  'security.reauth.title': 'أكّد هويتك',
  'security.reauth.intro':
    'هذا إجراء حساس. أدخل كلمة المرور مرة أخرى (والرمز إن كنت تستخدم تسجيل الدخول بخطوتين).',
  'security.reauth.submit': 'تأكيد',

  'security.errors.invalidCode':
    'الرمز غير صحيح أو سبق استخدامه. أدخل الرمز الحالي من تطبيقك أو رمز استرداد.',
  'security.errors.reauthRequired': 'أكّد هويتك قبل القيام بهذا.',

  'security.admin.col': 'الخطوة الثانية',
  'security.admin.on': 'مُفعَّلة',
  'security.admin.off': 'غير مُفعَّلة',
  'security.admin.reset': 'إعادة تعيين',
  'security.admin.resetTitle': 'إعادة تعيين الخطوة الثانية لـ {name}',
  'security.admin.resetText':
    'يتوقف تطبيق المصادقة ورموز الاسترداد الخاصة به عن العمل وتنتهي جلساته. يعيد إعداد تسجيل الدخول بخطوتين عند تسجيل دخوله التالي إن كان مطلوبًا.',
  'security.admin.requireLabel': 'اشتراط تسجيل الدخول بخطوتين للموظفين',
  'security.admin.requireHint':
    'يجب عندها على موظفي البرامج والموظفين الماليين والمدققين والمسؤولين تسجيل الدخول برمز من تطبيق مصادقة.',
  'security.admin.requireOnTitle': 'اشتراط تسجيل الدخول بخطوتين للموظفين',
  'security.admin.requireOffTitle': 'إلغاء اشتراط تسجيل الدخول بخطوتين',
  'security.admin.requireOnText':
    'ابتداءً من تسجيل دخولهم التالي، يجب على الموظفين الذين لم يفعّلوا تسجيل الدخول بخطوتين إعداده قبل أي شيء آخر.',
  'security.admin.requireOffText':
    'يمكن للموظفين عندها تسجيل الدخول بكلمة المرور فقط، ما لم يُبقوا تسجيل الدخول بخطوتين مُفعَّلًا.',
};
