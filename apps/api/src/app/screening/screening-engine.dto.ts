import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SCREENING_NAME_MAX, type ScreeningCheckInput, type ScreeningSettingsInput } from '@mizan/contracts';
import type { PartyNameKind } from '@mizan/domain';
import { IsBoundedDecimal, IsBoundedInt } from '@mizan/server/core';
import { NoDirectionControls } from '../http/direction-controls';

const KINDS: PartyNameKind[] = ['person', 'entity', 'unknown'];

export class ScreeningCheckDto implements ScreeningCheckInput {
  @ApiProperty({ description: 'The name to screen (1..300 characters after trimming)', maxLength: SCREENING_NAME_MAX })
  @IsString()
  @MaxLength(SCREENING_NAME_MAX)
  @NoDirectionControls()
  name!: string;

  @ApiPropertyOptional({ enum: KINDS, description: 'A person’s name, an organization’s, or unknown (default)' })
  @IsOptional()
  @IsIn(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` })
  kind?: PartyNameKind;
}

export class ScreeningSettingsDto implements ScreeningSettingsInput {
  @ApiProperty({ minimum: 0.5, maximum: 1, description: 'Score at or above which a name is a potential match' })
  @IsBoundedDecimal(0.5, 1, 4)
  threshold!: number;

  @ApiProperty({ minimum: 0.5, maximum: 1, description: 'Score at or above which clearing a match needs a second officer (≥ threshold)' })
  @IsBoundedDecimal(0.5, 1, 4)
  highScore!: number;

  @ApiProperty({ minimum: 0, maximum: 2147483647, description: 'The rowVersion read with the settings (0 before the first change)' })
  @IsBoundedInt(0, 2147483647)
  rowVersion!: number;
}
