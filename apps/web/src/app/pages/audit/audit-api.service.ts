import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  AuditPaths,
  type AssuranceView,
  type AuditReportView,
  type EngagementAuditorView,
  type EngagementState,
  type EngagementSummaryView,
  type EngagementView,
  type GrantSummaryView,
  type Page,
  type PersonRef,
  type PlanEngagementRequest,
  type ReconciliationView,
  type RequestAuditReportRequest,
  type TransitionEngagementRequest,
  type UpdateEngagementRequest,
} from '@mizan/contracts';
import { map, type Observable } from 'rxjs';

const url = (path: string): string => `${API_PREFIX}/${path}`;
const id = encodeURIComponent;

/** An auditor the officer may put on an engagement (GET audit/auditors). */
export type AuditorCandidate = PersonRef & { email?: string };

/** A grant the engagement's scope covers (GET audit/engagements/:id/grants). */
export type ScopeGrant = Pick<GrantSummaryView, 'id' | 'grantNumber' | 'title' | 'organizationName'> & Partial<Pick<GrantSummaryView, 'riskRating'>>;

/** A list answer, paged (`Page<T>`) or whole (`T[]`): the same items either way. */
export function pageItems<T>(answer: Page<T> | T[]): Page<T> {
  return Array.isArray(answer) ? { items: answer, page: 1, pageSize: answer.length, total: answer.length } : answer;
}

/**
 * The officer's and auditor's engagement routes (AuditPaths): the list and planning, one engagement, its
 * transitions and auditors, the scope's grants, the reconciliation, the reports, and the assurance overview.
 * The sample and findings routes are the fieldwork pages' own.
 */
@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  engagements(state?: EngagementState | null, page = 1, pageSize = 100): Observable<Page<EngagementSummaryView>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (state) params = params.set('state', state);
    return this.http.get<Page<EngagementSummaryView> | EngagementSummaryView[]>(url(AuditPaths.engagements), { params }).pipe(map(pageItems));
  }

  plan(request: PlanEngagementRequest): Observable<EngagementView> {
    return this.http.post<EngagementView>(url(AuditPaths.engagements), request);
  }

  engagement(engagementId: string): Observable<EngagementView> {
    return this.http.get<EngagementView>(url(AuditPaths.engagement(id(engagementId))));
  }

  update(engagementId: string, request: UpdateEngagementRequest): Observable<EngagementView> {
    return this.http.patch<EngagementView>(url(AuditPaths.engagement(id(engagementId))), request);
  }

  transition(engagementId: string, request: TransitionEngagementRequest): Observable<EngagementView> {
    return this.http.post<EngagementView>(url(AuditPaths.transition(id(engagementId))), request);
  }

  addAuditor(engagementId: string, userId: string, lead = false): Observable<EngagementAuditorView[] | EngagementView> {
    return this.http.post<EngagementAuditorView[] | EngagementView>(url(AuditPaths.auditors(id(engagementId))), { userId, lead });
  }

  removeAuditor(engagementId: string, userId: string, reason: string): Observable<unknown> {
    return this.http.post<unknown>(url(AuditPaths.auditorRemoval(id(engagementId), id(userId))), { reason });
  }

  auditorCandidates(): Observable<AuditorCandidate[]> {
    return this.http.get<AuditorCandidate[]>(url(AuditPaths.auditorCandidates));
  }

  scopeGrants(engagementId: string): Observable<ScopeGrant[]> {
    return this.http.get<ScopeGrant[]>(url(AuditPaths.scopeGrants(id(engagementId))));
  }

  reconciliation(engagementId: string): Observable<ReconciliationView> {
    return this.http.get<ReconciliationView>(url(AuditPaths.reconciliation(id(engagementId))));
  }

  reports(engagementId: string): Observable<AuditReportView[]> {
    return this.http.get<AuditReportView[] | Page<AuditReportView>>(url(AuditPaths.reports(id(engagementId)))).pipe(map((r) => pageItems(r).items));
  }

  requestReport(engagementId: string, request: RequestAuditReportRequest): Observable<AuditReportView> {
    return this.http.post<AuditReportView>(url(AuditPaths.reports(id(engagementId))), request);
  }

  report(engagementId: string, reportId: string): Observable<AuditReportView> {
    return this.http.get<AuditReportView>(url(AuditPaths.report(id(engagementId), id(reportId))));
  }

  /** The PDF's address, for a plain download link (the session cookie goes with it). */
  reportFileUrl(engagementId: string, reportId: string): string {
    return url(AuditPaths.reportFile(id(engagementId), id(reportId)));
  }

  /** Every grant's assurance (the page filters "only short" itself, so the chart always shows the whole agency). */
  assurance(): Observable<AssuranceView> {
    return this.http.get<AssuranceView>(url(AuditPaths.assurance));
  }
}
