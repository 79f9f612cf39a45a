import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  FieldProblem,
  MyReviewItem,
  PeerReviewsView,
  ReviewApplicationView,
  ReviewView,
  SaveScoresRequest,
  ScoreInput,
} from '@mizan/contracts';
import {
  ApplicationContent,
  AssignmentAction,
  AssignmentStatus,
  Recommendation,
  assignmentTransition,
  fromHundredths,
  mayReadApplication,
  scoreViolations,
  weightedScoreHundredths,
} from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { assertUuid } from '@mizan/server/intake';
import { TrailService } from '@mizan/server/trail';
import { NotificationAction } from '../notifications/notification-actions';
import { NotificationsService } from '../notifications/notifications.service';
import { ReviewCall, actorOf, callById, conflict, invalid, isoDate, isoInstant, officersOf } from '../assignments/review-scope';

interface OwnAssignment {
  id: string;
  application_id: string;
  call_id: string;
  agency_id: string;
  reviewer_id: string;
  status: AssignmentStatus;
  version: number;
  due_on: string | null;
  recommendation: Recommendation | null;
  overall_comment: string | null;
  weighted_hundredths: number | null;
  submitted_at: Date | null;
  application_title: string;
  organization_name: string;
  call_title: string;
}

const OWN_SELECT = `
  SELECT ra.id, ra.application_id, ra.call_id, ra.agency_id, ra.reviewer_id, ra.status, ra.version, ra.due_on::text AS due_on, ra.recommendation,
         ra.overall_comment, ra.weighted_hundredths, ra.submitted_at, a.title AS application_title, o.legal_name AS organization_name, c.title AS call_title
    FROM review_assignment ra
    JOIN application a ON a.id = ra.application_id
    JOIN organization o ON o.id = a.organization_id
    JOIN grant_call c ON c.id = ra.call_id`;

function staleVersion(current: number): MizanException {
  return conflict(`This review was saved elsewhere (version ${current} is current); reload to see the latest draft`);
}

function closedReview(): MizanException {
  return conflict('This application has been decided or withdrawn: the review is closed and no longer needed');
}

function declarationRequired(): MizanException {
  return new MizanException(ErrorCode.DeclarationRequired, 'Declare whether you have a conflict of interest before opening or scoring this application');
}

