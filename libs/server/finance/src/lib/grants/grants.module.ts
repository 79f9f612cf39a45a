import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { LedgerModule } from '../ledger/ledger.module';
import { GrantAgreementsService } from './grant-agreements.service';
import { GrantReads } from './grant-reads';
import { GrantsService } from './grants.service';

/** Grants (issue 9). Job queueing comes from the global JobsModule. */
@Module({
  imports: [TrailModule, LedgerModule],
  providers: [GrantReads, GrantsService, GrantAgreementsService],
  exports: [GrantReads, GrantsService, GrantAgreementsService],
})
export class GrantsModule {}
