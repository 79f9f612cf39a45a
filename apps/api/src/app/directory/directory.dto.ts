import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  DIRECTORY_AGGREGATE_DIMENSIONS,
  DIRECTORY_COUNTRIES,
  DIRECTORY_LANGUAGES,
  DIRECTORY_LIMITS as L,
  DIRECTORY_MODES,
  DIRECTORY_NEED_KINDS,
  DIRECTORY_NEED_STATES,
  DIRECTORY_VISIBILITIES,
  USER_LANGUAGES,
  type DirectoryAggregateDimension,
  type DirectoryAssignmentTerms,
  type DirectoryCloseInput,
  type DirectoryCountry,
  type DirectoryDeclineInput,
  type DirectoryErasureInput,
  type DirectoryLanguage,
  type DirectoryMode,
  type DirectoryNeedInput,
  type DirectoryNeedKind,
  type DirectoryPartnershipTerms,
  type DirectoryProfileInput,
  type DirectoryProposalInput,
  type DirectoryRegistrationInput,
  type DirectoryMatchListQuery,
  type DirectoryReleaseInput,
  type DirectorySearchQuery,
  type DirectorySessionInput,
  type DirectoryVerificationInput,
  type DirectoryVisibility,
} from '@mizan/contracts';
import { IsBoundedDecimal, IsBoundedInt, KeysetQueryDto, QueryInt } from '@mizan/server/core';
import { NoDirectionControls } from '../http/direction-controls';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GOVERNORATE = /^IQ-[A-Z]{2}$/;
const CODE = /^[a-z_]{1,40}(\.[a-z_]{1,40})?$/;
const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter((v) => v.length > 0) : value);

export class DirectoryRegistrationDto implements DirectoryRegistrationInput {
  @ApiProperty({ maxLength: L.nameMax }) @IsString() @MinLength(1) @MaxLength(L.nameMax) @NoDirectionControls() name!: string;
  @ApiProperty({ maxLength: 254 }) @IsString() @MaxLength(254) @IsEmail({}, { message: 'email must be a valid email address' }) email!: string;
  @ApiProperty({ minLength: L.passwordMin, maxLength: L.passwordMax }) @IsString() @MinLength(L.passwordMin) @MaxLength(L.passwordMax) password!: string;
  @ApiProperty({ enum: USER_LANGUAGES }) @IsIn(USER_LANGUAGES, oneOf('language', USER_LANGUAGES)) language!: 'en' | 'ar' | 'sv';
}

export class DirectoryVerificationDto implements DirectoryVerificationInput {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) token!: string;
}

