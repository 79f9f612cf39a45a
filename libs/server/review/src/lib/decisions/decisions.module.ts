import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { AssignmentsModule } from '../assignments/assignments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DecisionsService } from './decisions.service';

/**
 * Funding decisions (a final one closes the application's open reviews, hence AssignmentsModule).
 * IntakeAccess and ApplicationLifecycle come from the global IntakeAccessModule, job queueing from the global JobsModule.
 */
@Module({
  imports: [TrailModule, NotificationsModule, AssignmentsModule],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
