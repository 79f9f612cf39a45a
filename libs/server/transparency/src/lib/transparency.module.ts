import { Module } from '@nestjs/common';
import { MIZAN_CONFIG, type MizanConfig } from '@mizan/server/core';
import { FileStore } from '@mizan/server/storage';
import { TrailModule } from '@mizan/server/trail';
import { PublicTransparencyService } from './public-transparency.service';
import { IATI_FILE_STORE, TransparencyService } from './transparency.service';

/** Transparency (issue 16): IATI settings, preview, publication (the worker's job) and the public side. Jobs come from the global JobsModule. */
@Module({
  imports: [TrailModule],
  providers: [
    TransparencyService,
    PublicTransparencyService,
    {
      provide: IATI_FILE_STORE,
      useFactory: (config: MizanConfig) => new FileStore(config.storageDir),
      inject: [MIZAN_CONFIG],
    },
  ],
  exports: [TransparencyService, PublicTransparencyService],
})
export class TransparencyModule {}
