import { Module } from '@nestjs/common';
import { CallsModule } from '@mizan/server/intake';
import { CallsController } from './calls.controller';
import { GovernoratesController } from './governorates.controller';
import { ProgramsController } from './programs.controller';

@Module({
  imports: [CallsModule],
  controllers: [ProgramsController, CallsController, GovernoratesController],
})
export class CallsApiModule {}
