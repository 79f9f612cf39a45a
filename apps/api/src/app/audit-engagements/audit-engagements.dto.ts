import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import {
  ENGAGEMENT_KINDS,
  ENGAGEMENT_SCOPES,
  ENGAGEMENT_STATES,
  POPULATION_KINDS,
  type AddAuditorRequest,
  type AssuranceQuery,
  type EngagementKind,
  type EngagementListQuery,
  type EngagementMilestones,
  type EngagementScopeKind,
  type EngagementState,
  type PlanEngagementRequest,
  type PopulationKind,
  type RemoveAuditorRequest,
  type TransitionEngagementRequest,
  type UpdateEngagementRequest,
} from '@mizan/contracts';
import { INT4_MAX, IsBoundedInt, PageQueryDto } from '@mizan/server/core';
import { ENGAGEMENT_AUDITORS_MAX, ENGAGEMENT_GRANTS_MAX } from '@mizan/server/audit';

/* Shapes only; what the values must satisfy together (scope of this agency, auditors holding the role, dates in order) the service names. */

const TITLE_MAX = 300;
const FIRM_MAX = 300;
/** As every reason that goes on the trail (finance, monitoring): at most 2 000 characters, and it must say something. */
const REASON_MAX = 2_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
const oneOf = (field: string, values: readonly string[]) => ({ message: `${field} must be one of ${values.join(', ')}` });

class MilestonesDto implements EngagementMilestones {
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-03-01' }) @IsOptional() @IsString() @Matches(DATE, { message: `milestones.fieldworkFrom ${DATE_MESSAGE}` }) fieldworkFrom?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(DATE, { message: `milestones.fieldworkTo ${DATE_MESSAGE}` }) fieldworkTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(DATE, { message: `milestones.draftReportDue ${DATE_MESSAGE}` }) draftReportDue?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(DATE, { message: `milestones.managementCommentsDue ${DATE_MESSAGE}` }) managementCommentsDue?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @Matches(DATE, { message: `milestones.finalReportDue ${DATE_MESSAGE}` }) finalReportDue?: string | null;
}

export class PlanEngagementDto implements PlanEngagementRequest {
  @ApiProperty({ enum: ENGAGEMENT_KINDS }) @IsIn(ENGAGEMENT_KINDS, oneOf('kind', ENGAGEMENT_KINDS)) kind!: EngagementKind;
  @ApiProperty({ maxLength: TITLE_MAX }) @IsString() @Matches(/\S/, { message: 'title must not be empty' }) @MaxLength(TITLE_MAX) title!: string;
  @ApiProperty({ enum: ENGAGEMENT_SCOPES }) @IsIn(ENGAGEMENT_SCOPES, oneOf('scopeKind', ENGAGEMENT_SCOPES)) scopeKind!: EngagementScopeKind;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Program, call or organization of the agency; empty for chosen grants' })
  @ValidateIf((o: PlanEngagementDto) => o.scopeId !== null && o.scopeId !== undefined)
  @IsUUID('all', { message: 'scopeId must be an id' })
  scopeId?: string | null;
  @ApiPropertyOptional({ type: [String], maxItems: ENGAGEMENT_GRANTS_MAX, description: 'For a chosen-grants scope: grants of the agency past their draft' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENGAGEMENT_GRANTS_MAX, { message: `grantIds must name at most ${ENGAGEMENT_GRANTS_MAX} grants` })
  @IsUUID('all', { each: true, message: 'each of grantIds must be an id' })
  grantIds?: string[];
  @ApiProperty({ example: '2026-01-01' }) @IsString() @Matches(DATE, { message: `periodFrom ${DATE_MESSAGE}` }) periodFrom!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsString() @Matches(DATE, { message: `periodTo ${DATE_MESSAGE}` }) periodTo!: string;
  @ApiProperty({ maxLength: FIRM_MAX }) @IsString() @Matches(/\S/, { message: 'firmName must not be empty' }) @MaxLength(FIRM_MAX) firmName!: string;
  @ApiProperty({ type: [String], maxItems: ENGAGEMENT_AUDITORS_MAX, description: 'Users of the agency holding the auditor role; the first leads unless leadAuditorId says otherwise' })
  @IsArray()
  @ArrayMaxSize(ENGAGEMENT_AUDITORS_MAX, { message: `auditorIds must name at most ${ENGAGEMENT_AUDITORS_MAX} auditors` })
  @IsUUID('all', { each: true, message: 'each of auditorIds must be an id' })
  auditorIds!: string[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @ValidateIf((o: PlanEngagementDto) => o.leadAuditorId !== null && o.leadAuditorId !== undefined)
  @IsUUID('all', { message: 'leadAuditorId must be an id' })
  leadAuditorId?: string | null;
  @ApiPropertyOptional({ type: MilestonesDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MilestonesDto) milestones?: MilestonesDto;
  @ApiProperty({ enum: POPULATION_KINDS }) @IsIn(POPULATION_KINDS, oneOf('populationKind', POPULATION_KINDS)) populationKind!: PopulationKind;
}

export class UpdateEngagementDto implements UpdateEngagementRequest {
  @ApiPropertyOptional({ maxLength: TITLE_MAX }) @IsOptional() @IsString() @Matches(/\S/, { message: 'title must not be empty' }) @MaxLength(TITLE_MAX) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(DATE, { message: `periodFrom ${DATE_MESSAGE}` }) periodFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(DATE, { message: `periodTo ${DATE_MESSAGE}` }) periodTo?: string;
  @ApiPropertyOptional({ maxLength: FIRM_MAX }) @IsOptional() @IsString() @Matches(/\S/, { message: 'firmName must not be empty' }) @MaxLength(FIRM_MAX) firmName?: string;
  @ApiPropertyOptional({ type: MilestonesDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MilestonesDto) milestones?: MilestonesDto;
  @ApiPropertyOptional({ enum: POPULATION_KINDS }) @IsOptional() @IsIn(POPULATION_KINDS, oneOf('populationKind', POPULATION_KINDS)) populationKind?: PopulationKind;
  @ApiProperty({ description: 'The engagement’s rowVersion as loaded' }) @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
}

export class TransitionEngagementDto implements TransitionEngagementRequest {
  @ApiProperty({ enum: ENGAGEMENT_STATES }) @IsIn(ENGAGEMENT_STATES, oneOf('to', ENGAGEMENT_STATES)) to!: EngagementState;
  @ApiProperty({ description: 'Why: recorded on the activity trail', maxLength: REASON_MAX })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REASON_MAX)
  reason!: string;
  @ApiProperty({ description: 'The engagement’s rowVersion as loaded' }) @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
}

export class AddAuditorDto implements AddAuditorRequest {
  @ApiProperty({ format: 'uuid', description: 'A user of the agency holding the auditor role' }) @IsUUID('all', { message: 'userId must be an id' }) userId!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'lead must be true or false' }) lead?: boolean;
}

export class RemoveAuditorDto implements RemoveAuditorRequest {
  @ApiProperty({ description: 'Why: recorded on the activity trail', maxLength: REASON_MAX })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class EngagementListQueryDto extends PageQueryDto implements EngagementListQuery {
  @ApiPropertyOptional({ enum: ENGAGEMENT_STATES }) @IsOptional() @IsIn(ENGAGEMENT_STATES, oneOf('state', ENGAGEMENT_STATES)) state?: EngagementState;
}

export class AssuranceQueryDto extends PageQueryDto implements AssuranceQuery {
  @ApiPropertyOptional({ description: 'Only grants short of what their risk rating requires' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'short must be true or false' })
  short?: boolean;
}
