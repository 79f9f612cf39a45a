import { Module } from '@nestjs/common';
import { GrantsModule, LedgerModule } from '@mizan/server/finance';
import { NotificationsModule } from '@mizan/server/review';
import { TrailModule } from '@mizan/server/trail';
import { AuditAccessModule } from '../audit-access.module';
import { AuditFindingsService } from './findings.service';

/** Audit findings, management responses, follow-up and the refund receivable (issue 12). */
@Module({
  imports: [AuditAccessModule, TrailModule, LedgerModule, GrantsModule, NotificationsModule],
  providers: [AuditFindingsService],
  exports: [AuditFindingsService],
})
export class AuditFindingsModule {}
