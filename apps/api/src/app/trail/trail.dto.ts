import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import type { TrailQuery } from '@mizan/contracts';
import { PageQueryDto } from '@mizan/server/core';

export class TrailQueryDto extends PageQueryDto implements TrailQuery {
  @ApiPropertyOptional({ description: 'Part of the actor’s email or label' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

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
