import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { IdParam, MizanException } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPaths, ErrorCode, UserSummary } from '@mizan/contracts';
import { Acting, AuthenticatedRequestContext, CurrentAuth, RequirePermission, RequireRecentAuth, UsersService, reauthIsRecent } from '@mizan/server/identity';
import { CreateUserDto, UpdateUserActiveDto, UpdateUserRolesDto } from './auth.dto';

export function actingOf(auth: AuthenticatedRequestContext): Acting {
  return { actor: { id: auth.user.id, label: auth.user.email }, agencyId: auth.user.agencyId };
}

@ApiTags('users')
@Controller(ApiPaths.users)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @RequirePermission('user.read')
  @ApiOperation({ summary: 'List the agency’s users' })
  @Get()
  list(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<UserSummary[]> {
    return this.users.list(auth.user.agencyId);
  }

  @RequirePermission('user.manage')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Create a user' })
  @Post()
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: CreateUserDto): Promise<UserSummary> {
    return this.users.create(actingOf(auth), body);
  }

  @RequirePermission('user.manage')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Set a user’s roles' })
  @Put(':id/roles')
  setRoles(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: UpdateUserRolesDto): Promise<UserSummary> {
    return this.users.setRoles(actingOf(auth), id, body.roles, body.reason, body.rolePairReason);
  }

  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Activate or deactivate a user' })
  @Put(':id/active')
  setActive(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: UpdateUserActiveDto): Promise<UserSummary> {
    // Deactivating stays one step (it protects); giving an account back its access is as sensitive as a role change.
    if (body.active && !reauthIsRecent(auth.session.reauthenticatedAt, new Date())) {
      throw new MizanException(ErrorCode.ReauthRequired, 'Confirm it is you: enter your password again');
    }
    return this.users.setActive(actingOf(auth), id, body.active, body.reason);
  }
}