export class DirectoryProfileDto implements DirectoryProfileInput {
  @ApiProperty({ maxLength: L.nameMax }) @IsString() @MinLength(1) @MaxLength(L.nameMax) @NoDirectionControls() name!: string;
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @MaxLength(L.titleMax) @NoDirectionControls() profession!: string;
  @ApiProperty({ type: [String], maxItems: L.skillsMax }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(L.skillsMax) @IsString({ each: true }) @Matches(CODE, { each: true, message: 'skills must be taxonomy codes' }) skills!: string[];
  @ApiProperty({ type: [String], maxItems: L.freeSkillsMax }) @IsArray() @ArrayMaxSize(L.freeSkillsMax) @IsString({ each: true }) @MaxLength(L.freeSkillMax, { each: true }) @NoDirectionControls({ each: true }) freeSkills!: string[];
  @ApiProperty({ minimum: 0, maximum: L.yearsMax }) @IsBoundedInt(0, L.yearsMax) yearsOfExperience!: number;
  @ApiProperty({ enum: DIRECTORY_LANGUAGES, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(L.languagesMax) @IsIn(DIRECTORY_LANGUAGES, { each: true, ...oneOf('languages', DIRECTORY_LANGUAGES) }) languages!: DirectoryLanguage[];
  @ApiProperty({ enum: DIRECTORY_COUNTRIES }) @IsIn(DIRECTORY_COUNTRIES, oneOf('residenceCountry', DIRECTORY_COUNTRIES)) residenceCountry!: DirectoryCountry;
  @ApiProperty({ maxLength: L.cityMax }) @IsString() @MaxLength(L.cityMax) @NoDirectionControls() residenceCity!: string;
  @ApiProperty({ minimum: 1, maximum: L.availabilityDaysMax }) @IsBoundedInt(1, L.availabilityDaysMax) availabilityDaysPerYear!: number;
  @ApiProperty({ enum: DIRECTORY_MODES }) @IsIn(DIRECTORY_MODES, oneOf('mode', DIRECTORY_MODES)) mode!: DirectoryMode;
  @ApiProperty({ type: [String], maxItems: 18 }) @IsArray() @ArrayMaxSize(18) @Matches(GOVERNORATE, { each: true, message: 'travelGovernorates must be codes like IQ-BG' }) travelGovernorates!: string[];
  @ApiProperty({ maxLength: L.bioMax }) @IsString() @MaxLength(L.bioMax) bio!: string;
  @ApiProperty({ maxLength: L.phoneMax, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(L.phoneMax) @Matches(/^[+0-9 ()-]*$/, { message: 'phone may hold digits, spaces, + ( ) -' }) phone!: string | null;
  @ApiProperty({ enum: DIRECTORY_VISIBILITIES }) @IsIn(DIRECTORY_VISIBILITIES, oneOf('visibility', DIRECTORY_VISIBILITIES)) visibility!: DirectoryVisibility;
}

export class DirectorySearchQueryDto extends KeysetQueryDto implements DirectorySearchQuery {
  @ApiPropertyOptional({ maxLength: L.searchTextMax }) @IsOptional() @IsString() @MaxLength(L.searchTextMax) q?: string;
  @ApiPropertyOptional({ description: 'Skill codes, comma-separated' }) @IsOptional() @Transform(list) @IsArray() @ArrayMaxSize(L.skillsMax) @Matches(CODE, { each: true, message: 'skills must be taxonomy codes' }) skills?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(CODE, { message: 'sector must be a taxonomy code' }) sector?: string;
  @ApiPropertyOptional({ enum: DIRECTORY_LANGUAGES }) @IsOptional() @IsIn(DIRECTORY_LANGUAGES, oneOf('language', DIRECTORY_LANGUAGES)) language?: DirectoryLanguage;
  @ApiPropertyOptional({ minimum: 0, maximum: L.availabilityDaysMax }) @IsOptional() @QueryInt() @IsBoundedInt(0, L.availabilityDaysMax) minDays?: number;
  @ApiPropertyOptional({ enum: DIRECTORY_COUNTRIES }) @IsOptional() @IsIn(DIRECTORY_COUNTRIES, oneOf('country', DIRECTORY_COUNTRIES)) country?: DirectoryCountry;
  @ApiPropertyOptional({ maxLength: L.cityMax }) @IsOptional() @IsString() @MaxLength(L.cityMax) city?: string;
  @ApiPropertyOptional({ enum: DIRECTORY_MODES }) @IsOptional() @IsIn(DIRECTORY_MODES, oneOf('mode', DIRECTORY_MODES)) mode?: DirectoryMode;
}

/** GET directory/matches: optionally one need's matches only (same visibility, same cap of 200, newest first). */
export class DirectoryMatchListQueryDto implements DirectoryMatchListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'needId must be an id' }) needId?: string;
}

export class DirectoryNeedListQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ enum: DIRECTORY_NEED_STATES }) @IsOptional() @IsIn(DIRECTORY_NEED_STATES, oneOf('state', DIRECTORY_NEED_STATES)) state?: string;
}

class AssignmentTermsDto implements DirectoryAssignmentTerms {
  @ApiProperty() @IsString() @Matches(CODE, { message: 'sector must be a taxonomy code' }) sector!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(L.skillsMax) @Matches(CODE, { each: true, message: 'skills must be taxonomy codes' }) skills!: string[];
  @ApiProperty({ enum: DIRECTORY_LANGUAGES }) @IsIn(DIRECTORY_LANGUAGES, oneOf('language', DIRECTORY_LANGUAGES)) language!: DirectoryLanguage;
  @ApiProperty({ minimum: 1, maximum: L.durationWeeksMax }) @IsBoundedInt(1, L.durationWeeksMax) durationWeeks!: number;
  @ApiProperty({ minimum: 1, maximum: L.availabilityDaysMax }) @IsBoundedInt(1, L.availabilityDaysMax) daysNeeded!: number;
  @ApiProperty({ enum: DIRECTORY_MODES }) @IsIn(DIRECTORY_MODES, oneOf('mode', DIRECTORY_MODES)) mode!: DirectoryMode;
  @ApiProperty({ example: 'IQ-BA' }) @IsString() @Matches(GOVERNORATE, { message: 'governorate must be a code like IQ-BA' }) governorate!: string;
  @ApiProperty({ example: '2027-01-01' }) @IsString() @Matches(DATE, { message: 'startFrom must be a date YYYY-MM-DD' }) startFrom!: string;
  @ApiProperty({ example: '2027-02-01' }) @IsString() @Matches(DATE, { message: 'startTo must be a date YYYY-MM-DD' }) startTo!: string;
}

