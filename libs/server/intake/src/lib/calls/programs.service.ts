import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateProgramRequest, ErrorCode, FieldProblem, ProgramView } from '@mizan/contracts';
import { isIsoCalendarDate } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailService } from '@mizan/server/trail';
import { assertUuid } from '../access/intake-access.service';
import { Program } from '../entities/program.entity';

function toView(p: Program, callCount: number): ProgramView {
  return {
    id: p.id,
    name: p.name,
    countries: p.countries,
    themes: p.themes,
    budgetMinor: String(p.budgetMinor),
    currency: p.currency,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    createdAt: p.createdAt.toISOString(),
    callCount,
  };
}

/** Programs belong to one agency; officers of other agencies get 404, as if they did not exist. */
@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  async create(auth: AuthenticatedRequestContext, input: CreateProgramRequest): Promise<ProgramView> {
    const fields: FieldProblem[] = [];
    if (!isIsoCalendarDate(input.periodStart)) fields.push({ field: 'periodStart', message: `"${input.periodStart}" is not a date like 2027-01-01` });
    if (!isIsoCalendarDate(input.periodEnd)) fields.push({ field: 'periodEnd', message: `"${input.periodEnd}" is not a date like 2027-12-31` });
    if (fields.length === 0 && input.periodEnd < input.periodStart) fields.push({ field: 'periodEnd', message: 'The period cannot end before it starts' });
    if (!/^\d{1,18}$/.test(input.budgetMinor) || BigInt(input.budgetMinor) <= 0n) fields.push({ field: 'budgetMinor', message: 'The budget must be more than zero' });
    if (fields.length > 0) throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields);

    const id = await this.trail.record(async (manager) => {
      const program = manager.create(Program, {
        agencyId: auth.user.agencyId,
        name: input.name.trim(),
        countries: input.countries,
        themes: input.themes.map((t) => t.trim()),
        budgetMinor: input.budgetMinor,
        currency: input.currency,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        createdBy: auth.user.id,
      });
      await manager.save(program);
      return {
        result: program.id,
        entries: [
          {
            actor: { id: auth.user.id, label: auth.user.email },
            agencyId: auth.user.agencyId,
            action: 'program.created',
            entityType: 'program',
            entityId: program.id,
            after: { ...input, name: program.name, themes: program.themes },
          },
        ],
      };
    });
    return this.get(auth, id);
  }

  async list(auth: AuthenticatedRequestContext): Promise<ProgramView[]> {
    const programs = await this.dataSource.manager.find(Program, { where: { agencyId: auth.user.agencyId }, order: { createdAt: 'DESC' } });
    const counts = await this.callCounts(programs.map((p) => p.id));
    return programs.map((p) => toView(p, counts.get(p.id) ?? 0));
  }

  async get(auth: AuthenticatedRequestContext, id: string): Promise<ProgramView> {
    const program = await this.visible(auth, id);
    const counts = await this.callCounts([program.id]);
    return toView(program, counts.get(program.id) ?? 0);
  }

  /** The program if it belongs to the caller's agency; otherwise 404. */
  async visible(auth: AuthenticatedRequestContext, id: string, manager: EntityManager = this.dataSource.manager): Promise<Program> {
    assertUuid(id, 'Program');
    const program = await manager.findOne(Program, { where: { id, agencyId: auth.user.agencyId } });
    if (!program) throw MizanException.notFound('Program');
    return program;
  }

  private async callCounts(programIds: string[]): Promise<Map<string, number>> {
    if (programIds.length === 0) return new Map();
    const rows = (await this.dataSource.query('SELECT program_id, count(*)::int AS n FROM grant_call WHERE program_id = ANY($1) GROUP BY program_id', [programIds])) as {
      program_id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.program_id, r.n]));
  }
}
