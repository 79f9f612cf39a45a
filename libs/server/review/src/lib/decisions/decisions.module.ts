import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { NotificationsModule } from '../notifications/notifications.module';
import { DecisionsService } from './decisions.service';

/** Funding decisions. IntakeAccess comes from the global IntakeAccessModule, job queueing from the global JobsModule. */
@Module({
  imports: [TrailModule, NotificationsModule],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
