import { Module } from '@nestjs/common';
import { DecisionsModule, NotificationsModule } from '@mizan/server/review';
import { DecisionsController } from './decisions.controller';
import { NotificationsController } from './notifications.controller';
import { OutboxController } from './outbox.controller';

/** Funding decisions, in-app notifications and the email outbox (issue 4). */
@Module({
  imports: [DecisionsModule, NotificationsModule],
  controllers: [DecisionsController, NotificationsController, OutboxController],
})
export class DecisionsApiModule {}
