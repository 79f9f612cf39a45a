import type { DecisionNoticeView } from '@mizan/contracts';
import { REJECTION_REASONS, type RejectionReason } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { IconName } from '../../../core/icons/icons';

/** What the applicant's decision card says, in the order it says it. */
export interface DecisionNoticeLines {
  outcome: DecisionNoticeView['outcome'];
  headlineKey: TranslationKey;
  leadKey: TranslationKey;
  icon: IconName;
  tone: 'good' | 'bad' | 'attention';
  /** Approvals: the amount granted and whether it is less than requested. */
  amount: {
    grantedMinor: string;
    requestedMinor: string;
    reduced: boolean;
  } | null;
  conditions: string | null;
  /** Rejections: the reasons in the applicant's words, in the list's order. */
  reasonKeys: TranslationKey[];
  note: string | null;
  nextKey: TranslationKey;
}

function applicantReasonKey(reason: RejectionReason): TranslationKey {
  return `decisions.notice.reason.${reason}`;
}

const isDigits = (text: string) => /^\d{1,18}$/.test(text);

/** The decision card of an application, from the final decision the api tells its members. */
export function decisionNoticeLines(
  notice: DecisionNoticeView,
): DecisionNoticeLines {
  switch (notice.outcome) {
    case 'approved': {
      const reduced =
        isDigits(notice.amountMinor) &&
        isDigits(notice.requestedMinor) &&
        BigInt(notice.amountMinor) < BigInt(notice.requestedMinor);
      return {
        outcome: 'approved',
        headlineKey: 'decisions.notice.approved.headline',
        leadKey: 'decisions.notice.approved.lead',
        icon: 'check_circle',
        tone: 'good',
        amount: {
          grantedMinor: notice.amountMinor,
          requestedMinor: notice.requestedMinor,
          reduced,
        },
        conditions: notice.conditions?.trim() || null,
        reasonKeys: [],
        note: null,
        nextKey: 'decisions.notice.approved.next',
      };
    }
    case 'rejected': {
      const known = REJECTION_REASONS.filter((r) =>
        notice.rejectionReasons.includes(r),
      );
      const unknown = notice.rejectionReasons.some(
        (r) => !(REJECTION_REASONS as readonly string[]).includes(r),
      );
      const reasons =
        unknown && !known.includes('other')
          ? [...known, 'other' as const]
          : known;
      return {
        outcome: 'rejected',
        headlineKey: 'decisions.notice.rejected.headline',
        leadKey: 'decisions.notice.rejected.lead',
        icon: 'info',
        tone: 'bad',
        amount: null,
        conditions: null,
        reasonKeys: reasons.map(applicantReasonKey),
        note: notice.rejectionNote?.trim() || null,
        nextKey: 'decisions.notice.rejected.next',
      };
    }
    default:
      return {
        outcome: 'reserve',
        headlineKey: 'decisions.notice.reserve.headline',
        leadKey: 'decisions.notice.reserve.lead',
        icon: 'bookmark',
        tone: 'attention',
        amount: null,
        conditions: null,
        reasonKeys: [],
        note: null,
        nextKey: 'decisions.notice.reserve.next',
      };
  }
}
