import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AUDIT_OPINIONS } from '@mizan/contracts';
import type { AuditOpinion, RequestAuditReportRequest } from '@mizan/contracts';

export class RequestAuditReportDto implements RequestAuditReportRequest {
  @ApiProperty({ description: 'A final report (needs an opinion, or a conclusion for a spot check) or a draft' }) @IsBoolean() final!: boolean;
  @ApiPropertyOptional({ enum: AUDIT_OPINIONS, nullable: true })
  @IsOptional()
  @IsIn([...AUDIT_OPINIONS, null], { message: `opinion must be one of ${AUDIT_OPINIONS.join(', ')}` })
  opinion?: AuditOpinion | null;
  @ApiPropertyOptional({ nullable: true, description: 'Spot checks: the conclusion the report prints' }) @IsOptional() @IsString() @MaxLength(10000) conclusion?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Required when a final report exists: why the new version supersedes it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  supersedeReason?: string | null;
}
