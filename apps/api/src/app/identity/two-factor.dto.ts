import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ReauthRequest, ResetTwoFactorRequest, TwoFactorCodeRequest, UpdateAgencySecurityRequest } from '@mizan/contracts';

export class TwoFactorCodeDto implements TwoFactorCodeRequest {
  @ApiProperty({ description: 'A 6-digit code from the authenticator app, or a recovery code', example: '123456' })
  @IsString()
  @MinLength(1, { message: 'code must not be empty' })
  @MaxLength(64)
  code!: string;
}

export class ReauthDto implements ReauthRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ description: 'Required when the user has a second factor' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;
}

export class UpdateAgencySecurityDto implements UpdateAgencySecurityRequest {
  @ApiProperty()
  @IsBoolean()
  requiresTwoFactor!: boolean;

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(1000)
  reason!: string;
}

export class ResetTwoFactorDto implements ResetTwoFactorRequest {
  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(1000)
  reason!: string;
}
