import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IntakePaths,
  type ApplicationAttachmentView,
  type ApplicationVersionView,
  type ApplicationView,
  type GovernorateView,
  type ScreeningQueueItem,
  type ScreeningRequest,
} from '@mizan/contracts';
import type { ApplicationState } from '@mizan/domain';
import { type Observable, shareReplay } from 'rxjs';
import { intakeUrl } from '../programs/programs-api.service';

/** The screening desk: a call's queue, one application, its frozen versions, the officer's decisions. */
@Injectable({ providedIn: 'root' })
export class ScreeningApiService {
  private readonly http = inject(HttpClient);
  private governorateList?: Observable<GovernorateView[]>;

  queue(callId: string, state?: ApplicationState): Observable<ScreeningQueueItem[]> {
    let params = new HttpParams();
    if (state) params = params.set('state', state);
    return this.http.get<ScreeningQueueItem[]>(
      intakeUrl(IntakePaths.calls, callId, 'screening'),
      { params },
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
