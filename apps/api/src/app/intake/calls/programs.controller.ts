import { Body, Controller, Get, Post } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntakePaths, ProgramView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ProgramsService } from '@mizan/server/intake';
import { CreateProgramDto } from './calls.dto';

@ApiTags('programs')
@Controller(IntakePaths.programs)
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'Create a program' })
  @Post()
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: CreateProgramDto): Promise<ProgramView> {
    return this.programs.create(auth, body);
  }

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'List programs' })
  @Get()
  list(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<ProgramView[]> {
    return this.programs.list(auth);
  }

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'Read a program' })
  @Get(':id')
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ProgramView> {
    return this.programs.get(auth, id);
  }
}
