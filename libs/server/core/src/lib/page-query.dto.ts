import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBoundedInt, PAGE_MAX, PAGE_SIZE_MAX, QueryInt } from './input-bounds';

/**
 * `page` and `pageSize` of every paged list: whole numbers in bounds, so
 * "1e308", "1.5", "-1" or "abc" are a 400 naming the parameter instead of an
 * OFFSET PostgreSQL refuses. Lists extend this class.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @QueryInt()
  @IsBoundedInt(1, PAGE_MAX)
  page?: number;

  @ApiPropertyOptional({ default: 25 })
  @IsOptional()
  @QueryInt()
  @IsBoundedInt(1, PAGE_SIZE_MAX)
  pageSize?: number;
}
