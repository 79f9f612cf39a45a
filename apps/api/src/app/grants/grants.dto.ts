import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import type {
  AmendGrantRequest,
  CancelGrantRequest,
  CapacityAnswer,
  CloseFindingRequest,
  CountersignRequest,
  CreateGrantRequest,
  FindingPriority,
  GrantBudgetLine,
  GrantContent,
  GrantListQuery,
  GrantState,
  Modality,
  RaiseFindingRequest,
  ReleaseConditionKind,
  ReleaseConditionSpec,
  ReleaseTrancheRequest,
  ReportAcceptedRequest,
  ReportKind,
  ReportingScheduleItem,
  RiskRating,
  SendForSignatureRequest,
  SetRiskRequest,
  SignAgreementRequest,
  TickConditionRequest,
  TranchePlanItem,
  UpdateGrantDraftRequest,
} from '@mizan/contracts';
import { INT4_MAX, IsBoundedInt, IsMinorUnits, PageQueryDto } from '@mizan/server/core';
import { MONITORING_LEVELS } from '@mizan/domain';
import { CAPACITY_QUESTION_IDS } from '@mizan/server/finance';

/*
 * Shapes only. What grant content must satisfy together (lines summing to the
 * amount, tranche shares within the risk policy, dates inside the period) is
 * checked by the grant rules, which name each problem with a code (422).
 */

const TEXT_MAX = 4000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
const GRANT_STATES: GrantState[] = ['draft', 'awaiting_signature', 'awaiting_countersignature', 'active', 'suspended', 'closed', 'cancelled'];
const RATINGS: RiskRating[] = ['low', 'moderate', 'significant', 'high'];
const MODALITIES: Modality[] = ['advance', 'reimbursement', 'direct_payment'];
const CONDITION_KINDS: ReleaseConditionKind[] = [
  'agreement_countersigned',
  'previous_report_accepted',
  'earlier_tranches_accounted',
  'due_diligence_valid',
  'no_open_high_finding',
  'custom',
];
const PRIORITIES: FindingPriority[] = ['low', 'medium', 'high'];
const REPORT_KINDS: ReportKind[] = ['interim', 'final'];

class GrantBudgetLineDto implements GrantBudgetLine {
  @ApiProperty() @IsString() @Matches(/^[\w.-]{1,64}$/, { message: 'id is 1–64 letters, digits, _ . -' }) id!: string;
  @ApiProperty() @IsString() @MaxLength(64) category!: string;
  @ApiProperty() @IsString() @MaxLength(500) description!: string;
  @IsMinorUnits() amountMinor!: string;
}

class ReleaseConditionDto implements ReleaseConditionSpec {
  @ApiProperty() @IsString() @Matches(/^[\w.-]{1,32}$/, { message: 'id is 1–32 letters, digits, _ . -' }) id!: string;
  @ApiProperty({ enum: CONDITION_KINDS }) @IsIn(CONDITION_KINDS, { message: `kind must be one of ${CONDITION_KINDS.join(', ')}` }) kind!: ReleaseConditionKind;
  @ApiPropertyOptional({ description: 'earlier_tranches_accounted: { minBp }; custom: { label }' })
  @IsOptional()
  @IsObject()
  params?: Record<string, string | number>;
}