class PartnershipTermsDto implements DirectoryPartnershipTerms {
  @ApiProperty() @IsString() @Matches(CODE, { message: 'theme must be a taxonomy sector code' }) theme!: string;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MaxLength(L.textMax) offer!: string;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MaxLength(L.textMax) seek!: string;
  @ApiProperty({ example: 'IQ-NI' }) @IsString() @Matches(GOVERNORATE, { message: 'governorate must be a code like IQ-NI' }) governorate!: string;
}

export class DirectoryNeedDto implements DirectoryNeedInput {
  @ApiProperty({ enum: DIRECTORY_NEED_KINDS }) @IsIn(DIRECTORY_NEED_KINDS, oneOf('kind', DIRECTORY_NEED_KINDS)) kind!: DirectoryNeedKind;
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @MinLength(1) @MaxLength(L.titleMax) @NoDirectionControls() title!: string;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MaxLength(L.textMax) description!: string;
  @ApiPropertyOptional({ type: AssignmentTermsDto }) @IsOptional() @ValidateNested() @Type(() => AssignmentTermsDto) assignment?: AssignmentTermsDto;
  @ApiPropertyOptional({ type: PartnershipTermsDto }) @IsOptional() @ValidateNested() @Type(() => PartnershipTermsDto) partnership?: PartnershipTermsDto;
}

export class DirectoryProposalDto implements DirectoryProposalInput {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'profileId must be an id' }) profileId!: string;
  @ApiPropertyOptional({ maxLength: L.textMax }) @IsOptional() @IsString() @MaxLength(L.textMax) note?: string;
}

export class DirectoryDeclineDto implements DirectoryDeclineInput {
  @ApiPropertyOptional({ maxLength: L.textMax }) @IsOptional() @IsString() @MaxLength(L.textMax) reason?: string;
}

export class DirectorySessionDto implements DirectorySessionInput {
  @ApiProperty({ example: '2026-12-01' }) @IsString() @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' }) date!: string;
  @ApiProperty({ minimum: 0.25, maximum: L.sessionHoursMax }) @IsBoundedDecimal(0.25, L.sessionHoursMax, 2) hours!: number;
  @ApiProperty({ enum: ['online', 'in_person'] }) @IsIn(['online', 'in_person'], oneOf('mode', ['online', 'in_person'])) mode!: 'online' | 'in_person';
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @MinLength(1) @MaxLength(L.titleMax) topic!: string;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MaxLength(L.textMax) note!: string;
}

export class DirectoryCloseDto implements DirectoryCloseInput {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsBoundedInt(1, 5) rating!: number;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MaxLength(L.textMax) outcome!: string;
}

export class DirectoryReleaseDto implements DirectoryReleaseInput {
  @ApiProperty({ enum: ['release', 'refuse'] }) @IsIn(['release', 'refuse'], oneOf('decision', ['release', 'refuse'])) decision!: 'release' | 'refuse';
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MinLength(1) @MaxLength(L.textMax) reason!: string;
}

export class DirectoryErasureDto implements DirectoryErasureInput {
  @ApiProperty({ maxLength: L.passwordMax }) @IsString() @MaxLength(L.passwordMax) password!: string;
}

export class DirectoryAggregateQueryDto {
  @ApiProperty({ enum: DIRECTORY_AGGREGATE_DIMENSIONS }) @IsIn(DIRECTORY_AGGREGATE_DIMENSIONS, oneOf('dimension', DIRECTORY_AGGREGATE_DIMENSIONS)) dimension!: DirectoryAggregateDimension;
  @ApiPropertyOptional({ enum: DIRECTORY_COUNTRIES }) @IsOptional() @IsIn(DIRECTORY_COUNTRIES, oneOf('country', DIRECTORY_COUNTRIES)) country?: DirectoryCountry;
}
