import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import type {
  AssignMonitorRequest,
  MonitoringKind,
  MonitoringOutcome,
  MonitoringPolicy,
  RecordVisitRequest,
  SecurityLevel,
  SetSecurityLevelRequest,
  UpdateMonitoringPolicyRequest,
  VisitChecklistItem,
} from '@mizan/contracts';
import { IsBoundedInt } from '@mizan/server/core';
import { MONITORING_EVERY_DAYS_MAX, MONITORING_EVERY_DAYS_MIN, MONITORING_KINDS, MONITORING_OUTCOMES, SECURITY_LEVELS, VISIT_CHECKLIST_ANSWERS, VISIT_CHECKLIST_ITEMS } from '@mizan/domain';

/* Shapes only; what the values must satisfy together (a visit not in the future, known checklist items) the service names. */

const TEXT_MAX = 4000;
const FINDINGS_MAX = 20_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

const GOVERNORATE = /^[A-Z]{2}-[A-Z]{2}$/;
const GOVERNORATE_MESSAGE = 'must be an ISO 3166-2 code like IQ-BG';

export class SetSecurityLevelDto implements SetSecurityLevelRequest {
  @ApiProperty({ example: 'IQ-BG', pattern: GOVERNORATE.source }) @IsString() @Matches(GOVERNORATE, { message: `governorateCode ${GOVERNORATE_MESSAGE}` }) governorateCode!: string;
  @ApiProperty({ enum: SECURITY_LEVELS }) @IsIn(SECURITY_LEVELS, { message: `level must be one of ${SECURITY_LEVELS.join(', ')}` }) level!: SecurityLevel;
  @ApiProperty({ example: '2026-03-01', description: 'The level holds from this date' }) @IsString() @Matches(DATE, { message: `effectiveOn ${DATE_MESSAGE}` }) effectiveOn!: string;
  @ApiProperty({ description: 'Why: kept in the history and on the activity trail' }) @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

class MonitoringRuleDto {
  @ApiProperty({ enum: MONITORING_KINDS }) @IsIn(MONITORING_KINDS, { message: `kind must be one of ${MONITORING_KINDS.join(', ')}` }) kind!: MonitoringKind;
  @ApiProperty({ minimum: MONITORING_EVERY_DAYS_MIN, maximum: MONITORING_EVERY_DAYS_MAX }) @IsBoundedInt(MONITORING_EVERY_DAYS_MIN, MONITORING_EVERY_DAYS_MAX) everyDays!: number;
}

class MonitoringPolicyDto implements MonitoringPolicy {
  @ApiProperty({ type: MonitoringRuleDto }) @IsObject() @ValidateNested() @Type(() => MonitoringRuleDto) accessible!: MonitoringRuleDto;
  @ApiProperty({ type: MonitoringRuleDto }) @IsObject() @ValidateNested() @Type(() => MonitoringRuleDto) restricted!: MonitoringRuleDto;
  @ApiProperty({ type: MonitoringRuleDto }) @IsObject() @ValidateNested() @Type(() => MonitoringRuleDto) no_access!: MonitoringRuleDto;
}

export class UpdateMonitoringPolicyDto implements UpdateMonitoringPolicyRequest {
  @ApiProperty({ type: MonitoringPolicyDto }) @IsObject() @ValidateNested() @Type(() => MonitoringPolicyDto) policy!: MonitoringPolicyDto;
  @ApiProperty({ description: 'Why: recorded on the activity trail' }) @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

class VisitChecklistItemDto implements VisitChecklistItem {
  @ApiProperty({ enum: VISIT_CHECKLIST_ITEMS, description: 'A fixed checklist item id' }) @IsString() @MaxLength(64) id!: string;
  @ApiProperty({ enum: VISIT_CHECKLIST_ANSWERS })
  @IsIn(VISIT_CHECKLIST_ANSWERS, { message: `answer must be one of ${VISIT_CHECKLIST_ANSWERS.join(', ')}` })
  answer!: VisitChecklistItem['answer'];
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) note!: string;
}

export class RecordVisitDto implements RecordVisitRequest {
  @ApiProperty({ enum: MONITORING_KINDS }) @IsIn(MONITORING_KINDS, { message: `kind must be one of ${MONITORING_KINDS.join(', ')}` }) kind!: MonitoringKind;
  @ApiProperty({ example: '2026-03-01', description: 'Not in the future, not before the grant started' })
  @IsString()
  @Matches(DATE, { message: `visitedOn ${DATE_MESSAGE}` })
  visitedOn!: string;
  @ApiProperty({ type: [VisitChecklistItemDto] })
  @IsArray()
  @ArrayMaxSize(VISIT_CHECKLIST_ITEMS.length)
  @IsObject({ each: true, message: 'each checklist item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => VisitChecklistItemDto)
  checklist!: VisitChecklistItemDto[];
  @ApiProperty() @IsString() @MaxLength(FINDINGS_MAX) findings!: string;
  @ApiProperty({ enum: MONITORING_OUTCOMES }) @IsIn(MONITORING_OUTCOMES, { message: `outcome must be one of ${MONITORING_OUTCOMES.join(', ')}` }) outcome!: MonitoringOutcome;
}

export class AssignMonitorDto implements AssignMonitorRequest {
  @ApiProperty({ description: 'A user of the agency holding the role monitor' }) @IsUUID('all', { message: 'userId must be an id' }) userId!: string;
}

export class RemoveMonitorDto {
  @ApiProperty({ description: 'Why: recorded on the activity trail' }) @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

export class HistoryQueryDto {
  @ApiProperty({ example: 'IQ-BG', pattern: GOVERNORATE.source }) @IsString() @Matches(GOVERNORATE, { message: `governorate ${GOVERNORATE_MESSAGE}` }) governorate!: string;
}

export class OverviewQueryDto {
  @ApiPropertyOptional({ description: 'Only grants whose monitoring is overdue' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}
