import type { NotificationView } from '@mizan/contracts';

/**
 * Where a notification leads, from its kind and the entity it is about
 * (the services name them: `application.approved|rejected|reserve` to an
 * applicant's organization; `decision.awaiting_confirmation|confirmed|cancelled`
 * about a `funding_decision` to officers; `review.conflict_declared` about an
 * `application` to officers; assignments about a `review_assignment`).
 * Some targets need a look-up first: the officer's application page sits
 * under its call.
 */
export type NotificationTarget =
  | { kind: 'route'; commands: readonly string[] }
  /** Officers: the decision's application on the review desk (needs its call and application). */
  | { kind: 'decision'; decisionId: string }
  /** Officers: the application on the review desk (needs its call). */
  | { kind: 'officerApplication'; applicationId: string };

export interface NotificationAudience {
  /** Holds the review desk (assigns reviewers or decides). */
  officer: boolean;
}

export const REVIEW_DESK = '/officer/review';

export function notificationTarget(
  n: Pick<NotificationView, 'kind' | 'entityType' | 'entityId'>,
  audience: NotificationAudience,
): NotificationTarget | null {
  const id = n.entityId;
  if (!id) return null;
  switch (n.entityType) {
    case 'review_assignment':
      return { kind: 'route', commands: ['/reviews', id] };
    case 'funding_decision':
      return audience.officer ? { kind: 'decision', decisionId: id } : null;
    case 'application':
      // The applicant's own news of a decision.
      if (n.kind.startsWith('application.')) {
        return { kind: 'route', commands: ['/my-applications', id] };
      }
      return audience.officer
        ? { kind: 'officerApplication', applicationId: id }
        : { kind: 'route', commands: ['/my-applications', id] };
    default:
      return null;
  }
}

/** The officer's page of one application in review: `/officer/review/:callId/applications/:applicationId`. */
export function reviewApplicationCommands(
  callId: string,
  applicationId: string,
): string[] {
  return [REVIEW_DESK, callId, 'applications', applicationId];
}

/** The first `max` characters of a body, cut at a word where possible, with an ellipsis. */
export function excerpt(body: string, max = 120): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Unread first, then read; newest first within each (the api sends newest first). */
/**
 * Unread and still open: news not seen yet, or a task nobody has done yet. A
 * task someone already did (`resolvedAt`) no longer asks for attention, read or not.
 */
export function isUnread(n: Pick<NotificationView, 'readAt'> & Partial<Pick<NotificationView, 'resolvedAt'>>): boolean {
  return n.readAt === null && !n.resolvedAt;
}

export function splitByRead<T extends Pick<NotificationView, 'readAt'> & Partial<Pick<NotificationView, 'resolvedAt'>>>(
  items: readonly T[],
): { unread: T[]; read: T[] } {
  return {
    unread: items.filter((n) => isUnread(n)),
    read: items.filter((n) => !isUnread(n)),
  };
}
