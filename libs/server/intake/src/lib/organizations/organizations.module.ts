import { Module } from '@nestjs/common';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { FileStore } from '@mizan/server/storage';
import { IdentityModule } from '@mizan/server/identity';
import { ScreeningEngineModule } from '@mizan/server/screening';
import { TrailModule } from '@mizan/server/trail';
import { DUE_DILIGENCE_FILE_STORE, DueDiligenceDocumentsService } from './due-diligence-documents.service';
import { InvitationsService } from './invitations.service';
import { OrganizationsService } from './organizations.service';
import { PartnersService } from './partners.service';

/** Organizations: services of this intake area (issue 3). */
@Module({
  imports: [TrailModule, IdentityModule, ScreeningEngineModule],
  providers: [
    OrganizationsService,
    PartnersService,
    InvitationsService,
    DueDiligenceDocumentsService,
    { provide: DUE_DILIGENCE_FILE_STORE, useFactory: (config: MizanConfig) => new FileStore(config.storageDir), inject: [MIZAN_CONFIG] },
  ],
  exports: [OrganizationsService, PartnersService, InvitationsService, DueDiligenceDocumentsService],
})
export class OrganizationsModule {}
