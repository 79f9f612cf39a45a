/**
 * The directory's base taxonomy (issue 15): sectors of the field study → skills, named in en / ar / sv. The
 * migration that creates the taxonomy tables inserts these rows; admins grow it from experts' free-text skills.
 * Codes are stored: never rename one.
 */
export interface TaxonomyName {
  en: string;
  ar: string;
  sv: string;
}

export interface TaxonomySector {
  code: string;
  name: TaxonomyName;
  skills: { code: string; name: TaxonomyName }[];
}

const n = (en: string, ar: string, sv: string): TaxonomyName => ({ en, ar, sv });

export const DIRECTORY_BASE_TAXONOMY: readonly TaxonomySector[] = [
  {
    code: 'medicine',
    name: n('Medicine', 'الطب', 'Medicin'),
    skills: [
      { code: 'medicine.general_practice', name: n('General practice', 'طب عام', 'Allmänmedicin') },
      { code: 'medicine.surgery', name: n('Surgery', 'الجراحة', 'Kirurgi') },
      { code: 'medicine.paediatrics', name: n('Paediatrics', 'طب الأطفال', 'Pediatrik') },
      { code: 'medicine.emergency', name: n('Emergency medicine', 'طب الطوارئ', 'Akutmedicin') },
      { code: 'medicine.nursing', name: n('Nursing', 'التمريض', 'Omvårdnad') },
    ],
  },
  {
    code: 'mental_health',
    name: n('Mental health', 'الصحة النفسية', 'Psykisk hälsa'),
    skills: [
      { code: 'mental_health.psychotherapy', name: n('Psychotherapy', 'العلاج النفسي', 'Psykoterapi') },
      { code: 'mental_health.trauma', name: n('Trauma care', 'علاج الصدمات', 'Traumavård') },
      { code: 'mental_health.child_psychology', name: n('Child psychology', 'علم نفس الطفل', 'Barnpsykologi') },
      { code: 'mental_health.psychiatry', name: n('Psychiatry', 'الطب النفسي', 'Psykiatri') },
      { code: 'mental_health.trainer', name: n('Training of counsellors', 'تدريب المرشدين', 'Utbildning av rådgivare') },
    ],
  },
  {
    code: 'engineering',
    name: n('Engineering', 'الهندسة', 'Teknik'),
    skills: [
      { code: 'engineering.civil', name: n('Civil engineering', 'الهندسة المدنية', 'Väg- och vattenbyggnad') },
      { code: 'engineering.water', name: n('Water and sanitation', 'المياه والصرف الصحي', 'Vatten och sanitet') },
      { code: 'engineering.electrical', name: n('Electrical engineering', 'الهندسة الكهربائية', 'Elektroteknik') },
      { code: 'engineering.software', name: n('Software engineering', 'هندسة البرمجيات', 'Mjukvaruutveckling') },
    ],
  },
  {
    code: 'accountancy',
    name: n('Accountancy', 'المحاسبة', 'Redovisning'),
    skills: [
      { code: 'accountancy.audit', name: n('Audit', 'التدقيق', 'Revision') },
      { code: 'accountancy.bookkeeping', name: n('Bookkeeping', 'مسك الدفاتر', 'Bokföring') },
      { code: 'accountancy.public_finance', name: n('Public finance', 'المالية العامة', 'Offentliga finanser') },
    ],
  },
  {
    code: 'law',
    name: n('Law', 'القانون', 'Juridik'),
    skills: [
      { code: 'law.human_rights', name: n('Human rights law', 'قانون حقوق الإنسان', 'Mänskliga rättigheter') },
      { code: 'law.family', name: n('Family law', 'قانون الأسرة', 'Familjerätt') },
      { code: 'law.legal_aid', name: n('Legal aid', 'المساعدة القانونية', 'Rättshjälp') },
    ],
  },
  {
    code: 'journalism',
    name: n('Journalism', 'الصحافة', 'Journalistik'),
    skills: [
      { code: 'journalism.investigative', name: n('Investigative journalism', 'الصحافة الاستقصائية', 'Grävande journalistik') },
      { code: 'journalism.media_literacy', name: n('Media literacy', 'التربية الإعلامية', 'Mediekunskap') },
      { code: 'journalism.radio', name: n('Radio production', 'الإنتاج الإذاعي', 'Radioproduktion') },
    ],
  },
  {
    code: 'cultural_heritage',
    name: n('Cultural heritage', 'التراث الثقافي', 'Kulturarv'),
    skills: [
      { code: 'cultural_heritage.conservation', name: n('Conservation', 'الترميم والصيانة', 'Konservering') },
      { code: 'cultural_heritage.archaeology', name: n('Archaeology', 'علم الآثار', 'Arkeologi') },
      { code: 'cultural_heritage.archives', name: n('Archives and manuscripts', 'الأرشيف والمخطوطات', 'Arkiv och handskrifter') },
    ],
  },
  {
    code: 'womens_rights',
    name: n("Women's rights", 'حقوق المرأة', 'Kvinnors rättigheter'),
    skills: [
      { code: 'womens_rights.gbv', name: n('Gender-based violence response', 'الاستجابة للعنف القائم على النوع الاجتماعي', 'Stöd vid könsrelaterat våld') },
      { code: 'womens_rights.economic', name: n("Women's economic empowerment", 'التمكين الاقتصادي للمرأة', 'Kvinnors ekonomiska egenmakt') },
      { code: 'womens_rights.advocacy', name: n('Advocacy', 'المناصرة', 'Påverkansarbete') },
    ],
  },
];
