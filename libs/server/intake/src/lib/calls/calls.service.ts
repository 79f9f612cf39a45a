import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { CallRulesInput, CallVersionView, CallView, CorrectCallRequest, CreateCallRequest, ErrorCode, FieldProblem, can } from '@mizan/contracts';
import { callRulesViolations, envelopeViolation, instantToZonedLocal, zonedLocalToInstant } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { assertUuid } from '../access/intake-access.service';
import { GrantCall, GrantCallVersion } from '../entities/grant-call.entity';
import { Program } from '../entities/program.entity';
import { isOpen } from './call-rules';

/** Applications that count as submitted: every state an applicant reaches by submitting, except withdrawal. */
const SUBMITTED_STATES_SQL = `state NOT IN ('draft','withdrawn')`;

export function callRulesInputOf(call: GrantCall): CallRulesInput {
  return {
    title: call.title,
    description: call.description,
    timeZone: call.timeZone,
    opensAtLocal: instantToZonedLocal(new Date(call.opensAt), call.timeZone),
    closesAtLocal: instantToZonedLocal(new Date(call.closesAt), call.timeZone),
    envelopeMinor: String(call.envelopeMinor),
    maxGrantMinor: String(call.maxGrantMinor),
    minCofundingBp: call.minCofundingBp,
    adminCapBp: call.adminCapBp,
    hostCountries: [...call.hostCountries],
    requirePartner: call.requirePartner,
    minOrganizationAgeMonths: call.minOrganizationAgeMonths,
    requiredDocuments: [...call.requiredDocuments],
    rubric: {
      criteria: call.rubric.criteria.map((c) => ({ id: c.id, title: c.title, description: c.description, weight: c.weight })),
      scale: [...call.rubric.scale],
    },
  };
}

function validationFailed(fields: FieldProblem[]): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Invalid ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields);
}

/** The IANA spelling of a zone the runtime accepted ("europe/stockholm" → "Europe/Stockholm"). */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
}

interface CheckedRules {
  input: CallRulesInput;
  timeZone: string;
  opensAt: Date;
  closesAt: Date;
  envelope: bigint;
}

/** Everything that can be judged without the database; a 400 naming each bad field otherwise. */
function checked(input: CallRulesInput): CheckedRules {
  const violations = callRulesViolations(input);
  if (violations.length > 0) throw validationFailed(violations);
  const timeZone = canonicalZone(input.timeZone);
  return {
    input,
    timeZone,
    // Validated above: these cannot throw.
    opensAt: zonedLocalToInstant(input.opensAtLocal, timeZone),
    closesAt: zonedLocalToInstant(input.closesAtLocal, timeZone),
    envelope: BigInt(input.envelopeMinor),
  };
}

function assign(call: GrantCall, rules: CheckedRules): void {
  const i = rules.input;
  call.title = i.title.trim();
  call.description = i.description;
  call.timeZone = rules.timeZone;
  call.opensAt = rules.opensAt;
  call.closesAt = rules.closesAt;
  call.envelopeMinor = i.envelopeMinor;
  call.maxGrantMinor = i.maxGrantMinor;
  call.minCofundingBp = i.minCofundingBp;
  call.adminCapBp = i.adminCapBp;
  call.hostCountries = [...i.hostCountries];
  call.requirePartner = i.requirePartner;
  call.minOrganizationAgeMonths = i.minOrganizationAgeMonths;
  call.requiredDocuments = [...i.requiredDocuments];
  call.rubric = {
    criteria: i.rubric.criteria.map((c) => ({ id: c.id.trim(), title: c.title, description: c.description, weight: c.weight })),
    scale: [...i.rubric.scale],
  };
}

