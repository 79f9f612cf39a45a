import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';

/** Applications: services of this intake area (issue 3). */
@Module({
  imports: [TrailModule],
  providers: [],
  exports: [],
})
export class ApplicationsModule {}
