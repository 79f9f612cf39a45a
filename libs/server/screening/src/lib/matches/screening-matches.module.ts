import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mizan/server/review';
import { TrailModule } from '@mizan/server/trail';
import { ScreeningMatchesService } from './screening-matches.service';

/** The screening queue (issue 13): reads, resolution with four eyes, an organization's status. */
@Module({
  imports: [TrailModule, NotificationsModule],
  providers: [ScreeningMatchesService],
  exports: [ScreeningMatchesService],
})
export class ScreeningMatchesModule {}
