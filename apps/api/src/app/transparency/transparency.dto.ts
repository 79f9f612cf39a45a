import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IATI_IDENTIFIER_MAX,
  IATI_NAME_MAX,
  IATI_ORGANISATION_TYPE_CODES,
  IATI_ORG_IDENTIFIER_PATTERN,
  IATI_SUMMARY_MAX,
  type IatiIdentityRequest,
  type IatiOrganisationType,
  type LocalizedText,
  type ProgramPublicationRequest,
} from '@mizan/contracts';
import { IsBoundedInt } from '@mizan/server/core';
import { NoDirectionControls } from '../http/direction-controls';

const INT4_MAX = 2_147_483_647;

export class OrganisationNameDto implements LocalizedText {
  @ApiProperty({
    maxLength: IATI_NAME_MAX,
    description: 'The name in English (the file’s default language)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(IATI_NAME_MAX)
  @Matches(/\S/, { message: 'en must not be blank' })
  @NoDirectionControls()
  en!: string;

  @ApiPropertyOptional({ maxLength: IATI_NAME_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(IATI_NAME_MAX)
  @NoDirectionControls()
  ar?: string;
  @ApiPropertyOptional({ maxLength: IATI_NAME_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(IATI_NAME_MAX)
  @NoDirectionControls()
  sv?: string;
}

export class IatiIdentityDto implements IatiIdentityRequest {
  @ApiProperty({
    maxLength: IATI_IDENTIFIER_MAX,
    example: 'XI-IATI-MIZAN-DEMO',
    description:
      'IATI organisation identifier: registration agency prefix, hyphen, number',
  })
  @IsString()
  @MaxLength(IATI_IDENTIFIER_MAX)
  @Matches(IATI_ORG_IDENTIFIER_PATTERN, {
    message:
      'organisationIdentifier must be an IATI organisation identifier such as SE-0-SE-6-2021004854 or XI-IATI-EXAMPLE (letters, digits and hyphens)',
  })
  organisationIdentifier!: string;

  @ApiProperty({ type: OrganisationNameDto })
  @ValidateNested()
  @Type(() => OrganisationNameDto)
  name!: OrganisationNameDto;

  @ApiProperty({
    enum: IATI_ORGANISATION_TYPE_CODES,
    description: 'IATI OrganisationType code',
  })
  @IsIn(IATI_ORGANISATION_TYPE_CODES, {
    message: `organisationType must be one of ${IATI_ORGANISATION_TYPE_CODES.join(', ')}`,
  })
  organisationType!: IatiOrganisationType;

  @ApiProperty({
    minimum: 0,
    maximum: INT4_MAX,
    description: 'The rowVersion read (0 before the identity was first set)',
  })
  @IsBoundedInt(0, INT4_MAX)
  rowVersion!: number;
}

export class PublicSummaryDto implements Partial<LocalizedText> {
  @ApiPropertyOptional({ maxLength: IATI_SUMMARY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(IATI_SUMMARY_MAX)
  @NoDirectionControls()
  en?: string;
  @ApiPropertyOptional({ maxLength: IATI_SUMMARY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(IATI_SUMMARY_MAX)
  @NoDirectionControls()
  ar?: string;
  @ApiPropertyOptional({ maxLength: IATI_SUMMARY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(IATI_SUMMARY_MAX)
  @NoDirectionControls()
  sv?: string;
}

export class ProgramPublicationDto implements ProgramPublicationRequest {
  @ApiProperty({ description: 'Whether the program’s grants are published' })
  @IsBoolean()
  published!: boolean;

  @ApiProperty({
    type: PublicSummaryDto,
    nullable: true,
    description:
      'Public summary per language (replaces the narrative of redacted grants)',
  })
  @ValidateIf((_o, v) => v !== null)
  @ValidateNested()
  @Type(() => PublicSummaryDto)
  publicSummary!: PublicSummaryDto | null;

  @ApiProperty({
    minimum: 0,
    maximum: INT4_MAX,
    description: 'The rowVersion read (0 before the settings were first saved)',
  })
  @IsBoundedInt(0, INT4_MAX)
  rowVersion!: number;
}
