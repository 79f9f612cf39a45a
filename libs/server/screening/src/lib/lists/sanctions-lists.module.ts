import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { SanctionsImporter } from './sanctions-import';
import { SanctionsListsService } from './sanctions-lists.service';

/** Sanctions lists (issue 13): uploads and reads (api), the import itself (worker, command line). Jobs come from the global JobsModule. */
@Module({
  imports: [TrailModule],
  providers: [SanctionsListsService, SanctionsImporter],
  exports: [SanctionsListsService, SanctionsImporter],
})
export class SanctionsListsModule {}
