import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@mizan/server/intake';
import { ApplicationsController } from './applications.controller';

@Module({
  imports: [ApplicationsModule],
  controllers: [ApplicationsController],
})
export class ApplicationsApiModule {}
