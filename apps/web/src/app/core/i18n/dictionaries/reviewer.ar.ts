import type { reviewerEn } from './reviewer.en';

/** Arabic for this area; complete, the compiler refuses a missing key. */
export const reviewerAr: Readonly<Record<keyof typeof reviewerEn, string>> = {
  'nav.myReviews': 'مراجعاتي',

  'reviewer.page.title': 'المراجعة',
  'reviewer.back': 'العودة إلى مراجعاتي',
  'reviewer.reload': 'إعادة التحميل',
  'reviewer.listSeparator': '، ',
  'reviewer.noPartners': 'لا توجد منظمات شريكة',
  'reviewer.textTooLong': 'الحد الأقصى للنص {max} حرف.',
  'reviewer.dueOn': 'الموعد النهائي {date}',
  'reviewer.jumpToScoring': 'الانتقال إلى نموذج التقييم',
  'reviewer.reassigned':
    'لم تعد تراجع هذا الطلب: أسنده أحد الموظفين إلى مراجع آخر.',

  // My reviews
  'reviewer.list.title': 'مراجعاتي',
  'reviewer.list.intro':
    'الطلبات المسندة إليك. صرّح أولًا بأي تضارب في المصالح، ثم اقرأ كل طلب وقيّمه وفق معايير الدعوة.',
  'reviewer.list.progress': 'المراجعات المقدَّمة: {submitted} من {total}',
  'reviewer.list.overdueCount': 'مراجعات تجاوزت موعدها النهائي: {count}',
  'reviewer.list.allDone': 'قدّمت جميع مراجعاتك. شكرًا لك!',
  'reviewer.list.filterLabel': 'عرض المراجعات',
  'reviewer.list.emptyTitle': 'لم تُسند إليك أي مراجعة بعد',
  'reviewer.list.emptyBody':
    'عندما يُسند إليك أحد الموظفين طلبًا، يظهر هنا ويصلك إشعار بذلك.',
  'reviewer.list.emptyAction': 'عرض الإشعارات',
  'reviewer.group.all': 'الكل',
  'reviewer.group.todo': 'قيد الإنجاز',
  'reviewer.group.submitted': 'المقدَّمة',
  'reviewer.group.withdrawn': 'المسحوبة',
  'reviewer.groupEmpty.todo': 'لم يتبقَّ شيء لإنجازه. أحسنت!',
  'reviewer.groupEmpty.submitted': 'لم تقدّم أي مراجعة بعد.',
  'reviewer.groupEmpty.withdrawn':
    'لا شيء: تظهر هنا المراجعات التي تنحّيت عنها بعد التصريح بتضارب في المصالح.',
  'reviewer.status.assigned': 'يلزم التصريح',
  'reviewer.status.declared': 'لم تبدأ بعد',
  'reviewer.status.in_progress': 'مسودة محفوظة',
  'reviewer.status.submitted': 'مقدَّمة',
  'reviewer.status.conflict': 'صُرِّح بتضارب',
  'reviewer.status.reassigned': 'أُعيد إسنادها',
  'reviewer.action.declare': 'التصريح بالتضارب',
  'reviewer.action.start': 'بدء المراجعة',
  'reviewer.action.continue': 'متابعة المراجعة',
  'reviewer.action.view': 'عرض',
  'reviewer.due.overdue': 'متأخرة',
  'reviewer.due.today': 'موعدها اليوم',
  'reviewer.due.none': 'بلا موعد نهائي',
  'reviewer.field.organization': 'المنظمة مقدِّمة الطلب',
  'reviewer.field.partners': 'المنظمات الشريكة',
  'reviewer.field.call': 'الدعوة',
  'reviewer.field.dueOn': 'الموعد النهائي',
  'reviewer.field.receipt': 'رقم الإيصال',
  'reviewer.field.submittedAt': 'تاريخ التقديم',

  // Conflict of interest
  'reviewer.declare.title': 'التصريح بأي تضارب في المصالح',
  'reviewer.declare.intro':
    'قبل أن تطّلع على الطلب، أخبرنا هل لديك تضارب في المصالح مع المنظمات التي تقف وراءه.',
  'reviewer.declare.partnersUnknown':
    'تعذّر تحميل المنظمات الشريكة. أعد تحميل الصفحة قبل أن تصرّح.',
  'reviewer.declare.whatTitle': 'ما الذي يُعدّ تضاربًا في المصالح',
  'reviewer.declare.whatIntro':
    'يكون لديك تضارب في المصالح إذا كان من الممكن أن تتأثر أحكامك، أو أن تبدو متأثرة، بصلة تربطك بهذا الطلب. ومن أمثلة ذلك:',
  'reviewer.declare.what1':
    'أنك عضو أو موظف أو عضو مجلس إدارة أو مستشار أو متطوع لدى المنظمة مقدِّمة الطلب أو إحدى شريكاتها، حاليًا أو خلال السنوات الثلاث الماضية.',
  'reviewer.declare.what2':
    'أنك أو أحد أقاربك أو المقرّبين منك ستكسبون أو تخسرون مالًا أو عملًا أو أي منفعة أخرى إذا مُوِّل هذا الطلب.',
  'reviewer.declare.what3':
    'أنك ساعدت في كتابة هذا الطلب، أو أنك تنافسه (كأن يكون لك طلب خاص في هذه الدعوة).',
  'reviewer.declare.what4':
    'أن تربطك علاقة شخصية وثيقة، أو خلاف، بأحد العاملين في هذه المنظمات.',
  'reviewer.declare.doubt':
    'إن كنت مترددًا فصرّح: التصريح لا يُحتسب ضدك أبدًا، والقرار للموظف المختص.',
  'reviewer.declare.question': 'تصريحك',
  'reviewer.declare.noConflict': 'ليس لديّ أي تضارب في المصالح مع هذا الطلب',
  'reviewer.declare.hasConflict': 'لديّ تضارب في المصالح',
  'reviewer.declare.answerRequired': 'اختر إحدى الإجابتين.',
  'reviewer.declare.statement': 'صِف تضارب المصالح',
  'reviewer.declare.statementHint':
    'يطّلع الموظفون على هذا الوصف، ويُحفظ في سجل النشاط.',
  'reviewer.declare.statementRequired':
    'وضّح طبيعة التضارب حتى يتمكن الموظف من تقديره.',
  'reviewer.declare.consequence':
    'التصريح بالتضارب يُنهي مشاركتك في مراجعة هذا الطلب. سيُبلَّغ موظفو البرنامج وسيُسندونه إلى مراجع آخر.',
  'reviewer.declare.submitNoConflict': 'التأكيد وفتح الطلب',
  'reviewer.declare.submitConflict': 'التصريح بالتضارب والتنحّي',
  'reviewer.declare.done': 'سُجِّل تصريحك: الطلب متاح الآن لمراجعتك.',
  'reviewer.conflict.title': 'تنحّيت عن هذه المراجعة',
  'reviewer.conflict.body':
    'صرّحت بوجود تضارب في المصالح، لذا لم تعد تراجع هذا الطلب ولا يمكنك فتحه.',
  'reviewer.conflict.notified':
    'أُبلغ موظفو البرنامج وسيُسندون الطلب إلى مراجع آخر. شكرًا لك على التصريح.',

  // The frozen application
  'reviewer.app.title': 'الطلب',
  'reviewer.app.version': 'الإصدار',
  'reviewer.app.requested': 'المبلغ المطلوب',
  'reviewer.app.hash': 'بصمة المحتوى (SHA-256)',
  'reviewer.app.frozenNote':
    'هذه هي النسخة التي قدّمها صاحب الطلب، وهي مجمّدة: لا يمكن أن تتغير أثناء مراجعتك لها.',

  // Scoring
  'reviewer.review.title': 'مراجعتك',
  'reviewer.review.intro':
    'امنح كل معيار درجة من 0 إلى 5 واذكر السبب. تُحفظ مسودتك تلقائيًا أثناء العمل.',
  'reviewer.score.peersHidden':
    'تبقى درجات المراجعين الآخرين مخفية عنك حتى تقدّم مراجعتك، وتبقى درجاتك مخفية عنهم كذلك.',
  'reviewer.score.weight': 'الوزن {weight}',
  'reviewer.score.comment': 'تعليقك على المعيار {n}',
  'reviewer.score.commentRequired': 'الدرجة {score} تتطلب تعليقًا يوضح السبب.',
  'reviewer.score.commentOptional':
    'اختياري للدرجات من 2 إلى 4، وإلزامي للدرجات 0 و1 و5.',
  'reviewer.score.commentMissing': 'أضف تعليقًا: الدرجة {score} تتطلب تعليقًا.',
  'reviewer.score.chooseScore': 'اختر درجة من 0 إلى 5.',
  'reviewer.score.overallTitle': 'التقييم العام',
  'reviewer.score.recommendation': 'التوصية',
  'reviewer.score.overallComment': 'التعليق العام',
  'reviewer.score.overallHint':
    'نقاط القوة ونقاط الضعف، وما من شأنه تحسين المشروع. تقرأ اللجنة هذا التعليق.',
  'reviewer.score.weighted': 'الدرجة المرجّحة',
  'reviewer.score.ofMax': 'من {max}',
  'reviewer.score.progress': 'المعايير المقيَّمة: {scored} من {total}',
  'reviewer.score.range': 'ستتراوح الدرجة المرجّحة بين {low} و{high}.',
  'reviewer.score.noPreview':
    'لا يمكن احتساب الدرجات وفق سلّم تقييم هذه الدعوة: راجع الموظف المختص.',
  'reviewer.score.saveDraft': 'حفظ المسودة',
  'reviewer.score.submit': 'تقديم المراجعة',
  'reviewer.score.finalHint': 'التقديم نهائي: لا يمكنك تعديل مراجعتك بعده.',
  'reviewer.recommendation.fund': 'تمويل',
  'reviewer.recommendation.fund_with_changes': 'تمويل مع تعديلات',
  'reviewer.recommendation.reserve': 'قائمة الاحتياط',
  'reviewer.recommendation.do_not_fund': 'عدم التمويل',
  'reviewer.missing.title': 'المراجعة غير جاهزة للتقديم بعد. النواقص: {count}',
  'reviewer.missing.score': 'المعيار {n}، «{criterion}»: اختر درجة',
  'reviewer.missing.comment':
    'المعيار {n}، «{criterion}»: الدرجة {score} تتطلب تعليقًا',
  'reviewer.missing.recommendation': 'اختر توصية عامة.',
  'reviewer.missing.overallComment': 'اكتب تعليقًا عامًا.',
  'reviewer.save.idle': 'لا توجد تغييرات غير محفوظة',
  'reviewer.save.pending': 'تغييرات غير محفوظة…',
  'reviewer.save.saving': 'جارٍ الحفظ…',
  'reviewer.save.saved': 'حُفظت المسودة في {time}',
  'reviewer.save.offline':
    'لم تُحفظ: لا يوجد اتصال. ستُعاد المحاولة في {time}…',
  'reviewer.save.invalid': 'لم تُحفظ بعد: صحّح الحقول المميّزة',
  'reviewer.save.rejected': 'لم تُحفظ: {message}',
  'reviewer.save.conflictShort': 'لم تُحفظ: حُفظت في مكان آخر أولًا',
  'reviewer.save.locked': 'توقّف الحفظ',
  'reviewer.save.conflict':
    'حُفظت هذه المراجعة في مكان آخر (علامة تبويب أو جهاز آخر)، والإصدار {version} هو الحالي. لم يُستبدل أي شيء.',
  'reviewer.save.conflictNoVersion':
    'حُفظت هذه المراجعة في مكان آخر (علامة تبويب أو جهاز آخر). لم يُستبدل أي شيء.',
  'reviewer.save.conflictLost':
    'أعد التحميل لترى المراجعة المحفوظة. التغييرات التي أجريتها في هذه الصفحة منذ ذلك الحين لم تُحفظ: انسخ أولًا أي نص تريد الاحتفاظ به.',
  'reviewer.save.lockedLong': 'لم يعد بالإمكان تعديل هذه المراجعة: {message}',
  'reviewer.submit.confirmTitle': 'هل تريد تقديم مراجعتك؟',
  'reviewer.submit.confirmBody':
    'درجتك المرجّحة {score}. بعد التقديم تصبح درجاتك وتعليقاتك وتوصيتك نهائية ولا يمكن تعديلها، وستتمكن حينها من الاطلاع على درجات المراجعين الآخرين.',
  'reviewer.submit.confirm': 'تقديم نهائي',
  'reviewer.submit.sending': 'جارٍ تقديم مراجعتك…',
  'reviewer.submit.done': 'قُدِّمت مراجعتك.',
  'reviewer.submit.refused': 'تعذّر تقديم المراجعة. ردّ الخادم:',

  // Submitted: mine and the peers
  'reviewer.mine.submitted': 'قُدِّمت: مراجعتك نهائية.',
  'reviewer.mine.submittedAt': 'قُدِّمت في {time}: مراجعتك نهائية.',
  'reviewer.mine.score': '{score} من {max}',
  'reviewer.mine.notScored': 'بلا درجة',
  'reviewer.peers.title': 'المراجعون الآخرون',
  'reviewer.peers.intro':
    'يبقى المراجعون مجهولي الهوية بعضهم لبعض. لا تُعرض إلا المراجعات المقدَّمة، وهي نهائية.',
  'reviewer.peers.pending': 'مراجعون آخرون لم يقدّموا مراجعاتهم بعد: {count}',
  'reviewer.peers.noneYet':
    'لم يقدّم أي مراجع آخر مراجعته بعد. ستظهر درجاتهم هنا عند تقديمها.',
  'reviewer.peers.noOthers': 'لا يراجع هذا الطلب أي مراجع آخر.',
  'reviewer.peers.weightedTitle': 'الدرجات المرجّحة',
  'reviewer.peers.you': 'أنت',
  'reviewer.peers.label': 'المراجع {n}',
  'reviewer.peers.spread': 'الفرق بين أعلى درجة مرجّحة وأدناها: {spread}',
  'reviewer.peers.tableTitle': 'الدرجات حسب المعيار',
  'reviewer.peers.criterion': 'المعيار',
  'reviewer.peers.weight': 'الوزن',
  'reviewer.peers.commentsTitle': 'تعليقاتهم',
  'reviewer.peers.submittedAt': 'قُدِّمت في {time}',
  'reviewer.peers.noComment': 'بلا تعليق',
};
