import { Module } from '@nestjs/common';
import { AuditAccess } from './audit-access';

/** The engagement and scope checks every audit module and every read an auditor makes go through. */
@Module({ providers: [AuditAccess], exports: [AuditAccess] })
export class AuditAccessModule {}
