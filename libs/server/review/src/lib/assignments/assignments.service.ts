import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentView, BulkAssignRequest, BulkAssignResult, CallReviewerView, ErrorCode, ReassignRequest, can } from '@mizan/contracts';
import { AssignmentStatus, OPEN_ASSIGNMENT_STATUSES, assignmentTransition, balancedAssignment, fromHundredths, isIsoCalendarDate, transition } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { auditorReadsApplication } from '@mizan/server/identity';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { ApplicationClosed, ApplicationClosedListener, ApplicationLifecycle, assertUuid } from '@mizan/server/intake';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { NotificationAction } from '../notifications/notification-actions';
import { NotificationsService } from '../notifications/notifications.service';
import {
  ASSIGNABLE_STATES,
  AgencyReviewer,
  ExclusionReason,
  ReviewApplication,
  actorOf,
  agencyReviewers,
  conflict,
  exclusionsOf,
  invalid,
  isoDate,
  isoInstant,
  lockOfficerApplication,
  officerCall,
} from './review-scope';

export const PER_APPLICATION_MAX = 5;

interface AssignmentRow {
  id: string;
  application_id: string;
  call_id: string;
  reviewer_id: string;
  reviewer_name: string;
  reviewer_email: string;
  status: AssignmentStatus;
  assigned_at: Date;
  due_on: string | null;
  conflict_statement: string | null;
  conflict_declared_at: Date | null;
  submitted_at: Date | null;
  weighted_hundredths: number | null;
}

const ASSIGNMENT_SELECT = `
  SELECT ra.id, ra.application_id, ra.call_id, ra.reviewer_id, u.display_name AS reviewer_name, u.email AS reviewer_email, ra.status,
         ra.assigned_at, ra.due_on::text AS due_on, ra.conflict_statement, ra.conflict_declared_at, ra.submitted_at, ra.weighted_hundredths
    FROM review_assignment ra JOIN app_user u ON u.id = ra.reviewer_id`;

function toView(row: AssignmentRow): AssignmentView {
  return {
    id: row.id,
    applicationId: row.application_id,
    callId: row.call_id,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    reviewerEmail: row.reviewer_email,
    status: row.status,
    assignedAt: new Date(row.assigned_at).toISOString(),
    dueOn: isoDate(row.due_on),
    conflictStatement: row.conflict_statement,
    conflictDeclaredAt: isoInstant(row.conflict_declared_at),
    submittedAt: isoInstant(row.submitted_at),
    weightedScore: row.weighted_hundredths === null ? null : fromHundredths(row.weighted_hundredths),
  };
}

const EXCLUSION_MESSAGE: Record<ExclusionReason, string> = {
  member: 'is a member of the applying organization',
  partner_member: 'is a member of a partner organization named in the application',
  competing_member: 'is a member of another organization applying to the same call',
  conflict: 'has declared a conflict of interest on this application',
  reassigned: 'was taken off this application by an officer',
};

function dueOnOf(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (!isIsoCalendarDate(value)) throw invalid('dueOn', `"${value}" is not a date like 2027-05-31`);
  return value;
}

/**
 * Officers put reviewers on applications: in bulk (balanced), one by one,
 * by reassignment or removal. Each request is one transaction with its trail
 * records; the first reviewer on an eligible application moves it into review.
 */
