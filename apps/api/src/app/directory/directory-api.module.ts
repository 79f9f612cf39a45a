import { Module } from '@nestjs/common';
import { DirectoryModule } from '@mizan/server/directory';
import { DirectoryController } from './directory.controller';

/** The diaspora expertise directory (issue 15). */
@Module({
  imports: [DirectoryModule],
  controllers: [DirectoryController],
})
export class DirectoryApiModule {}
