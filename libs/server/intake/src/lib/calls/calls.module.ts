import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { CallsService } from './calls.service';
import { GovernoratesService } from './governorates.service';
import { ProgramsService } from './programs.service';
import { ScreeningQueueService } from './screening-queue.service';

/** Calls: services of this intake area (issue 3). */
@Module({
  imports: [TrailModule],
  providers: [ProgramsService, CallsService, ScreeningQueueService, GovernoratesService],
  exports: [ProgramsService, CallsService, ScreeningQueueService, GovernoratesService],
})
export class CallsModule {}
