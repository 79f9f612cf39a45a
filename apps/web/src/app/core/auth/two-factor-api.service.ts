import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  TwoFactorPaths,
  type AgencySecurity,
  type ReauthRequest,
  type ReauthResult,
  type RecoveryCodes,
  type SessionInfo,
  type TwoFactorEnabled,
  type TwoFactorEnrolment,
  type TwoFactorStatus,
  type UpdateAgencySecurityRequest,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

export function twoFactorUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

/** The caller's second factor, the code step of sign-in, re-authentication, and the admin's levers. */
@Injectable({ providedIn: 'root' })
export class TwoFactorApiService {
  private readonly http = inject(HttpClient);

  status(): Observable<TwoFactorStatus> {
    return this.http.get<TwoFactorStatus>(twoFactorUrl(TwoFactorPaths.status));
  }

  startEnrolment(): Observable<TwoFactorEnrolment> {
    return this.http.post<TwoFactorEnrolment>(
      twoFactorUrl(TwoFactorPaths.enrolment),
      null,
    );
  }

  confirmEnrolment(code: string): Observable<TwoFactorEnabled> {
    return this.http.post<TwoFactorEnabled>(
      twoFactorUrl(TwoFactorPaths.enrolmentConfirm),
      { code },
    );
  }

  verify(code: string): Observable<SessionInfo> {
    return this.http.post<SessionInfo>(twoFactorUrl(TwoFactorPaths.verify), {
      code,
    });
  }

  reauth(request: ReauthRequest): Observable<ReauthResult> {
    return this.http.post<ReauthResult>(
      twoFactorUrl(TwoFactorPaths.reauth),
      request,
    );
  }

  regenerateRecoveryCodes(): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>(
      twoFactorUrl(TwoFactorPaths.recoveryCodes),
      null,
    );
  }

  disable(): Observable<void> {
    return this.http.post<void>(twoFactorUrl(TwoFactorPaths.disable), null);
  }

  agencySecurity(): Observable<AgencySecurity> {
    return this.http.get<AgencySecurity>(
      twoFactorUrl(TwoFactorPaths.agencySecurity),
    );
  }

  setAgencySecurity(
    request: UpdateAgencySecurityRequest,
  ): Observable<AgencySecurity> {
    return this.http.put<AgencySecurity>(
      twoFactorUrl(TwoFactorPaths.agencySecurity),
      request,
    );
  }

  resetUser(userId: string, reason: string): Observable<void> {
    return this.http.post<void>(
      twoFactorUrl(TwoFactorPaths.resetUser(userId)),
      { reason },
    );
  }
}
