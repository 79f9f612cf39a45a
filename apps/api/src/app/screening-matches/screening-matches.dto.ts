import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MATCH_RESOLUTIONS, MATCH_STATES, PARTY_KINDS, SCREENING_QUERY_MAX, SCREENING_REASON_MAX, SCREENING_REASON_MIN } from '@mizan/contracts';
import type { MatchResolution, MatchState, PartyKind, ScreeningMatchListQuery, ScreeningResolutionInput, ScreeningSecondInput } from '@mizan/contracts';
import { INT4_MAX, IsBoundedInt, KeysetQueryDto } from '@mizan/server/core';

export class ScreeningMatchListQueryDto extends KeysetQueryDto implements ScreeningMatchListQuery {
  @ApiPropertyOptional({ enum: MATCH_STATES, description: 'Default: open and pending_second' })
  @IsOptional()
  @IsIn([...MATCH_STATES], { message: `state must be one of ${MATCH_STATES.join(', ')}` })
  state?: MatchState;
  @ApiPropertyOptional({ enum: PARTY_KINDS })
  @IsOptional()
  @IsIn([...PARTY_KINDS], { message: `partyKind must be one of ${PARTY_KINDS.join(', ')}` })
  partyKind?: PartyKind;
  @ApiPropertyOptional({ description: 'Part of the screened name, the list reference or the organization', maxLength: SCREENING_QUERY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(SCREENING_QUERY_MAX)
  q?: string;
}

export class ScreeningResolutionDto implements ScreeningResolutionInput {
  @ApiProperty({ enum: MATCH_RESOLUTIONS }) @IsIn([...MATCH_RESOLUTIONS], { message: `resolution must be one of ${MATCH_RESOLUTIONS.join(', ')}` }) resolution!: MatchResolution;
  @ApiProperty({ description: `Why (${SCREENING_REASON_MIN}–${SCREENING_REASON_MAX} characters): kept on the match and the activity trail`, minLength: SCREENING_REASON_MIN, maxLength: SCREENING_REASON_MAX })
  @IsString()
  @MaxLength(SCREENING_REASON_MAX)
  reason!: string;
  @ApiProperty({ description: 'The rowVersion of the match as loaded (STALE_SCREENING_MATCH otherwise)' }) @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
}

export class ScreeningSecondDto implements ScreeningSecondInput {
  @ApiProperty({ description: 'true: the proposal becomes the decision; false: the match is open again' }) @IsBoolean() agree!: boolean;
  @ApiProperty({ description: `Why (${SCREENING_REASON_MIN}–${SCREENING_REASON_MAX} characters)`, minLength: SCREENING_REASON_MIN, maxLength: SCREENING_REASON_MAX })
  @IsString()
  @MaxLength(SCREENING_REASON_MAX)
  reason!: string;
  @ApiProperty({ description: 'The rowVersion of the match as loaded (STALE_SCREENING_MATCH otherwise)' }) @IsBoundedInt(1, INT4_MAX) rowVersion!: number;
}
