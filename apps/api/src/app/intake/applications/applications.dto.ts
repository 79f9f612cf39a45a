import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type {
  CreateApplicationRequest,
  ReasonRequest,
  SaveApplicationRequest,
  ScreeningAction,
  ScreeningRequest,
} from '@mizan/contracts';
import {
  APPLICATION_LIMITS,
  Activity,
  ApplicationContent,
  BUDGET_CATEGORIES,
  BudgetCategory,
  BudgetLine,
  CofundingSource,
  Indicator,
  LINE_AMOUNT_MAX_MINOR,
  Outcome,
  Output,
  RISK_AREAS,
  RISK_LEVELS,
  Risk,
  RiskArea,
  RiskLevel,
} from '@mizan/domain';
import { NoDirectionControls } from '../../http/direction-controls';
import { INT4_MAX, IsBoundedInt, IsMinorUnits } from '@mizan/server/core';

/* Bounds: one list in the domain (APPLICATION_LIMITS), read by the web editor's validators too. */
const L = APPLICATION_LIMITS;
const ID_MAX = L.idLength;
const SHORT_TEXT = L.shortText;
const MEDIUM_TEXT = L.mediumText;
const LONG_TEXT = L.longText;
const DURATION_MAX = L.durationMonths;
const LINE_AMOUNT_MESSAGE = (field: string) =>
  `${field} must be a whole number of minor units written as digits, from 0 to ${LINE_AMOUNT_MAX_MINOR} (at most 15 digits)`;

function IsId(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MinLength(1, { message: `${String(key)} must not be empty` })(target, key);
    MaxLength(ID_MAX)(target, key);
  };
}

export class IndicatorDto implements Indicator {
  @ApiProperty() @IsId() id!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) name!: string;
  @ApiProperty() @IsString() @MaxLength(L.unitText) unit!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) baseline!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) target!: string;
  @ApiProperty() @IsString() @MaxLength(MEDIUM_TEXT) meansOfVerification!: string;
}

export class OutputDto implements Output {
  @ApiProperty() @IsId() id!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) title!: string;

  @ApiProperty({ type: [IndicatorDto] })
  @IsArray()
  @ArrayMaxSize(L.indicatorsPerOutput)
  @IsObject({ each: true, message: 'each indicator must be an object' })
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators!: IndicatorDto[];
}

export class OutcomeDto implements Outcome {
  @ApiProperty() @IsId() id!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) title!: string;

  @ApiProperty({ type: [OutputDto] })
  @IsArray()
  @ArrayMaxSize(L.outputsPerOutcome)
  @IsObject({ each: true, message: 'each output must be an object' })
  @ValidateNested({ each: true })
  @Type(() => OutputDto)
  outputs!: OutputDto[];
}

export class ActivityDto implements Activity {
  @ApiProperty() @IsId() id!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) title!: string;

  @ApiProperty({ description: 'Governorate codes such as IQ-BA', type: [String] })
  @IsArray()
  @ArrayMaxSize(L.governoratesPerActivity)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  governorates!: string[];

  @ApiProperty({ description: 'Months of the project, 1-based', type: 'array', items: { type: 'integer', minimum: 1, maximum: DURATION_MAX } })
  @IsArray()
  @ArrayMaxSize(DURATION_MAX)
  @IsBoundedInt(1, DURATION_MAX, { each: true, message: `each month must be a whole number from 1 to ${DURATION_MAX}` })
  months!: number[];
}

export class BudgetLineDto implements BudgetLine {
  @ApiProperty() @IsId() id!: string;

  @ApiProperty({ enum: BUDGET_CATEGORIES })
  @IsIn(BUDGET_CATEGORIES, { message: `category must be one of ${BUDGET_CATEGORIES.join(', ')}` })
  category!: BudgetCategory;

  @ApiProperty()
  @IsBoundedInt(L.yearMin, L.yearMax)
  year!: number;

  @ApiProperty() @IsString() @MaxLength(MEDIUM_TEXT) description!: string;

  @ApiProperty({ description: 'Minor units of the call currency, as a string', example: '1250000' })
  @IsMinorUnits({ max: LINE_AMOUNT_MAX_MINOR, message: LINE_AMOUNT_MESSAGE('amountMinor') })
  amountMinor!: string;
}

export class CofundingSourceDto implements CofundingSource {
  @ApiProperty() @IsId() id!: string;
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) source!: string;

  @ApiProperty({ description: 'Minor units of the call currency, as a string' })
  @IsMinorUnits({ max: LINE_AMOUNT_MAX_MINOR, message: LINE_AMOUNT_MESSAGE('amountMinor') })
  amountMinor!: string;

  @ApiProperty() @IsBoolean() confirmed!: boolean;
}

