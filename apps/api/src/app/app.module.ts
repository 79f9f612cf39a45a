import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule, MizanConfig } from '@mizan/server/core';
import { dataSourceOptions } from '@mizan/server/db';
import { IdentityModule } from '@mizan/server/identity';
import { JobsModule } from '@mizan/server/jobs';
import { IntakeAccessModule } from '@mizan/server/intake';
import { TrailModule } from '@mizan/server/trail';
import { IdempotencyModule, LedgerModule } from '@mizan/server/finance';
import { LedgerApiModule } from './ledger/ledger-api.module';
import { ApplicationsApiModule } from './intake/applications/applications-api.module';
import { CallsApiModule } from './intake/calls/calls-api.module';
import { OrganizationsApiModule } from './intake/organizations/organizations-api.module';
import { DecisionsApiModule } from './decisions/decisions-api.module';
import { GrantsApiModule } from './grants/grants-api.module';
import { ReportingApiModule } from './reporting/reporting-api.module';
import { VerificationApiModule } from './verification/verification-api.module';
import { AuditFindingsApiModule } from './audit-findings/audit-findings-api.module';
import { MonitoringApiModule } from './monitoring/monitoring-api.module';
import { AuditEngagementsApiModule } from './audit-engagements/audit-engagements-api.module';
import { AuditSamplingApiModule } from './audit-sampling/audit-sampling-api.module';
import { RedFlagsApiModule } from './red-flags/red-flags-api.module';
import { ScreeningListsApiModule } from './screening-lists/screening-lists-api.module';
import { ScreeningMatchesApiModule } from './screening-matches/screening-matches-api.module';
import { ScreeningEngineApiModule } from './screening/screening-engine-api.module';
import { TransparencyApiModule } from './transparency/transparency-api.module';
import { AuditReportsApiModule } from './audit-reports/audit-reports-api.module';
import { ReviewApiModule } from './review/review-api.module';
import { FinanceApiModule } from './finance/finance-api.module';
import { ReportingFilesApiModule } from './reporting-files/reporting-files-api.module';
import { HealthController } from './health/health.controller';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';
import { AgencySecurityController, TwoFactorController } from './identity/two-factor.controller';
import { TrailController } from './trail/trail.controller';

@Module({})
export class AppModule {
  static forRoot(config: MizanConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        JobsModule,
        TrailModule,
        IdentityModule,
        IntakeAccessModule,
        CallsApiModule,
        OrganizationsApiModule,
        ApplicationsApiModule,
        DecisionsApiModule,
        GrantsApiModule,
        ReportingApiModule,
        MonitoringApiModule,
        AuditEngagementsApiModule,
        AuditSamplingApiModule,
        RedFlagsApiModule,
        ScreeningMatchesApiModule,
        ScreeningEngineApiModule,
        TransparencyApiModule,
        AuditReportsApiModule,
        ReviewApiModule,
        LedgerModule,
        IdempotencyModule,
        FinanceApiModule,
        LedgerApiModule,
        ReportingFilesApiModule,
        VerificationApiModule,
        AuditFindingsApiModule,
        ScreeningListsApiModule,
      ],
      controllers: [HealthController, AuthController, UsersController, TrailController, TwoFactorController, AgencySecurityController],
    };
  }
}
