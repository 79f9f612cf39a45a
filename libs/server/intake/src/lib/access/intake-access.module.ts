import { Global, Module } from '@nestjs/common';
import { ApplicationLifecycle } from './application-lifecycle';
import { IntakeAccess } from './intake-access.service';

@Global()
@Module({ providers: [IntakeAccess, ApplicationLifecycle], exports: [IntakeAccess, ApplicationLifecycle] })
export class IntakeAccessModule {}
