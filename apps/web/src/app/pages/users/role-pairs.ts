import { computed, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import { ErrorCode, isRole, type Role } from '@mizan/contracts';
import { checkRolePairs, type RolePair, type RolePairCheck } from '@mizan/domain';
import { startWith } from 'rxjs';
import type { WebError } from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { roleLabelKey } from '../../core/i18n/role-label';
import type { FormSubmission } from '../../core/ui/form-submission';

/** Why each pair of ROLE_PAIRS (libs/domain) is refused or needs a reason. */
const WHY: Readonly<Record<string, TranslationKey>> = {
  'auditor+finance': 'users.pairs.why.auditorFinance',
  'auditor+officer': 'users.pairs.why.auditorOfficer',
  'auditor+reviewer': 'users.pairs.why.auditorReviewer',
  'admin+auditor': 'users.pairs.why.adminAuditor',
  'finance+officer': 'users.pairs.why.financeOfficer',
  'officer+reviewer': 'users.pairs.why.officerReviewer',
  'monitor+officer': 'users.pairs.why.monitorIndependent',
  'finance+monitor': 'users.pairs.why.monitorIndependent',
  'auditor+monitor': 'users.pairs.why.monitorIndependent',
  'applicant+monitor': 'users.pairs.why.monitorIndependent',
  'monitor+partner': 'users.pairs.why.monitorIndependent',
};

export interface PairNotice {
  id: string;
  key: TranslationKey;
  params: Record<string, string>;
}

/**
 * The segregation-of-duties rules between roles, live in a users dialog: the pairs the chosen roles form
 * (the domain's `checkRolePairs`, the same the api holds), as sentences, and the guard of the save.
 * Call in an injection context.
 */
export function rolePairsOf(roles: FormControl<Role[]>, before: readonly Role[]) {
  const i18n = inject(I18nService);
  const chosen = toSignal(roles.valueChanges.pipe(startWith(roles.value)), { initialValue: roles.value });
  const check: Signal<RolePairCheck> = computed(() => checkRolePairs(chosen(), before));
  const notice = (pair: RolePair | { id: string; roles: readonly [string, string] }, key: TranslationKey): PairNotice => {
    const [first, second] = pair.roles;
    const name = (role: string) => (isRole(role) ? i18n.t(roleLabelKey(role)) : role);
    const why = WHY[pair.id];
    return { id: pair.id, key, params: { first: name(first), second: name(second), why: why ? i18n.t(why) : '' } };
  };
  return {
    check,
    refused: computed(() => check().refused.map((p) => notice(p, 'users.pairs.refused'))),
    needReason: computed(() => check().needReason.map((p) => notice(p, 'users.pairs.needsReason'))),
    /** False (and the problem shown, the reason marked) when the roles cannot be saved as they are. */
    canSave(reason: FormControl<string>, submission: FormSubmission<unknown>): boolean {
      const { refused, needReason } = check();
      submission.problem.set(null);
      if (refused.length > 0) {
        submission.problem.set({ key: 'users.pairs.refused', params: notice(refused[0], 'users.pairs.refused').params });
        return false;
      }
      if (needReason.length > 0 && reason.value.trim() === '') {
        reason.setErrors({ required: true });
        reason.markAsTouched();
        return false;
      }
      return true;
    },
    /** The api's refusal of a pair (its table is the same; this covers a change made meanwhile), as a sentence. */
    onError(error: WebError, submission: FormSubmission<unknown>): boolean {
      if (error.code !== ErrorCode.RolePairRefused && error.code !== ErrorCode.RolePairReasonRequired) return false;
      const first = String(error.params?.['first'] ?? '');
      const second = String(error.params?.['second'] ?? '');
      const pair = { id: String(error.params?.['pair'] ?? ''), roles: [first, second] as const };
      const key = error.code === ErrorCode.RolePairRefused ? 'users.pairs.refused' : 'users.pairs.needsReason';
      submission.problem.set({ key, params: notice(pair, key).params });
      return true;
    },
  };
}
