import { Module } from '@nestjs/common';
import { OrganizationsModule } from '@mizan/server/intake';
import { InvitationsController } from './invitations.controller';
import { OrganizationDocumentsController } from './organization-documents.controller';
import { OrganizationPartnersController } from './organization-partners.controller';
import { OrganizationsController } from './organizations.controller';

@Module({
  imports: [OrganizationsModule],
  controllers: [OrganizationsController, OrganizationPartnersController, InvitationsController, OrganizationDocumentsController],
})
export class OrganizationsApiModule {}
