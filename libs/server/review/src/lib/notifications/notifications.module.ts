import { Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';
import { OutboxService } from './outbox.service';

/** In-app notifications and the email outbox. Needs the global JobsModule for queueing emails. */
@Module({
  providers: [NotificationsService, OutboxService],
  exports: [NotificationsService, OutboxService],
})
export class NotificationsModule {}
