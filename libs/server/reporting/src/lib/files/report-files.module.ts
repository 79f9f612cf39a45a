import { Module } from '@nestjs/common';
import { GrantsModule } from '@mizan/server/finance';
import { TrailModule } from '@mizan/server/trail';
import { ReportFilesService } from './report-files.service';
import { TusUploads } from './tus-uploads';

/** Report files: resumable (tus) uploads of receipts and evidence, listing, download, removal (issue 11). */
@Module({
  imports: [TrailModule, GrantsModule],
  providers: [ReportFilesService, TusUploads],
  exports: [ReportFilesService, TusUploads],
})
export class ReportFilesModule {}
