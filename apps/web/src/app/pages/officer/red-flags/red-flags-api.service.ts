import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  RedFlagPaths,
  type RedFlagListQuery,
  type RedFlagPage,
  type RedFlagRunView,
  type RedFlagSettingsView,
  type RedFlagView,
} from '@mizan/contracts';
import type { RedFlagOverrides } from '@mizan/domain';
import type { Observable } from 'rxjs';

const url = (path: string): string => `${API_PREFIX}/${path}`;

/** The red-flag routes (RedFlagPaths), for the officer's pages. */
@Injectable({ providedIn: 'root' })
export class RedFlagsApiService {
  private readonly http = inject(HttpClient);

  list(query: RedFlagListQuery): Observable<RedFlagPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    const path = query.grantId ? RedFlagPaths.grantFlags(encodeURIComponent(query.grantId)) : RedFlagPaths.flags;
    if (query.grantId) params = params.delete('grantId');
    return this.http.get<RedFlagPage>(url(path), { params });
  }

  clear(flagId: string, reason: string): Observable<RedFlagView> {
    return this.http.post<RedFlagView>(url(RedFlagPaths.clear(encodeURIComponent(flagId))), { reason });
  }

  escalate(flagId: string, reason: string): Observable<RedFlagView> {
    return this.http.post<RedFlagView>(url(RedFlagPaths.escalate(encodeURIComponent(flagId))), { reason });
  }

  runs(): Observable<RedFlagRunView[]> {
    return this.http.get<RedFlagRunView[]>(url(RedFlagPaths.runs));
  }

  runNow(): Observable<RedFlagRunView> {
    return this.http.post<RedFlagRunView>(url(RedFlagPaths.runs), {});
  }

  settings(): Observable<RedFlagSettingsView> {
    return this.http.get<RedFlagSettingsView>(url(RedFlagPaths.settings));
  }

  saveSettings(overrides: RedFlagOverrides): Observable<RedFlagSettingsView> {
    return this.http.put<RedFlagSettingsView>(url(RedFlagPaths.settings), overrides);
  }
}
