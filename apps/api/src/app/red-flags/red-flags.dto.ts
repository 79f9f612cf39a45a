import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { RedFlagListQuery, RedFlagReasonRequest, RedFlagState } from '@mizan/contracts';
import { IsBoundedDecimal, IsBoundedInt, IsMinorUnits, KeysetQueryDto } from '@mizan/server/core';
import { RED_FLAG_CODES, RED_FLAG_MONEY_MAX, RED_FLAG_SETTING_BOUNDS as B, RedFlagCode, RedFlagSeverity } from '@mizan/domain';

const STATES: RedFlagState[] = ['open', 'cleared', 'escalated'];
const SEVERITIES: RedFlagSeverity[] = ['low', 'medium', 'high'];

export class RedFlagListQueryDto extends KeysetQueryDto implements RedFlagListQuery {
  @ApiPropertyOptional({ enum: STATES }) @IsOptional() @IsIn(STATES, { message: `state must be one of ${STATES.join(', ')}` }) state?: RedFlagState;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` }) severity?: RedFlagSeverity;
  @ApiPropertyOptional({ enum: RED_FLAG_CODES }) @IsOptional() @IsIn([...RED_FLAG_CODES], { message: 'code must be a red-flag rule code' }) code?: RedFlagCode;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'programId must be an id' }) programId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'grantId must be an id' }) grantId?: string;
  @ApiPropertyOptional({ description: 'Include flags the latest run no longer raises' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  inactive?: boolean;
}

export class RedFlagReasonDto implements RedFlagReasonRequest {
  @ApiProperty({ description: 'Why: recorded on the flag and the activity trail' }) @IsString() @MaxLength(2000) reason!: string;
}

const MAX = RED_FLAG_MONEY_MAX;

class PerCurrencyDto {
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: MAX }) USD?: string;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: MAX }) EUR?: string;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: MAX }) GBP?: string;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: MAX }) SEK?: string;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits({ max: MAX }) IQD?: string;
}

/** The agency's overrides: every key optional; what is not sent is the default. Bounds: RED_FLAG_SETTING_BOUNDS. */
export class RedFlagSettingsDto {
  @ApiPropertyOptional({ type: PerCurrencyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PerCurrencyDto) cashThresholdMinor?: PerCurrencyDto;
  @ApiPropertyOptional({ type: PerCurrencyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PerCurrencyDto) procurementThresholdMinor?: PerCurrencyDto;
  @IsOptional() @IsBoundedInt(B.splitWindowDays.min, B.splitWindowDays.max) splitWindowDays?: number;
  @IsOptional() @IsBoundedInt(B.budgetToleranceBp.min, B.budgetToleranceBp.max) budgetToleranceBp?: number;
  @IsOptional() @IsBoundedInt(B.roundShareThresholdBp.min, B.roundShareThresholdBp.max) roundShareThresholdBp?: number;
  @IsOptional() @IsBoundedInt(B.roundMinLines.min, B.roundMinLines.max) roundMinLines?: number;
  @IsOptional() @IsBoundedInt(B.roundUnitMajor.min, B.roundUnitMajor.max) roundUnitMajor?: number;
  @IsOptional() @IsBoundedInt(B.benfordMinLines.min, B.benfordMinLines.max) benfordMinLines?: number;
  @IsOptional() @IsBoundedDecimal(B.benfordMadThreshold.min, B.benfordMadThreshold.max, 4) benfordMadThreshold?: number;
  @IsOptional() @IsBoundedInt(B.fxDeviationBp.min, B.fxDeviationBp.max) fxDeviationBp?: number;
  @IsOptional() @IsBoundedInt(B.evidenceDateGapDays.min, B.evidenceDateGapDays.max) evidenceDateGapDays?: number;
  @IsOptional() @IsBoundedInt(B.locationMarginKm.min, B.locationMarginKm.max) locationMarginKm?: number;
  @IsOptional() @IsBoundedInt(B.monitoringOverdueHighDays.min, B.monitoringOverdueHighDays.max) monitoringOverdueHighDays?: number;
}
