import { Module } from '@nestjs/common';
import { AuditFindingsModule } from '@mizan/server/audit';
import { AuditFindingsController } from './audit-findings.controller';

/** Audit findings, management responses, follow-up and refunds (issue 12). */
@Module({
  imports: [AuditFindingsModule],
  controllers: [AuditFindingsController],
})
export class AuditFindingsApiModule {}
