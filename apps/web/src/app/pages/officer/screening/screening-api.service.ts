import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IntakePaths,
  type ApplicationAttachmentView,
  type ApplicationVersionView,
  type ApplicationView,
  type GovernorateView,
  type KeysetPage,
  type ScreeningQueueItem,
  type ScreeningQueueSort,
  type ScreeningQueueSummary,
  type ScreeningRequest,
} from '@mizan/contracts';
import type { ApplicationState } from '@mizan/domain';
import { type KeysetRequest, keysetParams } from '../../../core/ui/keyset-paginator.component';

/** The queue's filters and sort, as the api takes them. */
export interface QueueQuery {
  state?: ApplicationState;
  search?: string;
  governorate?: string;
  sort?: ScreeningQueueSort;
  direction?: 'asc' | 'desc';
}
import { type Observable, shareReplay } from 'rxjs';
import { intakeUrl } from '../programs/programs-api.service';

/** The screening desk: a call's queue, one application, its frozen versions, the officer's decisions. */
@Injectable({ providedIn: 'root' })
export class ScreeningApiService {
  private readonly http = inject(HttpClient);
  private governorateList?: Observable<GovernorateView[]>;

  /** One keyset page of a call's queue, filtered and sorted by the api. */
  queue(callId: string, query: QueueQuery, request: KeysetRequest): Observable<KeysetPage<ScreeningQueueItem>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query) as [string, string | undefined][]) {
      if (value) params = params.set(key, value);
    }
    return this.http.get<KeysetPage<ScreeningQueueItem>>(
      intakeUrl(IntakePaths.calls, callId, 'screening'),
      { params: keysetParams(request, params) },
    );
  }

  /** The chart's numbers, counted by the api over the whole queue. */
  summary(callId: string): Observable<ScreeningQueueSummary> {
    return this.http.get<ScreeningQueueSummary>(
      intakeUrl(IntakePaths.calls, callId, 'screening', 'summary'),
    );
  }

  application(id: string): Observable<ApplicationView> {
    return this.http.get<ApplicationView>(
      intakeUrl(IntakePaths.applications, id),
    );
  }

  version(id: string, number: number): Observable<ApplicationVersionView> {
    return this.http.get<ApplicationVersionView>(
      intakeUrl(IntakePaths.applications, id, 'versions', String(number)),
    );
  }

  attachments(id: string): Observable<ApplicationAttachmentView[]> {
    return this.http.get<ApplicationAttachmentView[]>(
      intakeUrl(IntakePaths.applications, id, 'attachments'),
    );
  }

  screen(id: string, request: ScreeningRequest): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(
      intakeUrl(IntakePaths.applications, id, 'screening'),
      request,
    );
  }

  /** The 18 governorates: reference data, asked for once per page load. */
  governorates(): Observable<GovernorateView[]> {
    this.governorateList ??= this.http
      .get<GovernorateView[]>(intakeUrl(IntakePaths.governorates))
      .pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.governorateList;
  }
}
