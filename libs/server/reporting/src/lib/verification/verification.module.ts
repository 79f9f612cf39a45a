import { Module } from '@nestjs/common';
import { GrantsModule, LedgerModule } from '@mizan/server/finance';
import { NotificationsModule } from '@mizan/server/review';
import { TrailModule } from '@mizan/server/trail';
import { RefundsService } from './refunds.service';
import { VerificationService } from './verification.service';

/** Verification of reports and refunds (issue 11). */
@Module({
  imports: [TrailModule, LedgerModule, GrantsModule, NotificationsModule],
  providers: [VerificationService, RefundsService],
  exports: [VerificationService, RefundsService],
})
export class VerificationModule {}
