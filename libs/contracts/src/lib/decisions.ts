import type { CurrencyCode, DecisionOutcome, DecisionState, RejectionReason } from '@mizan/domain';
import type { KeysetPage } from './trail';

/**
 * Funding decisions, notifications and the email outbox (issue 4). Amounts are
 * decimal strings of minor units, instants ISO strings.
 */
export const DecisionPaths = {
  decisions: 'decisions',
  notifications: 'notifications',
  notificationsReadAll: 'notifications/read-all',
  outbox: 'outbox',
  /** POST (propose) and GET (read) the decision of one application. */
  applicationDecision: (applicationId: string) => `applications/${applicationId}/decision`,
  callDecisions: (callId: string) => `calls/${callId}/decisions`,
  /** PUT: the amount above which an approval needs a second officer. */
  callConfirmationThreshold: (callId: string) => `calls/${callId}/confirmation-threshold`,
  confirmDecision: (decisionId: string) => `decisions/${decisionId}/confirm`,
  cancelDecision: (decisionId: string) => `decisions/${decisionId}/cancel`,
  readNotification: (notificationId: string) => `notifications/${notificationId}/read`,
} as const;

export interface MakeDecisionRequest {
  outcome: DecisionOutcome;
  /** Approvals only: more than 0, at most the amount requested. */
  amountMinor?: string;
  /** Approvals only: what the grantee must do. Shown to the applicant. */
  conditions?: string;
  /** Rejections only: at least one. */
  rejectionReasons?: RejectionReason[];
  /** Rejections: shown to the applicant; required when a reason is 'other'. */
  rejectionNote?: string;
  /** Why, for the agency and the trail (not shown to the applicant). */
  rationale: string;
}

/** 0 (the default of a new call): every approval needs a second officer. */
export interface SetConfirmationThresholdRequest {
  confirmationThresholdMinor: string;
  reason: string;
}

export interface CancelDecisionRequest {
  reason: string;
}

export interface UserRef {
  id: string;
  email: string;
}

/** A decision as officers see it. */
export interface FundingDecisionView {
  id: string;
  applicationId: string;
  applicationTitle: string;
  organizationName: string;
  receiptNumber: string | null;
  callId: string;
  outcome: DecisionOutcome;
  state: DecisionState;
  amountMinor: string;
  requestedMinor: string;
  currency: CurrencyCode;
  conditions: string | null;
  rejectionReasons: RejectionReason[];
  rejectionNote: string | null;
  rationale: string;
  proposedBy: UserRef;
  proposedAt: string;
  /** Null for a confirmed decision that needed no second officer. */
  confirmedBy: UserRef | null;
  confirmedAt: string | null;
  cancelledBy: UserRef | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** True while proposed: it waits for a second officer. */
  awaitingConfirmation: boolean;
}

/** Where a call's envelope stands: approvals proposed and confirmed both count. */
export interface EnvelopeView {
  envelopeMinor: string;
  /** Approvals proposed or confirmed (not cancelled). */
  committedMinor: string;
  confirmedMinor: string;
  remainingMinor: string;
  /** Approvals above this need a second officer. */
  confirmationThresholdMinor: string;
  currency: CurrencyCode;
}

export interface CallDecisionsView {
  callId: string;
  envelope: EnvelopeView;
  /** Newest first, cancelled ones included (they are history). */
  decisions: FundingDecisionView[];
}

/** What the applicant is told once the decision is final. */
export interface DecisionNoticeView {
  outcome: DecisionOutcome;
  amountMinor: string;
  requestedMinor: string;
  currency: CurrencyCode;
  conditions: string | null;
  rejectionReasons: RejectionReason[];
  rejectionNote: string | null;
  decidedAt: string;
}

export interface ApplicationDecisionView {
  applicationId: string;
  /** The final decision, or null while none has been confirmed. */
  decision: DecisionNoticeView | null;
  /** Officers only: the live decision (proposed or confirmed), or null. Absent for applicants. */
  live?: FundingDecisionView | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
  /** The notification asks its reader to do something (confirm a decision, review an application, assign a reviewer). */
  actionRequired: boolean;
  /** When that was done, by anyone (or became moot): the task is no longer open. Null while open, and for plain news. */
  resolvedAt: string | null;
}

/** A keyset page of the user's notifications, newest first (`?after=` / `?before=` / `?pageSize=`), and the bell's count. */
export interface NotificationListView extends KeysetPage<NotificationView> {
  /** Unread and not resolved (all of them, not only this page's): what the bell counts, at most KEYSET_COUNT_CAP. */
  unreadCount: number;
  /** More than KEYSET_COUNT_CAP are unread: the bell says "10,000+". */
  unreadCapped: boolean;
}

export const OUTBOUND_EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboundEmailStatus = (typeof OUTBOUND_EMAIL_STATUSES)[number];

export interface OutboundEmailSummary {
  id: string;
  toAddress: string;
  subject: string;
  status: OutboundEmailStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboundEmailView extends OutboundEmailSummary {
  textBody: string;
}
