import { Module } from '@nestjs/common';
import { OrganizationsModule } from '@mizan/server/intake';

@Module({
  imports: [OrganizationsModule],
  controllers: [],
})
export class OrganizationsApiModule {}
