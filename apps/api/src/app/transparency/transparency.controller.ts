import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ErrorCode,
  TransparencyPaths,
  type IatiIdentityView,
  type IatiPreviewView,
  type ProgramPublicationView,
  type PublicationJobView,
  type PublicationRecordView,
  type PublicTransparencyView,
} from '@mizan/contracts';
import { IdParam, MizanException, isUuid } from '@mizan/server/core';
import {
  AuthenticatedRequestContext,
  CurrentAuth,
  Public,
  RequirePermission,
} from '@mizan/server/identity';
import {
  PublicTransparencyService,
  TransparencyService,
} from '@mizan/server/transparency';
import { ErrorResponses } from '../openapi/error-responses';
import { IatiIdentityDto, ProgramPublicationDto } from './transparency.dto';

/** Public answers may be cached for this long (a publication shows within 5 minutes). */
const PUBLIC_MAX_AGE = 300;

/**
 * Transparency (issue 16): officers and admins (`transparency.manage`) set the agency's IATI identity and what each
 * program publishes, preview the file (traced, redacted, validated) and publish it (a worker job). Another agency's
 * program or job is 404.
 */
@ApiTags('transparency')
@Controller()
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @RequirePermission('transparency.manage')
  @ApiOperation({
    summary:
      "Read the agency's IATI identity (organisation identifier, name, type)",
  })
  @Get(TransparencyPaths.identity)
  identity(
    @CurrentAuth() auth: AuthenticatedRequestContext,
  ): Promise<IatiIdentityView> {
    return this.transparency.identity(auth);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({ summary: "Set the agency's IATI identity" })
  @Put(TransparencyPaths.identity)
  setIdentity(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @Body() body: IatiIdentityDto,
  ): Promise<IatiIdentityView> {
    return this.transparency.setIdentity(auth, body);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({
    summary:
      'List the programs with their publication settings and last publication',
  })
  @Get(TransparencyPaths.programs)
  programs(
    @CurrentAuth() auth: AuthenticatedRequestContext,
  ): Promise<ProgramPublicationView[]> {
    return this.transparency.programs(auth);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({
    summary: "Set a program's publication settings (published, public summary)",
  })
  @Put(TransparencyPaths.program(':id'))
  setProgram(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @Body() body: ProgramPublicationDto,
  ): Promise<ProgramPublicationView> {
    return this.transparency.setProgram(auth, id, body);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({
    summary:
      "Preview the program's IATI file: the XML, each element's source, the redactions and the validation",
  })
  @ErrorResponses(409)
  @Get(TransparencyPaths.preview(':id'))
  preview(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
  ): Promise<IatiPreviewView> {
    return this.transparency.preview(auth, id);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({ summary: "List the program's publications, newest first" })
  @Get(TransparencyPaths.publications(':id'))
  publications(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
  ): Promise<PublicationRecordView[]> {
    return this.transparency.publications(auth, id);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({
    summary:
      "Publish the program's IATI file now (a worker job: build, validate, store)",
  })
  @ErrorResponses(409)
  @HttpCode(202)
  @Post(TransparencyPaths.publications(':id'))
  publish(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
  ): Promise<PublicationJobView> {
    return this.transparency.publishNow(auth, id);
  }

  @RequirePermission('transparency.manage')
  @ApiOperation({ summary: 'Read the progress of a publication job' })
  @Get(TransparencyPaths.job(':id'))
  job(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
  ): Promise<PublicationJobView> {
    return this.transparency.job(auth, id);
  }
}

const SLUG_PARAM = {
  name: 'agencySlug',
  schema: { type: 'string' as const, pattern: '^[a-z0-9][a-z0-9-]{0,62}$', maxLength: 63 },
};

/** The public side of transparency: no sign-in, cacheable, only what the agency published. */
@ApiTags('transparency')
@Controller()
export class PublicTransparencyController {
  constructor(private readonly published: PublicTransparencyService) {}

  @Public()
  @ApiOperation({
    summary:
      "An agency's public transparency page data: published programs, committed and disbursed per year, redacted as the files are",
  })
  @ApiParam(SLUG_PARAM)
  @ErrorResponses(404)
  @Get(TransparencyPaths.publicPage(':agencySlug'))
  async page(
    @Param('agencySlug') slug: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicTransparencyView> {
    const view = await this.published.page(slug);
    reply.header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE}`);
    return view;
  }

  @Public()
  @ApiOperation({
    summary:
      "The last published IATI 2.03 activity file of a program (application/xml; ETag = the file's SHA-256)",
  })
  @ApiParam(SLUG_PARAM)
  @ApiParam({
    name: 'file',
    schema: { type: 'string', pattern: '^[0-9a-f-]{36}\\.xml$', maxLength: 40 },
    description: '<programId>.xml',
  })
  @ApiProduces('application/xml')
  @ErrorResponses(404)
  @Get('public/iati/:agencySlug/:file')
  async file(
    @Param('agencySlug') slug: string,
    @Param('file') file: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const programId = file.endsWith('.xml') ? file.slice(0, -4) : '';
    if (!isUuid(programId))
      throw new MizanException(
        ErrorCode.NotFound,
        'Nothing is published here',
        [{ field: 'file', message: 'file must be <programId>.xml' }],
      );
    const found = await this.published.file(slug, programId.toLowerCase());
    await reply
      .header('Content-Type', 'application/xml; charset=utf-8')
      .header('Content-Length', found.size)
      .header('ETag', `"${found.sha256}"`)
      .header('X-Content-SHA256', found.sha256)
      .header('Last-Modified', new Date(found.publishedAt).toUTCString())
      .header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE}`)
      .send(found.stream);
  }
}
