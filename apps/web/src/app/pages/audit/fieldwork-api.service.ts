import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  AuditPaths,
  type AuditFindingView,
  type DrawSampleRequest,
  type EngagementView,
  type FindingResponseRequest,
  type Page,
  type PopulationItemView,
  type RaiseAuditFindingRequest,
  type SampleItemView,
  type SampleSizeView,
  type SamplingMethod,
  type TestSampleItemRequest,
  type UpdateAuditFindingRequest,
  type WorkingPaperView,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import type { Observable } from 'rxjs';
import { AuditApiService } from './audit-api.service';

const url = (path: string): string => `${API_PREFIX}/${path}`;
const id = encodeURIComponent;

/**
 * What the sample-size calculator is asked (`AuditPaths.sampleSize`), by the names of the draw's own fields (as the
 * api reads them: `confidencePct`, `materialityMinor`, `expectedMisstatementMinor`, `sampleSize`); amounts in minor units.
 */
export interface SampleSizeQuery {
  method: SamplingMethod;
  confidencePct: number;
  materialityMinor?: string | null;
  expectedMisstatementMinor?: string | null;
  sampleSize?: number | null;
}

/** A grant the engagement's scope covers (`AuditPaths.scopeGrants`): only what the finding form needs. */
export interface ScopeGrantOption {
  grantId: string;
  grantNumber: string;
  title: string;
}

/**
 * The page of the population or the sample (`?page=&pageSize=`). The population's page also says the count and value
 * of the whole population (value only in one currency).
 */
export type AuditPage<T> = Page<T> & { count?: number; valueMinor?: string | null; currency?: CurrencyCode | null };

/**
 * The auditor's fieldwork (sample, tests, working papers, findings) and the grantee's answers to findings
 * (AuditPaths, issue 12). Mutations answer with the changed view; the pages read back what they show.
 */
@Injectable({ providedIn: 'root' })
export class FieldworkApiService {
  private readonly http = inject(HttpClient);
  private readonly audit = inject(AuditApiService);

  /** The engagement (the planning service's read). */
  engagement(engagementId: string): Observable<EngagementView> {
    return this.audit.engagement(engagementId);
  }

