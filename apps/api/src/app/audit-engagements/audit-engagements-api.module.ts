import { Module } from '@nestjs/common';
import { EngagementsModule } from '@mizan/server/audit';
import { AuditEngagementsController } from './audit-engagements.controller';

/** Audit engagements: planning, auditors, transitions, assurance (issue 12). */
@Module({
  imports: [EngagementsModule],
  controllers: [AuditEngagementsController],
})
export class AuditEngagementsApiModule {}
