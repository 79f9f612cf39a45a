import { grantsAr } from './grants.ar';
import { securityAr } from './security.ar';
import { reviewerAr } from './reviewer.ar';
import { boardAr } from './board.ar';
import { decisionsAr } from './decisions.ar';
import type { Dictionary } from './en';
import { applicantAr } from './applicant.ar';
import { officerAr } from './officer.ar';
import { financeAr } from './finance.ar';

/** Arabic is complete: the compiler refuses a missing key. */
export const ar: Dictionary = {
  'app.name': 'ميزان',
  'app.skipToContent': 'انتقل إلى المحتوى الرئيسي',

  'lang.menu': 'اللغة',

  'role.applicant': 'مقدّم طلب',
  'role.partner': 'شريك',
  'role.officer': 'موظف البرنامج',
  'role.reviewer': 'مُقيِّم',
  'role.finance': 'موظف مالي',
  'role.auditor': 'مدقّق',
  'role.admin': 'مسؤول النظام',

  'nav.label': 'التنقّل الرئيسي',
  'nav.open': 'فتح قائمة التنقّل',
  'nav.home': 'الرئيسية',
  'nav.trail': 'سجلّ النشاط',
  'nav.users': 'المستخدمون',

  'shell.user': 'المستخدم الحالي',
  'shell.signOut': 'تسجيل الخروج',

  'common.cancel': 'إلغاء',
  'common.save': 'حفظ',
  'common.close': 'إغلاق',
  'common.reason': 'السبب',
  'common.reasonHint': 'يُدوَّن في سجلّ النشاط.',
  'common.reasonRequired': 'اذكر السبب.',
  'common.loading': 'جارٍ التحميل…',
  'common.retry': 'حاول مرة أخرى',

  'errors.invalidCredentials': 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
  'errors.tooManyAttempts':
    'محاولات كثيرة جداً، حاول مرة أخرى بعد {seconds} ثانية.',
  'errors.network': 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
  'errors.forbidden': 'غير مسموح لك بهذا الإجراء.',
  'errors.notFound': 'هذا العنصر لم يعد موجوداً.',
  'errors.conflict': 'يتعارض هذا مع الحالة الحالية: {message}',
  'errors.validation': 'بعض الحقول تحتاج إلى تصحيح.',
  'errors.rateLimited': 'طلبات كثيرة جداً. انتظر قليلاً ثم حاول مرة أخرى.',
  'errors.sessionEnded': 'انتهت جلستك. يُرجى تسجيل الدخول من جديد.',
  'errors.generic': 'حدث خطأ: {message}',

  'signIn.title': 'تسجيل الدخول',
  'signIn.heading': 'تسجيل الدخول إلى ميزان',
  'signIn.intro': 'برامج منح للتنمية المشتركة مع مسار مالي قابل للمساءلة.',
  'signIn.email': 'البريد الإلكتروني',
  'signIn.password': 'كلمة المرور',
  'signIn.submit': 'تسجيل الدخول',
  'signIn.submitting': 'جارٍ تسجيل الدخول…',
  'signIn.emailRequired': 'أدخل بريدك الإلكتروني.',
  'signIn.emailInvalid': 'أدخل بريداً إلكترونياً صالحاً، مثل name@example.org.',
  'signIn.passwordRequired': 'أدخل كلمة المرور.',

  'home.welcome': 'أهلاً بك، {name}',
  'home.intro': 'أنت مسجّل الدخول إلى {agency}. هذا ما تقوم به في ميزان.',
  'home.comingSoon': 'قريباً',
  'home.comingSoonNote':
    'هذا الجزء من ميزان قيد الإنشاء. لا يوجد ما تفعله هنا بعد.',
  'home.open': 'افتح {page}',
  'home.summary.applicant':
    'تتقدّم بطلبات المنح نيابةً عن منظمتك في المهجر، وتتابع طلباتك ومنحك، وتقدّم تقارير عمّا أنفقته وما حقّقته.',
  'home.summary.partner':
    'تعمل مع منظمة من المهجر انطلاقاً من بلد المنشأ، وتشارك الأدلة والإيصالات ومستوى التقدّم للمنح التي أنت شريك فيها.',
  'home.summary.officer':
    'تدير البرامج ودعوات التقديم، وتفرز الطلبات، وتعيّن المقيّمين، وتتّخذ القرارات، وتتحقّق من التقارير، وتطلب الدفعات.',
  'home.summary.reviewer':
    'تقيّم الطلبات المسندة إليك، بعد الإفصاح عن أي تضارب في المصالح.',
  'home.summary.finance':
    'توافق على الدفعات وتسجّلها، ولكن ليس على دفعة طلبتها أنت بنفسك (مبدأ العينين الأربع).',
  'home.summary.auditor':
    'تطّلع على كل ما يخصّ مهام التدقيق المسندة إليك، وتسجّل الاختبارات والملاحظات، وتُعدّ تقارير التدقيق. ولا تغيّر شيئاً آخر.',
  'home.summary.admin': 'تدير المستخدمين وأدوارهم وإعدادات الجهة.',
  'home.card.programs': 'البرامج ودعوات التقديم',
  'home.card.applications': 'الطلبات',
  'home.card.reviews': 'التقييمات',
  'home.card.payments': 'الدفعات',
  'home.card.reports': 'التقارير',
  'home.card.engagements': 'مهام التدقيق',
  'home.card.trail': 'سجلّ النشاط',
  'home.card.users': 'المستخدمون',
  'home.body.programs.applicant':
    'اعثر على دعوات التقديم المفتوحة وتحقّق من أهلية منظمتك.',
  'home.body.programs.officer':
    'أنشئ البرامج بميزانياتها، وافتح دعوات التقديم بشروط الأهلية ومعايير التقييم.',
  'home.body.applications.applicant':
    'أعدّ طلبات منظمتك وشركائها وقدّمها وتابعها.',
  'home.body.applications.officer':
    'افرز الطلبات المقدّمة، وعيّن المقيّمين، وسجّل القرارات مع مبرّراتها.',
  'home.body.reviews.reviewer':
    'أفصح عن أي تضارب في المصالح، ثم قيّم كل طلب مسند إليك معياراً تلو الآخر.',
  'home.body.reviews.officer':
    'عيّن المراجعين، وتابع لوحة المراجعة وخط التمويل، وسجّل قرارات التمويل بتأكيد موظف ثانٍ.',
  'home.body.applications.partner':
    'اطّلع على الطلبات التي تذكر منظمتك كما قُدِّمت.',
  'home.body.payments.officer': 'اطلب دفعات الشرائح عند استيفاء شروط صرفها.',
  'home.body.payments.finance':
    'وافق على دفعات الشرائح وسجّلها مع المرجع المصرفي وتاريخ الاستحقاق وسعر الصرف.',
  'home.body.reports.applicant':
    'قدّم تقارير النفقات مع الإيصالات، والتقدّم المحرز نحو مؤشراتك.',
  'home.body.reports.partner':
    'حمّل الأدلة والإيصالات ومستوى التقدّم للمنح التي أنت شريك فيها.',
  'home.body.reports.officer':
    'تحقّق من التقارير المالية والسردية بنداً بنداً.',
  'home.body.engagements.auditor':
    'اختر عيّنات من النفقات، وسجّل الاختبارات والملاحظات، وأعدّ تقرير التدقيق.',
  'home.body.trail.auditor':
    'ابحث في كل تغيير مسجَّل، وتحقّق من سلامة سلسلة التجزئة، وصدّرها بصيغة PDF.',
  'home.body.trail.admin':
    'ابحث في كل تغيير مسجَّل، وتحقّق من سلامة سلسلة التجزئة.',
  'home.body.users.admin':
    'أنشئ الحسابات، وعيّن الأدوار، وعطّل المستخدمين. كل تغيير يُدوَّن في السجلّ.',

  'trail.title': 'سجلّ النشاط',
  'trail.intro':
    'كل تغيير في ميزان، الأحدث أولاً. السجلات مترابطة بسلسلة تجزئة، فيُكتشف أي تعديل أو حذف.',
  'trail.filters': 'تصفية السجلات',
  'trail.actor': 'المنفّذ',
  'trail.actorHint': 'جزء من بريد إلكتروني أو اسم',
  'trail.entityType': 'نوع الكيان',
  'trail.entityId': 'معرّف الكيان',
  'trail.from': 'من تاريخ',
  'trail.to': 'إلى تاريخ',
  'trail.toBeforeFrom': 'تاريخ النهاية يسبق تاريخ البداية.',
  'trail.apply': 'تطبيق التصفية',
  'trail.reset': 'مسح التصفية',
  'trail.records': 'السجلات',
  'trail.total': 'عدد السجلات: {total}',
  'trail.col.time': 'الوقت',
  'trail.col.actor': 'المنفّذ',
  'trail.col.action': 'الإجراء',
  'trail.col.entity': 'الكيان',
  'trail.col.hash': 'التجزئة',
  'trail.col.details': 'التفاصيل',
  'trail.showDetails': 'عرض تفاصيل السجل رقم {seq}',
  'trail.hideDetails': 'إخفاء تفاصيل السجل رقم {seq}',
  'trail.seq': 'السجل',
  'trail.before': 'قبل',
  'trail.after': 'بعد',
  'trail.reason': 'السبب',
  'trail.noReason': 'لم يُذكر سبب',
  'trail.fullHash': 'التجزئة',
  'trail.previousHash': 'التجزئة السابقة',
  'trail.empty.title': 'لا توجد سجلات مطابقة',
  'trail.empty.body': 'غيّر عوامل التصفية أو امسحها لعرض المزيد من السجل.',
  'trail.loadFailed': 'تعذّر تحميل السجل: {message}',
  'trail.verify.heading': 'فحص السلامة',
  'trail.verify.intro':
    'يعيد حساب كل تجزئة في السلسلة ويقارنها بالقيمة المخزَّنة.',
  'trail.verify': 'التحقق من السجل',
  'trail.verifying': 'جارٍ التحقق…',
  'trail.verify.intact': 'السجل سليم: عدد السجلات {count}، تجزئة الرأس {hash}',
  'trail.verify.broken': 'السلسلة مكسورة عند السجل رقم {seq}: {problem}',
  'trail.verify.at': 'جرى التحقق في {time}.',
  'trail.verify.checkpoints': 'تمت المطابقة مع {agreeing} من نقاط التحقق الموقَّعة؛ آخرها رقم {number} يغطي السجل رقم {seq} (وُقِّعت في {time}).',
  'trail.verify.noCheckpoints': 'لا توجد نقطة تحقق موقَّعة بعد: لن يظهر حذف أحدث السجلات أو إعادة تجزئتها حتى يوقِّع المعالج الخلفي نقطة تحقق.',
  'trail.export': 'تصدير السجل بصيغة PDF',
  'trail.export.heading': 'ملفات PDF المصدَّرة',
  'trail.export.progressLabel': 'تقدّم تصدير السجل',
  'trail.export.progress': 'اكتمل التصدير بنسبة {progress}٪',
  'trail.export.waiting': 'التصدير في قائمة الانتظار…',
  'trail.export.ready': 'ملف PDF للسجل جاهز.',
  'trail.export.download': 'تنزيل ملف PDF للسجل',
  'trail.export.sha256': 'SHA-256',
  'trail.export.size': 'الحجم',
  'trail.export.failed': 'فشل التصدير: {reason}',
  'trail.export.previous': 'عمليات التصدير السابقة',
  'trail.export.none': 'لا توجد عمليات تصدير سابقة بعد.',
  'trail.export.requestedAt': 'طُلب في {time}',
  'trail.export.state.waiting': 'في الانتظار',
  'trail.export.state.active': 'قيد التنفيذ',
  'trail.export.state.completed': 'مكتمل',
  'trail.export.state.failed': 'فشل',

  'users.title': 'المستخدمون',
  'users.intro': 'حسابات جهتك والأدوار المسندة إليها.',
  'users.create': 'إنشاء مستخدم',
  'users.col.name': 'الاسم',
  'users.col.email': 'البريد الإلكتروني',
  'users.col.roles': 'الأدوار',
  'users.col.active': 'نشط',
  'users.col.created': 'تاريخ الإنشاء',
  'users.col.actions': 'الإجراءات',
  'users.activeToggle': 'نشط: {name}',
  'users.editRoles': 'تعديل أدوار {name}',
  'users.editRolesShort': 'تعديل الأدوار',
  'users.noRoles': 'لا أدوار',
  'users.empty': 'لا يوجد مستخدمون بعد.',
  'users.readOnly': 'يمكنك عرض المستخدمين دون تعديلهم.',
  'users.saved': 'تم الحفظ.',
  'users.dialog.rolesTitle': 'أدوار {name}',
  'users.dialog.roles': 'الأدوار',
  'users.dialog.rolesRequired': 'اختر دوراً واحداً على الأقل.',
  'users.dialog.createTitle': 'إنشاء مستخدم',
  'users.dialog.email': 'البريد الإلكتروني',
  'users.dialog.displayName': 'الاسم المعروض',
  'users.dialog.password': 'كلمة المرور الأولية',
  'users.dialog.passwordHint': '12 حرفاً على الأقل.',
  'users.dialog.passwordShort': 'استخدم 12 حرفاً على الأقل.',
  'users.dialog.required': 'هذا الحقل مطلوب.',
  'users.dialog.emailInvalid': 'أدخل بريداً إلكترونياً صالحاً.',
  'users.dialog.activateTitle': 'تفعيل {name}',
  'users.dialog.deactivateTitle': 'تعطيل {name}',
  'users.dialog.activate': 'تفعيل',
  'users.dialog.deactivate': 'تعطيل',
  'users.dialog.create': 'إنشاء',

  'notAllowed.title': 'غير مسموح',
  'notAllowed.body': 'أدوارك لا تمنحك صلاحية الوصول إلى هذه الصفحة.',
  'notAllowed.home': 'العودة إلى صفحتك الرئيسية',
  'notFound.title': 'الصفحة غير موجودة',
  'notFound.body': 'لا توجد صفحة على هذا العنوان.',

  'paginator.itemsPerPage': 'السجلات في كل صفحة',
  'paginator.next': 'الصفحة التالية',
  'paginator.previous': 'الصفحة السابقة',
  'paginator.first': 'الصفحة الأولى',
  'paginator.last': 'الصفحة الأخيرة',
  'paginator.range': '{start} – {end} من {length}',
  'paginator.empty': '0 من {length}',

  ...applicantAr,
  ...officerAr,
  ...financeAr,
  ...reviewerAr,
  ...boardAr,
  ...decisionsAr,
  ...grantsAr,
  ...securityAr,
};
