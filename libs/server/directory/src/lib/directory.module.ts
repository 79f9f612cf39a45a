import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mizan/server/review';
import { ScreeningEngineModule } from '@mizan/server/screening';
import { TrailModule } from '@mizan/server/trail';
import { DirectoryService } from './directory.service';

/** The diaspora expertise directory (issue 15). */
@Module({
  imports: [NotificationsModule, ScreeningEngineModule, TrailModule],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
