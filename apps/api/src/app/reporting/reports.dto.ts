import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { ExpenditureLineInput, IndicatorProgress, NarrativeContent, PaymentMethod, RateSource, ReportDueListFilter, ReportDueListQuery } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { INT4_MAX, IsBoundedInt, IsMinorUnits, KeysetQueryDto } from '@mizan/server/core';
import { ACTIVITIES_MAX, DESCRIPTION_MAX, INDICATOR_ACTUAL_MAX, INDICATOR_COMMENT_MAX, RATE_NOTE_MAX, SUPPLIER_MAX } from '@mizan/server/reporting';

/*
 * Shapes only. What a line must satisfy against its grant (a budget line of
 * the current version, an allowed currency, a date not in the future, a rate
 * when the currency differs) is checked by the report rules, which name each
 * field (4xx).
 */

const METHODS: PaymentMethod[] = ['bank', 'cash'];
const RATE_SOURCES: Exclude<RateSource, 'same_currency'>[] = ['tranche', 'reference', 'bank', 'other'];
const FILTERS: ReportDueListFilter[] = ['all', 'submitted', 'overdue', 'due'];

export class ExpenditureLineDto implements ExpenditureLineInput {
  @ApiPropertyOptional({ description: 'Chosen by the client (uuid): the same line sent twice is stored once' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiProperty({ example: '2026-03-14' }) @IsString() @MaxLength(10) spentOn!: string;
  @ApiProperty() @IsString() @MaxLength(64) budgetLineId!: string;
  @ApiProperty() @IsString() @MaxLength(SUPPLIER_MAX) supplier!: string;
  @ApiProperty() @IsString() @MaxLength(DESCRIPTION_MAX) description!: string;
  @IsMinorUnits() amountMinor!: string;
  @ApiProperty({ type: String, example: 'IQD' }) @IsString() @MaxLength(3) currency!: CurrencyCode;

  @ApiPropertyOptional({ description: '1 line currency = rate grant currency, exact decimal text' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  rate?: string;

  @ApiPropertyOptional({ enum: RATE_SOURCES }) @IsOptional() @IsIn(RATE_SOURCES) rateSource?: Exclude<RateSource, 'same_currency'>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(RATE_NOTE_MAX) rateNote?: string;
  @ApiProperty({ enum: METHODS }) @IsIn(METHODS) paymentMethod!: PaymentMethod;
}

export class UpdateExpenditureLineDto extends ExpenditureLineDto {
  @ApiPropertyOptional({ description: 'The row version read (or the If-Match header)' })
  @IsOptional()
  @IsBoundedInt(1, INT4_MAX)
  rowVersion?: number;
}

class IndicatorProgressDto implements IndicatorProgress {
  @ApiProperty() @IsString() @MaxLength(64) indicatorId!: string;
  @ApiProperty() @IsString() @MaxLength(INDICATOR_ACTUAL_MAX) actual!: string;
  @ApiProperty() @IsString() @MaxLength(INDICATOR_COMMENT_MAX) comment!: string;
}

export class NarrativeDto implements NarrativeContent {
  @ApiProperty() @IsString() @MaxLength(ACTIVITIES_MAX) activities!: string;

  @ApiProperty({ type: [IndicatorProgressDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => IndicatorProgressDto)
  indicators!: IndicatorProgressDto[];

  @ApiPropertyOptional() @IsOptional() @IsBoundedInt(1, INT4_MAX) rowVersion?: number;
}

export class ReportDueListQueryDto extends KeysetQueryDto implements ReportDueListQuery {
  @ApiPropertyOptional({ enum: FILTERS }) @IsOptional() @IsIn(FILTERS) filter?: ReportDueListFilter;
  @ApiPropertyOptional({ enum: ['days_late', 'due_on'] }) @IsOptional() @IsIn(['days_late', 'due_on']) sort?: 'days_late' | 'due_on';
}

export class RemoveLineQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(12) rowVersion?: string;
}
