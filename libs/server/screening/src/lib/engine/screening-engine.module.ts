import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { PartyScreeningService } from './party-screening.service';
import { ScreeningChecksService } from './screening-checks.service';
import { ScreeningIndexCache } from './screening-index.cache';
import { ScreeningRunsService } from './screening-runs.service';
import { ScreeningSettingsService } from './screening-settings.service';

/** The screening engine (issue 13): the current list's index, screening of parties, runs, checks and settings. Jobs come from the global JobsModule. */
@Module({
  imports: [TrailModule],
  providers: [ScreeningIndexCache, PartyScreeningService, ScreeningRunsService, ScreeningSettingsService, ScreeningChecksService],
  exports: [ScreeningIndexCache, PartyScreeningService, ScreeningRunsService, ScreeningSettingsService, ScreeningChecksService],
})
export class ScreeningEngineModule {}
