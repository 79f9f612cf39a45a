import { Module } from '@nestjs/common';
import { SanctionsListsModule } from '@mizan/server/screening';
import { ScreeningListsController } from './screening-lists.controller';

/** Sanctions lists (issue 13): importing list files, their versions and entries. */
@Module({
  imports: [SanctionsListsModule],
  controllers: [ScreeningListsController],
})
export class ScreeningListsApiModule {}
