import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  ScreeningPaths,
  type MatchState,
  type OrganizationScreeningView,
  type KeysetPage,
  type Page,
  type PartyKind,
  type SanctionsEntryView,
  type SanctionsListVersionView,
  type ScreeningCheckInput,
  type ScreeningCheckResult,
  type ScreeningMatchDetail,
  type ScreeningMatchView,
  type ScreeningResolutionInput,
  type ScreeningRunView,
  type ScreeningSecondInput,
  type ScreeningSettingsInput,
  type ScreeningSettingsView,
} from '@mizan/contracts';
import { map, type Observable } from 'rxjs';
import { UPLOAD_HTTP, uploadEvents, type UploadEvent } from '../../applicant/shared/upload';
import { keysetParams } from '../../../core/ui/keyset-paginator.component';

const url = (path: string): string => `${API_PREFIX}/${path}`;
const id = encodeURIComponent;

/** A list answer, paged (`Page<T>`) or whole (`T[]`): the same items either way. */
export function screeningPage<T>(answer: Page<T> | T[]): Page<T> {
  return Array.isArray(answer) ? { items: answer, page: 1, pageSize: answer.length, total: answer.length } : answer;
}

/** The queue's filters (GET screening/matches). */
export interface ScreeningMatchQuery {
  state?: MatchState | null;
  partyKind?: PartyKind | null;
  q?: string | null;
  /** Keyset cursors of a page on show (`next` / `previous`); neither for the first page. */
  after?: string | null;
  before?: string | null;
  pageSize?: number;
}

/**
 * Every sanctions screening route (ScreeningPaths), for all the sanctions pages: the lists and their imports
 * (the upload goes through XMLHttpRequest so it can report progress), one entry, a name check, the queue of
 * potential matches and their resolution, the runs, the settings and one organization's status.
 */
@Injectable({ providedIn: 'root' })
export class SanctionsApiService {
  private readonly http = inject(HttpClient);
  private readonly uploadHttp = inject(UPLOAD_HTTP);

  lists(page = 1, pageSize = 50): Observable<Page<SanctionsListVersionView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<SanctionsListVersionView> | SanctionsListVersionView[]>(url(ScreeningPaths.lists), { params }).pipe(map(screeningPage));
  }

  /** multipart/form-data with the one `file`; reports the upload's progress, then the queued version. */
  importList(file: File): Observable<UploadEvent<SanctionsListVersionView>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return uploadEvents(
      this.uploadHttp.post<SanctionsListVersionView>(url(ScreeningPaths.lists), body, { reportProgress: true, observe: 'events', withCredentials: true }),
    );
  }

  list(versionId: string): Observable<SanctionsListVersionView> {
    return this.http.get<SanctionsListVersionView>(url(ScreeningPaths.list(id(versionId))));
  }

  entry(entryId: string): Observable<SanctionsEntryView> {
    return this.http.get<SanctionsEntryView>(url(ScreeningPaths.entry(id(entryId))));
  }

  check(input: ScreeningCheckInput): Observable<ScreeningCheckResult> {
    return this.http.post<ScreeningCheckResult>(url(ScreeningPaths.checks), input);
  }

  matches(query: ScreeningMatchQuery = {}): Observable<KeysetPage<ScreeningMatchView>> {
    let params = keysetParams({ pageSize: query.pageSize ?? 50, after: query.after ?? undefined, before: query.before ?? undefined });
    if (query.state) params = params.set('state', query.state);
    if (query.partyKind) params = params.set('partyKind', query.partyKind);
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    return this.http.get<KeysetPage<ScreeningMatchView>>(url(ScreeningPaths.matches), { params });
  }

  match(matchId: string): Observable<ScreeningMatchDetail> {
    return this.http.get<ScreeningMatchDetail>(url(ScreeningPaths.match(id(matchId))));
  }

  resolve(matchId: string, input: ScreeningResolutionInput): Observable<ScreeningMatchDetail> {
    return this.http.post<ScreeningMatchDetail>(url(ScreeningPaths.matchResolution(id(matchId))), input);
  }

  second(matchId: string, input: ScreeningSecondInput): Observable<ScreeningMatchDetail> {
    return this.http.post<ScreeningMatchDetail>(url(ScreeningPaths.matchSecond(id(matchId))), input);
  }

  runs(page = 1, pageSize = 20): Observable<Page<ScreeningRunView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<ScreeningRunView> | ScreeningRunView[]>(url(ScreeningPaths.runs), { params }).pipe(map(screeningPage));
  }

  /** Screen every party again now (a background job). */
  startRun(): Observable<ScreeningRunView> {
    return this.http.post<ScreeningRunView>(url(ScreeningPaths.runs), {});
  }

  run(runId: string): Observable<ScreeningRunView> {
    return this.http.get<ScreeningRunView>(url(ScreeningPaths.run(id(runId))));
  }

  settings(): Observable<ScreeningSettingsView> {
    return this.http.get<ScreeningSettingsView>(url(ScreeningPaths.settings));
  }

  saveSettings(input: ScreeningSettingsInput): Observable<ScreeningSettingsView> {
    return this.http.put<ScreeningSettingsView>(url(ScreeningPaths.settings), input);
  }

  organization(organizationId: string): Observable<OrganizationScreeningView> {
    return this.http.get<OrganizationScreeningView>(url(ScreeningPaths.organization(id(organizationId))));
  }
}
