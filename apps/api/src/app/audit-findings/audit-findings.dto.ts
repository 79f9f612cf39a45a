import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { FINDING_CATEGORIES, FINDING_PRIORITIES, RESPONSE_KINDS } from '@mizan/contracts';
import type {
  CheckFindingActionRequest,
  ConfirmFindingRefundRequest,
  FindingCategory,
  FindingPriority,
  FindingResponseRequest,
  RaiseAuditFindingRequest,
  ResponseKind,
  UpdateAuditFindingRequest,
} from '@mizan/contracts';
import { INT4_MAX, IsBoundedInt, IsMinorUnits } from '@mizan/server/core';

/* Shapes only; what the values must satisfy together (ineligible ≤ affected, the grant in scope, the item in the sample) the service names. */

/** At most 15 digits: exact in every JSON reader. */
const AMOUNT_MAX = 999_999_999_999_999n;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RaiseAuditFindingDto implements RaiseAuditFindingRequest {
  @ApiProperty({ description: 'A grant in the engagement’s scope' }) @IsUUID('all', { message: 'grantId must be an id' }) grantId!: string;
  @ApiPropertyOptional({ description: 'An item of this engagement’s sample, of that grant', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'sampleItemId must be an id' })
  sampleItemId?: string | null;
  @ApiPropertyOptional({ enum: FINDING_CATEGORIES, nullable: true })
  @IsOptional()
  @IsIn(FINDING_CATEGORIES, { message: `category must be one of ${FINDING_CATEGORIES.join(', ')}` })
  category?: FindingCategory | null;
  @ApiPropertyOptional({ description: 'Required without a category', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) title?: string | null;
  @ApiProperty() @IsString() @MaxLength(20_000) description!: string;
  @ApiProperty({ enum: FINDING_PRIORITIES }) @IsIn(FINDING_PRIORITIES as FindingPriority[], { message: 'priority must be one of high, medium, low' }) priority!: FindingPriority;
  @ApiProperty({ description: 'Minor units of the grant currency', example: '125000' }) @IsMinorUnits({ max: AMOUNT_MAX }) affectedMinor!: string;
  @ApiProperty({ description: 'Minor units found ineligible (≤ affectedMinor): a refund receivable once an officer confirms', example: '25000' })
  @IsMinorUnits({ max: AMOUNT_MAX })
  ineligibleMinor!: string;
  @ApiProperty() @IsString() @MaxLength(4000) recommendation!: string;
  @ApiProperty() @IsString() @MaxLength(4000) action!: string;
  @ApiProperty() @IsString() @MaxLength(200) actionOwner!: string;
  @ApiPropertyOptional({ example: '2026-06-30', nullable: true, type: String }) @IsOptional() @IsString() @Matches(DATE, { message: 'actionDueOn must be a date YYYY-MM-DD' }) actionDueOn?: string | null;
}

export class UpdateAuditFindingDto implements UpdateAuditFindingRequest {
  @ApiPropertyOptional({ enum: FINDING_CATEGORIES, nullable: true })
  @IsOptional()
  @IsIn(FINDING_CATEGORIES, { message: `category must be one of ${FINDING_CATEGORIES.join(', ')}` })
  category?: FindingCategory | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) title?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;
  @ApiPropertyOptional({ enum: FINDING_PRIORITIES })
  @IsOptional()
  @IsIn(FINDING_PRIORITIES as FindingPriority[], { message: 'priority must be one of high, medium, low' })
  priority?: FindingPriority;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: AMOUNT_MAX }) affectedMinor?: string;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: AMOUNT_MAX }) ineligibleMinor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) recommendation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) actionOwner?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @Matches(DATE, { message: 'actionDueOn must be a date YYYY-MM-DD' }) actionDueOn?: string | null;
  @ApiProperty({ description: 'The version you loaded (STALE_FINDING otherwise)' }) @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
}

export class FindingResponseDto implements FindingResponseRequest {
  @ApiProperty({ enum: RESPONSE_KINDS, description: 'Management (grantee, officer): response; the auditor: accepted or comment' })
  @IsIn(RESPONSE_KINDS, { message: `kind must be one of ${RESPONSE_KINDS.join(', ')}` })
  kind!: ResponseKind;
  @ApiProperty() @IsString() @MaxLength(10_000) body!: string;
}

export class ConfirmFindingRefundDto implements ConfirmFindingRefundRequest {
  @ApiProperty({ description: 'Why: recorded on the activity trail' }) @IsString() @MaxLength(4000) reason!: string;
}

export class CheckFindingActionDto implements CheckFindingActionRequest {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What was checked: recorded on the activity trail' }) @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
}
