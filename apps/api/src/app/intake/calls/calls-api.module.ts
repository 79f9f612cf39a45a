import { Module } from '@nestjs/common';
import { CallsModule } from '@mizan/server/intake';

@Module({
  imports: [CallsModule],
  controllers: [],
})
export class CallsApiModule {}
