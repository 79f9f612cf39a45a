import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { IntakePaths, type GovernorateView } from '@mizan/contracts';
import { type Observable, shareReplay } from 'rxjs';
import type { Language } from '../../../core/i18n/i18n.service';
import { intakeUrl } from './intake-url';

/** Reference data (the governorates), asked once per page load and shared by every page. */
@Injectable({ providedIn: 'root' })
export class ReferenceDataService {
  private readonly http = inject(HttpClient);
  private governorates$: Observable<GovernorateView[]> | null = null;

  governorates(): Observable<GovernorateView[]> {
    this.governorates$ ??= this.http
      .get<GovernorateView[]>(intakeUrl(IntakePaths.governorates))
      .pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.governorates$;
  }
}

/** The governorate's name in the user's language: Arabic for Arabic, English otherwise. */
export function governorateName(
  governorate: Pick<GovernorateView, 'nameEn' | 'nameAr'> | undefined,
  lang: Language,
  fallback = '',
): string {
  if (!governorate) return fallback;
  return lang === 'ar' ? governorate.nameAr : governorate.nameEn;
}
