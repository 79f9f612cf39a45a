import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_PREFIX, ReportingPaths, type Page, type ReportDueListFilter, type ReportDueListItemView } from '@mizan/contracts';
import type { Observable } from 'rxjs';

/** The officer's list of reports due in the agency (GET ReportingPaths.overdue). */
@Injectable({ providedIn: 'root' })
export class OfficerReportsApiService {
  private readonly http = inject(HttpClient);

  list(filter: ReportDueListFilter, page = 1, pageSize = 100): Observable<Page<ReportDueListItemView>> {
    const params = new HttpParams().set('filter', filter).set('sort', 'days_late').set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<ReportDueListItemView>>(`${API_PREFIX}/${ReportingPaths.overdue}`, { params });
  }
}
