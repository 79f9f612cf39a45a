import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ReverseEntryRequest } from '@mizan/contracts';

export const REVERSAL_REASON_MAX = 2000;

export class ReverseEntryDto implements ReverseEntryRequest {
  @ApiProperty({ description: 'Why the entry is wrong: recorded on the activity trail with the reversal', maxLength: REVERSAL_REASON_MAX })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REVERSAL_REASON_MAX)
  reason!: string;
}
