import { Controller, Get, Query } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutboundEmailSummary, OutboundEmailView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { OutboxService } from '@mizan/server/review';
import { OutboxQueryDto } from './decisions.dto';

/** The agency's email outbox: what was sent, what waits, what failed and why. */
@ApiTags('outbox')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @RequirePermission('outbox.read')
  @ApiOperation({ summary: 'List outbound e-mail' })
  @Get()
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: OutboxQueryDto): Promise<OutboundEmailSummary[]> {
    return this.outbox.list(auth.user.agencyId, { status: query.status });
  }

  @RequirePermission('outbox.read')
  @ApiOperation({ summary: 'Read an outbound e-mail' })
  @Get(':id')
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<OutboundEmailView> {
    return this.outbox.get(auth.user.agencyId, id);
  }
}
