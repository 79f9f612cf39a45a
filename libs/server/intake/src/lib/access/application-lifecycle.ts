import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import type { TrailEntry } from '@mizan/server/trail';

/** An application that left the running for good: decided (approved, rejected) or withdrawn by its applicant. */
export interface ApplicationClosed {
  applicationId: string;
  agencyId: string;
  callId: string;
  title: string;
  /** What closed it: `withdrawn`, or the final state a decision gave it. */
  why: 'withdrawn' | 'approved' | 'rejected' | 'reserve';
}

/**
 * What else must end with the application (its open reviews, a proposal waiting for a second officer):
 * runs inside the transaction that closed it and returns the trail records of what it ended.
 */
export interface ApplicationClosedListener {
  applicationClosed(manager: EntityManager, auth: AuthenticatedRequestContext, closed: ApplicationClosed): Promise<TrailEntry[]>;
}

/**
 * Intake closes applications (withdrawal) but knows nothing of review and
 * decisions, which come later in the dependency order: those register here at
 * start-up, and intake calls them inside its own transaction.
 */
@Injectable()
export class ApplicationLifecycle {
  private readonly listeners: ApplicationClosedListener[] = [];

  register(listener: ApplicationClosedListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  async closed(manager: EntityManager, auth: AuthenticatedRequestContext, closed: ApplicationClosed): Promise<TrailEntry[]> {
    const entries: TrailEntry[] = [];
    for (const listener of this.listeners) entries.push(...(await listener.applicationClosed(manager, auth, closed)));
    return entries;
  }
}
