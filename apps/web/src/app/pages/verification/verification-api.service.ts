import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  IDEMPOTENCY_HEADER,
  ReportingPaths,
  VerificationPaths,
  type AcceptReportRequest,
  type ExpenditureLineView,
  type LineMessageView,
  type OffsetRefundRequest,
  type Page,
  type RecordRepaymentRequest,
  type RefundPositionView,
  type ReportDecisionView,
  type ReportView,
  type ReturnReportRequest,
  type VerificationProgressView,
  type VerifiedLineView,
  type VerifyLineRequest,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

const url = (path: string) => `${API_PREFIX}/${path}`;
const id = encodeURIComponent;

/** Lines per page on the verification page: a report of 500 lines is ten pages. */
export const LINES_PAGE_SIZE = 50;

/** The officer's verification of a report, the line threads and refunds (VerificationPaths, ReportingPaths). */
@Injectable({ providedIn: 'root' })
export class VerificationApiService {
  private readonly http = inject(HttpClient);

  report(reportId: string): Observable<ReportView> {
    return this.http.get<ReportView>(url(ReportingPaths.report(id(reportId))));
  }

  /** One page of lines (1-based), in their order. */
  lines(reportId: string, page: number, pageSize = LINES_PAGE_SIZE): Observable<Page<ExpenditureLineView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<ExpenditureLineView>>(url(ReportingPaths.lines(id(reportId))), { params });
  }

  progress(reportId: string): Observable<VerificationProgressView> {
    return this.http.get<VerificationProgressView>(url(VerificationPaths.progress(id(reportId))));
  }

  verify(reportId: string, lineId: string, request: VerifyLineRequest): Observable<VerifiedLineView> {
    return this.http.post<VerifiedLineView>(url(VerificationPaths.verifyLine(id(reportId), id(lineId))), request);
  }

  messages(reportId: string, lineId: string): Observable<LineMessageView[]> {
    return this.http.get<LineMessageView[]>(url(ReportingPaths.lineMessages(id(reportId), id(lineId))));
  }

  postMessage(reportId: string, lineId: string, body: string): Observable<LineMessageView> {
    return this.http.post<LineMessageView>(url(ReportingPaths.lineMessages(id(reportId), id(lineId))), { body });
  }

  accept(reportId: string, request: AcceptReportRequest): Observable<ReportDecisionView> {
    return this.http.post<ReportDecisionView>(url(VerificationPaths.acceptReport(id(reportId))), request);
  }

  returnReport(reportId: string, request: ReturnReportRequest): Observable<ReportDecisionView> {
    return this.http.post<ReportDecisionView>(url(VerificationPaths.returnReport(id(reportId))), request);
  }

  /** A receipt's bytes, with the session cookie (an <img> cannot send credentials to a download route by itself). */
  fileBlob(reportId: string, fileId: string): Observable<Blob> {
    return this.http.get(url(ReportingPaths.fileDownload(id(reportId), id(fileId))), { responseType: 'blob' });
  }

  refunds(grantId: string): Observable<RefundPositionView> {
    return this.http.get<RefundPositionView>(url(VerificationPaths.refunds(id(grantId))));
  }

  repay(grantId: string, request: RecordRepaymentRequest, idempotencyKey: string): Observable<RefundPositionView> {
    return this.http.post<RefundPositionView>(url(VerificationPaths.refundRepayments(id(grantId))), request, {
      headers: new HttpHeaders({ [IDEMPOTENCY_HEADER]: idempotencyKey }),
    });
  }

  offset(grantId: string, request: OffsetRefundRequest, idempotencyKey: string): Observable<RefundPositionView> {
    return this.http.post<RefundPositionView>(url(VerificationPaths.refundOffsets(id(grantId))), request, {
      headers: new HttpHeaders({ [IDEMPOTENCY_HEADER]: idempotencyKey }),
    });
  }
}
