import { Module } from '@nestjs/common';
import { AuditSamplingModule } from '@mizan/server/audit';
import { AuditSamplingController } from './audit-sampling.controller';

/** Population, sampling, tests and working papers of audit engagements (issue 12). */
@Module({
  imports: [AuditSamplingModule],
  controllers: [AuditSamplingController],
})
export class AuditSamplingApiModule {}
