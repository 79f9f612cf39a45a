import { Module } from '@nestjs/common';
import { RedFlagsModule } from '@mizan/server/reporting';
import { RedFlagsController } from './red-flags.controller';

/** Red flags (issue 11): the officers' pages, runs and thresholds. */
@Module({
  imports: [RedFlagsModule],
  controllers: [RedFlagsController],
})
export class RedFlagsApiModule {}
