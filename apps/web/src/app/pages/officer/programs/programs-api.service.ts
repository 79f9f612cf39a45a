import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  IntakePaths,
  type CallRulesInput,
  type CallVersionView,
  type CallView,
  type CorrectCallRequest,
  type CreateProgramRequest,
  type ProgramView,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

type IntakePath = (typeof IntakePaths)[keyof typeof IntakePaths];

/** `intakeUrl(IntakePaths.calls, id, 'publish')` → `/api/v1/calls/<id>/publish`; segments are URI-encoded. */
export function intakeUrl(path: IntakePath, ...segments: string[]): string {
  const tail = segments.map((s) => `/${encodeURIComponent(s)}`).join('');
  return `${API_PREFIX}/${path}${tail}`;
}

/** Programs and their calls, as the officer manages them. */
@Injectable({ providedIn: 'root' })
export class ProgramsApiService {
  private readonly http = inject(HttpClient);

  listPrograms(): Observable<ProgramView[]> {
    return this.http.get<ProgramView[]>(intakeUrl(IntakePaths.programs));
  }

  getProgram(id: string): Observable<ProgramView> {
    return this.http.get<ProgramView>(intakeUrl(IntakePaths.programs, id));
  }

  createProgram(request: CreateProgramRequest): Observable<ProgramView> {
    return this.http.post<ProgramView>(
      intakeUrl(IntakePaths.programs),
      request,
    );
  }

  listCalls(programId: string): Observable<CallView[]> {
    return this.http.get<CallView[]>(intakeUrl(IntakePaths.calls), {
      params: new HttpParams().set('programId', programId),
    });
  }

  getCall(id: string): Observable<CallView> {
    return this.http.get<CallView>(intakeUrl(IntakePaths.calls, id));
  }

  createCall(programId: string, rules: CallRulesInput): Observable<CallView> {
    return this.http.post<CallView>(
      intakeUrl(IntakePaths.programs, programId, 'calls'),
      rules,
    );
  }

  updateCall(id: string, rules: CallRulesInput): Observable<CallView> {
    return this.http.put<CallView>(intakeUrl(IntakePaths.calls, id), rules);
  }

  publishCall(id: string): Observable<CallView> {
    return this.http.post<CallView>(
      intakeUrl(IntakePaths.calls, id, 'publish'),
      null,
    );
  }

  correctCall(id: string, request: CorrectCallRequest): Observable<CallView> {
    return this.http.post<CallView>(
      intakeUrl(IntakePaths.calls, id, 'corrections'),
      request,
    );
  }

  callVersions(id: string): Observable<CallVersionView[]> {
    return this.http.get<CallVersionView[]>(
      intakeUrl(IntakePaths.calls, id, 'versions'),
    );
  }
}
