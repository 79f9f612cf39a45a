import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AUDIT_CHECKS, SAMPLE_RESULTS, SAMPLING_METHODS } from '@mizan/contracts';
import type { AuditCheckAnswer, AuditCheckId, AuditCheckRecord, DrawSampleRequest, SampleResult, SamplingMethod, TestSampleItemRequest } from '@mizan/contracts';
import { IsBoundedInt, IsMinorUnits, PageQueryDto, QueryInt } from '@mizan/server/core';

/* Shapes only; what the values must satisfy together (confidence levels, materiality within the population, sizes) the service names. */

const SAMPLE_SIZE_MAX = 1_000_000;
const ANSWERS: AuditCheckAnswer[] = ['yes', 'no', 'not_applicable'];
const TESTED: Exclude<SampleResult, 'untested'>[] = ['pass', 'exception'];

/** Confidence in percent; the service refuses 0, 100 and levels without factors. */
function ConfidenceField(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example: 95, minimum: 0, maximum: 100, description: 'Confidence in percent, above 0 and below 100; monetary-unit sampling: 80, 85, 90, 95 or 99' })(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'confidencePct must be a number' })(target, key);
    Min(0, { message: 'confidencePct must be above 0' })(target, key);
    Max(100, { message: 'confidencePct must be below 100' })(target, key);
  };
}

export class SampleSizeQueryDto {
  @ApiProperty({ enum: SAMPLING_METHODS }) @IsIn([...SAMPLING_METHODS], { message: `method must be one of ${SAMPLING_METHODS.join(', ')}` }) method!: SamplingMethod;
  @ConfidenceField() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,3}(\.\d{1,4})?$/.test(value) ? Number(value) : value)) confidencePct!: number;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits() materialityMinor?: string;
  @ApiPropertyOptional() @IsOptional() @IsMinorUnits() expectedMisstatementMinor?: string;
  @ApiPropertyOptional() @IsOptional() @QueryInt() @IsBoundedInt(1, SAMPLE_SIZE_MAX) sampleSize?: number;
}

export class SampleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SAMPLE_RESULTS }) @IsOptional() @IsIn([...SAMPLE_RESULTS], { message: `result must be one of ${SAMPLE_RESULTS.join(', ')}` }) result?: SampleResult;
}

export class DrawSampleDto implements DrawSampleRequest {
  @ApiProperty({ enum: SAMPLING_METHODS }) @IsIn([...SAMPLING_METHODS], { message: `method must be one of ${SAMPLING_METHODS.join(', ')}` }) method!: SamplingMethod;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Seed (decimal, 0 to 4294967295); left out, the server draws one and shows it', example: '20261206' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,10}$/, { message: 'seed must be a whole number from 0 to 4294967295' })
  seed?: string | null;
  @ConfidenceField() confidencePct!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsMinorUnits() materialityMinor?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsMinorUnits() expectedMisstatementMinor?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Simple random: required; monetary unit: may raise the computed size' }) @IsOptional() @IsBoundedInt(1, SAMPLE_SIZE_MAX) sampleSize?: number | null;
  @ApiProperty({ description: 'Add every item with an open red flag' }) @IsBoolean() includeOpenRedFlags!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Add every item at or above this amount' }) @IsOptional() @IsMinorUnits() includeAboveMinor?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the sample is drawn again (required when replacing a draw)' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}

class CheckRecordDto implements AuditCheckRecord {
  @ApiProperty({ enum: AUDIT_CHECKS }) @IsIn([...AUDIT_CHECKS], { message: `id must be one of ${AUDIT_CHECKS.join(', ')}` }) id!: AuditCheckId;
  @ApiProperty({ enum: ANSWERS }) @IsIn(ANSWERS, { message: `answer must be one of ${ANSWERS.join(', ')}` }) answer!: AuditCheckAnswer;
}

export class TestSampleItemDto implements TestSampleItemRequest {
  @ApiProperty({ type: [CheckRecordDto] }) @IsArray() @ArrayMaxSize(AUDIT_CHECKS.length * 2) @ValidateNested({ each: true }) @Type(() => CheckRecordDto) checks!: CheckRecordDto[];
  @ApiProperty({ enum: TESTED }) @IsIn(TESTED, { message: `result must be one of ${TESTED.join(', ')}` }) result!: Exclude<SampleResult, 'untested'>;
  @ApiProperty({ description: 'Required for an exception' }) @IsString() @MaxLength(10_000) notes!: string;
  @ApiProperty() @IsBoundedInt(1, 2_147_483_647) rowVersion!: number;
}
