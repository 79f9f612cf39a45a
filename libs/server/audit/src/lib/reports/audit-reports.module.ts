import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { AuditAccessModule } from '../audit-access.module';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { AuditReportsService } from './audit-reports.service';

/** Ledger reconciliation and audit reports (issue 12). Jobs come from the global JobsModule. */
@Module({
  imports: [AuditAccessModule, TrailModule],
  providers: [ReconciliationService, AuditReportsService],
  exports: [ReconciliationService, AuditReportsService],
})
export class AuditReportsModule {}
