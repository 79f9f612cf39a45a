import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@mizan/server/intake';

@Module({
  imports: [ApplicationsModule],
  controllers: [],
})
export class ApplicationsApiModule {}
