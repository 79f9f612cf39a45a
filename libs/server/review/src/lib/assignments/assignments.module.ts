import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { NotificationsModule } from '../notifications/notifications.module';
import { AssignmentsService } from './assignments.service';

/** Reviewer assignments (officers): bulk balanced, one by one, reassignment, loads. */
@Module({
  imports: [TrailModule, NotificationsModule],
  providers: [AssignmentsService],
  exports: [AssignmentsService],
})
export class AssignmentsModule {}
