import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type {
  AcceptInvitationRequest,
  InviteRequest,
  OrganizationInput,
  PartnerInput,
  SetDueDiligenceRequest,
  UpdateOrganizationRequest,
} from '@mizan/contracts';
import { NoDirectionControls } from '../../http/direction-controls';
import { INT4_MAX, IsBoundedInt } from '@mizan/server/core';

const PHONE = /^\+?[0-9][0-9 ()./-]{4,39}$/;
const PHONE_MESSAGE = 'must be a phone number like +46 8 123 456 78';

/** `null` is a value these fields accept; a missing key is still an error. */
const Nullable = () => ValidateIf((_object: object, value: unknown) => value !== null);

export class OrganizationInputDto implements OrganizationInput {
  @ApiProperty({ example: 'Föreningen Bro till Basra' })
  @IsString()
  @MinLength(1, { message: 'legalName must not be empty' })
  @MaxLength(300)
  @NoDirectionControls()
  legalName!: string;

  @ApiProperty({ example: '802456-1234' })
  @IsString()
  @MinLength(1, { message: 'registrationNumber must not be empty' })
  @MaxLength(60)
  registrationNumber!: string;

  @ApiProperty({ example: 'SE', description: 'ISO 3166 two-letter code of an EU/EEA country, the UK or Switzerland' })
  @IsString()
  @MaxLength(2, { message: 'hostlandCountry must be a two-letter country code' })
  hostlandCountry!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'address must not be empty' })
  @MaxLength(500)
  address!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2015-04-01' })
  @Nullable()
  @IsString()
  @MaxLength(10)
  foundedOn!: string | null;

  @ApiProperty()
  @IsEmail({}, { message: 'contactEmail must be a valid email address' })
  @MaxLength(320)
  contactEmail!: string;

  @ApiProperty({ nullable: true })
  @Nullable()
  @IsString()
  @Matches(PHONE, { message: `contactPhone ${PHONE_MESSAGE}` })
  contactPhone!: string | null;

  @ApiProperty({ example: 'SE45 5000 0000 0583 9825 7466' })
  @IsString()
  @MaxLength(50)
  iban!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'accountHolder must not be empty' })
  @MaxLength(300)
  accountHolder!: string;

  @ApiProperty({ nullable: true, description: 'Required when the account holder does not match the legal name' })
  @Nullable()
  @IsString()
  @MaxLength(1000)
  holderExplanation!: string | null;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  thematicExpertise!: string[];
}

export class UpdateOrganizationDto extends OrganizationInputDto implements UpdateOrganizationRequest {
  @ApiProperty({ description: 'The version this edit started from' })
  @IsBoundedInt(1, INT4_MAX)
  version!: number;
}

export class OrganizationListQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'cleared', 'conditional', 'rejected', 'expired'] })
  @IsOptional()
  @IsIn(['pending', 'cleared', 'conditional', 'rejected', 'expired'], { message: 'ddStatus must be one of pending, cleared, conditional, rejected, expired' })
  ddStatus?: 'pending' | 'cleared' | 'conditional' | 'rejected' | 'expired';
}

export class SetDueDiligenceDto implements SetDueDiligenceRequest {
  @ApiProperty({ enum: ['cleared', 'conditional', 'rejected'] })
  @IsIn(['cleared', 'conditional', 'rejected'], { message: 'status must be one of cleared, conditional, rejected' })
  status!: 'cleared' | 'conditional' | 'rejected';

  @ApiProperty({ nullable: true })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  conditions!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2028-06-30' })
  @Nullable()
  @IsString()
  @MaxLength(10)
  expiresOn!: string | null;

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(2000)
  reason!: string;
}

export class PartnerInputDto implements PartnerInput {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(300)
  @NoDirectionControls()
  name!: string;

  @ApiProperty({ example: 'IQ-BA' })
  @IsString()
  @MaxLength(10)
  governorateCode!: string;

  @ApiProperty({ description: 'Registration number with the NGO directorate' })
  @IsString()
  @MinLength(1, { message: 'localRegistrationNumber must not be empty' })
  @MaxLength(60)
  localRegistrationNumber!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'contactPerson must not be empty' })
  @MaxLength(200)
  contactPerson!: string;

  @ApiProperty({ nullable: true })
  @Nullable()
  @IsEmail({}, { message: 'contactEmail must be a valid email address' })
  @MaxLength(320)
  contactEmail!: string | null;

  @ApiProperty({ nullable: true })
  @Nullable()
  @IsString()
  @Matches(PHONE, { message: `contactPhone ${PHONE_MESSAGE}` })
  contactPhone!: string | null;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'relationship must not be empty' })
  @MaxLength(1000)
  relationship!: string;
}

export class InviteDto implements InviteRequest {
  @ApiProperty()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: ['applicant', 'partner'] })
  @IsIn(['applicant', 'partner'], { message: 'role must be applicant or partner' })
  role!: 'applicant' | 'partner';

  @ApiProperty({ nullable: true, description: 'Required for role partner' })
  @Nullable()
  @IsUUID('all', { message: 'partnerOrganizationId must be the id of one of this organization’s partners' })
  partnerOrganizationId!: string | null;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(200)
  token!: string;

  @ApiProperty()
  @IsString()
  @MinLength(2, { message: 'displayName must be at least 2 characters long' })
  @MaxLength(200)
  @NoDirectionControls()
  displayName!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(1024)
  password!: string;
}
