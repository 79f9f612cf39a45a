import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntakePaths, OrganizationView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { OrganizationsService } from '@mizan/server/intake';
import { OrganizationInputDto, OrganizationListQueryDto, SetDueDiligenceDto, UpdateOrganizationDto } from './organizations.dto';
import { ORGANIZATION_READERS, requireOneOf } from './require-one-of';

@ApiTags('organizations')
@Controller(IntakePaths.organizations)
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'Register an organization' })
  @Post()
  register(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: OrganizationInputDto): Promise<OrganizationView> {
    return this.organizations.register(auth, body);
  }

  /** Applicants: their own organizations. Officers: all of their agency's, optionally by due-diligence status. */
  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List organizations' })
  @Get()
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: OrganizationListQueryDto): Promise<OrganizationView[]> {
    requireOneOf(auth, ORGANIZATION_READERS);
    return this.organizations.list(auth, query.ddStatus);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read an organization' })
  @Get(':id')
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<OrganizationView> {
    requireOneOf(auth, ORGANIZATION_READERS);
    return this.organizations.get(auth, id);
  }

  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'Update an organization' })
  @Put(':id')
  update(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.update(auth, id, body);
  }

  @RequirePermission('due_diligence.review')
  @ApiOperation({ summary: 'Set an organization’s due-diligence status' })
  @Put(':id/due-diligence')
  setDueDiligence(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: SetDueDiligenceDto): Promise<OrganizationView> {
    return this.organizations.setDueDiligence(auth, id, body);
  }
}
