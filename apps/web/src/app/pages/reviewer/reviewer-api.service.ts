import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  ReviewPaths,
  type DeclarationRequest,
  type MyReviewItem,
  type PeerReviewsView,
  type ReviewApplicationView,
  type ReviewView,
  type SaveScoresRequest,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

/** `/api/v1/<path>`; the assignment id is URI-encoded before it goes into the path. */
function reviewUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

const id = encodeURIComponent;

/** The reviewer's desk: own assignments, the declaration, the frozen application, scores and peers. */
@Injectable({ providedIn: 'root' })
export class ReviewerApiService {
  private readonly http = inject(HttpClient);

  mine(): Observable<MyReviewItem[]> {
    return this.http.get<MyReviewItem[]>(reviewUrl(ReviewPaths.reviews));
  }

  review(assignmentId: string): Observable<ReviewView> {
    return this.http.get<ReviewView>(
      reviewUrl(ReviewPaths.review(id(assignmentId))),
    );
  }

  declare(
    assignmentId: string,
    request: DeclarationRequest,
  ): Observable<ReviewView> {
    return this.http.post<ReviewView>(
      reviewUrl(ReviewPaths.declaration(id(assignmentId))),
      request,
    );
  }

  application(assignmentId: string): Observable<ReviewApplicationView> {
    return this.http.get<ReviewApplicationView>(
      reviewUrl(ReviewPaths.reviewApplication(id(assignmentId))),
    );
  }

  saveScores(
    assignmentId: string,
    request: SaveScoresRequest,
  ): Observable<ReviewView> {
    return this.http.put<ReviewView>(
      reviewUrl(ReviewPaths.scores(id(assignmentId))),
      request,
    );
  }

  submit(assignmentId: string, version: number): Observable<ReviewView> {
    return this.http.post<ReviewView>(
      reviewUrl(ReviewPaths.submitReview(id(assignmentId))),
      {
        version,
      },
    );
  }

  peers(assignmentId: string): Observable<PeerReviewsView> {
    return this.http.get<PeerReviewsView>(
      reviewUrl(ReviewPaths.peers(id(assignmentId))),
    );
  }
}
