import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  DecisionPaths,
  type ApplicationDecisionView,
  type CallDecisionsView,
  type EnvelopeView,
  type FundingDecisionView,
  type MakeDecisionRequest,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';

/** `/api/v1/<path>`: the decision paths already carry their (uuid) ids. */
export function decisionsUrl(path: string): string {
  return `${API_PREFIX}/${path}`;
}

/** Funding decisions: propose, confirm (four eyes), cancel; a call's envelope and threshold. */
@Injectable({ providedIn: 'root' })
export class DecisionsApiService {
  private readonly http = inject(HttpClient);

  callDecisions(callId: string): Observable<CallDecisionsView> {
    return this.http.get<CallDecisionsView>(
      decisionsUrl(DecisionPaths.callDecisions(encodeURIComponent(callId))),
    );
  }

  applicationDecision(
    applicationId: string,
  ): Observable<ApplicationDecisionView> {
    return this.http.get<ApplicationDecisionView>(
      decisionsUrl(
        DecisionPaths.applicationDecision(encodeURIComponent(applicationId)),
      ),
    );
  }

  /** One decision (officers), e.g. to follow a notification to its application. */
  decision(decisionId: string): Observable<FundingDecisionView> {
    return this.http.get<FundingDecisionView>(
      decisionsUrl(
        `${DecisionPaths.decisions}/${encodeURIComponent(decisionId)}`,
      ),
    );
  }

  propose(
    applicationId: string,
    request: MakeDecisionRequest,
  ): Observable<FundingDecisionView> {
    return this.http.post<FundingDecisionView>(
      decisionsUrl(
        DecisionPaths.applicationDecision(encodeURIComponent(applicationId)),
      ),
      request,
    );
  }

  confirm(decisionId: string): Observable<FundingDecisionView> {
    return this.http.post<FundingDecisionView>(
      decisionsUrl(
        DecisionPaths.confirmDecision(encodeURIComponent(decisionId)),
      ),
      null,
    );
  }

  cancel(decisionId: string, reason: string): Observable<FundingDecisionView> {
    return this.http.post<FundingDecisionView>(
      decisionsUrl(
        DecisionPaths.cancelDecision(encodeURIComponent(decisionId)),
      ),
      { reason },
    );
  }

  setThreshold(
    callId: string,
    confirmationThresholdMinor: string,
    reason: string,
  ): Observable<EnvelopeView> {
    return this.http.put<EnvelopeView>(
      decisionsUrl(
        DecisionPaths.callConfirmationThreshold(encodeURIComponent(callId)),
      ),
      { confirmationThresholdMinor, reason },
    );
  }
}
