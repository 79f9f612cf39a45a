import { Global, Module } from '@nestjs/common';
import { IntakeAccess } from './intake-access.service';

@Global()
@Module({ providers: [IntakeAccess], exports: [IntakeAccess] })
export class IntakeAccessModule {}