  population(engagementId: string, page: number, pageSize: number): Observable<AuditPage<PopulationItemView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<AuditPage<PopulationItemView>>(url(AuditPaths.population(id(engagementId))), { params });
  }

  sampleSize(engagementId: string, query: SampleSizeQuery): Observable<SampleSizeView> {
    let params = new HttpParams().set('method', query.method).set('confidencePct', query.confidencePct);
    if (query.materialityMinor) params = params.set('materialityMinor', query.materialityMinor);
    if (query.expectedMisstatementMinor) params = params.set('expectedMisstatementMinor', query.expectedMisstatementMinor);
    if (query.sampleSize) params = params.set('sampleSize', query.sampleSize);
    return this.http.get<SampleSizeView>(url(AuditPaths.sampleSize(id(engagementId))), { params });
  }

  sample(engagementId: string, page: number, pageSize: number): Observable<AuditPage<SampleItemView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<AuditPage<SampleItemView>>(url(AuditPaths.sample(id(engagementId))), { params });
  }

  drawSample(engagementId: string, request: DrawSampleRequest): Observable<unknown> {
    return this.http.post<unknown>(url(AuditPaths.sample(id(engagementId))), request);
  }

  sampleItem(engagementId: string, itemId: string): Observable<SampleItemView> {
    return this.http.get<SampleItemView>(url(AuditPaths.sampleItem(id(engagementId), id(itemId))));
  }

  testItem(engagementId: string, itemId: string, request: TestSampleItemRequest): Observable<SampleItemView> {
    return this.http.put<SampleItemView>(url(AuditPaths.sampleItem(id(engagementId), id(itemId))), request);
  }

  workingPapers(engagementId: string): Observable<WorkingPaperView[]> {
    return this.http.get<WorkingPaperView[]>(url(AuditPaths.workingPapers(id(engagementId))));
  }

  /** multipart/form-data: the link fields first, then the one `file`. */
  uploadWorkingPaper(engagementId: string, file: File, link: { sampleItemId?: string | null; findingId?: string | null }): Observable<WorkingPaperView> {
    const body = new FormData();
    if (link.sampleItemId) body.append('sampleItemId', link.sampleItemId);
    if (link.findingId) body.append('findingId', link.findingId);
    body.append('file', file, file.name);
    return this.http.post<WorkingPaperView>(url(AuditPaths.workingPapers(id(engagementId))), body);
  }

  /** Where a working paper downloads from (a plain link: the session cookie goes with it). */
  workingPaperHref(engagementId: string, paperId: string): string {
    return url(AuditPaths.workingPaper(id(engagementId), id(paperId)));
  }

  /** The working papers as XLSX (sample, tests, findings). */
  workbook(engagementId: string): Observable<HttpResponse<Blob>> {
    return this.http.get(url(AuditPaths.workbook(id(engagementId))), { observe: 'response', responseType: 'blob' });
  }

  /** The grants of the engagement's scope (the planning service's read); `scopeGrantOptions` makes options of them. */
  scopeGrants(engagementId: string): Observable<unknown> {
    return this.audit.scopeGrants(engagementId);
  }

  findings(engagementId: string): Observable<AuditFindingView[]> {
    return this.http.get<AuditFindingView[]>(url(AuditPaths.findings(id(engagementId))));
  }

  finding(engagementId: string, findingId: string): Observable<AuditFindingView> {
    return this.http.get<AuditFindingView>(url(AuditPaths.finding(id(engagementId), id(findingId))));
  }

  raiseFinding(engagementId: string, request: RaiseAuditFindingRequest): Observable<AuditFindingView> {
    return this.http.post<AuditFindingView>(url(AuditPaths.findings(id(engagementId))), request);
  }

  updateFinding(engagementId: string, findingId: string, request: UpdateAuditFindingRequest): Observable<AuditFindingView> {
    return this.http.patch<AuditFindingView>(url(AuditPaths.finding(id(engagementId), id(findingId))), request);
  }

  respond(engagementId: string, findingId: string, request: FindingResponseRequest): Observable<unknown> {
    return this.http.post<unknown>(url(AuditPaths.findingResponses(id(engagementId), id(findingId))), request);
  }

  confirmRefund(engagementId: string, findingId: string, reason: string): Observable<unknown> {
    return this.http.post<unknown>(url(AuditPaths.findingRefund(id(engagementId), id(findingId))), { reason });
  }

  /** multipart/form-data: `note` first, then the optional `file` (required for a high-priority finding). */
  complete(engagementId: string, findingId: string, note: string, file: File | null): Observable<unknown> {
    const body = new FormData();
    body.append('note', note);
    if (file) body.append('file', file, file.name);
    return this.http.post<unknown>(url(AuditPaths.findingCompletion(id(engagementId), id(findingId))), body);
  }

  check(engagementId: string, findingId: string, note: string | null): Observable<unknown> {
    return this.http.post<unknown>(url(AuditPaths.findingCheck(id(engagementId), id(findingId))), { note });
  }

  completionFileHref(engagementId: string, findingId: string): string {
    return url(AuditPaths.findingCompletionFile(id(engagementId), id(findingId)));
  }

  myFindings(): Observable<AuditFindingView[]> {
    return this.http.get<AuditFindingView[]>(url(AuditPaths.myFindings));
  }

  grantFindings(grantId: string): Observable<AuditFindingView[]> {
    return this.http.get<AuditFindingView[]>(url(AuditPaths.grantFindings(id(grantId))));
  }
}

/** The scope's grants from whatever list shape the api answers (an array, or `{ items }`), by id, number and title. */
export function scopeGrantOptions(body: unknown): ScopeGrantOption[] {
  const rows: unknown[] = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown[] } | null)?.items) ? (body as { items: unknown[] }).items : [];
  return rows.flatMap((row) => {
    const r = row as Record<string, unknown>;
    const grantId = typeof r['grantId'] === 'string' ? r['grantId'] : typeof r['id'] === 'string' ? r['id'] : null;
    const grantNumber = typeof r['grantNumber'] === 'string' ? r['grantNumber'] : typeof r['number'] === 'string' ? r['number'] : '';
    const title = typeof r['title'] === 'string' ? r['title'] : typeof r['grantTitle'] === 'string' ? r['grantTitle'] : '';
    return grantId ? [{ grantId, grantNumber, title }] : [];
  });
}
