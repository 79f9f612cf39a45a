import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { TrailExportRequest, TrailFilterSet, TrailQuery } from '@mizan/contracts';
import { KeysetQueryDto } from '@mizan/server/core';

/** The trail's filters, the same on the page (query) and on an export (body). */
export class TrailFilterSetDto implements TrailFilterSet {
  @ApiPropertyOptional({ description: 'Part of the actor’s email or label' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'An exact action code, e.g. application.screening.mark_eligible' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ description: 'ISO date or date-time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date such as 2026-11-29' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date or date-time, inclusive; a date covers the whole day (UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date such as 2026-11-29' })
  to?: string;
}

/** The trail page's query: a keyset page of records (newest first) and the filters. */
export class TrailQueryDto extends IntersectionType(KeysetQueryDto, TrailFilterSetDto) implements TrailQuery {}

export class TrailExportRequestDto implements TrailExportRequest {
  @ApiPropertyOptional({ type: TrailFilterSetDto, description: 'The filters on screen; the PDF lists only the records they match and names them' })
  @IsOptional()
  @IsObject({ message: 'filters must be an object' })
  @ValidateNested()
  @Type(() => TrailFilterSetDto)
  filters?: TrailFilterSetDto;
}
