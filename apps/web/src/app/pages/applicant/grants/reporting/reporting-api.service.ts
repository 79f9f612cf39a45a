import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  ReportingPaths,
  type BudgetVsActualView,
  type ExpenditureLineInput,
  type ExpenditureLineView,
  type LineMessageView,
  type NarrativeContent,
  type Page,
  type ReportDueView,
  type ReportFileView,
  type ReportView,
} from '@mizan/contracts';
import { map, type Observable } from 'rxjs';

/** `/api/v1/<path>`. */
export function reportingUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

const id = encodeURIComponent;
const ALL_LINES = new HttpParams().set('page', 1).set('pageSize', 100);

/** The grantee's side of reporting (ReportingPaths), as declared in the contracts. */
@Injectable({ providedIn: 'root' })
export class ReportingApiService {
  private readonly http = inject(HttpClient);

  schedule(grantId: string): Observable<ReportDueView[]> {
    return this.http.get<ReportDueView[]>(reportingUrl(ReportingPaths.schedule(id(grantId))));
  }

  /** Opens (creates) the report of a schedule item, or answers the one already open. */
  openReport(grantId: string, dueId: string): Observable<ReportView> {
    return this.http.post<ReportView>(reportingUrl(ReportingPaths.reportForDue(id(grantId), id(dueId))), {});
  }

  report(reportId: string): Observable<ReportView> {
    return this.http.get<ReportView>(reportingUrl(ReportingPaths.report(id(reportId))));
  }

  /** Every line of the report (the api pages them: a report holds far fewer than a page of 100 in practice; the rest are fetched too). */
  lines(reportId: string): Observable<ExpenditureLineView[]> {
    return this.http
      .get<Page<ExpenditureLineView> | ExpenditureLineView[]>(reportingUrl(ReportingPaths.lines(id(reportId))), { params: ALL_LINES })
      .pipe(map((page) => (Array.isArray(page) ? page : page.items)));
  }

  addLine(reportId: string, line: ExpenditureLineInput): Observable<ExpenditureLineView> {
    return this.http.post<ExpenditureLineView>(reportingUrl(ReportingPaths.lines(id(reportId))), line);
  }

  updateLine(reportId: string, lineId: string, line: ExpenditureLineInput, rowVersion: number): Observable<ExpenditureLineView> {
    return this.http.put<ExpenditureLineView>(reportingUrl(ReportingPaths.line(id(reportId), id(lineId))), line, {
      headers: new HttpHeaders({ 'If-Match': String(rowVersion) }),
    });
  }

  removeLine(reportId: string, lineId: string): Observable<void> {
    return this.http.delete<void>(reportingUrl(ReportingPaths.line(id(reportId), id(lineId))));
  }

  budgetVsActual(reportId: string): Observable<BudgetVsActualView> {
    return this.http.get<BudgetVsActualView>(reportingUrl(ReportingPaths.budgetVsActual(id(reportId))));
  }

  templateUrl(reportId: string): string {
    return reportingUrl(ReportingPaths.template(id(reportId)));
  }

  importLines(reportId: string, file: File): Observable<ExpenditureLineView[] | Page<ExpenditureLineView> | unknown> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post(reportingUrl(ReportingPaths.importLines(id(reportId))), form);
  }

  saveNarrative(reportId: string, narrative: NarrativeContent, rowVersion: number): Observable<ReportView> {
    return this.http.put<ReportView>(reportingUrl(ReportingPaths.narrative(id(reportId))), { ...narrative, rowVersion });
  }

  submit(reportId: string, rowVersion: number): Observable<ReportView> {
    return this.http.post<ReportView>(reportingUrl(ReportingPaths.submit(id(reportId))), { rowVersion });
  }

  messages(reportId: string, lineId: string): Observable<LineMessageView[]> {
    return this.http.get<LineMessageView[]>(reportingUrl(ReportingPaths.lineMessages(id(reportId), id(lineId))));
  }

  postMessage(reportId: string, lineId: string, body: string): Observable<LineMessageView> {
    return this.http.post<LineMessageView>(reportingUrl(ReportingPaths.lineMessages(id(reportId), id(lineId))), { body });
  }

  files(reportId: string): Observable<ReportFileView[]> {
    return this.http.get<ReportFileView[]>(reportingUrl(ReportingPaths.files(id(reportId))));
  }

  fileUrl(reportId: string, fileId: string): string {
    return reportingUrl(ReportingPaths.fileDownload(id(reportId), id(fileId)));
  }

  removeFile(reportId: string, fileId: string): Observable<void> {
    return this.http.delete<void>(reportingUrl(ReportingPaths.file(id(reportId), id(fileId))));
  }
}
