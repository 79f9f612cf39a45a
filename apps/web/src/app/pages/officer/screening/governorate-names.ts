import type { GovernorateView } from '@mizan/contracts';
import { IRAQ_GOVERNORATES } from '@mizan/domain';

/** A governorate's name in the reader's language (Arabic or English), from the api list or the domain's. */
export function governorateName(
  code: string,
  lang: string,
  list: readonly GovernorateView[] = [],
): string {
  const fromApi = list.find((g) => g.code === code);
  if (fromApi) return lang === 'ar' ? fromApi.nameAr : fromApi.nameEn;
  const known = IRAQ_GOVERNORATES.find((g) => g.code === code);
  if (known) return lang === 'ar' ? known.ar : known.en;
  return code;
}
