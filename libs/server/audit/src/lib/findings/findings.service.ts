import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  FINDING_CATEGORIES,
  can,
  type AuditFindingAction,
  type AuditFindingView,
  type FieldProblem,
  type FindingCategory,
  type FindingPriority,
  type FindingResponseRequest,
  type FindingResponseView,
  type RaiseAuditFindingRequest,
  type ResponseKind,
  type ResponseSide,
  type UpdateAuditFindingRequest,
} from '@mizan/contracts';
import {
  auditDisallowed,
  checkFindingAmounts,
  checkerIsSecondPerson,
  completionProblem,
  fieldworkOpen,
  findingBlocksTranche,
  findingVisibleToGrantee,
  isIsoDate,
  responsesOpen,
  type AuditEngagementState,
  type CurrencyCode,
} from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import { GrantReads, LedgerService, assertId, grantBalances, todayUtc } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';
import { FileStore, StoredDocument, StoredFile, acceptedFileType, plainFileName } from '@mizan/server/storage';
import { TrailService, type TrailEntry } from '@mizan/server/trail';
import { AuditAccess, EngagementRow, auditActorOf } from '../audit-access';

/** How the caller reaches a finding: the engagement's planner (officer), one of its auditors, or the grantee of the finding's grant. */
export type FindingSide = 'planner' | 'auditor' | 'grantee';

interface FindingRow {
  id: string;
  engagement_id: string;
  agency_id: string;
  grant_id: string;
  sample_item_id: string | null;
  number: number;
  category: FindingCategory | null;
  title: string;
  description: string;
  priority: FindingPriority;
  affected_minor: string;
  ineligible_minor: string;
  currency: CurrencyCode;
  recommendation: string;
  action: string;
  action_owner: string;
  action_due_on: string | null;
  action_state: 'open' | 'completed' | 'checked';
  completion_note: string | null;
  completion_document_id: string | null;
  completed_by: string | null;
  completed_by_name: string | null;
  completed_at: Date | null;
  checked_by: string | null;
  checked_by_name: string | null;
  checked_at: Date | null;
  refund_journal_entry_id: string | null;
  refund_confirmed_by: string | null;
  refund_confirmed_by_name: string | null;
  refund_confirmed_at: Date | null;
  raised_by: string;
  raised_by_name: string;
  raised_at: Date;
  row_version: number;
  engagement_reference: string;
  engagement_state: AuditEngagementState;
  grant_number: string;
  grant_title: string;
  organization_id: string;
  program_id: string;
  file_name: string | null;
  file_size: string | null;
  file_content_type: string | null;
  file_sha256: string | null;
  file_storage_key: string | null;
}

const FINDING_SELECT = `
  SELECT f.id, f.engagement_id, f.agency_id, f.grant_id, f.sample_item_id, f.number, f.category, f.title, f.description, f.priority,
         f.affected_minor::text AS affected_minor, f.ineligible_minor::text AS ineligible_minor, f.currency, f.recommendation, f.action, f.action_owner,
         to_char(f.action_due_on, 'YYYY-MM-DD') AS action_due_on, f.action_state, f.completion_note, f.completion_document_id,
         f.completed_by, cu.display_name AS completed_by_name, f.completed_at, f.checked_by, ku.display_name AS checked_by_name, f.checked_at,
         f.refund_journal_entry_id, f.refund_confirmed_by, fu.display_name AS refund_confirmed_by_name, f.refund_confirmed_at,
         f.raised_by, ru.display_name AS raised_by_name, f.raised_at, f.row_version,
         e.reference AS engagement_reference, e.state AS engagement_state, g.grant_number, g.title AS grant_title, g.organization_id, g.program_id,
         d.file_name, d.size_bytes::text AS file_size, d.content_type AS file_content_type, d.sha256 AS file_sha256, d.storage_key AS file_storage_key
    FROM audit_finding f
    JOIN audit_engagement e ON e.id = f.engagement_id
    JOIN grant_award g ON g.id = f.grant_id
    JOIN app_user ru ON ru.id = f.raised_by
    LEFT JOIN app_user cu ON cu.id = f.completed_by
    LEFT JOIN app_user ku ON ku.id = f.checked_by
    LEFT JOIN app_user fu ON fu.id = f.refund_confirmed_by
    LEFT JOIN stored_document d ON d.id = f.completion_document_id`;

/** The grants a grantee-side user reaches: members of the grant's organization (grant.own), partners of its application (grant.partner). */
const GRANTEE_GRANTS = `
  SELECT g.id FROM grant_award g WHERE g.state <> 'draft' AND (
      ($2::boolean AND EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = g.organization_id AND m.user_id = $1))
   OR ($3::boolean AND EXISTS (SELECT 1 FROM application_partner ap JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id
                                WHERE ap.application_id = g.application_id AND pm.user_id = $1)))`;

const VISIBLE_TO_GRANTEE = `('draft_report','management_comments','final','closed')`;

/** The auditor edits a finding until the report is final. */
const EDITABLE: readonly AuditEngagementState[] = ['fieldwork', 'draft_report', 'management_comments'];

const TEXT_LIMITS = { title: 300, description: 20_000, recommendation: 4_000, action: 4_000, actionOwner: 200, body: 10_000, note: 4_000, reason: 4_000 } as const;

const AMOUNT_MESSAGES: Record<string, string> = {
  AMOUNT_NOT_WHOLE_MINOR_UNITS: 'AMOUNT_NOT_WHOLE_MINOR_UNITS: whole, non-negative minor units as digits',
  AMOUNT_TOO_LARGE: 'AMOUNT_TOO_LARGE: at most 15 digits',
  INELIGIBLE_ABOVE_AFFECTED: 'INELIGIBLE_ABOVE_AFFECTED: the ineligible amount cannot be more than the affected amount',
};

