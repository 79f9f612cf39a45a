import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditPaths, PopulationView, SampleItemView, SampleSizeView, SampleView, WORKING_PAPER_MAX_BYTES, WorkingPaperView } from '@mizan/contracts';
import { AuditSamplingService, workingPapersWorkbook } from '@mizan/server/audit';
import { IdParam, PageQueryDto } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { XLSX_TYPE, sendBuiltFile, sendStoredFile } from '../http/download';
import { AcceptsUpload } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';
import { readSingleUpload } from '../uploads/read-upload';
import { DrawSampleDto, SampleQueryDto, SampleSizeQueryDto, TestSampleItemDto } from './audit-sampling.dto';

/**
 * Population, sampling, tests of sampled items and working papers of an audit engagement
 * (issue 12). Reads: the agency's planners and the engagement's auditors (anyone else: 404,
 * whether it exists or not). Draws, tests and uploads: the engagement's auditors only.
 */
@ApiTags('audit')
@Controller()
export class AuditSamplingController {
  constructor(private readonly sampling: AuditSamplingService) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read the population of an engagement: frozen rows once drawn, before that a live preview (count, value, rows)' })
  @ErrorResponses(404)
  @Get(AuditPaths.population(':id'))
  population(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Query() query: PageQueryDto): Promise<PopulationView> {
    return this.sampling.population(auth, id, query.page ?? 1, query.pageSize ?? 25);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Compute the sample size with its formula and parameters (nothing saved)' })
  @ErrorResponses(404, 422)
  @Get(AuditPaths.sampleSize(':id'))
  sampleSize(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Query() query: SampleSizeQueryDto): Promise<SampleSizeView> {
    return this.sampling.sampleSize(auth, id, query);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read the sample: items in pick order with their test results, and the draw’s parameters and seed' })
  @ErrorResponses(404)
  @Get(AuditPaths.sample(':id'))
  sample(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Query() query: SampleQueryDto): Promise<SampleView> {
    return this.sampling.sample(auth, id, query.page ?? 1, query.pageSize ?? 25, query.result);
  }

  @RequirePermission('audit.conduct')
  @ApiOperation({ summary: 'Draw the sample (freezes the population); while planned, draw it again with a reason' })
  @ErrorResponses(404, 409, 422)
  @Post(AuditPaths.sample(':id'))
  @HttpCode(200)
  draw(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: DrawSampleDto): Promise<SampleView> {
    return this.sampling.draw(auth, id, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read one sampled item with what it is (supplier, budget line, receipts or bank reference)' })
  @ErrorResponses(404)
  @Get(AuditPaths.sampleItem(':id', ':itemId'))
  item(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('itemId') itemId: string): Promise<SampleItemView> {
    return this.sampling.item(auth, id, itemId);
  }

  @RequirePermission('audit.conduct')
  @ApiOperation({ summary: 'Test a sampled item: the checklist, pass or exception, notes' })
  @ErrorResponses(404, 409, 422)
  @Put(AuditPaths.sampleItem(':id', ':itemId'))
  test(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('itemId') itemId: string, @Body() body: TestSampleItemDto): Promise<SampleItemView> {
    return this.sampling.test(auth, id, itemId, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the working papers of an engagement' })
  @ErrorResponses(404)
  @Get(AuditPaths.workingPapers(':id'))
  papers(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<WorkingPaperView[]> {
    return this.sampling.papers(auth, id);
  }

  @RequirePermission('audit.conduct')
  @ApiOperation({ summary: 'Add a working paper (PDF, PNG or JPEG), optionally to a sampled item or a finding' })
  @ErrorResponses(404, 409, 413, 415, 422)
  @Post(AuditPaths.workingPapers(':id'))
  @AcceptsUpload()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `PDF, PNG or JPEG, at most ${WORKING_PAPER_MAX_BYTES / (1024 * 1024)} MB` },
        sampleItemId: { type: 'string', format: 'uuid' },
        findingId: { type: 'string', format: 'uuid' },
      },
    },
  })
  async addPaper(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Req() request: FastifyRequest): Promise<WorkingPaperView> {
    // Access first: a stranger's bytes are not even read.
    await this.sampling.assertCanAddPaper(auth, id);
    const upload = await readSingleUpload(request, WORKING_PAPER_MAX_BYTES);
    return this.sampling.addPaper(auth, id, upload);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download a working paper' })
  @ErrorResponses(404)
  @Get(AuditPaths.workingPaper(':id', ':paperId'))
  async downloadPaper(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('paperId') paperId: string, @Res() reply: FastifyReply): Promise<void> {
    const { view, stream } = await this.sampling.openPaper(auth, id, paperId);
    await sendStoredFile(reply, { contentType: view.contentType, fileName: view.fileName, sizeBytes: Number(view.sizeBytes), sha256: view.sha256 }, stream);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download the working papers as XLSX (sheets: parameters, sample, tests, findings)' })
  @ApiProduces(XLSX_TYPE)
  @ErrorResponses(404)
  @Get(AuditPaths.workbook(':id'))
  async workbook(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const facts = await this.sampling.workbookFacts(auth, id);
    const buffer = await workingPapersWorkbook(facts, new Date());
    await sendBuiltFile(reply, { contentType: XLSX_TYPE, fileName: `${facts.engagement.reference}-working-papers.xlsx` }, buffer);
  }
}
