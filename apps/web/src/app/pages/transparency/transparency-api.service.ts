import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  TransparencyPaths,
  type IatiIdentityRequest,
  type IatiIdentityView,
  type IatiPreviewView,
  type ProgramPublicationRequest,
  type ProgramPublicationView,
  type PublicationJobView,
  type PublicationRecordView,
  type PublicTransparencyView,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

const id = encodeURIComponent;

/** `/api/v1/<path>`. */
export function transparencyUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

/** The transparency calls: the officer's and admin's (IATI identity, each program's publication, preview, publishing) and the public page's. */
@Injectable({ providedIn: 'root' })
export class TransparencyApiService {
  private readonly http = inject(HttpClient);

  identity(): Observable<IatiIdentityView> {
    return this.http.get<IatiIdentityView>(transparencyUrl(TransparencyPaths.identity));
  }

  saveIdentity(body: IatiIdentityRequest): Observable<IatiIdentityView> {
    return this.http.put<IatiIdentityView>(transparencyUrl(TransparencyPaths.identity), body);
  }

  programs(): Observable<ProgramPublicationView[]> {
    return this.http.get<ProgramPublicationView[]>(transparencyUrl(TransparencyPaths.programs));
  }

  saveProgram(programId: string, body: ProgramPublicationRequest): Observable<ProgramPublicationView> {
    return this.http.put<ProgramPublicationView>(transparencyUrl(TransparencyPaths.program(id(programId))), body);
  }

  preview(programId: string): Observable<IatiPreviewView> {
    return this.http.get<IatiPreviewView>(transparencyUrl(TransparencyPaths.preview(id(programId))));
  }

  publish(programId: string): Observable<PublicationJobView> {
    return this.http.post<PublicationJobView>(transparencyUrl(TransparencyPaths.publications(id(programId))), {});
  }

  publications(programId: string): Observable<PublicationRecordView[]> {
    return this.http.get<PublicationRecordView[]>(transparencyUrl(TransparencyPaths.publications(id(programId))));
  }

  job(jobId: string): Observable<PublicationJobView> {
    return this.http.get<PublicationJobView>(transparencyUrl(TransparencyPaths.job(id(jobId))));
  }

  /** The public page's data: no sign-in. */
  publicPage(agencySlug: string): Observable<PublicTransparencyView> {
    return this.http.get<PublicTransparencyView>(transparencyUrl(TransparencyPaths.publicPage(id(agencySlug))));
  }
}
