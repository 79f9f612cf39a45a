import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  MonitoringPaths,
  type GrantMonitoringView,
  type MonitoredGrantSummary,
  type MonitoringPolicy,
  type MonitoringPolicyView,
  type MonitoringVisitView,
  type MonitorUserView,
  type RecordVisitRequest,
  type SecurityLevelHistoryView,
  type SecurityLevelView,
  type SetSecurityLevelRequest,
  type VisitFileView,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

/** Who is asking: the officer's routes, or the monitor's own (`monitor/grants/...`). */
export type MonitoringSide = 'officer' | 'monitor';

const url = (path: string): string => `${API_PREFIX}/${path}`;
const id = encodeURIComponent;

/** Security levels, the monitoring policy, visits and monitors (MonitoringPaths). */
@Injectable({ providedIn: 'root' })
export class MonitoringApiService {
  private readonly http = inject(HttpClient);

  levels(): Observable<SecurityLevelView[]> {
    return this.http.get<SecurityLevelView[]>(url(MonitoringPaths.securityLevels));
  }

  history(code: string): Observable<SecurityLevelHistoryView> {
    return this.http.get<SecurityLevelHistoryView>(url(MonitoringPaths.securityLevelHistory), { params: new HttpParams().set('governorate', code) });
  }

  setLevel(request: SetSecurityLevelRequest): Observable<SecurityLevelHistoryView> {
    return this.http.post<SecurityLevelHistoryView>(url(MonitoringPaths.securityLevels), request);
  }

  policy(): Observable<MonitoringPolicyView> {
    return this.http.get<MonitoringPolicyView>(url(MonitoringPaths.policy));
  }

  updatePolicy(policy: MonitoringPolicy, reason: string): Observable<MonitoringPolicyView> {
    return this.http.put<MonitoringPolicyView>(url(MonitoringPaths.policy), { policy, reason });
  }

  overview(onlyOverdue: boolean): Observable<MonitoredGrantSummary[]> {
    const params = onlyOverdue ? new HttpParams().set('overdue', 'true') : undefined;
    return this.http.get<MonitoredGrantSummary[]>(url(MonitoringPaths.overview), { params });
  }

  monitorUsers(): Observable<MonitorUserView[]> {
    return this.http.get<MonitorUserView[]>(url(MonitoringPaths.monitors));
  }

  grant(side: MonitoringSide, grantId: string): Observable<GrantMonitoringView> {
    return this.http.get<GrantMonitoringView>(url(side === 'officer' ? MonitoringPaths.grant(id(grantId)) : MonitoringPaths.myGrant(id(grantId))));
  }

  recordVisit(side: MonitoringSide, grantId: string, request: RecordVisitRequest): Observable<MonitoringVisitView> {
    const path = side === 'officer' ? MonitoringPaths.grantVisits(id(grantId)) : MonitoringPaths.myGrantVisits(id(grantId));
    return this.http.post<MonitoringVisitView>(url(path), request);
  }

  addVisitFile(side: MonitoringSide, grantId: string, visitId: string, file: File): Observable<VisitFileView> {
    const path = side === 'officer' ? MonitoringPaths.grantVisitFiles(id(grantId), id(visitId)) : MonitoringPaths.myGrantVisitFiles(id(grantId), id(visitId));
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<VisitFileView>(url(path), body);
  }

  assignMonitor(grantId: string, userId: string): Observable<GrantMonitoringView> {
    return this.http.post<GrantMonitoringView>(url(MonitoringPaths.grantMonitors(id(grantId))), { userId });
  }

  removeMonitor(grantId: string, userId: string, reason: string): Observable<GrantMonitoringView> {
    return this.http.post<GrantMonitoringView>(url(MonitoringPaths.grantMonitorRemoval(id(grantId), id(userId))), { reason });
  }

  myGrants(): Observable<MonitoredGrantSummary[]> {
    return this.http.get<MonitoredGrantSummary[]>(url(MonitoringPaths.myGrants));
  }
}
