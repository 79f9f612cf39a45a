import { Module } from '@nestjs/common';
import { GrantsModule } from '@mizan/server/finance';
import { GrantAgreementsController, GrantsController, MyGrantsController } from './grants.controller';

/** Grants: officer side, grantee side and the agreement PDF (issue 9). */
@Module({
  imports: [GrantsModule],
  controllers: [GrantsController, GrantAgreementsController, MyGrantsController],
})
export class GrantsApiModule {}
