import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CancelDecisionRequest, MakeDecisionRequest, OUTBOUND_EMAIL_STATUSES, OutboundEmailStatus, SetConfirmationThresholdRequest } from '@mizan/contracts';
import { IsMinorUnits } from '@mizan/server/core';
import { DECISION_OUTCOMES, DECISION_TEXT_MAX, DecisionOutcome, REJECTION_REASONS, RejectionReason } from '@mizan/domain';

/*
 * Shapes only: what a decision must satisfy (amount within the request,
 * reasons for a rejection, a rationale…) is checked by the domain's
 * checkDecision against the application, with the same field names.
 */

export class MakeDecisionDto implements MakeDecisionRequest {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES, { message: `outcome must be one of ${DECISION_OUTCOMES.join(', ')}` })
  outcome!: DecisionOutcome;

  @ApiPropertyOptional({ description: 'Approvals: the amount granted in minor units (may be less than requested)', example: '75000000' })
  @IsOptional()
  @IsMinorUnits()
  amountMinor?: string;

  @ApiPropertyOptional({ description: 'Approvals: conditions of the grant, shown to the applicant' })
  @IsOptional()
  @IsString()
  @MaxLength(DECISION_TEXT_MAX)
  conditions?: string;

  @ApiPropertyOptional({ enum: REJECTION_REASONS, isArray: true, description: 'Rejections: at least one' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REJECTION_REASONS.length)
  @IsIn(REJECTION_REASONS, { each: true, message: `each rejection reason must be one of ${REJECTION_REASONS.join(', ')}` })
  rejectionReasons?: RejectionReason[];

  @ApiPropertyOptional({ description: "Rejections: a note to the applicant; required when a reason is 'other'" })
  @IsOptional()
  @IsString()
  @MaxLength(DECISION_TEXT_MAX)
  rejectionNote?: string;

  @ApiProperty({ description: 'Why: recorded on the activity trail, not shown to the applicant' })
  @IsString()
  @MaxLength(DECISION_TEXT_MAX)
  rationale!: string;
}

export class CancelDecisionDto implements CancelDecisionRequest {
  @ApiProperty({ description: 'Why the proposal is withdrawn or declined: recorded on the activity trail' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(DECISION_TEXT_MAX)
  reason!: string;
}

export class SetConfirmationThresholdDto implements SetConfirmationThresholdRequest {
  @ApiProperty({ description: 'Approvals above this amount (minor units) need a second officer; 0: every approval does', example: '50000000' })
  @IsMinorUnits()
  confirmationThresholdMinor!: string;

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @MaxLength(DECISION_TEXT_MAX)
  reason!: string;
}

export class OutboxQueryDto {
  @ApiPropertyOptional({ enum: OUTBOUND_EMAIL_STATUSES })
  @IsOptional()
  @IsIn(OUTBOUND_EMAIL_STATUSES, { message: `status must be one of ${OUTBOUND_EMAIL_STATUSES.join(', ')}` })
  status?: OutboundEmailStatus;
}
