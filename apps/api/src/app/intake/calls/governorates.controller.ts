import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { GovernorateView, IntakePaths } from '@mizan/contracts';
import { RequirePermission } from '@mizan/server/identity';
import { GovernoratesService } from '@mizan/server/intake';

@ApiTags('reference data')
@Controller(IntakePaths.governorates)
export class GovernoratesController {
  constructor(private readonly governorates: GovernoratesService) {}

  /** Reference data for every signed-in user (partners' and activities' locations). */
  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List governorates' })
  @Get()
  list(): Promise<GovernorateView[]> {
    return this.governorates.list();
  }
}