/**
 * The reviewer's side: only their own assignments, a conflict-of-interest
 * declaration before anything else, drafts with an optimistic version check,
 * and a final submission. Someone else's assignment, or one they were taken
 * off, is "not found".
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly notifications: NotificationsService,
  ) {}

  async mine(auth: AuthenticatedRequestContext): Promise<MyReviewItem[]> {
    const rows = (await this.dataSource.query(
      `SELECT ra.id, ra.status, ra.application_id, a.title, a.receipt_number, o.legal_name AS organization_name, ra.call_id, c.title AS call_title,
              ra.due_on::text AS due_on, ra.assigned_at, ra.submitted_at,
              COALESCE((SELECT array_agg(p.name ORDER BY p.name) FROM application_partner ap JOIN partner_organization p ON p.id = ap.partner_organization_id
                         WHERE ap.application_id = a.id), '{}') AS partner_names
         FROM review_assignment ra
         JOIN application a ON a.id = ra.application_id
         JOIN organization o ON o.id = a.organization_id
         JOIN grant_call c ON c.id = ra.call_id
        WHERE ra.reviewer_id = $1 AND ra.agency_id = $2 AND ra.status <> 'reassigned'
        ORDER BY ra.due_on NULLS LAST, ra.assigned_at, ra.id`,
      [auth.user.id, auth.user.agencyId],
    )) as {
      id: string;
      status: AssignmentStatus;
      application_id: string;
      title: string;
      receipt_number: string | null;
      organization_name: string;
      call_id: string;
      call_title: string;
      due_on: string | null;
      assigned_at: Date;
      submitted_at: Date | null;
      partner_names: string[];
    }[];
    return rows.map((r) => ({
      assignmentId: r.id,
      status: r.status,
      applicationId: r.application_id,
      applicationTitle: r.title,
      receiptNumber: r.receipt_number,
      organizationName: r.organization_name,
      partnerNames: r.partner_names,
      callId: r.call_id,
      callTitle: r.call_title,
      dueOn: isoDate(r.due_on),
      assignedAt: new Date(r.assigned_at).toISOString(),
      submittedAt: isoInstant(r.submitted_at),
    }));
  }

  async get(auth: AuthenticatedRequestContext, assignmentId: string): Promise<ReviewView> {
    const own = await this.own(this.dataSource.manager, auth, assignmentId, false);
    return this.view(this.dataSource.manager, own);
  }

  /**
   * Before opening: a conflict takes the reviewer off the application (kept
   * as history) and tells the agency's officers in-app; no conflict opens it.
   */
  async declare(auth: AuthenticatedRequestContext, assignmentId: string, hasConflict: boolean, statementText: string | null): Promise<ReviewView> {
    const statement = statementText?.trim() || null;
    if (hasConflict && !statement) throw invalid('statement', 'Describe the conflict of interest, so the officer can judge it');
    const own = await this.trail.record(async (manager) => {
      const row = await this.own(manager, auth, assignmentId, true);
      const action: AssignmentAction = hasConflict ? 'declare_conflict' : 'declare_no_conflict';
      if (row.status === 'closed') throw closedReview();
      const moved = assignmentTransition(row.status, action);
      if (!moved.ok) throw conflict(`You have already declared on this assignment (it is ${row.status.replace(/_/g, ' ')})`);
      await manager.query(
        `UPDATE review_assignment SET status = $2, has_conflict = $3, conflict_statement = $4, conflict_declared_at = now(), version = version + 1 WHERE id = $1`,
        [row.id, moved.to, hasConflict, statement],
      );
      if (hasConflict) {
        await this.notifications.notify(manager, {
          userIds: await officersOf(manager, row.agency_id),
          agencyId: row.agency_id,
          kind: 'review.conflict_declared',
          message: {
            key: 'review.conflict_declared',
            params: { title: row.application_title, actor: auth.user.email, organization: row.organization_name, statement },
          },
          entityType: 'application',
          entityId: row.application_id,
          email: false,
          actionKey: NotificationAction.assignReviewer(row.application_id),
        });
      }
      // Declared either way: the "declare, then review" task is done when a conflict takes the reviewer off it.
      if (hasConflict) await this.notifications.resolve(manager, [NotificationAction.review(row.id)], auth.user.id);
      return {
        result: row,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: row.agency_id,
            action: hasConflict ? 'review.conflict_declared' : 'review.declared',
            entityType: 'review_assignment',
            entityId: row.id,
            before: { status: row.status },
            after: { status: moved.to, hasConflict, applicationId: row.application_id },
            reason: statement,
          },
        ],
      };
    });
    return this.view(this.dataSource.manager, await this.own(this.dataSource.manager, auth, own.id, false));
  }

  /** The last submitted version of the application, frozen, with the rubric: only after declaring no conflict. */
  async application(auth: AuthenticatedRequestContext, assignmentId: string): Promise<ReviewApplicationView> {
    const manager = this.dataSource.manager;
    const own = await this.own(manager, auth, assignmentId, false);
    if (own.status === 'conflict') throw MizanException.notFound('Assignment');
    if (own.status === 'closed') throw closedReview();
    if (!mayReadApplication(own.status)) throw declarationRequired();
    const call = await callById(manager, own.call_id);
    const [version] = (await manager.query(
      `SELECT v.number, v.content, v.totals, v.receipt_number, v.submitted_at, v.content_sha256, a.title, a.currency, a.requested_minor::text AS requested_minor
         FROM application_version v JOIN application a ON a.id = v.application_id
        WHERE v.application_id = $1 ORDER BY v.number DESC LIMIT 1`,
      [own.application_id],
    )) as {
      number: number;
      content: ApplicationContent;
      totals: Record<string, unknown>;
      receipt_number: string;
      submitted_at: Date;
      content_sha256: string;
      title: string;
      currency: ReviewApplicationView['currency'];
      requested_minor: string;
    }[];
    if (!version) throw MizanException.notFound('Application');
    const partners = (await manager.query(
      `SELECT p.name, p.governorate_code FROM application_partner ap JOIN partner_organization p ON p.id = ap.partner_organization_id
        WHERE ap.application_id = $1 ORDER BY p.name`,
      [own.application_id],
    )) as { name: string; governorate_code: string }[];
    const t = version.totals;
    return {
      assignmentId: own.id,
      applicationId: own.application_id,
      title: version.title,
      organizationName: own.organization_name,
      partners: partners.map((p) => ({ name: p.name, governorateCode: p.governorate_code })),
      callId: call.id,
      callTitle: call.title,
      currency: version.currency,
      requestedMinor: version.requested_minor,
      versionNumber: version.number,
      receiptNumber: version.receipt_number,
      submittedAt: new Date(version.submitted_at).toISOString(),
      contentSha256: version.content_sha256.trim(),
      content: version.content,
      totals: {
        totalBudgetMinor: String(t['totalBudgetMinor']),
        cofundingMinor: String(t['cofundingMinor']),
        requestedMinor: String(t['requestedMinor']),
        adminMinor: String(t['adminMinor']),
        adminShareBp: Number(t['adminShareBp']),
        cofundingShareBp: Number(t['cofundingShareBp']),
      },
      rubric: { criteria: call.rubric.criteria.map((c) => ({ ...c })), scale: [...call.rubric.scale] },
    };
  }

  /** A draft: partial scores are fine; the whole set is replaced. */
  async saveScores(auth: AuthenticatedRequestContext, assignmentId: string, request: SaveScoresRequest): Promise<ReviewView> {
    await this.trail.record(async (manager) => {
      const row = await this.own(manager, auth, assignmentId, true);
      const moved = this.scorable(row, 'save_draft');
      if (row.version !== request.version) throw staleVersion(row.version);
      const call = await callById(manager, row.call_id);
      const violations = scoreViolations(call.rubric.criteria, request.scores, { final: false });
      if (violations.length > 0) throw new MizanException(ErrorCode.ValidationFailed, 'Some scores cannot be saved', violations);
      await manager.query(`DELETE FROM review_score WHERE assignment_id = $1`, [row.id]);
      for (const s of request.scores) {
        await manager.query(`INSERT INTO review_score (assignment_id, criterion_id, score, comment) VALUES ($1, $2, $3, $4)`, [row.id, s.criterionId, s.score, s.comment]);
      }
      await manager.query(`UPDATE review_assignment SET status = $2, recommendation = $3, overall_comment = $4, version = version + 1 WHERE id = $1`, [
        row.id,
        moved,
        request.recommendation,
        request.overallComment,
      ]);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: row.agency_id,
            action: 'review.draft_saved',
            entityType: 'review_assignment',
            entityId: row.id,
            before: { status: row.status, version: row.version },
            // The draft's content stays out of the trail: only the submitted review is evidence.
            after: { status: moved, version: row.version + 1, scored: request.scores.filter((x) => x.score !== null).length, applicationId: row.application_id },
          },
        ],
      };
    });
    return this.get(auth, assignmentId);
  }

  /**
   * Submits the saved draft: every criterion scored, a comment on every
   * extreme score (0, 1, 5), a recommendation and an overall comment. The
   * weighted score is computed and frozen now; nothing changes afterwards.
   */
  async submit(auth: AuthenticatedRequestContext, assignmentId: string, version: number): Promise<ReviewView> {
    await this.trail.record(async (manager) => {
      const row = await this.own(manager, auth, assignmentId, true);
      const moved = this.scorable(row, 'submit');
      if (row.version !== version) throw staleVersion(row.version);
      const call = await callById(manager, row.call_id);
      const scores = await this.scoresOf(manager, row.id, call);
      const fields: FieldProblem[] = scoreViolations(call.rubric.criteria, scores, { final: true });
      if (!row.recommendation) fields.push({ field: 'recommendation', message: 'Give an overall recommendation' });
      if (!row.overall_comment?.trim()) fields.push({ field: 'overallComment', message: 'Write an overall comment' });
      if (fields.length > 0) throw new MizanException(ErrorCode.ValidationFailed, 'The review is not complete yet: save the missing parts, then submit', fields);
      const weighted = weightedScoreHundredths(call.rubric.criteria, scores);
      await manager.query(`UPDATE review_assignment SET status = $2, weighted_hundredths = $3, submitted_at = now(), version = version + 1 WHERE id = $1`, [
        row.id,
        moved,
        weighted,
      ]);
      await this.notifications.resolve(manager, [NotificationAction.review(row.id)], auth.user.id);
      return {
        result: undefined,
        entries: [
          {
            actor: actorOf(auth),
            agencyId: row.agency_id,
            action: 'review.submitted',
            entityType: 'review_assignment',
            entityId: row.id,
            before: { status: row.status },
            after: {
              status: moved,
              applicationId: row.application_id,
              weightedScore: fromHundredths(weighted),
              recommendation: row.recommendation,
              overallComment: row.overall_comment,
              scores,
            },
          },
        ],
      };
    });
    return this.get(auth, assignmentId);
  }

  /** Other reviewers' submitted reviews, anonymous — only once this reviewer has submitted their own. */
  async peers(auth: AuthenticatedRequestContext, assignmentId: string): Promise<PeerReviewsView> {
    const manager = this.dataSource.manager;
    const own = await this.own(manager, auth, assignmentId, false);
    if (own.status === 'conflict') throw MizanException.notFound('Assignment');
    if (own.status !== 'submitted') {
      throw new MizanException(ErrorCode.ReviewNotSubmitted, "Other reviewers' scores are shown only after you have submitted your own review");
    }
    const call = await callById(manager, own.call_id);
    const others = (await manager.query(
      `SELECT id, status, recommendation, overall_comment, weighted_hundredths, submitted_at FROM review_assignment
        WHERE application_id = $1 AND id <> $2 AND status NOT IN ('conflict', 'reassigned', 'closed')
        ORDER BY submitted_at NULLS LAST, id`,
      [own.application_id, own.id],
    )) as { id: string; status: AssignmentStatus; recommendation: Recommendation; overall_comment: string; weighted_hundredths: number; submitted_at: Date }[];
    const submitted = others.filter((o) => o.status === 'submitted');
    const peers = [];
    for (const [i, o] of submitted.entries()) {
      peers.push({
        label: `Reviewer ${i + 1}`,
        scores: await this.scoresOf(manager, o.id, call),
        recommendation: o.recommendation,
        overallComment: o.overall_comment,
        weightedScore: fromHundredths(o.weighted_hundredths),
        submittedAt: new Date(o.submitted_at).toISOString(),
      });
    }
    return {
      mine: { weightedScore: fromHundredths(own.weighted_hundredths ?? 0), recommendation: own.recommendation as Recommendation },
      peers,
      pendingCount: others.length - submitted.length,
    };
  }

  /** The reviewer's own assignment (optionally locked); someone else's, or one they were taken off, is 404. */
  private async own(manager: EntityManager, auth: AuthenticatedRequestContext, assignmentId: string, lock: boolean): Promise<OwnAssignment> {
    assertUuid(assignmentId, 'Assignment');
    if (lock) await manager.query(`SELECT 1 FROM review_assignment WHERE id = $1 AND reviewer_id = $2 FOR UPDATE`, [assignmentId, auth.user.id]);
    const [row] = (await manager.query(`${OWN_SELECT} WHERE ra.id = $1 AND ra.reviewer_id = $2 AND ra.agency_id = $3 AND ra.status <> 'reassigned'`, [
      assignmentId,
      auth.user.id,
      auth.user.agencyId,
    ])) as OwnAssignment[];
    if (!row) throw MizanException.notFound('Assignment');
    return row;
  }

  /** Where scoring may go next, or why not: declare first (403), already final (409), off it (404). */
  private scorable(row: OwnAssignment, action: 'save_draft' | 'submit'): AssignmentStatus {
    if (row.status === 'assigned') throw declarationRequired();
    if (row.status === 'conflict') throw MizanException.notFound('Assignment');
    if (row.status === 'closed') throw closedReview();
    const moved = assignmentTransition(row.status, action);
    if (!moved.ok) throw conflict(row.status === 'submitted' ? 'This review is submitted: it is final and cannot be changed' : moved.reason);
    return moved.to;
  }

  /** Scores in the rubric's order (criteria no longer in the rubric last). */
  private async scoresOf(manager: EntityManager, assignmentId: string, call: ReviewCall): Promise<ScoreInput[]> {
    const rows = (await manager.query(`SELECT criterion_id, score, comment FROM review_score WHERE assignment_id = $1 ORDER BY criterion_id`, [assignmentId])) as {
      criterion_id: string;
      score: number | null;
      comment: string;
    }[];
    const order = new Map(call.rubric.criteria.map((c, i) => [c.id, i]));
    return rows
      .sort((a, b) => (order.get(a.criterion_id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.criterion_id) ?? Number.MAX_SAFE_INTEGER))
      .map((r) => ({ criterionId: r.criterion_id, score: r.score, comment: r.comment }));
  }

  private async view(manager: EntityManager, own: OwnAssignment): Promise<ReviewView> {
    const call = await callById(manager, own.call_id);
    return {
      assignmentId: own.id,
      status: own.status,
      version: own.version,
      applicationId: own.application_id,
      applicationTitle: own.application_title,
      organizationName: own.organization_name,
      callId: own.call_id,
      callTitle: own.call_title,
      dueOn: isoDate(own.due_on),
      scores: await this.scoresOf(manager, own.id, call),
      recommendation: own.recommendation,
      overallComment: own.overall_comment ?? '',
      weightedScore: own.weighted_hundredths === null ? null : fromHundredths(own.weighted_hundredths),
      submittedAt: isoInstant(own.submitted_at),
      mayRead: mayReadApplication(own.status),
    };
  }
}