class TranchePlanItemDto implements TranchePlanItem {
  @IsBoundedInt(1, 100) seq!: number;
  @ApiProperty({ example: '2027-01-01' }) @IsString() @Matches(DATE, { message: `plannedOn ${DATE_MESSAGE}` }) plannedOn!: string;
  @IsMinorUnits() amountMinor!: string;
  @ApiProperty({ type: [ReleaseConditionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'each condition must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ReleaseConditionDto)
  conditions!: ReleaseConditionDto[];
}

class ReportingScheduleItemDto implements ReportingScheduleItem {
  @ApiProperty({ enum: REPORT_KINDS }) @IsIn(REPORT_KINDS, { message: 'kind must be interim or final' }) kind!: ReportKind;
  @ApiProperty() @IsString() @Matches(DATE, { message: `periodFrom ${DATE_MESSAGE}` }) periodFrom!: string;
  @ApiProperty() @IsString() @Matches(DATE, { message: `periodTo ${DATE_MESSAGE}` }) periodTo!: string;
  @ApiProperty() @IsString() @Matches(DATE, { message: `dueOn ${DATE_MESSAGE}` }) dueOn!: string;
}

export class GrantContentDto implements GrantContent {
  @ApiProperty() @IsString() @Matches(DATE, { message: `startsOn ${DATE_MESSAGE}` }) startsOn!: string;
  @ApiProperty() @IsString() @Matches(DATE, { message: `endsOn ${DATE_MESSAGE}` }) endsOn!: string;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) purpose!: string;
  @ApiProperty({ type: [GrantBudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each budget line must be an object' })
  @ValidateNested({ each: true })
  @Type(() => GrantBudgetLineDto)
  budgetLines!: GrantBudgetLineDto[];
  @ApiProperty({ type: [TranchePlanItemDto] })
  @IsArray()
  @ArrayMaxSize(24)
  @IsObject({ each: true, message: 'each tranche must be an object' })
  @ValidateNested({ each: true })
  @Type(() => TranchePlanItemDto)
  tranches!: TranchePlanItemDto[];
  @ApiProperty({ type: [ReportingScheduleItemDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each report must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ReportingScheduleItemDto)
  reportingSchedule!: ReportingScheduleItemDto[];
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) specialConditions!: string;
  @ApiProperty({ enum: MODALITIES }) @IsIn(MODALITIES, { message: `modality must be one of ${MODALITIES.join(', ')}` }) modality!: Modality;
  @IsBoundedInt(0, 10_000) reallocationToleranceBp!: number;
}

export class GrantListQueryDto extends PageQueryDto implements GrantListQuery {
  @ApiPropertyOptional({ enum: GRANT_STATES })
  @IsOptional()
  @IsIn(GRANT_STATES, { message: `state must be one of ${GRANT_STATES.join(', ')}` })
  state?: GrantState;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'programId must be an id' }) programId?: string;
}

export class CreateGrantDto implements CreateGrantRequest {
  @ApiPropertyOptional({ description: 'Agency-unique; generated as MZ-<year>-<nnnn> when omitted', example: 'MZ-2026-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  grantNumber?: string;
}

export class UpdateGrantDraftDto implements UpdateGrantDraftRequest {
  @ApiProperty({ type: GrantContentDto }) @IsObject() @ValidateNested() @Type(() => GrantContentDto) content!: GrantContentDto;
  @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
}

class CapacityAnswerDto implements CapacityAnswer {
  @ApiProperty({ enum: CAPACITY_QUESTION_IDS })
  @IsIn(CAPACITY_QUESTION_IDS, { message: `questionId must be one of ${CAPACITY_QUESTION_IDS.join(', ')}` })
  questionId!: string;
  @IsBoundedInt(0, 3) score!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class SetRiskDto implements SetRiskRequest {
  @ApiProperty({ type: [CapacityAnswerDto] })
  @IsArray()
  @ArrayMaxSize(CAPACITY_QUESTION_IDS.length)
  @IsObject({ each: true, message: 'each answer must be an object' })
  @ValidateNested({ each: true })
  @Type(() => CapacityAnswerDto)
  answers!: CapacityAnswerDto[];
  @ApiPropertyOptional({ enum: RATINGS, description: 'Only a stricter rating than the assessment gives' })
  @IsOptional()
  @IsIn(RATINGS, { message: `rating must be one of ${RATINGS.join(', ')}` })
  rating?: RiskRating;
  @ApiProperty({ enum: MODALITIES }) @IsIn(MODALITIES, { message: `modality must be one of ${MODALITIES.join(', ')}` }) modality!: Modality;
  @ApiProperty({ enum: MONITORING_LEVELS })
  @IsIn(MONITORING_LEVELS, { message: `monitoring must be one of ${MONITORING_LEVELS.join(', ')}` })
  monitoring!: string;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

export class SendForSignatureDto implements SendForSignatureRequest {
  @ApiProperty() @IsUUID('all', { message: 'signatoryUserId must be a user id' }) signatoryUserId!: string;
}

export class SignAgreementDto implements SignAgreementRequest {
  @ApiProperty({ description: 'The signatory’s full name, typed' }) @IsString() @MaxLength(200) typedName!: string;
  @IsBoundedInt(1, INT4_MAX) version!: number;
}

export class CountersignDto implements CountersignRequest {
  @IsBoundedInt(1, INT4_MAX) version!: number;
}

export class ReasonDto implements CancelGrantRequest, CloseFindingRequest {
  @ApiProperty({ description: 'Why: recorded on the activity trail' }) @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

export class AmendGrantDto implements AmendGrantRequest {
  @ApiProperty({ type: GrantContentDto }) @IsObject() @ValidateNested() @Type(() => GrantContentDto) content!: GrantContentDto;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

export class TickConditionDto implements TickConditionRequest {
  @ApiProperty() @IsString() @Matches(/^[\w.-]{1,32}$/, { message: 'conditionId is 1–32 letters, digits, _ . -' }) conditionId!: string;
  @ApiProperty() @IsBoolean() ticked!: boolean;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) note!: string;
}

export class ReportAcceptedDto implements ReportAcceptedRequest {
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) note!: string;
  @IsMinorUnits() accountedMinor!: string;
}

export class ReleaseTrancheDto implements ReleaseTrancheRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) note?: string;
}

export class RaiseFindingDto implements RaiseFindingRequest {
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES, { message: `priority must be one of ${PRIORITIES.join(', ')}` }) priority!: FindingPriority;
  @ApiProperty() @IsString() @MaxLength(300) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) description?: string;
}
