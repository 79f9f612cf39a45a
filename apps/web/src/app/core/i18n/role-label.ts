import type { Role } from '@mizan/contracts';
import type { TranslationKey } from './dictionaries/en';

export function roleLabelKey(role: Role): TranslationKey {
  return `role.${role}`;
}
