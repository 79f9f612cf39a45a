import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { SCREENING_QUEUE_SORTS, type ScreeningQueueSort } from '@mizan/contracts';
import type { CallRulesInput, CorrectCallRequest, CreateProgramRequest, RubricCriterionInput, RubricInput } from '@mizan/contracts';
import { BASIS_POINTS_MAX, CURRENCIES, CurrencyCode, DOCUMENT_KINDS, DocumentKind, RUBRIC_WEIGHT_TOTAL, isIsoCalendarDate } from '@mizan/domain';
import { IsBoundedInt, IsMinorUnits, KeysetQueryDto, MINOR_UNITS_MAX } from '@mizan/server/core';
import { SCREENING_QUEUE_STATES, ScreeningQueueState } from '@mizan/server/intake';
import { NoDirectionControls } from '../../http/direction-controls';

/*
 * The DTOs check shapes and types (and reject unknown fields, nested ones
 * included). What a value means — weights summing to 100, a time zone that
 * exists, a close after the open — is judged by the domain rules in
 * libs/domain/src/lib/intake/call-rules.ts, which name the field the same way.
 */

/** A real calendar date "YYYY-MM-DD": "2027-02-30" would otherwise reach the database and fail there. */
function IsCalendarDate(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: (value: unknown) => typeof value === 'string' && isIsoCalendarDate(value) } }, options);
}

/** A century: no rule asks for an older organization, and the int4 column stays far away. */
const ORGANIZATION_AGE_MAX_MONTHS = 1_200;

export class CreateProgramDto implements CreateProgramRequest {
  @ApiProperty({ example: 'Iraq Co-Development 2027' })
  @IsString()
  @MinLength(2, { message: 'name must be at least 2 characters long' })
  @MaxLength(200)
  @NoDirectionControls()
  name!: string;

  @ApiProperty({ example: ['IQ'], description: 'Countries of origin, ISO 3166-1 alpha-2' })
  @IsArray()
  @ArrayMinSize(1, { message: 'countries must name at least one country' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'countries must not list a country twice' })
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each country must be a two-letter ISO code such as IQ' })
  countries!: string[];

  @ApiProperty({ example: ['livelihoods', 'water'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'a theme must not be empty' })
  @MaxLength(100, { each: true })
  themes!: string[];

  @ApiProperty({ example: '5000000000', description: 'Whole minor units, as a string of digits' })
  @IsMinorUnits({ message: `budgetMinor must be a whole number of minor units written as digits, e.g. "5000000000", at most ${MINOR_UNITS_MAX}` })
  budgetMinor!: string;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES, { message: `currency must be one of ${CURRENCIES.join(', ')}` })
  currency!: CurrencyCode;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate({ message: 'periodStart must be a date like 2027-01-01' })
  periodStart!: string;

  @ApiProperty({ example: '2029-12-31' })
  @IsCalendarDate({ message: 'periodEnd must be a date like 2029-12-31' })
  periodEnd!: string;
}

export class RubricCriterionDto implements RubricCriterionInput {
  @ApiProperty({ example: 'relevance' })
  @IsString()
  @MaxLength(50)
  id!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  @NoDirectionControls()
  title!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ description: 'Whole percent; all weights sum to 100' })
  @IsBoundedInt(0, RUBRIC_WEIGHT_TOTAL)
  weight!: number;
}

export class RubricDto implements RubricInput {
  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'each criterion must be an object' })
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  criteria!: RubricCriterionDto[];

  @ApiProperty({ type: [String], description: 'Six descriptions, for scores 0 to 5' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  scale!: string[];
}

export class CallRulesDto implements CallRulesInput {
  @ApiProperty()
  @IsString()
  @MinLength(3, { message: 'title must be at least 3 characters long' })
  @MaxLength(200)
  @NoDirectionControls()
  title!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(20_000)
  description!: string;

  @ApiProperty({ example: 'Europe/Stockholm' })
  @IsString()
  @MaxLength(100)
  timeZone!: string;

  @ApiProperty({ example: '2027-01-15T09:00', description: 'Local date-time in timeZone' })
  @IsString()
  @MaxLength(30)
  opensAtLocal!: string;

  @ApiProperty({ example: '2027-03-31T17:00', description: 'Local date-time in timeZone' })
  @IsString()
  @MaxLength(30)
  closesAtLocal!: string;

  @ApiProperty({ example: '500000000', description: 'Whole minor units, as a string of digits' })
  @IsMinorUnits()
  envelopeMinor!: string;

  @ApiProperty({ example: '50000000', description: 'Whole minor units, as a string of digits' })
  @IsMinorUnits()
  maxGrantMinor!: string;

  @ApiProperty({ example: 1000, description: 'Basis points (10 % = 1000)' })
  @IsBoundedInt(0, BASIS_POINTS_MAX)
  minCofundingBp!: number;

  @ApiProperty({ example: 700, description: 'Basis points (7 % = 700)' })
  @IsBoundedInt(0, BASIS_POINTS_MAX)
  adminCapBp!: number;

  @ApiProperty({ example: ['SE'], description: 'Hostland countries allowed; empty = any' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  hostCountries!: string[];

  @ApiProperty()
  @IsBoolean()
  requirePartner!: boolean;

  @ApiProperty({ example: 12, description: 'Months since the organization was founded' })
  @IsBoundedInt(0, ORGANIZATION_AGE_MAX_MONTHS)
  minOrganizationAgeMonths!: number;

  @ApiProperty({ enum: DOCUMENT_KINDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(DOCUMENT_KINDS.length)
  @IsString({ each: true })
  requiredDocuments!: DocumentKind[];

  @ApiProperty({ type: RubricDto })
  @IsObject({ message: 'rubric must be an object with criteria and scale' })
  @ValidateNested()
  @Type(() => RubricDto)
  rubric!: RubricDto;
}

export class CreateCallDto extends CallRulesDto {}

export class CorrectCallDto extends CallRulesDto implements CorrectCallRequest {
  @ApiProperty({ description: 'Why the rules change: recorded on the activity trail and shown with the new version' })
  @IsString()
  @Matches(/\S.*\S.*\S/s, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(2000)
  reason!: string;
}

export class CallListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'programId must be the id of a program' })
  programId?: string;
}

export class ScreeningQueueQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ enum: SCREENING_QUEUE_STATES })
  @IsOptional()
  @IsIn(SCREENING_QUEUE_STATES, { message: `state must be one of ${SCREENING_QUEUE_STATES.join(', ')}` })
  state?: ScreeningQueueState;

  @ApiPropertyOptional({ description: 'Words of the title, the organization’s name or the receipt number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ description: 'Only applications with a partner in this governorate (code, e.g. IQ-BG)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: 'governorate must be a governorate code like IQ-BG' })
  governorate?: string;

  @ApiPropertyOptional({ enum: SCREENING_QUEUE_SORTS, default: 'submitted' })
  @IsOptional()
  @IsIn(SCREENING_QUEUE_SORTS, { message: `sort must be one of ${SCREENING_QUEUE_SORTS.join(', ')}` })
  sort?: ScreeningQueueSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'direction must be asc or desc' })
  direction?: 'asc' | 'desc';
}
