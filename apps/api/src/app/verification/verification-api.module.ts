import { Module } from '@nestjs/common';
import { VerificationModule } from '@mizan/server/reporting';
import { RefundsController, VerificationController } from './verification.controller';

/** Verification of reports, line threads and refunds (issue 11). */
@Module({
  imports: [VerificationModule],
  controllers: [VerificationController, RefundsController],
})
export class VerificationApiModule {}
