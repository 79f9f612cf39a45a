import { Body, Controller, Delete, Get, Headers, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  BudgetVsActualView,
  ErrorCode,
  ExpenditureLineView,
  LineImportResult,
  KeysetPage,
  Page,
  ReportDueListItemView,
  ReportDueView,
  ReportView,
  ReportingPaths,
} from '@mizan/contracts';
import { IdParam, MizanException, PageQueryDto } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ReportsService, columnOf, importInvalid, lineTemplate, parseLineWorkbook } from '@mizan/server/reporting';
import { XLSX_TYPE, sendBuiltFile } from '../http/download';
import { AcceptsUpload } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';
import { readSingleUpload } from '../uploads/read-upload';
import { ExpenditureLineDto, NarrativeDto, RemoveLineQueryDto, ReportDueListQueryDto, UpdateExpenditureLineDto } from './reports.dto';

/** An XLSX of 2000 lines is far below this; a bigger file is not a line import. */
export const LINE_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The row version from If-Match ("3", W/"3") or the body; a 400 when neither says it. */
function rowVersionOf(ifMatch: string | undefined, body: number | undefined, required: boolean): number | null {
  if (ifMatch !== undefined && ifMatch !== '') {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
    if (!match) throw new MizanException(ErrorCode.ValidationFailed, 'If-Match must be the row version read, e.g. "3"', [{ field: 'If-Match', message: 'a row version' }]);
    return Number(match[1]);
  }
  if (body !== undefined) return body;
  if (required) throw new MizanException(ErrorCode.ValidationFailed, 'Give the row version read (If-Match header or rowVersion)', [{ field: 'rowVersion', message: 'required' }]);
  return null;
}

/**
 * Reports of grants (issue 11): the schedule and the report are read by the
 * grant's grantee members, its partners and the agency's staff who read grants
 * (others 404); members open and submit, members and partners file lines and
 * the narrative. The officer's list needs `grant.read`.
 */
@ApiTags('reporting')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read the reporting schedule of a grant' })
  @Get(ReportingPaths.schedule(':id'))
  schedule(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') grantId: string): Promise<ReportDueView[]> {
    return this.reports.schedule(auth, grantId);
  }

  @RequirePermission('grant.read')
  @ApiOperation({ summary: 'List the reports due in the agency: submitted, due and overdue, most late first' })
  @Get(ReportingPaths.overdue)
  overdue(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: ReportDueListQueryDto): Promise<KeysetPage<ReportDueListItemView>> {
    return this.reports.overdue(auth, query);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Open the report of a schedule item (the existing one if open already)' })
  @ErrorResponses(409)
  @Post(ReportingPaths.reportForDue(':id', ':dueId'))
  async open(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') grantId: string,
    @IdParam('dueId') dueId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportView> {
    const { view, created } = await this.reports.open(auth, grantId, dueId);
    reply.status(created ? 201 : 200);
    return view;
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read a report' })
  @Get(ReportingPaths.report(':id'))
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string): Promise<ReportView> {
    return this.reports.view(auth, reportId);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the expenditure lines of a report, in order' })
  @Get(ReportingPaths.lines(':id'))
  lines(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string, @Query() query: PageQueryDto): Promise<Page<ExpenditureLineView>> {
    return this.reports.lines(auth, reportId, query.page ?? 1, query.pageSize ?? 50);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Add an expenditure line (the same client id twice stores one line)' })
  @ErrorResponses(422)
  @Post(ReportingPaths.lines(':id'))
  async addLine(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') reportId: string,
    @Body() body: ExpenditureLineDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExpenditureLineView> {
    const { line, created } = await this.reports.addLine(auth, reportId, body);
    reply.status(created ? 201 : 200);
    return line;
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Change an expenditure line (If-Match: the row version read)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The row version read (or rowVersion in the body)' })
  @ErrorResponses(422)
  @Put(ReportingPaths.line(':id', ':lineId'))
  updateLine(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') reportId: string,
    @IdParam('lineId') lineId: string,
    @Body() body: UpdateExpenditureLineDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ExpenditureLineView> {
    const version = rowVersionOf(ifMatch, body.rowVersion, true) as number;
    return this.reports.updateLine(auth, reportId, lineId, body, version);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Remove an expenditure line while the report is a draft or returned' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The row version read (optional)' })
  @Delete(ReportingPaths.line(':id', ':lineId'))
  @HttpCode(204)
  async removeLine(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') reportId: string,
    @IdParam('lineId') lineId: string,
    @Query() query: RemoveLineQueryDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    const version = rowVersionOf(ifMatch ?? query.rowVersion, undefined, false);
    await this.reports.removeLine(auth, reportId, lineId, version);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Compare the budget with what was spent, per budget line' })
  @Get(ReportingPaths.budgetVsActual(':id'))
  budgetVsActual(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string): Promise<BudgetVsActualView> {
    return this.reports.budgetVsActual(auth, reportId);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download the XLSX template of expenditure lines' })
  @Get(ReportingPaths.template(':id'))
  async template(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string, @Res() reply: FastifyReply): Promise<void> {
    const { report, facts } = await this.reports.templateFacts(auth, reportId);
    const buffer = await lineTemplate({
      grantNumber: report.grantNumber,
      periodFrom: report.periodFrom,
      periodTo: report.periodTo,
      grantCurrency: facts.currency,
      budget: facts.budget,
      allowedCurrencies: facts.allowedCurrencies,
      generatedAt: new Date(),
    });
    await sendBuiltFile(reply, { contentType: XLSX_TYPE, fileName: `${report.grantNumber}-lines-${report.periodFrom}.xlsx` }, buffer);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Import expenditure lines from the XLSX template: all rows valid or nothing saved' })
  @ErrorResponses(422)
  @Post(ReportingPaths.importLines(':id'))
  @AcceptsUpload()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The filled-in template (XLSX), at most 5 MB and 2000 rows' } },
    },
  })
  async importLines(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string, @Req() request: FastifyRequest): Promise<LineImportResult> {
    // Access first: a stranger learns nothing from the file checks.
    await this.reports.templateFacts(auth, reportId);
    const upload = await readSingleUpload(request, LINE_IMPORT_MAX_BYTES);
    if (!ZIP_MAGIC.every((b, i) => upload.buffer[i] === b)) {
      const message = 'the file is not an XLSX workbook (download the template and fill it in)';
      throw new MizanException(ErrorCode.UnsupportedFileType, message, [{ field: 'file', message }]);
    }
    const parsed = await parseLineWorkbook(upload.buffer);
    // Header problems, or a file that is no workbook: nothing else can be read.
    if (parsed.rows.length === 0 && parsed.problems.length > 0) throw importInvalid(parsed.problems);
    return this.reports.importLines(auth, reportId, parsed.rows, columnOf, parsed.problems);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Save the narrative part of a report (activities, indicator progress)' })
  @ErrorResponses(422)
  @Put(ReportingPaths.narrative(':id'))
  narrative(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string, @Body() body: NarrativeDto): Promise<ReportView> {
    return this.reports.saveNarrative(auth, reportId, { activities: body.activities, indicators: body.indicators }, body.rowVersion ?? null);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Submit (or resubmit) a report for verification' })
  @ErrorResponses(422)
  @Post(ReportingPaths.submit(':id'))
  @HttpCode(200)
  submit(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') reportId: string): Promise<ReportView> {
    return this.reports.submit(auth, reportId);
  }
}
