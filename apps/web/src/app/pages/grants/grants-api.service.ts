import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  GrantPaths,
  IDEMPOTENCY_HEADER,
  IntakePaths,
  ReportingPaths,
  type AgreementBuildView,
  type AmendGrantRequest,
  type ConfirmReceiptRequest,
  type CountersignRequest,
  type CreateGrantRequest,
  type GrantSummaryView,
  type GrantVersionView,
  type GrantView,
  type GrantableDecisionView,
  type OrganizationView,
  type Page,
  type ReportAcceptedRequest,
  type ReportDueView,
  type PaymentView,
  type RaiseFindingRequest,
  type ReleaseTrancheRequest,
  type SendForSignatureRequest,
  type SetRiskRequest,
  type SignAgreementRequest,
  type TickConditionRequest,
  type UpdateGrantDraftRequest,
} from '@mizan/contracts';
import { map, type Observable } from 'rxjs';

/** `/api/v1/<path>`, the ids in it encoded. */
export function grantsUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

const id = encodeURIComponent;

/** The api's largest page (PageQueryDto). */
const LARGEST_PAGE = new HttpParams().set('page', 1).set('pageSize', 100);

/** What requesting a release answers: the new payment request and the grant as it now stands. */
export interface ReleaseTrancheResult {
  paymentId: string;
  grant: GrantView;
}

/** The officer's grants and the grantee's "My grants" (GrantPaths). */
@Injectable({ providedIn: 'root' })
export class GrantsApiService {
  private readonly http = inject(HttpClient);

  /** The agency's grants (the api pages them; the list asks for the largest page and filters in the browser). */
  list(): Observable<GrantSummaryView[]> {
    return this.http
      .get<Page<GrantSummaryView>>(grantsUrl(GrantPaths.grants), { params: LARGEST_PAGE })
      .pipe(map((page) => page.items));
  }

  /** The grant's reporting schedule with each filed report's id (to open the report read-only or to verify it). */
  schedule(grantId: string): Observable<ReportDueView[]> {
    return this.http.get<ReportDueView[]>(grantsUrl(ReportingPaths.schedule(id(grantId))));
  }

  grantable(): Observable<GrantableDecisionView[]> {
    return this.http.get<GrantableDecisionView[]>(grantsUrl(GrantPaths.grantable));
  }

  createFromDecision(decisionId: string, request: CreateGrantRequest): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.fromDecision(id(decisionId))), request);
  }

  grant(grantId: string): Observable<GrantView> {
    return this.http.get<GrantView>(grantsUrl(GrantPaths.grant(id(grantId))));
  }

  saveDraft(grantId: string, request: UpdateGrantDraftRequest): Observable<GrantView> {
    return this.http.put<GrantView>(grantsUrl(GrantPaths.draft(id(grantId))), request);
  }

  setRisk(grantId: string, request: SetRiskRequest): Observable<GrantView> {
    return this.http.put<GrantView>(grantsUrl(GrantPaths.risk(id(grantId))), request);
  }

  send(grantId: string, request: SendForSignatureRequest): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.send(id(grantId))), request);
  }

  countersign(grantId: string, request: CountersignRequest): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.countersign(id(grantId))), request);
  }

  cancel(grantId: string, reason: string): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.cancel(id(grantId))), { reason });
  }

  amend(grantId: string, request: AmendGrantRequest): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.amendments(id(grantId))), request);
  }

  versions(grantId: string): Observable<GrantVersionView[]> {
    return this.http.get<GrantVersionView[]>(grantsUrl(GrantPaths.versions(id(grantId))));
  }

  generateAgreement(grantId: string): Observable<AgreementBuildView> {
    return this.http.post<AgreementBuildView>(grantsUrl(GrantPaths.agreement(id(grantId))), null);
  }

  agreements(grantId: string): Observable<AgreementBuildView[]> {
    return this.http.get<AgreementBuildView[]>(grantsUrl(GrantPaths.agreement(id(grantId))));
  }

  agreementDownloadUrl(grantId: string, documentId: string): string {
    return grantsUrl(GrantPaths.agreementDownload(id(grantId), id(documentId)));
  }

  tickCondition(grantId: string, trancheId: string, request: TickConditionRequest): Observable<GrantView> {
    return this.http.put<GrantView>(grantsUrl(GrantPaths.trancheCondition(id(grantId), id(trancheId))), request);
  }

  reportAccepted(grantId: string, trancheId: string, request: ReportAcceptedRequest): Observable<GrantView> {
    return this.http.post<GrantView>(
      grantsUrl(GrantPaths.trancheReportAccepted(id(grantId), id(trancheId))),
      request,
    );
  }

  /** Money moves: the caller's Idempotency-Key goes with it (kept across retries of the same click). */
  release(
    grantId: string,
    trancheId: string,
    request: ReleaseTrancheRequest,
    idempotencyKey: string,
  ): Observable<ReleaseTrancheResult> {
    return this.http.post<ReleaseTrancheResult>(
      grantsUrl(GrantPaths.trancheRelease(id(grantId), id(trancheId))),
      request,
      { headers: new HttpHeaders({ [IDEMPOTENCY_HEADER]: idempotencyKey }) },
    );
  }

  raiseFinding(grantId: string, request: RaiseFindingRequest): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.findings(id(grantId))), request);
  }

  closeFinding(grantId: string, findingId: string, reason: string): Observable<GrantView> {
    return this.http.post<GrantView>(
      grantsUrl(GrantPaths.closeFinding(id(grantId), id(findingId))),
      { reason },
    );
  }

  /** The organization's members, to name the signatory. */
  organization(organizationId: string): Observable<OrganizationView> {
    return this.http.get<OrganizationView>(
      `${API_PREFIX}/${IntakePaths.organizations}/${id(organizationId)}`,
    );
  }

  // Grantee side

  myGrants(): Observable<GrantSummaryView[]> {
    return this.http
      .get<Page<GrantSummaryView>>(grantsUrl(GrantPaths.myGrants), { params: LARGEST_PAGE })
      .pipe(map((page) => page.items));
  }

  myGrant(grantId: string): Observable<GrantView> {
    return this.http.get<GrantView>(grantsUrl(GrantPaths.myGrant(id(grantId))));
  }

  myVersions(grantId: string): Observable<GrantVersionView[]> {
    return this.http.get<GrantVersionView[]>(grantsUrl(GrantPaths.myGrantVersions(id(grantId))));
  }

  sign(grantId: string, request: SignAgreementRequest): Observable<GrantView> {
    return this.http.post<GrantView>(grantsUrl(GrantPaths.sign(id(grantId))), request);
  }

  confirmReceipt(paymentId: string, request: ConfirmReceiptRequest): Observable<PaymentView> {
    return this.http.post<PaymentView>(grantsUrl(GrantPaths.confirmReceipt(id(paymentId))), request);
  }
}
