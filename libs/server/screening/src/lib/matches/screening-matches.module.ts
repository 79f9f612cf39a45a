import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { ScreeningMatchesService } from './screening-matches.service';

/** The screening queue (issue 13): reads, resolution with four eyes, an organization's status. */
@Module({
  imports: [TrailModule],
  providers: [ScreeningMatchesService],
  exports: [ScreeningMatchesService],
})
export class ScreeningMatchesModule {}