function invalid(fields: FieldProblem[]): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Invalid ${fields.map((f) => f.field).join(', ')}`, fields);
}

function stageClosed(state: AuditEngagementState, action: 'raise' | 'edit' | 'respond' | 'follow_up' | 'refund'): MizanException {
  return MizanException.withParams(ErrorCode.AuditFindingStageClosed, `Findings cannot be ${action === 'follow_up' ? 'followed up' : `${action}ed`} while the engagement is ${state}`, { state, action });
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** "ineligible_expenditure" → "Ineligible expenditure": the stored title of a finding raised from the list (the web shows the translated category). */
function categoryTitle(category: FindingCategory): string {
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Follow-up (complete, check) is open once the grantee sees the finding, also after the engagement closed (the tranche block lifts only when checked). */
const followUpOpen = (state: AuditEngagementState): boolean => findingVisibleToGrantee(state);

interface Reach {
  engagement: EngagementRow | null;
  side: FindingSide;
  /** For the grantee side: member of the organization or partner of the application. */
  relation: 'member' | 'partner' | null;
}

/**
 * Audit findings (issue 12, docs/audit.md): raised by the engagement's auditors on grants in
 * its scope (optionally on a sampled item), answered by management (the grantee, the officer)
 * and by the auditor, followed up (completed by the grantee or an officer, checked by a second
 * person), and their ineligible amount confirmed once by an officer as a refund receivable on
 * the ledger. Every change and its trail record (and ledger entry, notifications) commit together.
 * A high finding blocks the grant's next tranche until its action is checked (grant-reads).
 */
@Injectable()
export class AuditFindingsService {
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AuditAccess,
    private readonly trail: TrailService,
    private readonly ledger: LedgerService,
    private readonly grants: GrantReads,
    private readonly notifications: NotificationsService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  // ------------------------------------------------------------------ reads

  /** The engagement's findings: all of them for its planners and auditors; for a grantee, those on their grants once visible (else 404). */
  async list(auth: AuthenticatedRequestContext, engagementId: string): Promise<AuditFindingView[]> {
    const manager = this.dataSource.manager;
    const reach = await this.reachEngagement(auth, engagementId, manager);
    if (reach) {
      const rows = (await manager.query(`${FINDING_SELECT} WHERE f.engagement_id = $1 ORDER BY f.number`, [engagementId])) as FindingRow[];
      return this.views(manager, rows, auth, () => ({ side: reach.side, relation: null }));
    }
    assertId(engagementId, 'Engagement');
    const rows = await this.granteeRows(manager, auth, 'AND f.engagement_id = $4', [engagementId]);
    if (rows.length === 0) throw MizanException.notFound('Engagement');
    return this.views(manager, rows, auth, (row) => ({ side: 'grantee', relation: row.relation ?? null }));
  }

  async get(auth: AuthenticatedRequestContext, engagementId: string, findingId: string): Promise<AuditFindingView> {
    const { row, reach } = await this.reachFinding(auth, engagementId, findingId, this.dataSource.manager);
    return this.viewOne(this.dataSource.manager, row, reach, auth);
  }

  /** The grantee's findings across their grants (engagements past fieldwork), with what they can do. */
  async mine(auth: AuthenticatedRequestContext): Promise<AuditFindingView[]> {
    const manager = this.dataSource.manager;
    const rows = await this.granteeRows(manager, auth, '', []);
    return this.views(manager, rows, auth, (row) => ({ side: 'grantee', relation: row.relation ?? null }));
  }

  /** The findings on one grant: staff of its agency, an auditor with the grant in scope (their engagements' findings), its grantee (visible ones). */
  async ofGrant(auth: AuthenticatedRequestContext, grantId: string): Promise<AuditFindingView[]> {
    assertId(grantId, 'Grant');
    const manager = this.dataSource.manager;
    const roles = auth.user.roles();
    const [grant] = (await manager.query('SELECT agency_id FROM grant_award WHERE id = $1', [grantId])) as { agency_id: string }[];
    const sameAgency = !!grant && grant.agency_id === auth.user.agencyId;
    if (sameAgency && can(roles, 'audit.plan')) {
      const rows = (await manager.query(`${FINDING_SELECT} WHERE f.grant_id = $1 ORDER BY f.raised_at DESC, f.number`, [grantId])) as FindingRow[];
      return this.views(manager, rows, auth, () => ({ side: 'planner', relation: null }));
    }
    if (sameAgency && can(roles, 'audit.conduct')) {
      if (!(await this.access.auditorHasGrant(auth.user.id, grantId, manager))) throw MizanException.notFound('Grant');
      const rows = (await manager.query(
        `${FINDING_SELECT} WHERE f.grant_id = $1 AND EXISTS (SELECT 1 FROM audit_engagement_auditor a WHERE a.engagement_id = f.engagement_id AND a.user_id = $2 AND a.removed_at IS NULL)
          ORDER BY f.raised_at DESC, f.number`,
        [grantId, auth.user.id],
      )) as FindingRow[];
      return this.views(manager, rows, auth, () => ({ side: 'auditor', relation: null }));
    }
    if (sameAgency && can(roles, 'grant.read')) {
      // Other staff (finance): read only, no actions.
      const rows = (await manager.query(`${FINDING_SELECT} WHERE f.grant_id = $1 ORDER BY f.raised_at DESC, f.number`, [grantId])) as FindingRow[];
      return (await this.views(manager, rows, auth, () => ({ side: 'planner', relation: null }))).map((v) => ({ ...v, actions: [] }));
    }
    await this.grants.granteeRelation(auth, grantId, manager);
    const rows = await this.granteeRows(manager, auth, 'AND f.grant_id = $4', [grantId]);
    return this.views(manager, rows, auth, (row) => ({ side: 'grantee', relation: row.relation ?? null }));
  }

  /** Before a completion's bytes are read: the caller may complete this finding's action now. */
  async assertCanComplete(auth: AuthenticatedRequestContext, engagementId: string, findingId: string): Promise<void> {
    const { row, reach } = await this.reachFinding(auth, engagementId, findingId, this.dataSource.manager);
    this.checkCompleter(row, reach);
  }

  async openCompletionFile(auth: AuthenticatedRequestContext, engagementId: string, findingId: string): Promise<{ view: { contentType: string; fileName: string; sizeBytes: number; sha256: string }; stream: Readable }> {
    const { row } = await this.reachFinding(auth, engagementId, findingId, this.dataSource.manager);
    if (!row.file_storage_key || !row.file_name) throw MizanException.notFound('File');
    return {
      view: { contentType: row.file_content_type ?? 'application/octet-stream', fileName: row.file_name, sizeBytes: Number(row.file_size ?? 0), sha256: row.file_sha256 ?? '' },
      stream: await this.files.open(row.file_storage_key),
    };
  }

  // ------------------------------------------------------------------ raise, edit

  async raise(auth: AuthenticatedRequestContext, engagementId: string, request: RaiseAuditFindingRequest): Promise<AuditFindingView> {
    const input = this.checkFindingInput(request, null);
    assertId(request.grantId, 'Grant');
    const id = await this.dataSource.transaction(async (manager) => {
      // The engagement row is locked: findings are numbered 1, 2, … per engagement, one at a time.
      const engagement = await this.access.asAuditor(auth, engagementId, manager, true);
      this.access.assertOpen(engagement);
      if (!fieldworkOpen(engagement.state)) throw stageClosed(engagement.state, 'raise');
      const [grant] = (await manager.query(
        `SELECT g.id, g.currency, g.grant_number, g.title, g.organization_id FROM grant_award g
          WHERE g.id = $5 AND g.agency_id = $1 AND g.state <> 'draft' AND (
                ($2 = 'program' AND g.program_id = $3) OR ($2 = 'call' AND g.call_id = $3) OR ($2 = 'organization' AND g.organization_id = $3)
             OR ($2 = 'grants' AND EXISTS (SELECT 1 FROM audit_engagement_grant x WHERE x.engagement_id = $4 AND x.grant_id = g.id)))`,
        [engagement.agency_id, engagement.scope_kind, engagement.scope_id, engagement.id, request.grantId],
      )) as { id: string; currency: CurrencyCode; grant_number: string; title: string; organization_id: string }[];
      if (!grant) {
        throw MizanException.withParams(ErrorCode.AuditGrantOutOfScope, 'The grant is not in the engagement’s scope', { grantId: request.grantId }, [
          { field: 'grantId', message: 'AUDIT_GRANT_OUT_OF_SCOPE: not a grant in this engagement’s scope' },
        ]);
      }
      const sampleItemId = request.sampleItemId ?? null;
      if (sampleItemId !== null) {
        const [item] = (await manager.query(
          `SELECT s.id, p.grant_id FROM audit_sample_item s JOIN audit_population_item p ON p.engagement_id = s.engagement_id AND p.seq = s.population_seq
            WHERE s.id = $1 AND s.engagement_id = $2`,
          [sampleItemId, engagement.id],
        )) as { id: string; grant_id: string }[];
        if (!item) {
          throw MizanException.withParams(ErrorCode.AuditItemNotInSample, 'The item is not in this engagement’s sample', { sampleItemId }, [
            { field: 'sampleItemId', message: 'AUDIT_ITEM_NOT_IN_SAMPLE: not an item of this engagement’s sample' },
          ]);
        }
        if (item.grant_id !== grant.id) throw invalid([{ field: 'sampleItemId', message: 'SAMPLE_ITEM_OF_ANOTHER_GRANT: the sampled item belongs to another grant' }]);
      }
      const [{ next }] = (await manager.query('SELECT COALESCE(max(number), 0) + 1 AS next FROM audit_finding WHERE engagement_id = $1', [engagement.id])) as { next: number }[];
      const title = input.title ?? categoryTitle(input.category as FindingCategory);
      const [row] = (await manager.query(
        `INSERT INTO audit_finding (engagement_id, agency_id, grant_id, sample_item_id, number, category, title, description, priority, affected_minor, ineligible_minor, currency,
                                    recommendation, action, action_owner, action_due_on, raised_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [
          engagement.id,
          engagement.agency_id,
          grant.id,
          sampleItemId,
          next,
          input.category,
          title,
          input.description ?? '',
          input.priority,
          input.affected.toString(),
          input.ineligible.toString(),
          grant.currency,
          input.recommendation ?? '',
          input.action ?? '',
          input.actionOwner ?? '',
          input.actionDueOn ?? null,
          auth.user.id,
        ],
      )) as { id: string }[];
      if (findingVisibleToGrantee(engagement.state)) {
        await this.notifyGrantee(manager, engagement, grant, { key: 'audit.finding_visible', params: { reference: engagement.reference, number: next, title, grant: grant.grant_number } }, row.id, 'audit.finding_visible');
      }
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.finding_raised',
        entityType: 'audit_finding',
        entityId: row.id,
        after: {
          engagementId: engagement.id,
          number: next,
          grantId: grant.id,
          sampleItemId,
          category: input.category,
          title,
          priority: input.priority,
          affectedMinor: input.affected.toString(),
          ineligibleMinor: input.ineligible.toString(),
          currency: grant.currency,
          actionDueOn: input.actionDueOn ?? null,
        },
      });
      return row.id;
    });
    return this.get(auth, engagementId, id);
  }

  async update(auth: AuthenticatedRequestContext, engagementId: string, findingId: string, request: UpdateAuditFindingRequest): Promise<AuditFindingView> {
    assertId(findingId, 'Finding');
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asAuditor(auth, engagementId, manager);
      this.access.assertOpen(engagement);
      const row = await this.lockedFinding(manager, engagement.id, findingId);
      if (!EDITABLE.includes(engagement.state)) throw stageClosed(engagement.state, 'edit');
      if (request.rowVersion !== row.row_version) {
        throw MizanException.withParams(ErrorCode.StaleFinding, 'Someone changed the finding since you loaded it', { rowVersion: row.row_version });
      }
      const input = this.checkFindingInput(
        {
          category: request.category !== undefined ? request.category : row.category,
          title: request.title !== undefined ? request.title : request.category !== undefined ? null : row.title,
          description: request.description ?? row.description,
          priority: request.priority ?? row.priority,
          affectedMinor: request.affectedMinor ?? row.affected_minor,
          ineligibleMinor: request.ineligibleMinor ?? row.ineligible_minor,
          recommendation: request.recommendation ?? row.recommendation,
          action: request.action ?? row.action,
          actionOwner: request.actionOwner ?? row.action_owner,
          actionDueOn: request.actionDueOn !== undefined ? request.actionDueOn : row.action_due_on,
        },
        row,
      );
      if (row.refund_journal_entry_id && input.ineligible.toString() !== row.ineligible_minor) {
        throw MizanException.withParams(ErrorCode.AuditRefundAlreadyConfirmed, 'The refund of this finding was confirmed: its ineligible amount no longer changes', {
          journalEntryId: row.refund_journal_entry_id,
        });
      }
      const title = input.title ?? categoryTitle(input.category as FindingCategory);
      const after = {
        category: input.category,
        title,
        description: input.description ?? '',
        priority: input.priority,
        affectedMinor: input.affected.toString(),
        ineligibleMinor: input.ineligible.toString(),
        recommendation: input.recommendation ?? '',
        action: input.action ?? '',
        actionOwner: input.actionOwner ?? '',
        actionDueOn: input.actionDueOn ?? null,
      };
      const before = {
        category: row.category,
        title: row.title,
        description: row.description,
        priority: row.priority,
        affectedMinor: row.affected_minor,
        ineligibleMinor: row.ineligible_minor,
        recommendation: row.recommendation,
        action: row.action,
        actionOwner: row.action_owner,
        actionDueOn: row.action_due_on,
      };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
      if (changed.length === 0) return;
      await manager.query(
        `UPDATE audit_finding SET category = $2, title = $3, description = $4, priority = $5, affected_minor = $6, ineligible_minor = $7, recommendation = $8, action = $9,
                action_owner = $10, action_due_on = $11, updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [row.id, after.category, after.title, after.description, after.priority, after.affectedMinor, after.ineligibleMinor, after.recommendation, after.action, after.actionOwner, after.actionDueOn],
      );
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.finding_updated',
        entityType: 'audit_finding',
        entityId: row.id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
    });
    return this.get(auth, engagementId, findingId);
  }

  // ------------------------------------------------------------------ responses

  async respond(auth: AuthenticatedRequestContext, engagementId: string, findingId: string, request: FindingResponseRequest): Promise<AuditFindingView> {
    const body = typeof request.body === 'string' ? request.body.trim() : '';
    if (!body) throw invalid([{ field: 'body', message: 'RESPONSE_REQUIRED: write the response' }]);
    if (body.length > TEXT_LIMITS.body) throw invalid([{ field: 'body', message: `at most ${TEXT_LIMITS.body} characters` }]);
    await this.dataSource.transaction(async (manager) => {
      const { row, reach } = await this.reachFinding(auth, engagementId, findingId, manager, true);
      const side: ResponseSide = reach.side === 'grantee' ? 'grantee' : reach.side === 'planner' ? 'officer' : 'auditor';
      const allowed: readonly ResponseKind[] = side === 'auditor' ? ['accepted', 'comment'] : ['response'];
      if (!allowed.includes(request.kind)) {
        throw invalid([{ field: 'kind', message: `RESPONSE_KIND_NOT_ALLOWED: ${side === 'auditor' ? 'the auditor accepts or comments' : 'management posts a response'} (${allowed.join(', ')})` }]);
      }
      if (reach.engagement) this.access.assertOpen(reach.engagement);
      if (!responsesOpen(row.engagement_state)) throw stageClosed(row.engagement_state, 'respond');
      const [response] = (await manager.query(
        `INSERT INTO audit_finding_response (finding_id, side, kind, body, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [row.id, side, request.kind, body, auth.user.id],
      )) as { id: string }[];
      const grant = { grant_number: row.grant_number, organization_id: row.organization_id };
      const engagementRef = { id: row.engagement_id, agency_id: row.agency_id, reference: row.engagement_reference };
      if (side === 'auditor') {
        await this.notifyGrantee(
          manager,
          engagementRef,
          grant,
          { key: 'audit.finding_answered', params: { actor: auth.user.email, kind: request.kind, number: row.number, title: row.title, reference: row.engagement_reference, grant: row.grant_number } },
          row.id,
          'audit.finding_answered',
        );
      } else {
        const auditors = (await manager.query(
          `SELECT a.user_id FROM audit_engagement_auditor a JOIN app_user u ON u.id = a.user_id WHERE a.engagement_id = $1 AND a.removed_at IS NULL AND u.active AND a.user_id <> $2`,
          [row.engagement_id, auth.user.id],
        )) as { user_id: string }[];
        await this.notifications.notify(manager, {
          userIds: auditors.map((a) => a.user_id),
          agencyId: row.agency_id,
          kind: 'audit.finding_responded',
          message: { key: 'audit.finding_responded', params: { actor: auth.user.email, side, number: row.number, title: row.title, reference: row.engagement_reference, grant: row.grant_number } },
          entityType: 'audit_finding',
          entityId: row.id,
          email: false,
        });
      }
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: row.agency_id,
        action: 'audit.finding_responded',
        entityType: 'audit_finding',
        entityId: row.id,
        after: { responseId: response.id, side, kind: request.kind, body },
      });
    });
    return this.get(auth, engagementId, findingId);
  }

  // ------------------------------------------------------------------ refund

  /**
   * The officer confirms the finding's ineligible amount as a refund receivable, once:
   * Dr refund_receivable / Cr verified_expenditure (the rest, beyond the grant's verified
   * expenditure, Cr advance_with_grantee), with the trail record, in one transaction.
   */
  async confirmRefund(auth: AuthenticatedRequestContext, engagementId: string, findingId: string, reason: string): Promise<AuditFindingView> {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (!why) throw invalid([{ field: 'reason', message: 'REASON_REQUIRED: say why the refund is confirmed' }]);
    if (why.length > TEXT_LIMITS.reason) throw invalid([{ field: 'reason', message: `at most ${TEXT_LIMITS.reason} characters` }]);
    assertId(findingId, 'Finding');
    await this.dataSource.transaction(async (manager) => {
      const engagement = await this.access.asPlanner(auth, engagementId, manager);
      // Business rows first (the finding), then the ledger's accounts, then the trail.
      const row = await this.lockedFinding(manager, engagement.id, findingId);
      this.access.assertOpen(engagement);
      if (row.refund_journal_entry_id) {
        throw MizanException.withParams(ErrorCode.AuditRefundAlreadyConfirmed, 'The refund of this finding was already confirmed', { journalEntryId: row.refund_journal_entry_id });
      }
      const amount = BigInt(row.ineligible_minor);
      if (amount <= 0n) throw invalid([{ field: 'ineligibleMinor', message: 'NO_INELIGIBLE_AMOUNT: the finding has no ineligible amount to refund' }]);
      const balances = await grantBalances(manager, row.grant_id);
      const verified = balances['verified_expenditure'] ?? 0n;
      const advance = balances['advance_with_grantee'] ?? 0n;
      if (amount > verified + advance) {
        throw MizanException.withParams(
          ErrorCode.ValidationFailed,
          `The grant has ${verified + advance} ${row.currency} spent or with the grantee: less than the ${amount} to refund`,
          { availableMinor: (verified + advance).toString(), currency: row.currency },
          [{ field: 'ineligibleMinor', message: 'REFUND_ABOVE_GRANT_FUNDS: more than the grant has paid out' }],
        );
      }
      const lines = auditDisallowed({ grantId: row.grant_id, currency: row.currency }, { amountMinor: amount, verifiedMinor: verified });
      const fromVerified = -(lines.find((l) => l.code === 'verified_expenditure')?.amountMinor ?? 0n);
      const facts = {
        engagementId: engagement.id,
        engagementReference: engagement.reference,
        number: row.number,
        grantId: row.grant_id,
        amountMinor: amount.toString(),
        currency: row.currency,
        fromVerifiedMinor: fromVerified.toString(),
        fromAdvanceMinor: (amount - fromVerified).toString(),
      };
      const trail: TrailEntry = {
        actor: auditActorOf(auth),
        agencyId: engagement.agency_id,
        action: 'audit.refund_confirmed',
        entityType: 'audit_finding',
        entityId: row.id,
        before: { refund: 'pending' },
        after: { refund: 'confirmed', ...facts },
        reason: why,
      };
      const { entryId } = await this.ledger.post(manager, {
        agencyId: engagement.agency_id,
        programId: row.program_id,
        grantId: row.grant_id,
        kind: 'audit_disallowed',
        description: `${row.grant_number}, audit ${engagement.reference} finding ${row.number}: ineligible amount to be refunded`,
        effectiveOn: todayUtc(),
        lines,
        details: facts,
        trail,
      });
      await manager.query(
        `UPDATE audit_finding SET refund_journal_entry_id = $2, refund_confirmed_by = $3, refund_confirmed_at = now(), updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
        [row.id, entryId, auth.user.id],
      );
    });
    return this.get(auth, engagementId, findingId);
  }

  // ------------------------------------------------------------------ follow-up

  async complete(auth: AuthenticatedRequestContext, engagementId: string, findingId: string, note: string, file: { buffer: Buffer; fileName: string } | null): Promise<AuditFindingView> {
    const text = typeof note === 'string' ? note.trim() : '';
    if (text.length > TEXT_LIMITS.note) throw invalid([{ field: 'note', message: `at most ${TEXT_LIMITS.note} characters` }]);
    let stored: (StoredFile & { fileName: string; contentType: string }) | null = null;
    if (file) {
      const type = acceptedFileType(file.buffer);
      const fileName = plainFileName(file.fileName, `completion.${type.extension}`);
      // Checked before the file is kept: nothing is stored for a request that is refused anyway.
      await this.assertCanComplete(auth, engagementId, findingId);
      stored = { ...(await this.files.put(file.buffer, 'audit-findings', type.extension)), fileName, contentType: type.contentType };
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        const { row, reach } = await this.reachFinding(auth, engagementId, findingId, manager, true);
        this.checkCompleter(row, reach);
        const problem = completionProblem(row.priority, text, stored !== null);
        if (problem === 'NOTE_REQUIRED') throw invalid([{ field: 'note', message: 'NOTE_REQUIRED: say what was done' }]);
        if (problem === 'ATTACHMENT_REQUIRED') {
          throw MizanException.withParams(ErrorCode.AuditAttachmentRequired, 'Completing a high-priority action needs an attachment', { priority: row.priority }, [
            { field: 'file', message: 'AUDIT_ATTACHMENT_REQUIRED: attach the evidence (PDF, PNG or JPEG)' },
          ]);
        }
        let documentId: string | null = null;
        if (stored) {
          const document = manager.create(StoredDocument, {
            agencyId: row.agency_id,
            kind: 'audit_completion',
            fileName: stored.fileName,
            contentType: stored.contentType,
            storageKey: stored.storageKey,
            sha256: stored.sha256,
            sizeBytes: String(stored.sizeBytes),
          });
          await manager.insert(StoredDocument, document);
          documentId = document.id;
        }
        await manager.query(
          `UPDATE audit_finding SET action_state = 'completed', completion_note = $2, completion_document_id = $3, completed_by = $4, completed_at = now(),
                  updated_at = now(), row_version = row_version + 1 WHERE id = $1`,
          [row.id, text, documentId, auth.user.id],
        );
        await this.trail.append(manager, {
          actor: auditActorOf(auth),
          agencyId: row.agency_id,
          action: 'audit.action_completed',
          entityType: 'audit_finding',
          entityId: row.id,
          before: { actionState: row.action_state },
          after: {
            actionState: 'completed',
            note: text,
            side: reach.side,
            file: stored ? { documentId, fileName: stored.fileName, sizeBytes: stored.sizeBytes, sha256: stored.sha256 } : null,
          },
        });
      });
    } catch (error) {
      if (stored) await unlink(this.files.pathOf(stored.storageKey)).catch(() => undefined);
      throw error;
    }
    return this.get(auth, engagementId, findingId);
  }

  /** A second person (an officer or one of the engagement's auditors; not the completer) checks the completed action. */
  async check(auth: AuthenticatedRequestContext, engagementId: string, findingId: string, note: string | null | undefined): Promise<AuditFindingView> {
    const text = typeof note === 'string' ? note.trim() : '';
    if (text.length > TEXT_LIMITS.note) throw invalid([{ field: 'note', message: `at most ${TEXT_LIMITS.note} characters` }]);
    await this.dataSource.transaction(async (manager) => {
      const { row, reach } = await this.reachFinding(auth, engagementId, findingId, manager, true);
      if (reach.side === 'grantee') throw MizanException.forbidden('An officer or the engagement’s auditor checks a completed action');
      if (reach.side === 'auditor' && reach.engagement) this.access.assertOpen(reach.engagement);
      if (!followUpOpen(row.engagement_state)) throw stageClosed(row.engagement_state, 'follow_up');
      if (row.action_state !== 'completed') {
        throw MizanException.withParams(ErrorCode.AuditFindingNotOpen, `The action is ${row.action_state}, not completed`, { actionState: row.action_state });
      }
      if (!checkerIsSecondPerson(row.completed_by, auth.user.id)) {
        throw MizanException.withParams(ErrorCode.AuditSecondPersonRequired, 'The person who completed the action cannot also check it', { completedBy: row.completed_by ?? '' });
      }
      await manager.query(`UPDATE audit_finding SET action_state = 'checked', checked_by = $2, checked_at = now(), updated_at = now(), row_version = row_version + 1 WHERE id = $1`, [
        row.id,
        auth.user.id,
      ]);
      await this.trail.append(manager, {
        actor: auditActorOf(auth),
        agencyId: row.agency_id,
        action: 'audit.action_checked',
        entityType: 'audit_finding',
        entityId: row.id,
        before: { actionState: 'completed', completedBy: row.completed_by },
        after: { actionState: 'checked', side: reach.side, blocksTranche: false },
        reason: text || null,
      });
    });
    return this.get(auth, engagementId, findingId);
  }

  // ------------------------------------------------------------------ helpers

  private checkCompleter(row: FindingRow, reach: Reach): void {
    if (reach.side === 'auditor') throw MizanException.forbidden('The grantee or an officer completes the agreed action');
    if (reach.side === 'grantee' && reach.relation !== 'member') throw MizanException.forbidden('A member of the grantee organization completes the agreed action');
    if (!followUpOpen(row.engagement_state)) throw stageClosed(row.engagement_state, 'follow_up');
    if (row.action_state !== 'open') throw MizanException.withParams(ErrorCode.AuditFindingNotOpen, `The action is ${row.action_state}`, { actionState: row.action_state });
  }

  /** The planner's or auditor's reach to an engagement, or null when the caller is neither (a grantee, or nobody). */
  private async reachEngagement(auth: AuthenticatedRequestContext, engagementId: string, manager: EntityManager): Promise<Reach | null> {
    const roles = auth.user.roles();
    if (!can(roles, 'audit.plan') && !can(roles, 'audit.conduct')) return null;
    const access = await this.access.engagement(auth, engagementId, manager);
    return { engagement: access.engagement, side: access.role, relation: null };
  }

  /** The finding and how the caller reaches it; 404 for anyone else (and for a grantee while the engagement is in fieldwork). */
  private async reachFinding(auth: AuthenticatedRequestContext, engagementId: string, findingId: string, manager: EntityManager, lock = false): Promise<{ row: FindingRow; reach: Reach }> {
    assertId(engagementId, 'Engagement');
    assertId(findingId, 'Finding');
    const reach = await this.reachEngagement(auth, engagementId, manager);
    if (lock) await manager.query('SELECT 1 FROM audit_finding WHERE id = $1 AND engagement_id = $2 FOR UPDATE', [findingId, engagementId]);
    const [row] = (await manager.query(`${FINDING_SELECT} WHERE f.id = $1 AND f.engagement_id = $2`, [findingId, engagementId])) as FindingRow[];
    if (!row) throw MizanException.notFound('Finding');
    if (reach) return { row, reach };
    if (!findingVisibleToGrantee(row.engagement_state)) throw MizanException.notFound('Finding');
    let relation: 'member' | 'partner';
    try {
      relation = await this.grants.granteeRelation(auth, row.grant_id, manager);
    } catch {
      throw MizanException.notFound('Finding');
    }
    return { row, reach: { engagement: null, side: 'grantee', relation } };
  }

  private async lockedFinding(manager: EntityManager, engagementId: string, findingId: string): Promise<FindingRow> {
    await manager.query('SELECT 1 FROM audit_finding WHERE id = $1 AND engagement_id = $2 FOR UPDATE', [findingId, engagementId]);
    const [row] = (await manager.query(`${FINDING_SELECT} WHERE f.id = $1 AND f.engagement_id = $2`, [findingId, engagementId])) as FindingRow[];
    if (!row) throw MizanException.notFound('Finding');
    return row;
  }

  private async granteeRows(manager: EntityManager, auth: AuthenticatedRequestContext, extra: string, params: unknown[]): Promise<(FindingRow & { relation: 'member' | 'partner' })[]> {
    const roles = auth.user.roles();
    const own = can(roles, 'grant.own');
    const partner = can(roles, 'grant.partner');
    if (!own && !partner) return [];
    const rows = (await manager.query(
      `${FINDING_SELECT} WHERE f.grant_id IN (${GRANTEE_GRANTS}) AND e.state IN ${VISIBLE_TO_GRANTEE} ${extra} ORDER BY f.raised_at DESC, f.number LIMIT 500`,
      [auth.user.id, own, partner, ...params],
    )) as FindingRow[];
    if (rows.length === 0) return [];
    const members = (await manager.query(
      `SELECT g.id FROM grant_award g JOIN organization_member m ON m.organization_id = g.organization_id AND m.user_id = $1 WHERE g.id = ANY($2::uuid[])`,
      [auth.user.id, [...new Set(rows.map((r) => r.grant_id))]],
    )) as { id: string }[];
    const memberOf = new Set(own ? members.map((m) => m.id) : []);
    return rows.map((r) => ({ ...r, relation: memberOf.has(r.grant_id) ? 'member' : 'partner' }));
  }

  private async viewOne(manager: EntityManager, row: FindingRow, reach: Reach, auth: AuthenticatedRequestContext): Promise<AuditFindingView> {
    const [view] = await this.views(manager, [row], auth, () => ({ side: reach.side, relation: reach.relation }));
    return view;
  }

  private async views(
    manager: EntityManager,
    rows: FindingRow[],
    auth: AuthenticatedRequestContext,
    sideOf: (row: FindingRow & { relation?: 'member' | 'partner' }) => { side: FindingSide; relation: 'member' | 'partner' | null },
  ): Promise<AuditFindingView[]> {
    if (rows.length === 0) return [];
    const responses = (await manager.query(
      `SELECT r.id, r.finding_id, r.side, r.kind, r.body, r.author_id, u.display_name AS author_name, r.created_at
         FROM audit_finding_response r JOIN app_user u ON u.id = r.author_id WHERE r.finding_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
      [rows.map((r) => r.id)],
    )) as { id: string; finding_id: string; side: ResponseSide; kind: ResponseKind; body: string; author_id: string; author_name: string; created_at: Date }[];
    const byFinding = new Map<string, FindingResponseView[]>();
    for (const r of responses) {
      const list = byFinding.get(r.finding_id) ?? [];
      list.push({ id: r.id, side: r.side, kind: r.kind, body: r.body, author: { id: r.author_id, name: r.author_name }, createdAt: new Date(r.created_at).toISOString() });
      byFinding.set(r.finding_id, list);
    }
    return rows.map((row) => {
      const { side, relation } = sideOf(row);
      return this.toView(row, byFinding.get(row.id) ?? [], this.actionsOf(row, side, relation, auth.user.id));
    });
  }

  private actionsOf(row: FindingRow, side: FindingSide, relation: 'member' | 'partner' | null, userId: string): AuditFindingAction[] {
    const state = row.engagement_state;
    const actions: AuditFindingAction[] = [];
    const followUp = followUpOpen(state);
    const checkable = followUp && row.action_state === 'completed' && row.completed_by !== userId;
    if (side === 'auditor') {
      if (state === 'closed') return actions;
      if (EDITABLE.includes(state)) actions.push('edit');
      if (responsesOpen(state)) actions.push('accept', 'comment');
      if (checkable) actions.push('check');
    } else if (side === 'planner') {
      if (responsesOpen(state)) actions.push('respond');
      if (state !== 'closed' && BigInt(row.ineligible_minor) > 0n && !row.refund_journal_entry_id) actions.push('confirm_refund');
      if (followUp && row.action_state === 'open') actions.push('complete');
      if (checkable) actions.push('check');
    } else {
      if (responsesOpen(state)) actions.push('respond');
      if (relation === 'member' && followUp && row.action_state === 'open') actions.push('complete');
    }
    return actions;
  }

  private toView(row: FindingRow, responses: FindingResponseView[], actions: AuditFindingAction[]): AuditFindingView {
    return {
      id: row.id,
      engagementId: row.engagement_id,
      engagementReference: row.engagement_reference,
      number: row.number,
      grantId: row.grant_id,
      grantNumber: row.grant_number,
      grantTitle: row.grant_title,
      sampleItemId: row.sample_item_id,
      category: row.category,
      title: row.title,
      description: row.description,
      priority: row.priority,
      affectedMinor: row.affected_minor,
      ineligibleMinor: row.ineligible_minor,
      currency: row.currency,
      recommendation: row.recommendation,
      action: row.action,
      actionOwner: row.action_owner,
      actionDueOn: row.action_due_on,
      actionState: row.action_state,
      completionNote: row.completion_note,
      completionFile: row.file_name ? { name: row.file_name, sizeBytes: row.file_size ?? '0' } : null,
      completedBy: person(row.completed_by, row.completed_by_name),
      completedAt: iso(row.completed_at),
      checkedBy: person(row.checked_by, row.checked_by_name),
      checkedAt: iso(row.checked_at),
      refund: {
        state: row.refund_journal_entry_id ? 'confirmed' : BigInt(row.ineligible_minor) > 0n ? 'pending' : 'none',
        journalEntryId: row.refund_journal_entry_id,
        confirmedBy: person(row.refund_confirmed_by, row.refund_confirmed_by_name),
        confirmedAt: iso(row.refund_confirmed_at),
      },
      blocksTranche: findingBlocksTranche(row.priority, row.action_state),
      responses,
      raisedBy: { id: row.raised_by, name: row.raised_by_name },
      raisedAt: new Date(row.raised_at).toISOString(),
      rowVersion: row.row_version,
      actions,
    };
  }

  /** Checks the fields of a finding (raise, or an edit merged with the stored row): 4xx naming each field. */
  private checkFindingInput(
    request: Omit<Partial<RaiseAuditFindingRequest>, 'grantId' | 'sampleItemId'>,
    existing: FindingRow | null,
  ): {
    category: FindingCategory | null;
    title: string | null;
    description: string;
    priority: FindingPriority;
    affected: bigint;
    ineligible: bigint;
    recommendation: string;
    action: string;
    actionOwner: string;
    actionDueOn: string | null;
  } {
    const problems: FieldProblem[] = [];
    const category = request.category ?? null;
    if (category !== null && !(FINDING_CATEGORIES as readonly string[]).includes(category)) problems.push({ field: 'category', message: `one of ${FINDING_CATEGORIES.join(', ')}, or none with a title` });
    const title = typeof request.title === 'string' && request.title.trim() ? request.title.trim() : null;
    if (category === null && title === null) problems.push({ field: 'title', message: 'TITLE_REQUIRED: choose a category or write a title' });
    const text = (field: keyof typeof TEXT_LIMITS, value: unknown): string => {
      const s = typeof value === 'string' ? value.trim() : '';
      if (value !== undefined && value !== null && typeof value !== 'string') problems.push({ field, message: 'must be text' });
      if (s.length > TEXT_LIMITS[field]) problems.push({ field, message: `at most ${TEXT_LIMITS[field]} characters` });
      return s;
    };
    if (title) text('title', title);
    const priority = request.priority ?? existing?.priority;
    if (priority !== 'high' && priority !== 'medium' && priority !== 'low') problems.push({ field: 'priority', message: 'one of high, medium, low' });
    const amounts = checkFindingAmounts(request.affectedMinor, request.ineligibleMinor);
    if (Array.isArray(amounts)) for (const issue of amounts) problems.push({ field: issue.field, message: AMOUNT_MESSAGES[issue.code] });
    const due = request.actionDueOn ?? null;
    if (due !== null && (typeof due !== 'string' || !isIsoDate(due))) problems.push({ field: 'actionDueOn', message: 'a date YYYY-MM-DD' });
    const result = {
      category,
      title,
      description: text('description', request.description),
      priority: priority as FindingPriority,
      recommendation: text('recommendation', request.recommendation),
      action: text('action', request.action),
      actionOwner: text('actionOwner', request.actionOwner),
      actionDueOn: due,
    };
    if (problems.length > 0 || Array.isArray(amounts)) throw invalid(problems);
    return { ...result, affected: amounts.affected, ineligible: amounts.ineligible };
  }

  private async notifyGrantee(
    manager: EntityManager,
    engagement: Pick<EngagementRow, 'id' | 'agency_id' | 'reference'>,
    grant: { organization_id: string },
    message: { key: string; params: Record<string, string | number> },
    findingId: string,
    kind: string,
  ): Promise<void> {
    const members = (await manager.query(
      `SELECT m.user_id FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.active`,
      [grant.organization_id],
    )) as { user_id: string }[];
    await this.notifications.notify(manager, {
      userIds: members.map((m) => m.user_id),
      agencyId: engagement.agency_id,
      kind,
      message,
      entityType: 'audit_finding',
      entityId: findingId,
      email: false,
    });
  }

  /**
   * Tells the grantee organizations about the engagement's findings once they become visible
   * (the engagement moving to draft_report): call inside that transition's transaction.
   */
  async notifyFindingsVisible(manager: EntityManager, engagement: Pick<EngagementRow, 'id' | 'agency_id' | 'reference'>): Promise<void> {
    const rows = (await manager.query(
      `SELECT f.id, f.number, f.title, g.grant_number, g.organization_id FROM audit_finding f JOIN grant_award g ON g.id = f.grant_id WHERE f.engagement_id = $1 ORDER BY f.number`,
      [engagement.id],
    )) as { id: string; number: number; title: string; grant_number: string; organization_id: string }[];
    for (const f of rows) {
      await this.notifyGrantee(manager, engagement, f, { key: 'audit.finding_visible', params: { reference: engagement.reference, number: f.number, title: f.title, grant: f.grant_number } }, f.id, 'audit.finding_visible');
    }
  }
}
