import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CreateUserRequest, ROLES, Role, SignInRequest, USER_LANGUAGES, UpdateLanguageRequest, UpdateUserActiveRequest, UpdateUserRolesRequest, UserLanguage } from '@mizan/contracts';
import { NoDirectionControls } from '../http/direction-controls';

export class SignInDto implements SignInRequest {
  @ApiProperty({ example: 'auditor@demo.mizan.local' })
  @IsString()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(1024)
  password!: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @NoDirectionControls()
  displayName!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiPropertyOptional({ description: 'Why one person holds roles that need a reason together (e.g. officer and reviewer): recorded on the activity trail' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'rolePairReason must say why' })
  @MaxLength(1000)
  rolePairReason?: string;
}

export class UpdateUserRolesDto implements UpdateUserRolesRequest {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Why one person holds roles that need a reason together (e.g. officer and reviewer): recorded on the activity trail' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'rolePairReason must say why' })
  @MaxLength(1000)
  rolePairReason?: string;
}

export class UpdateUserActiveDto implements UpdateUserActiveRequest {
  @ApiProperty()
  @IsBoolean()
  active!: boolean;

  @ApiProperty()
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(1000)
  reason!: string;
}

export class UpdateLanguageDto implements UpdateLanguageRequest {
  @ApiProperty({ enum: USER_LANGUAGES, description: 'The language notifications and emails are written in for the signed-in user' })
  @IsIn(USER_LANGUAGES)
  language!: UserLanguage;
}
