import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  DirectoryPaths,
  type DirectoryAggregateDimension,
  type DirectoryAggregateView,
  type DirectoryCandidatesView,
  type DirectoryCloseInput,
  type DirectoryDeclineInput,
  type DirectoryErasureInput,
  type DirectoryHeldView,
  type DirectoryMatchView,
  type DirectoryNeedFitView,
  type DirectoryNeedInput,
  type DirectoryNeedPage,
  type DirectoryNeedView,
  type DirectoryOrganizationMatchView,
  type DirectoryOwnProfileView,
  type DirectoryProfileInput,
  type DirectoryProposalInput,
  type DirectoryRegistrationAccepted,
  type DirectoryRegistrationInput,
  type DirectoryReleaseInput,
  type DirectorySearchPage,
  type DirectorySearchQuery,
  type DirectorySessionInput,
  type DirectorySkillSuggestionView,
  type DirectoryTaxonomyView,
  type DirectoryVerificationResult,
} from '@mizan/contracts';
import { shareReplay, type Observable } from 'rxjs';
import { keysetParams } from '../../../core/ui/keyset-paginator.component';

const url = (path: string): string => `${API_PREFIX}/${path}`;
const id = encodeURIComponent;

/** The query string of a directory search: lists comma-separated, empty filters left out. */
export function searchParams(query: DirectorySearchQuery): HttpParams {
  let params = keysetParams({ pageSize: query.pageSize ?? 25, after: query.after, before: query.before });
  if (query.q?.trim()) params = params.set('q', query.q.trim());
  if (query.skills?.length) params = params.set('skills', query.skills.join(','));
  if (query.sector) params = params.set('sector', query.sector);
  if (query.language) params = params.set('language', query.language);
  if (query.minDays) params = params.set('minDays', query.minDays);
  if (query.country) params = params.set('country', query.country);
  if (query.city?.trim()) params = params.set('city', query.city.trim());
  if (query.mode) params = params.set('mode', query.mode);
  return params;
}

/** Every directory route (DirectoryPaths) the web uses: registration, the expert's own pages, needs, matching, the map. */
@Injectable({ providedIn: 'root' })
export class DirectoryApiService {
  private readonly http = inject(HttpClient);
  private taxonomyOnce: Observable<DirectoryTaxonomyView> | null = null;

  /** The sectors and skills, asked once per page load (they change only with a deployment or an admin). */
  taxonomy(): Observable<DirectoryTaxonomyView> {
    this.taxonomyOnce ??= this.http.get<DirectoryTaxonomyView>(url(DirectoryPaths.taxonomy)).pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.taxonomyOnce;
  }

  register(input: DirectoryRegistrationInput): Observable<DirectoryRegistrationAccepted> {
    return this.http.post<DirectoryRegistrationAccepted>(url(DirectoryPaths.registrations), input);
  }

  verify(token: string): Observable<DirectoryVerificationResult> {
    return this.http.post<DirectoryVerificationResult>(url(DirectoryPaths.verifyRegistration), { token });
  }

  me(): Observable<DirectoryOwnProfileView> {
    return this.http.get<DirectoryOwnProfileView>(url(DirectoryPaths.me));
  }

  saveMe(input: DirectoryProfileInput): Observable<DirectoryOwnProfileView> {
    return this.http.put<DirectoryOwnProfileView>(url(DirectoryPaths.me), input);
  }

