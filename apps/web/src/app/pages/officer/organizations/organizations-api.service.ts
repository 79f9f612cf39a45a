import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IntakePaths,
  type DocumentView,
  type OrganizationView,
  type PartnerView,
  type SetDueDiligenceRequest,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';
import { intakeUrl } from '../programs/programs-api.service';
import type { DueDiligenceStanding } from '../shared/status';

/** The agency's organizations as a due-diligence reviewer reads them. */
@Injectable({ providedIn: 'root' })
export class OrganizationsApiService {
  private readonly http = inject(HttpClient);

  list(ddStatus?: DueDiligenceStanding): Observable<OrganizationView[]> {
    let params = new HttpParams();
    if (ddStatus) params = params.set('ddStatus', ddStatus);
    return this.http.get<OrganizationView[]>(
      intakeUrl(IntakePaths.organizations),
      { params },
    );
  }

  get(id: string): Observable<OrganizationView> {
    return this.http.get<OrganizationView>(
      intakeUrl(IntakePaths.organizations, id),
    );
  }

  partners(id: string): Observable<PartnerView[]> {
    return this.http.get<PartnerView[]>(
      intakeUrl(IntakePaths.organizations, id, 'partners'),
    );
  }

  documents(id: string): Observable<DocumentView[]> {
    return this.http.get<DocumentView[]>(
      intakeUrl(IntakePaths.organizations, id, 'documents'),
    );
  }

  setDueDiligence(
    id: string,
    request: SetDueDiligenceRequest,
  ): Observable<OrganizationView> {
    return this.http.put<OrganizationView>(
      intakeUrl(IntakePaths.organizations, id, 'due-diligence'),
      request,
    );
  }
}
