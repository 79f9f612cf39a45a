import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IntakePaths,
  type AcceptInvitationRequest,
  type AcceptedInvitation,
  type DocumentView,
  type InvitationView,
  type InviteRequest,
  type OrganizationInput,
  type OrganizationView,
  type PartnerInput,
  type PartnerView,
  type UpdateOrganizationRequest,
} from '@mizan/contracts';
import type { DocumentKind } from '@mizan/domain';
import type { Observable } from 'rxjs';
import { intakeUrl } from './intake-url';
import { UPLOAD_HTTP, uploadEvents, type UploadEvent } from './upload';

/** Organizations, their members, invitations, partners and due-diligence documents. */
@Injectable({ providedIn: 'root' })
export class OrganizationsApiService {
  private readonly http = inject(HttpClient);
  private readonly uploadHttp = inject(UPLOAD_HTTP);

  list(): Observable<OrganizationView[]> {
    return this.http.get<OrganizationView[]>(
      intakeUrl(IntakePaths.organizations),
    );
  }

  get(id: string): Observable<OrganizationView> {
    return this.http.get<OrganizationView>(
      intakeUrl(IntakePaths.organizations, id),
    );
  }

  register(input: OrganizationInput): Observable<OrganizationView> {
    return this.http.post<OrganizationView>(
      intakeUrl(IntakePaths.organizations),
      input,
    );
  }

  update(
    id: string,
    request: UpdateOrganizationRequest,
  ): Observable<OrganizationView> {
    return this.http.put<OrganizationView>(
      intakeUrl(IntakePaths.organizations, id),
      request,
    );
  }

  partners(id: string): Observable<PartnerView[]> {
    return this.http.get<PartnerView[]>(
      intakeUrl(IntakePaths.organizations, id, 'partners'),
    );
  }

  addPartner(id: string, input: PartnerInput): Observable<PartnerView> {
    return this.http.post<PartnerView>(
      intakeUrl(IntakePaths.organizations, id, 'partners'),
      input,
    );
  }

  updatePartner(
    id: string,
    partnerId: string,
    input: PartnerInput,
  ): Observable<PartnerView> {
    return this.http.put<PartnerView>(
      intakeUrl(IntakePaths.organizations, id, 'partners', partnerId),
      input,
    );
  }

  myPartnerOrganizations(): Observable<PartnerView[]> {
    return this.http.get<PartnerView[]>(intakeUrl(IntakePaths.myPartners));
  }

  invitations(id: string): Observable<InvitationView[]> {
    return this.http.get<InvitationView[]>(
      intakeUrl(IntakePaths.organizations, id, 'invitations'),
    );
  }

  invite(id: string, request: InviteRequest): Observable<InvitationView> {
    return this.http.post<InvitationView>(
      intakeUrl(IntakePaths.organizations, id, 'invitations'),
      request,
    );
  }

  acceptInvitation(
    request: AcceptInvitationRequest,
  ): Observable<AcceptedInvitation> {
    return this.http.post<AcceptedInvitation>(
      intakeUrl(IntakePaths.acceptInvitation),
      request,
    );
  }

  documents(id: string): Observable<DocumentView[]> {
    return this.http.get<DocumentView[]>(
      intakeUrl(IntakePaths.organizations, id, 'documents'),
    );
  }

  /** multipart/form-data with `kind` first, then the one `file`; reports progress. */
  uploadDocument(
    id: string,
    kind: DocumentKind,
    file: File,
  ): Observable<UploadEvent<DocumentView>> {
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file, file.name);
    return uploadEvents(
      this.uploadHttp.post<DocumentView>(
        intakeUrl(IntakePaths.organizations, id, 'documents'),
        body,
        { reportProgress: true, observe: 'events', withCredentials: true },
      ),
    );
  }
}