@Injectable()
export class AssignmentsService implements OnModuleInit, ApplicationClosedListener {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly notifications: NotificationsService,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register(this);
  }

  /** A withdrawal (intake) ends the application's open reviews, as a final decision does. */
  applicationClosed(manager: EntityManager, auth: AuthenticatedRequestContext, closed: ApplicationClosed): Promise<TrailEntry[]> {
    return this.closeOpenReviews(manager, auth, closed);
  }

  /**
   * The application was decided or withdrawn: every review still open on it
   * (assigned, declared, in progress) ends as `closed`, its "please review"
   * task is resolved, and its reviewer is told. Submitted reviews stay as they
   * are. Runs inside the caller's transaction, which holds the application's
   * lock; returns one trail record per review ended.
   */
  async closeOpenReviews(manager: EntityManager, auth: AuthenticatedRequestContext, closed: ApplicationClosed): Promise<TrailEntry[]> {
    const open = (await manager.query(
      `SELECT id, reviewer_id, status FROM review_assignment WHERE application_id = $1 AND status = ANY($2::text[]) ORDER BY assigned_at, id FOR UPDATE`,
      [closed.applicationId, OPEN_ASSIGNMENT_STATUSES],
    )) as { id: string; reviewer_id: string; status: AssignmentStatus }[];
    // A conflict declared earlier asked the officers for another reviewer: no longer needed either.
    await this.notifications.resolve(manager, [NotificationAction.assignReviewer(closed.applicationId)], auth.user.id);
    if (open.length === 0) return [];
    const entries: TrailEntry[] = [];
    for (const row of open) {
      const moved = assignmentTransition(row.status, 'close');
      if (!moved.ok) throw conflict(moved.reason);
      await manager.query(`UPDATE review_assignment SET status = $2, version = version + 1 WHERE id = $1`, [row.id, moved.to]);
      entries.push({
        actor: actorOf(auth),
        agencyId: closed.agencyId,
        action: 'review.closed',
        entityType: 'review_assignment',
        entityId: row.id,
        before: { status: row.status },
        after: { status: moved.to, applicationId: closed.applicationId, because: closed.why },
      });
    }
    await this.notifications.resolve(
      manager,
      open.map((row) => NotificationAction.review(row.id)),
      auth.user.id,
    );
    for (const row of open) {
      await this.notifications.notify(manager, {
        userIds: [row.reviewer_id],
        agencyId: closed.agencyId,
        kind: closed.why === 'withdrawn' ? 'review.closed_withdrawn' : 'review.closed_decided',
        message: { key: 'review.closed', params: { title: closed.title, why: closed.why } },
        entityType: 'review_assignment',
        entityId: row.id,
        email: false,
      });
    }
    return entries;
  }

  async bulkAssign(auth: AuthenticatedRequestContext, callId: string, request: BulkAssignRequest): Promise<BulkAssignResult> {
    const perApplication = request.perApplication;
    if (!Number.isInteger(perApplication) || perApplication < 1 || perApplication > PER_APPLICATION_MAX) {
      throw invalid('perApplication', `perApplication is a whole number from 1 to ${PER_APPLICATION_MAX}`);
    }
    const dueOn = dueOnOf(request.dueOn);
    const call = await officerCall(this.dataSource.manager, auth, callId);
    return this.trail.record(async (manager) => {
      // One bulk run per call at a time: two concurrent runs would balance against loads neither has seen.
      await manager.query(`SELECT pg_advisory_xact_lock(7331002, hashtext($1))`, [call.id]);
      const applications = await this.assignableApplications(manager, auth, call.id, request.applicationIds);
      const reviewers = await agencyReviewers(manager, auth.user.agencyId);
      if (reviewers.length === 0) throw conflict('Your agency has no active reviewers to assign');
      const live = (await manager.query(
        `SELECT application_id, reviewer_id FROM review_assignment WHERE call_id = $1 AND status NOT IN ('conflict', 'reassigned', 'closed')`,
        [call.id],
      )) as { application_id: string; reviewer_id: string }[];
      const exclusions = await exclusionsOf(
        manager,
        applications.map((a) => a.id),
      );
      const plan = balancedAssignment(
        applications.map((a) => a.id),
        reviewers.map((r) => r.id),
        {
          perApplication,
          exclusions,
          existing: live.map((l) => ({ applicationId: l.application_id, reviewerId: l.reviewer_id })),
        },
      );
      const entries: TrailEntry[] = [];
      const created: string[] = [];
      const byId = new Map(applications.map((a) => [a.id, a]));
      const reviewerById = new Map(reviewers.map((r) => [r.id, r]));
      for (const pair of plan.assignments) {
        const application = byId.get(pair.applicationId) as ReviewApplication;
        const id = await this.insertAssignment(manager, auth, application, reviewerById.get(pair.reviewerId) as AgencyReviewer, dueOn, entries, 'bulk');
        created.push(id);
      }
      const started: string[] = [];
      const touched = new Set(plan.assignments.map((p) => p.applicationId));
      for (const application of applications) {
        if (touched.has(application.id) && (await this.startReviewIfEligible(manager, auth, application, entries))) started.push(application.id);
      }
      const names = new Map(reviewers.map((r) => [r.id, r.display_name]));
      const result: BulkAssignResult = {
        assignments: await this.views(manager, created),
        shortfalls: plan.shortfalls.map((s) => ({ applicationId: s.applicationId, title: byId.get(s.applicationId)?.title ?? '', missing: s.missing })),
        startedReview: started,
        loads: plan.loads.map((l) => ({ reviewerId: l.reviewerId, reviewerName: names.get(l.reviewerId) ?? '', load: l.load })),
      };
      return { result, entries };
    });
  }

  async assign(auth: AuthenticatedRequestContext, applicationId: string, reviewerId: string, dueOnText?: string | null): Promise<AssignmentView> {
    const dueOn = dueOnOf(dueOnText);
    return this.trail.record(async (manager) => {
      const application = await this.lockAssignable(manager, auth, applicationId);
      const reviewer = await this.checkedReviewer(manager, auth, application, reviewerId, 'reviewerId');
      const entries: TrailEntry[] = [];
      const id = await this.insertAssignment(manager, auth, application, reviewer, dueOn, entries, 'single');
      await this.startReviewIfEligible(manager, auth, application, entries);
      return { result: (await this.views(manager, [id]))[0], entries };
    });
  }

  /**
   * Replaces one reviewer by another. The one replaced may be live (not yet
   * submitted) or have declared a conflict (already off the application: the
   * officer is naming the replacement). A submitted review is never replaced.
   */
  async reassign(auth: AuthenticatedRequestContext, applicationId: string, request: ReassignRequest): Promise<AssignmentView> {
    const reason = request.reason.trim();
    if (!reason) throw invalid('reason', 'Say why the reviewer is replaced');
    return this.trail.record(async (manager) => {
      const application = await this.lockAssignable(manager, auth, applicationId);
      assertUuid(request.fromReviewerId, 'Assignment');
      const [from] = (await manager.query(
        `SELECT id, status, due_on::text AS due_on FROM review_assignment
          WHERE application_id = $1 AND reviewer_id = $2 AND status <> 'reassigned'
          ORDER BY (status = 'conflict'), assigned_at DESC LIMIT 1 FOR UPDATE`,
        [application.id, request.fromReviewerId],
      )) as { id: string; status: AssignmentStatus; due_on: string | null }[];
      if (!from) throw MizanException.notFound('Assignment');
      if (request.toReviewerId === request.fromReviewerId) throw invalid('toReviewerId', 'The new reviewer must be someone else');
      const entries: TrailEntry[] = [];
      if (from.status !== 'conflict') {
        const moved = assignmentTransition(from.status, 'reassign');
        if (!moved.ok) throw conflict(`This reviewer's review is ${from.status.replace(/_/g, ' ')}: a submitted review stays with the application`);
        await manager.query(`UPDATE review_assignment SET status = 'reassigned', version = version + 1 WHERE id = $1`, [from.id]);
        await this.notifications.resolve(manager, [NotificationAction.review(from.id)], auth.user.id);
      }
      const reviewer = await this.checkedReviewer(manager, auth, application, request.toReviewerId, 'toReviewerId');
      entries.push({
        actor: actorOf(auth),
        agencyId: application.agency_id,
        action: 'review.reassigned',
        entityType: 'review_assignment',
        entityId: from.id,
        before: { status: from.status },
        after: { status: from.status === 'conflict' ? 'conflict' : 'reassigned', replacedBy: reviewer.id, applicationId: application.id },
        reason,
      });
      const id = await this.insertAssignment(manager, auth, application, reviewer, from.due_on, entries, 'reassignment', reason);
      await this.startReviewIfEligible(manager, auth, application, entries);
      return { result: (await this.views(manager, [id]))[0], entries };
    });
  }

  /** Takes a reviewer off an application without a replacement; the row stays as history. */
  async unassign(auth: AuthenticatedRequestContext, applicationId: string, assignmentId: string, reasonText: string): Promise<AssignmentView> {
    const reason = reasonText.trim();
    if (!reason) throw invalid('reason', 'Say why the reviewer is taken off');
    assertUuid(assignmentId, 'Assignment');
    return this.trail.record(async (manager) => {
      const application = await lockOfficerApplication(manager, auth, applicationId);
      const [row] = (await manager.query(`SELECT id, status FROM review_assignment WHERE id = $1 AND application_id = $2 FOR UPDATE`, [
        assignmentId,
        application.id,
      ])) as { id: string; status: AssignmentStatus }[];
      if (!row) throw MizanException.notFound('Assignment');
      const moved = assignmentTransition(row.status, 'reassign');
      if (!moved.ok) throw conflict(`This assignment is ${row.status.replace(/_/g, ' ')}: ${moved.reason}`);
      await manager.query(`UPDATE review_assignment SET status = 'reassigned', version = version + 1 WHERE id = $1`, [row.id]);
      await this.notifications.resolve(manager, [NotificationAction.review(row.id)], auth.user.id);
      const entries: TrailEntry[] = [
        {
          actor: actorOf(auth),
          agencyId: application.agency_id,
          action: 'review.unassigned',
          entityType: 'review_assignment',
          entityId: row.id,
          before: { status: row.status },
          after: { status: moved.to, applicationId: application.id },
          reason,
        },
      ];
      return { result: (await this.views(manager, [row.id]))[0], entries };
    });
  }

  /** Every assignment of an application, conflicts and reassignments included, oldest first. */
  async forApplication(auth: AuthenticatedRequestContext, applicationId: string): Promise<AssignmentView[]> {
    assertUuid(applicationId, 'Application');
    const [application] = (await this.dataSource.query(`SELECT id FROM application WHERE id = $1 AND agency_id = $2`, [applicationId, auth.user.agencyId])) as {
      id: string;
    }[];
    if (!application) throw MizanException.notFound('Application');
    // An auditor (no review.assign) reads the reviews of applications in an open engagement's scope only (issue 12).
    if (!can(auth.user.roles(), 'review.assign') && !(await auditorReadsApplication(this.dataSource.manager, auth, applicationId))) throw MizanException.notFound('Application');
    const rows = (await this.dataSource.query(`${ASSIGNMENT_SELECT} WHERE ra.application_id = $1 ORDER BY ra.assigned_at, ra.id`, [applicationId])) as AssignmentRow[];
    return rows.map(toView);
  }

  /** The agency's reviewers with their load and progress in one call (those with nothing in it too). */
  async reviewersOfCall(auth: AuthenticatedRequestContext, callId: string): Promise<CallReviewerView[]> {
    const call = await officerCall(this.dataSource.manager, auth, callId);
    const reviewers = await agencyReviewers(this.dataSource.manager, auth.user.agencyId);
    const counts = (await this.dataSource.query(
      `SELECT reviewer_id, status, count(*)::int AS n FROM review_assignment WHERE call_id = $1 GROUP BY reviewer_id, status`,
      [call.id],
    )) as { reviewer_id: string; status: AssignmentStatus; n: number }[];
    return reviewers.map((r) => {
      const n = (status: AssignmentStatus) => counts.find((c) => c.reviewer_id === r.id && c.status === status)?.n ?? 0;
      return {
        reviewerId: r.id,
        name: r.display_name,
        email: r.email,
        load: n('assigned') + n('declared') + n('in_progress') + n('submitted'),
        assigned: n('assigned'),
        declared: n('declared'),
        inProgress: n('in_progress'),
        submitted: n('submitted'),
        conflicts: n('conflict'),
      };
    });
  }

  private async views(manager: EntityManager, ids: readonly string[]): Promise<AssignmentView[]> {
    if (ids.length === 0) return [];
    const rows = (await manager.query(`${ASSIGNMENT_SELECT} WHERE ra.id = ANY($1::uuid[])`, [ids])) as AssignmentRow[];
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map(toView);
  }

  private async assignableApplications(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    callId: string,
    requested: string[] | undefined,
  ): Promise<ReviewApplication[]> {
    const rows = (await manager.query(
      `SELECT id, call_id, agency_id, organization_id, state, title, receipt_number FROM application
        WHERE call_id = $1 AND agency_id = $2 AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
        ORDER BY submitted_at, receipt_number, id FOR UPDATE`,
      [callId, auth.user.agencyId, requested ?? null],
    )) as ReviewApplication[];
    if (requested === undefined) return rows.filter((a) => ASSIGNABLE_STATES.includes(a.state));
    const found = new Map(rows.map((a) => [a.id, a]));
    const fields = requested.flatMap((id, i) => (found.has(id) ? [] : [{ field: `applicationIds.${i}`, message: 'This is not an application of the call' }]));
    if (fields.length > 0) throw new MizanException(ErrorCode.ValidationFailed, 'Some applications are not applications of this call', fields);
    const closed = rows.filter((a) => !ASSIGNABLE_STATES.includes(a.state));
    if (closed.length > 0) {
      throw conflict(`Only eligible applications or those in review get reviewers: ${closed.map((a) => `"${a.title}" is ${a.state.replace(/_/g, ' ')}`).join('; ')}`);
    }
    return rows;
  }

  private async lockAssignable(manager: EntityManager, auth: AuthenticatedRequestContext, applicationId: string): Promise<ReviewApplication> {
    const application = await lockOfficerApplication(manager, auth, applicationId);
    if (!ASSIGNABLE_STATES.includes(application.state)) {
      throw conflict(`This application is ${application.state.replace(/_/g, ' ')}: only eligible applications or those in review get reviewers`);
    }
    return application;
  }

  /** A reviewer of the officer's agency who may review this application and is not on it yet. */
  private async checkedReviewer(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    application: ReviewApplication,
    reviewerId: string,
    field: string,
  ): Promise<AgencyReviewer> {
    const reviewer = (await agencyReviewers(manager, auth.user.agencyId)).find((r) => r.id === reviewerId);
    if (!reviewer) throw invalid(field, 'This is not an active reviewer of your agency');
    const exclusion = (await exclusionsOf(manager, [application.id])).find((e) => e.reviewerId === reviewer.id && e.reason !== 'reassigned');
    if (exclusion) throw conflict(`${reviewer.display_name} ${EXCLUSION_MESSAGE[exclusion.reason]}`);
    const live = await manager.query(`SELECT 1 FROM review_assignment WHERE application_id = $1 AND reviewer_id = $2 AND status NOT IN ('conflict', 'reassigned', 'closed')`, [
      application.id,
      reviewer.id,
    ]);
    if (live.length > 0) throw conflict(`${reviewer.display_name} is already reviewing this application`);
    return reviewer;
  }

  private async insertAssignment(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    application: ReviewApplication,
    reviewer: AgencyReviewer,
    dueOn: string | null,
    entries: TrailEntry[],
    how: 'bulk' | 'single' | 'reassignment',
    reason: string | null = null,
  ): Promise<string> {
    const [{ id }] = (await manager.query(
      `INSERT INTO review_assignment (application_id, call_id, agency_id, reviewer_id, status, assigned_by, due_on)
       VALUES ($1, $2, $3, $4, 'assigned', $5, $6) RETURNING id`,
      [application.id, application.call_id, application.agency_id, reviewer.id, auth.user.id, dueOn],
    )) as { id: string }[];
    entries.push({
      actor: actorOf(auth),
      agencyId: application.agency_id,
      action: 'review.assigned',
      entityType: 'review_assignment',
      entityId: id,
      before: null,
      after: { status: 'assigned', applicationId: application.id, reviewerId: reviewer.id, reviewer: reviewer.email, dueOn, how },
      reason,
    });
    // The reviewer learns of it in the app; the link opens the declaration step.
    await this.notifications.notify(manager, {
      userIds: [reviewer.id],
      agencyId: application.agency_id,
      kind: 'review.assigned',
      message: { key: 'review.assigned', params: { title: application.title, hasDue: Boolean(dueOn), due: dueOn ? { $date: dueOn } : null } },
      entityType: 'review_assignment',
      entityId: id,
      email: false,
      actionKey: NotificationAction.review(id),
    });
    // A reviewer is on it again: the officers' "assign another reviewer" (after a conflict) is done.
    await this.notifications.resolve(manager, [NotificationAction.assignReviewer(application.id)], auth.user.id);
    return id;
  }

  /** The first reviewer starts the review: eligible → in_review, once. */
  private async startReviewIfEligible(manager: EntityManager, auth: AuthenticatedRequestContext, application: ReviewApplication, entries: TrailEntry[]): Promise<boolean> {
    if (application.state !== 'eligible') return false;
    const moved = transition(application.state, 'start_review');
    if (!moved.ok) throw conflict(moved.reason);
    await manager.query(`UPDATE application SET state = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [
      application.id,
      moved.to,
      auth.user.id,
    ]);
    entries.push({
      actor: actorOf(auth),
      agencyId: application.agency_id,
      action: 'application.review_started',
      entityType: 'application',
      entityId: application.id,
      before: { state: application.state },
      after: { state: moved.to },
    });
    application.state = moved.to;
    return true;
  }
}
