import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiPaths,
  type TrailExportRequest,
  type TrailExportView,
  type TrailFilterSet,
  type TrailPage,
  type TrailQuery,
  type TrailVerification,
} from '@mizan/contracts';
import { Observable, defer, repeat, takeWhile } from 'rxjs';
import { apiUrl } from '../../core/api/api-url';

export const EXPORT_POLL_MS = 700;

export function isExportRunning(view: TrailExportView): boolean {
  return view.state === 'waiting' || view.state === 'active';
}

@Injectable({ providedIn: 'root' })
export class TrailApiService {
  private readonly http = inject(HttpClient);

  list(query: TrailQuery): Observable<TrailPage> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '')
        params = params.set(name, String(value));
    }
    return this.http.get<TrailPage>(apiUrl(ApiPaths.trail), {
      params,
    });
  }

  verify(): Observable<TrailVerification> {
    return this.http.post<TrailVerification>(
      apiUrl(ApiPaths.trailVerification),
      null,
    );
  }

  /** The PDF of the records that match `filters` (the ones on screen). */
  requestExport(filters: TrailFilterSet = {}): Observable<TrailExportView> {
    const body: TrailExportRequest = { filters };
    return this.http.post<TrailExportView>(apiUrl(ApiPaths.trailExports), body);
  }

  getExport(id: string): Observable<TrailExportView> {
    return this.http.get<TrailExportView>(apiUrl(ApiPaths.trailExports, id));
  }

  listExports(): Observable<TrailExportView[]> {
    return this.http.get<TrailExportView[]>(apiUrl(ApiPaths.trailExports));
  }

  /** Asks for the export again `intervalMs` after each answer, until it is completed or failed. */
  watchExport(
    id: string,
    intervalMs = EXPORT_POLL_MS,
  ): Observable<TrailExportView> {
    return defer(() => this.getExport(id)).pipe(
      repeat({ delay: intervalMs }),
      takeWhile(isExportRunning, true),
    );
  }
}
