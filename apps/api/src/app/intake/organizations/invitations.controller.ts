import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IntakePaths, InvitationView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, Public, RequirePermission } from '@mizan/server/identity';
import { AcceptedInvitation, InvitationsService } from '@mizan/server/intake';
import { AcceptInvitationDto, InviteDto } from './organizations.dto';
import { ErrorResponses } from '../../openapi/error-responses';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** The response carries the accept link; emailing it comes with the notifications issue. */
  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'Invite someone to an organization' })
  @Post(`${IntakePaths.organizations}/:id/invitations`)
  invite(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: InviteDto): Promise<InvitationView> {
    return this.invitations.invite(auth, id, body);
  }

  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'List an organization’s invitations' })
  @Get(`${IntakePaths.organizations}/:id/invitations`)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<InvitationView[]> {
    return this.invitations.list(auth, id);
  }

  /** Public: the token itself is the credential. The new member signs in afterwards. */
  @Public()
  @ApiOperation({ summary: 'Accept an invitation and create the account' })
  @ErrorResponses(409, 410)
  @Post(IntakePaths.acceptInvitation)
  @HttpCode(200)
  accept(@Body() body: AcceptInvitationDto, @Req() request: FastifyRequest): Promise<AcceptedInvitation> {
    return this.invitations.accept(body, request.ip);
  }
}
