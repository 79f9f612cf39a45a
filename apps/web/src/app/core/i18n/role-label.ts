import type { Role } from '@mizan/contracts';
import type { TranslationKey } from './catalog';

export function roleLabelKey(role: Role): TranslationKey {
  return `role.${role}`;
}
