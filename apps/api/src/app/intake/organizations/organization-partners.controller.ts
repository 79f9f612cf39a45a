import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntakePaths, PartnerView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { PartnersService } from '@mizan/server/intake';
import { PartnerInputDto } from './organizations.dto';
import { ORGANIZATION_READERS, requireOneOf } from './require-one-of';

/** A partner user's own partner organizations. */
export const MY_PARTNERS_PATH = IntakePaths.myPartners;

@ApiTags('partners')
@Controller()
export class OrganizationPartnersController {
  constructor(private readonly partners: PartnersService) {}

  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'Add a partner to an organization' })
  @Post(`${IntakePaths.organizations}/:id/partners`)
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: PartnerInputDto): Promise<PartnerView> {
    return this.partners.create(auth, id, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List an organization’s partners' })
  @Get(`${IntakePaths.organizations}/:id/partners`)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<PartnerView[]> {
    requireOneOf(auth, ORGANIZATION_READERS);
    return this.partners.list(auth, id);
  }

  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'Update a partner of an organization' })
  @Put(`${IntakePaths.organizations}/:id/partners/:partnerId`)
  update(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('partnerId') partnerId: string,
    @Body() body: PartnerInputDto,
  ): Promise<PartnerView> {
    return this.partners.update(auth, id, partnerId, body);
  }

  @RequirePermission('application.partner')
  @ApiOperation({ summary: 'List the partners the user belongs to' })
  @Get(MY_PARTNERS_PATH)
  mine(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<PartnerView[]> {
    return this.partners.mine(auth);
  }
}
