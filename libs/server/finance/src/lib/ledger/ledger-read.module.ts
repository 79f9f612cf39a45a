import { Module } from '@nestjs/common';
import { LedgerModule } from './ledger.module';
import { LedgerReadService } from './ledger-read.service';

/** The ledger's reads and reversals (the api's ledger routes). */
@Module({
  imports: [LedgerModule],
  providers: [LedgerReadService],
  exports: [LedgerReadService],
})
export class LedgerReadModule {}
