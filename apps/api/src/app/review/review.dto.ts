import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AssignReviewerRequest,
  BOARD_SORTS,
  BoardQuery,
  BoardSort,
  BulkAssignRequest,
  DeclarationRequest,
  ReassignRequest,
  SaveScoresRequest,
  SetDisagreementThresholdRequest,
  ScoreInput,
  SubmitReviewRequest,
  UnassignRequest,
} from '@mizan/contracts';
import { APPLICATION_STATES, ApplicationState, RECOMMENDATIONS, REVIEW_TEXT_MAX, Recommendation, SCORE_MAX, SCORE_MIN } from '@mizan/domain';
import { INT4_MAX, IsBoundedDecimal, IsBoundedInt, KeysetQueryDto } from '@mizan/server/core';
import { PER_APPLICATION_MAX } from '@mizan/server/review';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REASON_MAX = 2_000;

export class BulkAssignDto implements BulkAssignRequest {
  @ApiProperty({ example: 2 })
  @IsBoundedInt(1, PER_APPLICATION_MAX)
  perApplication!: number;

  @ApiPropertyOptional({ type: [String], description: 'Only these applications of the call (default: every eligible or in-review one)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each application id must be an id' })
  applicationIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-05-31', description: 'When the reviews are due' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'dueOn must be a date like 2027-05-31' })
  dueOn?: string | null;
}

export class AssignReviewerDto implements AssignReviewerRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'reviewerId must be the id of a reviewer' })
  reviewerId!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-05-31' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'dueOn must be a date like 2027-05-31' })
  dueOn?: string | null;
}

export class ReassignDto implements ReassignRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'fromReviewerId must be the id of a reviewer' })
  fromReviewerId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'toReviewerId must be the id of a reviewer' })
  toReviewerId!: string;

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class UnassignDto implements UnassignRequest {
  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class DeclarationDto implements DeclarationRequest {
  @ApiProperty({ description: 'True when the reviewer has a conflict of interest with this application' })
  @IsBoolean({ message: 'hasConflict must be true or false' })
  hasConflict!: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Required when hasConflict: what the conflict is' })
  @IsOptional()
  @IsString()
  @MaxLength(REVIEW_TEXT_MAX)
  statement?: string | null;
}

export class ScoreInputDto implements ScoreInput {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  criterionId!: string;

  @ApiProperty({ nullable: true, description: 'Null in a draft: a comment written before its score' })
  @ValidateIf((o: ScoreInputDto) => o.score !== null)
  @IsBoundedInt(SCORE_MIN, SCORE_MAX)
  score!: number | null;

  @ApiProperty({ description: 'Required at submission for scores of 0, 1 and 5' })
  @IsString()
  @MaxLength(REVIEW_TEXT_MAX)
  comment!: string;
}

export class SaveScoresDto implements SaveScoresRequest {
  @ApiProperty({ type: [ScoreInputDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each score must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ScoreInputDto)
  scores!: ScoreInputDto[];

  @ApiProperty({ enum: RECOMMENDATIONS, nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of ${RECOMMENDATIONS.join(', ')}` })
  recommendation!: Recommendation | null;

  @ApiProperty()
  @IsString()
  @MaxLength(REVIEW_TEXT_MAX)
  overallComment!: string;

  @ApiProperty({ description: 'The version this draft was edited from' })
  @IsBoundedInt(1, INT4_MAX)
  version!: number;
}

export class SubmitReviewDto implements SubmitReviewRequest {
  @ApiProperty({ description: 'The version being submitted' })
  @IsBoundedInt(1, INT4_MAX)
  version!: number;
}

export class BoardQueryDto extends KeysetQueryDto implements BoardQuery {
  @ApiPropertyOptional({ enum: BOARD_SORTS })
  @IsOptional()
  @IsIn(BOARD_SORTS, { message: `sort must be one of ${BOARD_SORTS.join(', ')}` })
  sort?: BoardSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'direction must be asc or desc' })
  direction?: 'asc' | 'desc';

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'disagreement must be true or false' })
  disagreement?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['above', 'below'] })
  @IsOptional()
  @IsIn(['above', 'below'], { message: 'line must be above or below' })
  line?: 'above' | 'below';

  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @IsOptional()
  @IsIn(APPLICATION_STATES, { message: 'state must be an application state' })
  state?: ApplicationState;

  @ApiPropertyOptional({ description: 'Only this application’s row' })
  @IsOptional()
  @IsUUID('all', { message: 'applicationId must be the id of an application' })
  applicationId?: string;
}

export class SetDisagreementThresholdDto implements SetDisagreementThresholdRequest {
  @ApiProperty({ description: 'Spread in points of the 0–5 weighted scale above which reviewers are flagged as disagreeing', example: 1.5 })
  @IsBoundedDecimal(0, 5, 2, { message: 'threshold must be a number from 0 to 5 with at most two decimals, like 1.5' })
  threshold!: number;

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @MaxLength(REVIEW_TEXT_MAX)
  reason!: string;
}
