/**
 * The keys of the actions a notification may ask for. A notification written
 * with one is a task: it is resolved (for everyone it was sent to) in the
 * transaction of whoever does the action, or of what makes it moot.
 */
export const NotificationAction = {
  /** A second officer confirms (or declines) a proposed decision. */
  confirmDecision: (decisionId: string): string => `decision.confirm:${decisionId}`,
  /** A reviewer declares and scores their assignment. */
  review: (assignmentId: string): string => `review:${assignmentId}`,
  /** An officer assigns another reviewer (after a conflict of interest). */
  assignReviewer: (applicationId: string): string => `application.assign_reviewer:${applicationId}`,
} as const;
