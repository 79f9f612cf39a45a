import {
  HttpClient,
  HttpParams,
  type HttpResponse,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  ReviewPaths,
  type AssignmentView,
  type BoardChartsView,
  type BoardQuery,
  type BoardView,
  type BulkAssignRequest,
  type BulkAssignResult,
  type CallReviewerView,
  type ReassignRequest,
  type SetDisagreementThresholdRequest,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

/** `/api/v1/<path>`, the ids in it encoded by the caller through `id()`. */
function reviewUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

const id = encodeURIComponent;

function boardParams(query: BoardQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query) as [
    string,
    string | undefined,
  ][]) {
    if (value !== undefined && value !== '') params = params.set(key, value);
  }
  return params;
}

/** The officer's review desk: assignments, the board with its funding line, charts. */
@Injectable({ providedIn: 'root' })
export class ReviewApiService {
  private readonly http = inject(HttpClient);

  board(callId: string, query: BoardQuery = {}): Observable<BoardView> {
    return this.http.get<BoardView>(reviewUrl(ReviewPaths.board(id(callId))), {
      params: boardParams(query),
    });
  }

  /** The board as a spreadsheet, with the same sort and filters. */
  boardXlsx(
    callId: string,
    query: BoardQuery = {},
  ): Observable<HttpResponse<Blob>> {
    return this.http.get(reviewUrl(ReviewPaths.boardXlsx(id(callId))), {
      params: boardParams(query),
      responseType: 'blob',
      observe: 'response',
    });
  }

  charts(callId: string): Observable<BoardChartsView> {
    return this.http.get<BoardChartsView>(
      reviewUrl(ReviewPaths.boardCharts(id(callId))),
    );
  }

  setDisagreementThreshold(
    callId: string,
    request: SetDisagreementThresholdRequest,
  ): Observable<BoardView> {
    return this.http.put<BoardView>(
      reviewUrl(ReviewPaths.disagreementThreshold(id(callId))),
      request,
    );
  }

  reviewers(callId: string): Observable<CallReviewerView[]> {
    return this.http.get<CallReviewerView[]>(
      reviewUrl(ReviewPaths.callReviewers(id(callId))),
    );
  }

  bulkAssign(
    callId: string,
    request: BulkAssignRequest,
  ): Observable<BulkAssignResult> {
    return this.http.post<BulkAssignResult>(
      reviewUrl(ReviewPaths.bulkAssign(id(callId))),
      request,
    );
  }

  assignments(applicationId: string): Observable<AssignmentView[]> {
    return this.http.get<AssignmentView[]>(
      reviewUrl(ReviewPaths.applicationAssignments(id(applicationId))),
    );
  }

  assign(
    applicationId: string,
    reviewerId: string,
    dueOn: string | null,
  ): Observable<AssignmentView> {
    return this.http.post<AssignmentView>(
      reviewUrl(ReviewPaths.applicationAssignments(id(applicationId))),
      { reviewerId, dueOn },
    );
  }

  reassign(
    applicationId: string,
    request: ReassignRequest,
  ): Observable<AssignmentView> {
    return this.http.post<AssignmentView>(
      reviewUrl(ReviewPaths.reassign(id(applicationId))),
      request,
    );
  }

  unassign(
    applicationId: string,
    assignmentId: string,
    reason: string,
  ): Observable<AssignmentView> {
    return this.http.delete<AssignmentView>(
      reviewUrl(ReviewPaths.assignment(id(applicationId), id(assignmentId))),
      { body: { reason } },
    );
  }
}
