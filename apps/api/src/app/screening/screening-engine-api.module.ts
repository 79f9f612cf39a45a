import { Module } from '@nestjs/common';
import { ScreeningEngineModule } from '@mizan/server/screening';
import { ScreeningEngineController } from './screening-engine.controller';

/** Sanctions screening (issue 13): checks, runs and settings. */
@Module({
  imports: [ScreeningEngineModule],
  controllers: [ScreeningEngineController],
})
export class ScreeningEngineApiModule {}
