import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TrailModule } from '@mizan/server/trail';
import { AccessGuard } from './access.guard';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';
import { UsersService } from './users.service';
import { TwoFactorService } from './two-factor/two-factor.service';

@Module({
  imports: [TrailModule],
  providers: [SessionService, SignInThrottle, AuthService, UsersService, TwoFactorService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionService, SignInThrottle, AuthService, UsersService, TwoFactorService],
})
export class IdentityModule {}
