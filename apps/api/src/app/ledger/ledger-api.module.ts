import { Module } from '@nestjs/common';
import { LedgerReadModule } from '@mizan/server/finance';
import { LedgerController } from './ledger.controller';

/** The ledger's routes (issue 9). */
@Module({
  imports: [LedgerReadModule],
  controllers: [LedgerController],
})
export class LedgerApiModule {}
