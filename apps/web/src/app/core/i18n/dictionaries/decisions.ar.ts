import type { decisionsEn } from './decisions.en';

/** Arabic for this area; complete, the compiler refuses a missing key. */
export const decisionsAr: Readonly<Record<keyof typeof decisionsEn, string>> = {
  'nav.outbox': 'صندوق البريد الصادر',
  'nav.notifications': 'الإشعارات',

  'decisions.outcome.approved': 'موافَق عليه',
  'decisions.outcome.rejected': 'مرفوض',
  'decisions.outcome.reserve': 'قائمة الاحتياط',
  'decisions.choice.approved': 'الموافقة',
  'decisions.choice.rejected': 'الرفض',
  'decisions.choice.reserve': 'الإدراج في قائمة الاحتياط',
  'decisions.state.proposed': 'بانتظار التأكيد',
  'decisions.state.confirmed': 'نهائي',
  'decisions.state.cancelled': 'ملغى',
  'decisions.reason.low_score': 'درجة تقييم منخفضة',
  'decisions.reason.outside_priorities': 'خارج أولويات الدعوة',
  'decisions.reason.budget_not_credible': 'ميزانية غير مقنعة',
  'decisions.reason.insufficient_partnership': 'شراكة غير كافية',
  'decisions.reason.weak_risk_management': 'إدارة ضعيفة للمخاطر',
  'decisions.reason.envelope_exhausted': 'نفاد المخصص المالي',
  'decisions.reason.other': 'سبب آخر (يُشرح في الملاحظة)',

  'decisions.call.title': 'قرارات التمويل',
  'decisions.refresh': 'تحديث',
  'decisions.envelope.caption':
    'المخصص المالي {envelope}: الملتزَم به {percent}٪',
  'decisions.envelope.confirmed': 'موافقات مؤكَّدة',
  'decisions.envelope.awaiting': 'موافقات بانتظار موظف ثانٍ',
  'decisions.envelope.remaining': 'المتبقي من المخصص',
  'decisions.threshold.heading': 'مبدأ الأعين الأربع',
  'decisions.threshold.above':
    'الموافقات التي تزيد على {amount} تحتاج إلى تأكيد موظف ثانٍ.',
  'decisions.threshold.everyApproval':
    'كل موافقة تحتاج إلى تأكيد موظف ثانٍ (الحدّ صفر).',
  'decisions.threshold.otherOutcomes':
    'الرفض والإدراج في قائمة الاحتياط لا يُلزمان بأي مبلغ، لذا يصبحان نهائيين فورًا.',
  'decisions.threshold.edit': 'تغيير الحدّ',
  'decisions.threshold.title': 'حدّ التأكيد',
  'decisions.threshold.explain':
    'الموافقة التي تزيد على هذا المبلغ تنتظر حتى يؤكدها موظف ثانٍ، ولا يجوز لمن اقترحها أن يؤكدها.',
  'decisions.threshold.zero':
    'الصفر يعني أن كل موافقة تحتاج إلى موظف ثانٍ. يسري التغيير على القرارات المقترحة من الآن فصاعدًا.',
  'decisions.threshold.amount': 'الحدّ ({currency})',
  'decisions.threshold.max': 'لا يتجاوز المخصص المالي: {envelope}.',
  'decisions.threshold.required': 'أدخل مبلغًا (صفر لتأكيد كل موافقة).',
  'decisions.threshold.aboveEnvelope':
    'لا يجوز أن يتجاوز الحدّ المخصص المالي البالغ {envelope}.',
  'decisions.threshold.saved':
    'حُفظ الحدّ: الموافقات التي تزيد على {amount} تحتاج إلى موظف ثانٍ.',
  'decisions.awaiting.title': 'بانتظار موظف ثانٍ ({count})',
  'decisions.awaiting.intro':
    'على موظف آخر أن يؤكد هذه الموافقات أو يلغيها قبل أن تصبح نهائية ويُبلَّغ بها مقدمو الطلبات.',
  'decisions.awaiting.none': 'لا توجد قرارات بانتظار التأكيد.',
  'decisions.history.title': 'سجل القرارات',
  'decisions.history.none': 'لا توجد بعد قرارات نهائية أو ملغاة.',
  'decisions.empty.title': 'لا توجد قرارات بعد',
  'decisions.empty.body':
    'اتخذ القرارات بشأن الطلبات من لوحة المراجعة. الموافقات التي تتجاوز الحدّ تنتظر هنا تأكيد موظف ثانٍ.',
  'decisions.col.application': 'الطلب',
  'decisions.col.outcome': 'القرار',
  'decisions.col.amount': 'المبلغ',
  'decisions.col.details': 'الشروط والأسباب',
  'decisions.col.people': 'صاحب القرار',

  'decisions.card.title': 'القرار الحالي',
  'decisions.card.amount': 'المبلغ الممنوح',
  'decisions.card.ofRequested': 'من أصل المبلغ المطلوب {requested}',
  'decisions.card.requestedShort': 'المطلوب {requested}',
  'decisions.card.requested': 'المبلغ المطلوب',
  'decisions.card.reduced': 'مخفَّض',
  'decisions.card.proposed': 'اقتُرح',
  'decisions.card.confirmed': 'أُكِّد',
  'decisions.card.cancelled': 'أُلغي',
  'decisions.card.proposedBy': 'اقترحه {who}',
  'decisions.card.confirmedBy': 'أكّده {who}',
  'decisions.card.cancelledBy': 'ألغاه {who}',
  'decisions.card.cancelReason': 'سبب الإلغاء',
  'decisions.card.noSecond': 'نهائي فورًا (دون حاجة إلى موظف ثانٍ)',
  'decisions.card.waiting': 'بانتظار تأكيد موظف ثانٍ.',
  'decisions.card.ownProposal':
    'أنت من اقترح هذا القرار، لذا يجب أن يؤكده موظف آخر (مبدأ الأعين الأربع). ما زال بإمكانك إلغاؤه.',
  'decisions.action.confirm': 'تأكيد',
  'decisions.action.cancel': 'إلغاء القرار',
  'decisions.action.propose': 'اقتراح القرار',
  'decisions.action.decide': 'تسجيل القرار',
  'decisions.confirm.title': 'تأكيد هذا القرار؟',
  'decisions.confirm.bodyApproved':
    'أنت تؤكد الموافقة على {amount} لـ«{title}»، التي اقترحها {proposer}. يصبح القرار نهائيًا ويُبلَّغ مقدمو الطلب داخل التطبيق وبالبريد الإلكتروني.',
  'decisions.confirm.body':
    'أنت تؤكد القرار «{outcome}» بشأن «{title}»، الذي اقترحه {proposer}. يصبح القرار نهائيًا ويُبلَّغ مقدمو الطلب داخل التطبيق وبالبريد الإلكتروني.',
  'decisions.cancel.title': 'إلغاء هذا القرار',
  'decisions.cancel.body':
    'يُسحب الاقتراح ويعود مبلغه إلى المخصص المالي، ثم يمكن اتخاذ قرار جديد بشأن الطلب.',
  'decisions.cancel.keep': 'الإبقاء عليه',
  'decisions.cancel.submit': 'إلغاء القرار',
  'decisions.done.proposed':
    'اقتُرح القرار ({outcome}) وهو الآن بانتظار موظف ثانٍ.',
  'decisions.done.final':
    'سُجّل القرار ({outcome})؛ وهو نهائي وقد أُبلغ مقدمو الطلب.',
  'decisions.done.confirmed': 'أُكّد القرار بشأن «{title}» وأصبح نهائيًا.',
  'decisions.done.cancelled': 'أُلغي القرار بشأن «{title}».',

  'decisions.app.title': 'قرار التمويل',
  'decisions.app.notReady':
    'يمكن تسجيل القرار حين يكون الطلب قيد المراجعة. حالته الآن: {state}.',
  'decisions.field.outcome': 'القرار',
  'decisions.field.amount': 'المبلغ الممنوح ({currency})',
  'decisions.field.conditions': 'الشروط',
  'decisions.field.reasons': 'الأسباب',
  'decisions.field.note': 'ملاحظة إلى مقدم الطلب',
  'decisions.field.rationale': 'المسوّغات (داخلية)',
  'decisions.form.requested': 'المطلوب: {amount}',
  'decisions.form.remaining': 'المتبقي من المخصص: {amount}',
  'decisions.form.amountHint': 'المبلغ المطلوب ({amount}) أو أقل منه.',
  'decisions.form.reduced':
    'مخفَّض: {amount} بدلًا من المبلغ المطلوب {requested}.',
  'decisions.form.overEnvelope':
    'لم يتبقَّ في المخصص سوى {amount}، فلا تتسع هذه الموافقة.',
  'decisions.form.conditionsHint':
    'ما يجب على الجهة المستفيدة القيام به. تُعرض على مقدم الطلب.',
  'decisions.form.noteHint':
    'تُعرض على مقدم الطلب مع الأسباب، وهي مطلوبة عند اختيار «سبب آخر».',
  'decisions.form.reserveHint':
    'ينتظر الطلب في قائمة الاحتياط، ويمكن الموافقة عليه لاحقًا إذا توفرت أموال.',
  'decisions.form.rationaleHint':
    'لماذا اتخذت هذا القرار. تُسجَّل في سجل النشاط ولا تُعرض على مقدم الطلب.',
  'decisions.form.fromReserve':
    'هذا الطلب في قائمة الاحتياط. يمكنك الآن الموافقة عليه أو رفضه.',
  'decisions.fourEyes.needsSecond':
    'تحتاج هذه الموافقة إلى تأكيد موظف ثانٍ: المبلغ {amount} يتجاوز الحدّ البالغ {threshold}.',
  'decisions.fourEyes.everyApproval':
    'تحتاج هذه الموافقة إلى تأكيد موظف ثانٍ، فكل موافقة في هذه الدعوة تحتاج إلى ذلك.',
  'decisions.fourEyes.withinThreshold':
    'هذه الموافقة نهائية فورًا: المبلغ {amount} ضمن الحدّ البالغ {threshold}.',
  'decisions.fourEyes.noMoney':
    'هذا القرار لا يُلزم بأي مبلغ، لذا يصبح نهائيًا فورًا ويُبلَّغ به مقدم الطلب.',
  'decisions.fourEyes.unknown':
    'الموافقات التي تتجاوز حدّ الدعوة تحتاج إلى تأكيد موظف ثانٍ.',
  'decisions.error.amountRequired': 'أدخل المبلغ الممنوح.',
  'decisions.error.amountFormat':
    'أدخل مبلغًا بما لا يزيد على {decimals} منازل عشرية، مثل 250000.50.',
  'decisions.error.amountPositive': 'يجب أن يكون المبلغ الممنوح أكبر من صفر.',
  'decisions.error.aboveRequested':
    'لا يجوز أن يتجاوز المبلغ المطلوب البالغ {amount}.',
  'decisions.error.reasonsRequired': 'اختر سببًا واحدًا على الأقل.',
  'decisions.error.noteRequired': 'اشرح «السبب الآخر» في الملاحظة.',
  'decisions.error.rationaleRequired': 'اذكر مسوّغات القرار.',
  'decisions.error.envelope': 'تجاوُز المخصص المالي: {message}',
  'decisions.error.fourEyes':
    'مبدأ الأعين الأربع: أنت من اقترح هذا القرار، لذا يجب أن يؤكده موظف آخر.',
  'decisions.error.conflict': 'يتعارض هذا القرار مع الوضع الحالي: {message}',
  'decisions.error.forbidden': 'غير مسموح: {message}',

  'decisions.notice.decidedOn': 'تاريخ القرار: {date}',
  'decisions.notice.approved.headline': 'تمت الموافقة على طلبكم',
  'decisions.notice.approved.lead': 'ستموّل الجهة المانحة مشروعكم بمبلغ:',
  'decisions.notice.approved.reduced':
    'هذا أقل من المبلغ الذي طلبتموه ({requested})، إذ خفّضته الجهة المانحة.',
  'decisions.notice.approved.full': 'هذا هو المبلغ الذي طلبتموه كاملًا.',
  'decisions.notice.approved.next':
    'ستتواصل معكم الجهة المانحة بشأن اتفاقية المنحة والخطوات التالية.',
  'decisions.notice.conditions': 'شروط المنحة',
  'decisions.notice.conditionsIntro': 'تقترن المنحة بالشروط التالية:',
  'decisions.notice.rejected.headline': 'لم يُموَّل طلبكم هذه المرة',
  'decisions.notice.rejected.lead':
    'نشكركم على الجهد الذي بذلتموه فيه. لم تتمكن الجهة المانحة من تمويله في هذه الدعوة.',
  'decisions.notice.rejected.next':
    'يسعدنا أن تتقدموا مجددًا في دعوة قادمة، ولعل الأسباب أدناه تساعدكم.',
  'decisions.notice.reasons': 'الأسباب',
  'decisions.notice.note': 'رسالة من الجهة المانحة',
  'decisions.notice.reason.low_score':
    'منحه المقيّمون درجة أقل من الطلبات التي مُوّلت.',
  'decisions.notice.reason.outside_priorities': 'يقع خارج أولويات هذه الدعوة.',
  'decisions.notice.reason.budget_not_credible':
    'لم تكن الميزانية مقنعة للمقيّمين.',
  'decisions.notice.reason.insufficient_partnership':
    'لم تكن الشراكة مع المنظمة الشريكة قوية بما يكفي.',
  'decisions.notice.reason.weak_risk_management':
    'لم تُعالَج المخاطر في الخطة بما يكفي.',
  'decisions.notice.reason.envelope_exhausted':
    'نفدت الأموال المتاحة لهذه الدعوة قبل الوصول إليه.',
  'decisions.notice.reason.other': 'سبب آخر، موضَّح في الرسالة أدناه.',
  'decisions.notice.reserve.headline': 'طلبكم في قائمة الاحتياط',
  'decisions.notice.reserve.lead':
    'لم يُموَّل في الوقت الحالي، لكن قد يُموَّل إذا توفرت أموال في هذه الدعوة، كأن يتعذر تنفيذ مشروع آخر.',
  'decisions.notice.reserve.next':
    'سنُعلمكم هنا وبالبريد الإلكتروني فور حدوث أي تغيير.',

  'notifications.title': 'الإشعارات',
  'notifications.intro':
    'مستجدات عملك في ميزان، الأحدث أولًا. افتح أي إشعار للانتقال إلى ما يتعلق به.',
  'notifications.bell.none': 'الإشعارات، لا يوجد غير مقروء',
  'notifications.bell.one': 'إشعار واحد غير مقروء',
  'notifications.bell.many': 'الإشعارات غير المقروءة: {count}',
  'notifications.unread': 'غير مقروء',
  'notifications.markAll': 'تعليم الكل كمقروء',
  'notifications.markRead': 'تعليم كمقروء',
  'notifications.open': 'فتح',
  'notifications.markedOne': 'عُلّم كمقروء: {title}',
  'notifications.markedAll': 'عُلّمت الإشعارات كمقروءة ({count}).',
  'notifications.menu.empty': 'لا توجد إشعارات بعد.',
  'notifications.menu.seeAll': 'عرض كل الإشعارات',
  'notifications.group.unread': 'غير المقروءة ({count})',
  'notifications.group.read': 'المقروءة ({count})',
  'notifications.empty.title': 'لا توجد إشعارات',
  'notifications.empty.body':
    'يُعلمك ميزان هنا حين يحتاج أمر ما إلى انتباهك أو حين يُتخذ قرار في أمر تتابعه.',

  'outbox.title': 'صندوق البريد الصادر',
  'outbox.intro':
    'الرسائل التي يرسلها ميزان باسم جهتك، الأحدث أولًا: إلى من أُرسلت، وهل أُرسلت، ولماذا لم تُرسل.',
  'outbox.worker':
    'تُرسل العملية الخلفية الرسائل المنتظرة خلال لحظات وتعيد المحاولة عند الإخفاق.',
  'outbox.loaded': 'عدد الرسائل المعروضة: {count}.',
  'outbox.filter.label': 'عرض الرسائل حسب الحالة',
  'outbox.filter.all': 'الكل',
  'outbox.status.queued': 'في الانتظار',
  'outbox.status.sent': 'مُرسلة',
  'outbox.status.failed': 'أخفقت',
  'outbox.col.subject': 'الموضوع',
  'outbox.col.to': 'إلى',
  'outbox.col.status': 'الحالة',
  'outbox.col.attempts': 'المحاولات',
  'outbox.col.lastError': 'آخر خطأ',
  'outbox.col.created': 'أُنشئت',
  'outbox.col.sent': 'أُرسلت',
  'outbox.attemptsCount': 'عدد المحاولات: {count}',
  'outbox.messageId': 'معرّف الرسالة',
  'outbox.body': 'نص الرسالة',
  'outbox.noneFiltered': 'لا توجد رسائل بهذه الحالة.',
  'outbox.empty.title': 'لا توجد رسائل بعد',
  'outbox.empty.body':
    'حين يُتخذ قرار بشأن طلب، يضع ميزان هنا رسالة إلى مقدمي الطلب، ثم تتولى العملية الخلفية إرسالها.',
};
