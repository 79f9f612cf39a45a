import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  DecisionPaths,
  type OutboundEmailStatus,
  type OutboundEmailSummary,
  type OutboundEmailView,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

/** The agency's email outbox (read only: the worker sends). */
@Injectable({ providedIn: 'root' })
export class OutboxApiService {
  private readonly http = inject(HttpClient);

  list(status?: OutboundEmailStatus): Observable<OutboundEmailSummary[]> {
    const params = status ? new HttpParams().set('status', status) : undefined;
    return this.http.get<OutboundEmailSummary[]>(
      `${API_PREFIX}/${DecisionPaths.outbox}`,
      { params },
    );
  }

  get(id: string): Observable<OutboundEmailView> {
    return this.http.get<OutboundEmailView>(
      `${API_PREFIX}/${DecisionPaths.outbox}/${encodeURIComponent(id)}`,
    );
  }
}
