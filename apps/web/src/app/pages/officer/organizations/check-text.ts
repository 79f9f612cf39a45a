import type { DueDiligenceCheck, DocumentView, OrganizationView } from '@mizan/contracts';
import { REQUIRED_DUE_DILIGENCE_DOCUMENTS } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { TranslationParams } from '../../../core/i18n/i18n.service';
import { documentKindKey } from '../shared/labels';
import { formatIsoDate } from '../shared/zones';

type Translate = (key: TranslationKey, params?: TranslationParams) => string;

/**
 * An automatic check's result in the reader's language, worked out from the
 * organization's own facts (the api's sentence is English; it stays available
 * as the detail).
 */
export function checkText(
  check: DueDiligenceCheck,
  org: Pick<OrganizationView, 'accountHolder' | 'holderExplanation' | 'foundedOn'>,
  documents: readonly Pick<DocumentView, 'kind'>[],
  t: Translate,
  locale: string,
): string {
  switch (check.check) {
    case 'iban_checksum':
      return t(check.passed ? 'officer.checkText.iban.pass' : 'officer.checkText.iban.fail');
    case 'holder_matches_name':
      if (!check.passed) {
        return t('officer.checkText.holder.fail', { holder: org.accountHolder });
      }
      return org.holderExplanation?.trim()
        ? t('officer.checkText.holder.explained', {
            explanation: org.holderExplanation.trim(),
          })
        : t('officer.checkText.holder.pass');
    case 'documents_complete': {
      if (check.passed) return t('officer.checkText.documents.pass');
      const have = new Set(documents.map((d) => d.kind));
      const missing = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
        REQUIRED_DUE_DILIGENCE_DOCUMENTS.filter((k) => !have.has(k)).map((k) => {
          const key = documentKindKey(k);
          return key ? t(key) : k;
        }),
      );
      return t('officer.checkText.documents.fail', { missing });
    }
    case 'registration_number':
      return t(
        check.passed
          ? 'officer.checkText.registration.pass'
          : 'officer.checkText.registration.fail',
      );
    case 'founding_date':
      return check.passed && org.foundedOn
        ? t('officer.checkText.founded.pass', {
            date: formatIsoDate(org.foundedOn, locale),
          })
        : t('officer.checkText.founded.fail');
    default:
      return check.message;
  }
}
