import { Module } from '@nestjs/common';
import { ScreeningMatchesModule } from '@mizan/server/screening';
import { ScreeningMatchesController } from './screening-matches.controller';

/** The sanctions screening queue (issue 13). */
@Module({
  imports: [ScreeningMatchesModule],
  controllers: [ScreeningMatchesController],
})
export class ScreeningMatchesApiModule {}