export class RiskDto implements Risk {
  @ApiProperty() @IsId() id!: string;

  @ApiProperty({ enum: RISK_AREAS })
  @IsIn(RISK_AREAS, { message: `area must be one of ${RISK_AREAS.join(', ')}` })
  area!: RiskArea;

  @ApiProperty() @IsString() @MaxLength(MEDIUM_TEXT) description!: string;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS, { message: `likelihood must be one of ${RISK_LEVELS.join(', ')}` })
  likelihood!: RiskLevel;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS, { message: `impact must be one of ${RISK_LEVELS.join(', ')}` })
  impact!: RiskLevel;

  @ApiProperty() @IsString() @MaxLength(MEDIUM_TEXT) mitigation!: string;
}

export class ApplicationContentDto implements ApplicationContent {
  @ApiProperty() @IsString() @MaxLength(SHORT_TEXT) @NoDirectionControls() title!: string;

  @ApiProperty({ type: [String], description: 'Partner organizations of the applying organization' })
  @IsArray()
  @ArrayMaxSize(L.partners)
  @IsString({ each: true })
  @MaxLength(ID_MAX, { each: true })
  partnerIds!: string[];

  @ApiProperty() @IsString() @MaxLength(LONG_TEXT) summary!: string;

  @ApiProperty({ type: [OutcomeDto] })
  @IsArray()
  @ArrayMaxSize(L.outcomes)
  @IsObject({ each: true, message: 'each outcome must be an object' })
  @ValidateNested({ each: true })
  @Type(() => OutcomeDto)
  outcomes!: OutcomeDto[];

  @ApiProperty({ type: [ActivityDto] })
  @IsArray()
  @ArrayMaxSize(L.activities)
  @IsObject({ each: true, message: 'each activity must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities!: ActivityDto[];

  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(L.budgetLines)
  @IsObject({ each: true, message: 'each budget line must be an object' })
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budgetLines!: BudgetLineDto[];

  @ApiProperty({ type: [CofundingSourceDto] })
  @IsArray()
  @ArrayMaxSize(L.cofundingSources)
  @IsObject({ each: true, message: 'each co-funding source must be an object' })
  @ValidateNested({ each: true })
  @Type(() => CofundingSourceDto)
  cofunding!: CofundingSourceDto[];

  @ApiProperty({ type: [RiskDto] })
  @IsArray()
  @ArrayMaxSize(L.risks)
  @IsObject({ each: true, message: 'each risk must be an object' })
  @ValidateNested({ each: true })
  @Type(() => RiskDto)
  risks!: RiskDto[];

  @ApiProperty() @IsString() @MaxLength(LONG_TEXT) monitoringPlan!: string;

  @ApiProperty()
  @IsBoundedInt(1, DURATION_MAX)
  durationMonths!: number;
}

export class CreateApplicationDto implements CreateApplicationRequest {
  @ApiProperty() @IsUUID('all', { message: 'callId must be the id of a call' }) callId!: string;
  @ApiProperty() @IsUUID('all', { message: 'organizationId must be the id of an organization' }) organizationId!: string;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'title must not be empty' })
  @MaxLength(SHORT_TEXT)
  @NoDirectionControls()
  title!: string;
}

export class SaveApplicationDto implements SaveApplicationRequest {
  @ApiProperty({ description: 'The version the content was edited from' })
  @IsBoundedInt(1, INT4_MAX)
  version!: number;

  @ApiProperty({ type: ApplicationContentDto })
  @IsDefined()
  @IsObject({ message: 'content must be an object' })
  @ValidateNested()
  @Type(() => ApplicationContentDto)
  content!: ApplicationContentDto;
}

export class VersionDto {
  @ApiProperty({ description: 'The version the caller saw' })
  @IsBoundedInt(1, INT4_MAX)
  version!: number;
}

export class ReasonDto implements ReasonRequest {
  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(MEDIUM_TEXT)
  reason!: string;
}

const SCREENING_ACTIONS: readonly ScreeningAction[] = ['start_screening', 'mark_eligible', 'mark_ineligible', 'return_for_clarification'];

export class ScreeningDto implements ScreeningRequest {
  @ApiProperty({ enum: SCREENING_ACTIONS })
  @IsIn(SCREENING_ACTIONS, { message: `action must be one of ${SCREENING_ACTIONS.join(', ')}` })
  action!: ScreeningAction;

  @ApiPropertyOptional({ nullable: true, description: 'Required to mark ineligible (the reason) and to return (the message to the applicant)' })
  @IsOptional()
  @IsString()
  @MaxLength(MEDIUM_TEXT)
  reason!: string | null;
}

export class ApplicationListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'callId must be the id of a call' })
  callId?: string;
}
