import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, ReportingPaths, type KeysetPage, type ReportDueListFilter, type ReportDueListItemView } from '@mizan/contracts';
import { type KeysetRequest, keysetParams } from '../../../core/ui/keyset-paginator.component';
import type { Observable } from 'rxjs';

/** The officer's list of reports due in the agency (GET ReportingPaths.overdue). */
@Injectable({ providedIn: 'root' })
export class OfficerReportsApiService {
  private readonly http = inject(HttpClient);

  /** One keyset page of the list, most late first. */
  list(filter: ReportDueListFilter, request: KeysetRequest = { pageSize: 25 }): Observable<KeysetPage<ReportDueListItemView>> {
    const params = keysetParams(request, new HttpParams().set('filter', filter).set('sort', 'days_late'));
    return this.http.get<KeysetPage<ReportDueListItemView>>(`${API_PREFIX}/${ReportingPaths.overdue}`, { params });
  }
}
