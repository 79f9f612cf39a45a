import { Module } from '@nestjs/common';
import { AuditReportsModule } from '@mizan/server/audit';
import { AuditReportsController } from './audit-reports.controller';

/** Ledger reconciliation and audit reports (issue 12). */
@Module({
  imports: [AuditReportsModule],
  controllers: [AuditReportsController],
})
export class AuditReportsApiModule {}
