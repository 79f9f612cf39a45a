import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { LedgerService } from './ledger.service';

/** The double-entry ledger's writer. */
@Module({
  imports: [TrailModule],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
