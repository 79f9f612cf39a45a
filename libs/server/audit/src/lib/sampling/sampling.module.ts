import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { AuditAccessModule } from '../audit-access.module';
import { AuditSamplingService } from './sampling.service';

/** Population, sampling, tests of sampled items and working papers of audit engagements (issue 12). */
@Module({
  imports: [AuditAccessModule, TrailModule],
  providers: [AuditSamplingService],
  exports: [AuditSamplingService],
})
export class AuditSamplingModule {}
