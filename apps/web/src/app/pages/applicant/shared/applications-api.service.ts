import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IntakePaths,
  type ApplicationAttachmentView,
  type ApplicationSummaryView,
  type ApplicationVersionView,
  type ApplicationView,
  type CallView,
  type CreateApplicationRequest,
  type SubmitReceipt,
} from '@mizan/contracts';
import type { ApplicationContent } from '@mizan/domain';
import type { Observable } from 'rxjs';
import { intakeUrl } from './intake-url';
import { UPLOAD_HTTP, uploadEvents, type UploadEvent } from './upload';

/** Open calls, applications from draft to screening, their versions and attachments. */
@Injectable({ providedIn: 'root' })
export class ApplicationsApiService {
  private readonly http = inject(HttpClient);
  private readonly uploadHttp = inject(UPLOAD_HTTP);

  openCalls(): Observable<CallView[]> {
    return this.http.get<CallView[]>(intakeUrl(IntakePaths.openCalls));
  }

  call(id: string): Observable<CallView> {
    return this.http.get<CallView>(intakeUrl(IntakePaths.calls, id));
  }

  list(): Observable<ApplicationSummaryView[]> {
    return this.http.get<ApplicationSummaryView[]>(
      intakeUrl(IntakePaths.applications),
    );
  }

  get(id: string): Observable<ApplicationView> {
    return this.http.get<ApplicationView>(
      intakeUrl(IntakePaths.applications, id),
    );
  }

  create(request: CreateApplicationRequest): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(
      intakeUrl(IntakePaths.applications),
      request,
    );
  }

  save(
    id: string,
    version: number,
    content: ApplicationContent,
  ): Observable<ApplicationView> {
    return this.http.put<ApplicationView>(
      intakeUrl(IntakePaths.applications, id),
      { version, content },
    );
  }

  submit(id: string, version: number): Observable<SubmitReceipt> {
    return this.http.post<SubmitReceipt>(
      intakeUrl(IntakePaths.applications, id, 'submit'),
      { version },
    );
  }

  resubmit(id: string, version: number): Observable<SubmitReceipt> {
    return this.http.post<SubmitReceipt>(
      intakeUrl(IntakePaths.applications, id, 'resubmit'),
      { version },
    );
  }

  withdraw(id: string, reason: string): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(
      intakeUrl(IntakePaths.applications, id, 'withdraw'),
      { reason },
    );
  }

  version(id: string, number: number): Observable<ApplicationVersionView> {
    return this.http.get<ApplicationVersionView>(
      intakeUrl(IntakePaths.applications, id, 'versions', String(number)),
    );
  }

  attachments(id: string): Observable<ApplicationAttachmentView[]> {
    return this.http.get<ApplicationAttachmentView[]>(
      intakeUrl(IntakePaths.applications, id, 'attachments'),
    );
  }

  /** multipart/form-data with `description` first, then the one `file`; reports progress. */
  uploadAttachment(
    id: string,
    description: string,
    file: File,
  ): Observable<UploadEvent<ApplicationAttachmentView>> {
    const body = new FormData();
    body.append('description', description);
    body.append('file', file, file.name);
    return uploadEvents(
      this.uploadHttp.post<ApplicationAttachmentView>(
        intakeUrl(IntakePaths.applications, id, 'attachments'),
        body,
        { reportProgress: true, observe: 'events', withCredentials: true },
      ),
    );
  }
}
