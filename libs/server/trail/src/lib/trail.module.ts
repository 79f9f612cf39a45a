import { Module } from '@nestjs/common';
import { TrailExportService } from './trail-export.service';
import { TrailService } from './trail.service';

@Module({
  providers: [TrailService, TrailExportService],
  exports: [TrailService, TrailExportService],
})
export class TrailModule {}
