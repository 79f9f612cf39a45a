import { Module } from '@nestjs/common';
import { ReportFilesModule } from '@mizan/server/reporting';
import { ReportFilesController, TusUploadsController } from './reporting-files.controller';

/** Report files: resumable uploads (tus), list, download, removal (issue 11). */
@Module({
  imports: [ReportFilesModule],
  controllers: [TusUploadsController, ReportFilesController],
})
export class ReportingFilesApiModule {}