  uploadCv(file: File): Observable<DirectoryOwnProfileView> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<DirectoryOwnProfileView>(url(DirectoryPaths.myCv), body);
  }

  removeCv(): Observable<unknown> {
    return this.http.delete(url(DirectoryPaths.myCv));
  }

  downloadCv(profileId: string | null): Observable<HttpResponse<Blob>> {
    const path = profileId ? DirectoryPaths.profileCv(id(profileId)) : DirectoryPaths.myCv;
    return this.http.get(url(path), { observe: 'response', responseType: 'blob' });
  }

  exportMe(): Observable<HttpResponse<Blob>> {
    return this.http.get(url(DirectoryPaths.myExport), { observe: 'response', responseType: 'blob' });
  }

  eraseMe(input: DirectoryErasureInput): Observable<unknown> {
    return this.http.post(url(DirectoryPaths.myErasure), input);
  }

  myNeeds(): Observable<DirectoryNeedFitView[]> {
    return this.http.get<DirectoryNeedFitView[]>(url(DirectoryPaths.myNeeds));
  }

  myMatches(): Observable<DirectoryMatchView[]> {
    return this.http.get<DirectoryMatchView[]>(url(DirectoryPaths.myMatches));
  }

  interest(needId: string): Observable<unknown> {
    return this.http.post(url(DirectoryPaths.interest(id(needId))), {});
  }

  search(query: DirectorySearchQuery): Observable<DirectorySearchPage> {
    return this.http.get<DirectorySearchPage>(url(DirectoryPaths.profiles), { params: searchParams(query) });
  }

  needs(request: { after?: string | null; before?: string | null; pageSize?: number } = {}): Observable<DirectoryNeedPage> {
    const params = keysetParams({ pageSize: request.pageSize ?? 25, after: request.after ?? undefined, before: request.before ?? undefined });
    return this.http.get<DirectoryNeedPage>(url(DirectoryPaths.needs), { params });
  }

  postNeed(input: DirectoryNeedInput): Observable<DirectoryNeedView> {
    return this.http.post<DirectoryNeedView>(url(DirectoryPaths.needs), input);
  }

  need(needId: string): Observable<DirectoryNeedView & { matches?: DirectoryMatchView[] }> {
    return this.http.get<DirectoryNeedView & { matches?: DirectoryMatchView[] }>(url(DirectoryPaths.need(id(needId))));
  }

  closeNeed(needId: string): Observable<DirectoryNeedView> {
    return this.http.post<DirectoryNeedView>(url(DirectoryPaths.closeNeed(id(needId))), {});
  }

  candidates(needId: string): Observable<DirectoryCandidatesView> {
    return this.http.get<DirectoryCandidatesView>(url(DirectoryPaths.candidates(id(needId))));
  }

  propose(needId: string, input: DirectoryProposalInput): Observable<DirectoryMatchView> {
    return this.http.post<DirectoryMatchView>(url(DirectoryPaths.proposals(id(needId))), input);
  }

  organizationMatches(needId: string): Observable<DirectoryOrganizationMatchView[]> {
    return this.http.get<DirectoryOrganizationMatchView[]>(url(DirectoryPaths.organizationMatches(id(needId))));
  }

  /** An officer's matches, a host's (on their needs, once the expert accepted): of one need when `needId` is given. */
  matches(needId?: string): Observable<DirectoryMatchView[]> {
    const params = needId ? new HttpParams().set('needId', needId) : undefined;
    return this.http.get<DirectoryMatchView[]>(url(DirectoryPaths.matches), { params });
  }

  match(matchId: string): Observable<DirectoryMatchView> {
    return this.http.get<DirectoryMatchView>(url(DirectoryPaths.match(id(matchId))));
  }

  accept(matchId: string): Observable<DirectoryMatchView> {
    return this.http.post<DirectoryMatchView>(url(DirectoryPaths.acceptMatch(id(matchId))), {});
  }

  decline(matchId: string, input: DirectoryDeclineInput = {}): Observable<DirectoryMatchView> {
    return this.http.post<DirectoryMatchView>(url(DirectoryPaths.declineMatch(id(matchId))), input);
  }

  logSession(matchId: string, input: DirectorySessionInput): Observable<DirectoryMatchView> {
    return this.http.post<DirectoryMatchView>(url(DirectoryPaths.matchSessions(id(matchId))), input);
  }

  closeMatch(matchId: string, input: DirectoryCloseInput): Observable<DirectoryMatchView> {
    return this.http.post<DirectoryMatchView>(url(DirectoryPaths.closeMatch(id(matchId))), input);
  }

  /** Registrations held after a potential sanctions match (officers). */
  held(): Observable<DirectoryHeldView[]> {
    return this.http.get<DirectoryHeldView[]>(url(DirectoryPaths.held));
  }

  release(profileId: string, input: DirectoryReleaseInput): Observable<DirectoryOwnProfileView> {
    return this.http.post<DirectoryOwnProfileView>(url(DirectoryPaths.release(id(profileId))), input);
  }

  /** Free-text skills experts typed, most named first (admins and officers). */
  skillSuggestions(): Observable<DirectorySkillSuggestionView[]> {
    return this.http.get<DirectorySkillSuggestionView[]>(url(DirectoryPaths.taxonomySuggestions));
  }

  aggregates(dimension: DirectoryAggregateDimension): Observable<DirectoryAggregateView> {
    return this.http.get<DirectoryAggregateView>(url(DirectoryPaths.aggregates), { params: new HttpParams().set('dimension', dimension) });
  }
}
