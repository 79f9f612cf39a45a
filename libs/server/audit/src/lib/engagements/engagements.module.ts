import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mizan/server/review';
import { TrailModule } from '@mizan/server/trail';
import { AuditAccessModule } from '../audit-access.module';
import { AuditFindingsModule } from '../findings/findings.module';
import { AssuranceService } from './assurance.service';
import { EngagementsService } from './engagements.service';

/** Audit engagements: planning, auditors, transitions, and assurance per grant (issue 12). */
@Module({
  imports: [AuditAccessModule, TrailModule, NotificationsModule, AuditFindingsModule],
  providers: [EngagementsService, AssuranceService],
  exports: [EngagementsService, AssuranceService],
})
export class EngagementsModule {}
