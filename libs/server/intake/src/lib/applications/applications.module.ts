import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { ApplicationAttachmentsService } from './application-attachments.service';
import { ApplicationsService } from './applications.service';

/** Applications: services of this intake area (issue 3). */
@Module({
  imports: [TrailModule],
  providers: [ApplicationsService, ApplicationAttachmentsService],
  exports: [ApplicationsService, ApplicationAttachmentsService],
})
export class ApplicationsModule {}
