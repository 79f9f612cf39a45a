import {
  HttpClient,
  HttpEventType,
  HttpXhrBackend,
  type HttpEvent,
} from '@angular/common/http';
import { InjectionToken, inject } from '@angular/core';
import { Observable, filter, map } from 'rxjs';

/**
 * Uploads go through XMLHttpRequest: the app's fetch-based HttpClient cannot
 * report upload progress, and a 10 MB file on a slow connection needs a bar.
 */
export const UPLOAD_HTTP = new InjectionToken<HttpClient>('UPLOAD_HTTP', {
  providedIn: 'root',
  factory: () => new HttpClient(inject(HttpXhrBackend)),
});

export type UploadEvent<T> =
  | { kind: 'progress'; percent: number }
  | { kind: 'done'; result: T };

/** Maps Angular's HTTP events of an upload to progress (0–100) and the final answer. */
export function uploadEvents<T>(
  events: Observable<HttpEvent<T>>,
): Observable<UploadEvent<T>> {
  return events.pipe(
    map((event): UploadEvent<T> | null => {
      if (event.type === HttpEventType.UploadProgress) {
        const total = event.total ?? 0;
        return {
          kind: 'progress',
          percent:
            total > 0
              ? Math.min(100, Math.round((100 * event.loaded) / total))
              : 0,
        };
      }
      if (event.type === HttpEventType.Response) {
        return { kind: 'done', result: event.body as T };
      }
      return null;
    }),
    filter((event): event is UploadEvent<T> => event !== null),
  );
}

/** Human size: 1536 → "1.5 KB", in the locale's digits. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
