import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LINE_DECISIONS } from '@mizan/contracts';
import type {
  AcceptReportRequest,
  LineDecision,
  OffsetRefundRequest,
  PostLineMessageRequest,
  RecordRepaymentRequest,
  ReturnReportRequest,
  VerifyLineRequest,
} from '@mizan/contracts';
import { INT4_MAX, IsBoundedInt, IsMinorUnits } from '@mizan/server/core';

const TEXT_MAX = 4000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VerifyLineDto implements VerifyLineRequest {
  @ApiProperty({ enum: LINE_DECISIONS }) @IsIn(LINE_DECISIONS as LineDecision[], { message: `decision must be one of ${LINE_DECISIONS.join(', ')}` }) decision!: LineDecision;
  @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
  @ApiPropertyOptional({ description: 'ineligible: grant-currency minor units refused (0 < x ≤ the line’s grant amount)' })
  @IsOptional()
  @IsMinorUnits()
  ineligibleMinor?: string;
  @ApiPropertyOptional({ description: 'ineligible: why (required)' }) @IsOptional() @IsString() @MaxLength(TEXT_MAX) reason?: string;
  @ApiPropertyOptional({ description: 'question: the question (required)' }) @IsOptional() @IsString() @MaxLength(TEXT_MAX) question?: string;
}

export class LineMessageDto implements PostLineMessageRequest {
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) body!: string;
}

export class AcceptReportDto implements AcceptReportRequest {
  @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) note?: string;
}

export class ReturnReportDto implements ReturnReportRequest {
  @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
  @ApiProperty({ description: 'Why: shown to the grantee and recorded on the trail' }) @IsString() @MaxLength(TEXT_MAX) reason!: string;
}

export class RecordRepaymentDto implements RecordRepaymentRequest {
  @IsMinorUnits() amountMinor!: string;
  @ApiProperty({ example: '2026-11-30' }) @IsString() @Matches(ISO_DATE, { message: 'receivedOn must be a date like 2026-11-30' }) receivedOn!: string;
  @ApiProperty() @IsString() @MaxLength(140) reference!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) note?: string;
}

export class OffsetRefundDto implements OffsetRefundRequest {
  @ApiProperty() @IsUUID('all', { message: 'trancheId must be a tranche id' }) trancheId!: string;
  @IsMinorUnits() amountMinor!: string;
  @ApiProperty() @IsString() @MaxLength(TEXT_MAX) reason!: string;
}