/**
 * Calls for proposals: created as drafts under a program, published, edited
 * in place until the first submission, corrected (as a new version with a
 * reason) after that.
 *
 * Lock order, to stay free of deadlocks: the call row first, then its program.
 */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  async create(auth: AuthenticatedRequestContext, programId: string, input: CreateCallRequest): Promise<CallView> {
    assertUuid(programId, 'Program');
    const rules = checked(input);
    const id = await this.trail.record(async (manager) => {
      const program = await this.lockProgramWithRoom(manager, auth, programId, rules, null);
      const call = manager.create(GrantCall, {
        programId: program.id,
        agencyId: program.agencyId,
        version: 1,
        status: 'draft',
        currency: program.currency,
        publishedAt: null,
        createdBy: auth.user.id,
      });
      assign(call, rules);
      await manager.save(call);
      return { result: call.id, entries: [this.entry(auth, 'call.created', call.id, { after: callRulesInputOf(call) })] };
    });
    return this.get(auth, id);
  }

  async list(auth: AuthenticatedRequestContext, programId?: string): Promise<CallView[]> {
    if (programId !== undefined) {
      assertUuid(programId, 'Program');
      const program = await this.dataSource.manager.findOne(Program, { where: { id: programId, agencyId: auth.user.agencyId } });
      if (!program) throw MizanException.notFound('Program');
    }
    const calls = await this.dataSource.manager.find(GrantCall, {
      where: { agencyId: auth.user.agencyId, ...(programId ? { programId } : {}) },
      order: { createdAt: 'DESC' },
    });
    return this.views(calls);
  }

  /** Published calls of the applicant's agency that are open now or will open later, soonest deadline first. */
  async openCalls(auth: AuthenticatedRequestContext, now = new Date()): Promise<CallView[]> {
    const calls = await this.dataSource.manager.find(GrantCall, {
      where: { agencyId: auth.user.agencyId, status: 'published', closesAt: MoreThan(now) },
      order: { closesAt: 'ASC', id: 'ASC' },
    });
    return this.views(calls, now);
  }

  async get(auth: AuthenticatedRequestContext, id: string): Promise<CallView> {
    const call = await this.readable(auth, id);
    const [view] = await this.views([call]);
    return view;
  }

  /** Edit in place: only while nobody has applied under the current rules. */
  async update(auth: AuthenticatedRequestContext, id: string, input: CreateCallRequest): Promise<CallView> {
    assertUuid(id, 'Call');
    const rules = checked(input);
    await this.trail.record(async (manager) => {
      const call = await this.lockManaged(manager, auth, id);
      if (call.status === 'published' && (await this.hasSubmissions(manager, call.id))) {
        throw new MizanException(
          ErrorCode.Conflict,
          'Applications have been submitted to this call, so its rules cannot be edited in place: file a correction with the reason instead',
        );
      }
      await this.lockProgramWithRoom(manager, auth, call.programId, rules, call.id);
      const before = callRulesInputOf(call);
      assign(call, rules);
      await manager.save(call);
      return { result: call.id, entries: [this.entry(auth, 'call.updated', call.id, { before, after: callRulesInputOf(call) })] };
    });
    return this.get(auth, id);
  }

  async publish(auth: AuthenticatedRequestContext, id: string, now = new Date()): Promise<CallView> {
    assertUuid(id, 'Call');
    await this.trail.record(async (manager) => {
      const call = await this.lockManaged(manager, auth, id);
      if (call.status !== 'draft') throw new MizanException(ErrorCode.Conflict, 'The call is already published');
      if (new Date(call.closesAt).getTime() <= now.getTime()) {
        throw new MizanException(ErrorCode.Conflict, 'The call’s closing time has passed: move it later before publishing', [
          { field: 'closesAtLocal', message: 'The closing time has already passed' },
        ]);
      }
      call.status = 'published';
      call.publishedAt = now;
      await manager.save(call);
      return {
        result: call.id,
        entries: [
          this.entry(auth, 'call.published', call.id, {
            before: { status: 'draft' },
            after: { status: 'published', publishedAt: now.toISOString(), version: call.version, rules: callRulesInputOf(call) },
          }),
        ],
      };
    });
    return this.get(auth, id);
  }

  /** A published call's rules change only as a new version: the old rules are kept with the reason they were replaced. */
  async correct(auth: AuthenticatedRequestContext, id: string, request: CorrectCallRequest): Promise<CallView> {
    assertUuid(id, 'Call');
    const { reason, ...input } = request;
    const rules = checked(input);
    await this.trail.record(async (manager) => {
      const call = await this.lockManaged(manager, auth, id);
      if (call.status !== 'published') {
        throw new MizanException(ErrorCode.Conflict, 'The call is still a draft: edit it in place, corrections are for published calls');
      }
      await this.lockProgramWithRoom(manager, auth, call.programId, rules, call.id);
      const before = callRulesInputOf(call);
      await manager.insert(GrantCallVersion, { callId: call.id, version: call.version, rules: before, reason: reason.trim(), createdBy: auth.user.id });
      const previousVersion = call.version;
      assign(call, rules);
      call.version = previousVersion + 1;
      await manager.save(call);
      return {
        result: call.id,
        entries: [
          this.entry(auth, 'call.corrected', call.id, {
            before: { version: previousVersion, rules: before },
            after: { version: call.version, rules: callRulesInputOf(call) },
            reason: reason.trim(),
          }),
        ],
      };
    });
    return this.get(auth, id);
  }

  /**
   * Every version of the call, oldest first. grant_call_version keeps each
   * superseded version with the reason it was replaced; here each version is
   * shown with the reason it came to be (version 1 has none).
   */
  async versions(auth: AuthenticatedRequestContext, id: string): Promise<CallVersionView[]> {
    const call = await this.readable(auth, id);
    const rows = (await this.dataSource.query(
      `SELECT v.version, v.rules, v.reason, v.created_at, u.display_name
         FROM grant_call_version v JOIN app_user u ON u.id = v.created_by
        WHERE v.call_id = $1 ORDER BY v.version`,
      [call.id],
    )) as { version: number; rules: CallRulesInput; reason: string; created_at: Date; display_name: string }[];
    const creator = (await this.dataSource.query('SELECT display_name FROM app_user WHERE id = $1', [call.createdBy])) as { display_name: string }[];
    const byVersion = new Map(rows.map((r) => [r.version, r]));
    const out: CallVersionView[] = [];
    for (let v = 1; v <= call.version; v++) {
      const origin = byVersion.get(v - 1);
      out.push({
        version: v,
        reason: origin?.reason ?? '',
        createdAt: (origin?.created_at ?? call.publishedAt ?? call.createdAt).toISOString(),
        createdBy: origin?.display_name ?? creator[0]?.display_name ?? '',
        rules: v === call.version ? callRulesInputOf(call) : (byVersion.get(v)?.rules ?? callRulesInputOf(call)),
      });
    }
    return out;
  }

  /** A call the caller may read: officers see their agency's calls, applicants its published ones. */
  async readable(auth: AuthenticatedRequestContext, id: string, manager: EntityManager = this.dataSource.manager): Promise<GrantCall> {
    const roles = auth.user.roles();
    const officer = can(roles, 'program.manage');
    if (!officer && !can(roles, 'call.browse')) throw MizanException.forbidden();
    assertUuid(id, 'Call');
    const call = await manager.findOne(GrantCall, { where: { id, agencyId: auth.user.agencyId } });
    if (!call || (!officer && call.status !== 'published')) throw MizanException.notFound('Call');
    return call;
  }

  async views(calls: GrantCall[], now = new Date()): Promise<CallView[]> {
    if (calls.length === 0) return [];
    const ids = calls.map((c) => c.id);
    const programs = await this.dataSource.manager.find(Program, { where: { id: In([...new Set(calls.map((c) => c.programId))]) } });
    const names = new Map(programs.map((p) => [p.id, p.name]));
    const counts = (await this.dataSource.query(
      `SELECT call_id, count(*)::int AS n FROM application WHERE call_id = ANY($1) AND ${SUBMITTED_STATES_SQL} GROUP BY call_id`,
      [ids],
    )) as { call_id: string; n: number }[];
    const submitted = new Map(counts.map((r) => [r.call_id, r.n]));
    return calls.map((call) => ({
      ...callRulesInputOf(call),
      id: call.id,
      programId: call.programId,
      programName: names.get(call.programId) ?? '',
      currency: call.currency,
      version: call.version,
      status: call.status,
      opensAt: new Date(call.opensAt).toISOString(),
      closesAt: new Date(call.closesAt).toISOString(),
      isOpen: isOpen(call, now),
      submittedCount: submitted.get(call.id) ?? 0,
      publishedAt: call.publishedAt ? new Date(call.publishedAt).toISOString() : null,
    }));
  }

  private async lockManaged(manager: EntityManager, auth: AuthenticatedRequestContext, id: string): Promise<GrantCall> {
    const call = await manager.findOne(GrantCall, { where: { id, agencyId: auth.user.agencyId }, lock: { mode: 'pessimistic_write' } });
    if (!call) throw MizanException.notFound('Call');
    return call;
  }

  /**
   * Locks the program row so that two officers saving calls of one program at
   * the same time are serialized, then checks the envelope against what the
   * program's other calls leave of its budget.
   */
  private async lockProgramWithRoom(
    manager: EntityManager,
    auth: AuthenticatedRequestContext,
    programId: string,
    rules: CheckedRules,
    exceptCallId: string | null,
  ): Promise<Program> {
    const program = await manager.findOne(Program, { where: { id: programId, agencyId: auth.user.agencyId }, lock: { mode: 'pessimistic_write' } });
    if (!program) throw MizanException.notFound('Program');
    const [row] = (await manager.query(
      `SELECT COALESCE(sum(envelope_minor), 0)::text AS committed FROM grant_call WHERE program_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [program.id, exceptCallId],
    )) as { committed: string }[];
    const violation = envelopeViolation(rules.envelope, BigInt(program.budgetMinor), BigInt(row.committed), program.currency);
    if (violation) throw validationFailed([violation]);
    return program;
  }

  private async hasSubmissions(manager: EntityManager, callId: string): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM application WHERE call_id = $1 AND (submitted_at IS NOT NULL OR ${SUBMITTED_STATES_SQL})) AS submitted`,
      [callId],
    )) as { submitted: boolean }[];
    return row.submitted;
  }

  private entry(auth: AuthenticatedRequestContext, action: TrailEntry['action'], callId: string, change: Pick<TrailEntry, 'before' | 'after' | 'reason'>): TrailEntry {
    return { actor: { id: auth.user.id, label: auth.user.email }, agencyId: auth.user.agencyId, action, entityType: 'call', entityId: callId, ...change };
  }
}
