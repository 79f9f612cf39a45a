import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BankFileView, ExchangeRateView, FinancePaths, FinanceSettingsView, Page, RateImportResult, SuggestedRateView } from '@mizan/contracts';
import { IdParam, PageQueryDto } from '@mizan/server/core';
import { BankFilesService, FinanceSettingsService, RatesService } from '@mizan/server/finance';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission, RequireRecentAuth } from '@mizan/server/identity';
import { contentDisposition } from '../http/download';
import { AcceptsUpload } from '../http/http-input';
import { Idempotent } from '../http/idempotency';
import { readSingleUpload } from '../uploads/read-upload';
import { CreateBankFileDto, CreateExchangeRateDto, RateListQueryDto, ReleaseBankFileDto, SuggestRateQueryDto, UpdateFinanceSettingsDto } from './finance.dto';
import { ErrorResponses } from '../openapi/error-responses';

/** The ECB's full history since 1999 is under 2 MB; 10 MB leaves room for other central banks' files. */
const RATE_FILE_MAX_BYTES = 10 * 1024 * 1024;

@ApiTags('exchange rates')
@Controller()
export class ExchangeRatesController {
  constructor(private readonly rates: RatesService) {}

  // Exchange rates are the agency's reference data, not a grant's: auditors read them to test conversions (issue 12).
  @RequirePermission('ledger.read', 'audit.conduct')
  @ApiOperation({ summary: 'List exchange rates' })
  @Get(FinancePaths.rates)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: RateListQueryDto): Promise<Page<ExchangeRateView>> {
    return this.rates.list(auth, { base: query.base, quote: query.quote, from: query.from, to: query.to, page: query.page ?? 1, pageSize: query.pageSize ?? 25 });
  }

  @RequirePermission('fx.manage')
  @ApiOperation({ summary: 'Record an exchange rate' })
  @Post(FinancePaths.rates)
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: CreateExchangeRateDto): Promise<ExchangeRateView> {
    return this.rates.create(auth, body);
  }

  @RequirePermission('fx.manage')
  @ApiOperation({ summary: 'Import published exchange rates (ECB XML)' })
  @Post(FinancePaths.ratesImport)
  @AcceptsUpload()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: "The ECB's eurofxref-hist.csv (Date,USD,JPY,…; units per 1 EUR), at most 10 MB" } },
    },
  })
  async import(@CurrentAuth() auth: AuthenticatedRequestContext, @Req() request: FastifyRequest): Promise<RateImportResult> {
    const upload = await readSingleUpload(request, RATE_FILE_MAX_BYTES);
    return this.rates.importEcb(auth, upload.buffer, upload.fileName);
  }

  /** The rate the paid form proposes for a value date (direct, inverse, or cross via EUR). */
  @RequirePermission('grant.read')
  @ApiOperation({ summary: 'Suggest the exchange rate for a pair and value date' })
  @Get(FinancePaths.suggestedRate)
  suggest(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: SuggestRateQueryDto): Promise<SuggestedRateView> {
    return this.rates.suggest(auth, query.base, query.quote, query.valueDate);
  }
}

@ApiTags('bank files')
@Controller()
export class BankFilesController {
  constructor(private readonly bankFiles: BankFilesService) {}

  @RequirePermission('payment.execute')
  @ApiOperation({ summary: 'List bank files' })
  @Get(FinancePaths.bankFiles)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: PageQueryDto): Promise<Page<BankFileView>> {
    return this.bankFiles.list(auth, query.page ?? 1, query.pageSize ?? 25);
  }

  @RequirePermission('payment.execute')
  @RequireRecentAuth()
  @Idempotent()
  @ApiOperation({ summary: 'Create a bank file of approved payments' })
  @Post(FinancePaths.bankFiles)
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: CreateBankFileDto): Promise<BankFileView> {
    return this.bankFiles.create(auth, body);
  }

  /** Releases a bank file whose build failed: its payments go back to approved, out of the file. */
  @RequirePermission('payment.execute')
  @RequireRecentAuth()
  @Idempotent()
  @ApiOperation({ summary: 'Release the payments of a failed bank file' })
  @Post(FinancePaths.bankFileRelease(':id'))
  @HttpCode(200)
  release(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ReleaseBankFileDto): Promise<BankFileView> {
    return this.bankFiles.release(auth, id, body.reason);
  }

  @RequirePermission('payment.execute')
  @ApiOperation({ summary: 'Read a bank file' })
  @Get(FinancePaths.bankFile(':id'))
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<BankFileView> {
    return this.bankFiles.get(auth, id);
  }

  @RequirePermission('payment.execute')
  @ApiOperation({ summary: 'Download a bank file (ISO 20022 XML)' })
  @ErrorResponses(409)
  @Get(FinancePaths.bankFileDownload(':id'))
  async download(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.bankFiles.open(auth, id);
    await reply
      .header('Content-Type', 'application/xml; charset=utf-8')
      .header('Content-Disposition', contentDisposition(file.fileName))
      .header('Content-Length', file.sizeBytes)
      .header('X-Content-SHA256', file.sha256)
      .header('Cache-Control', 'private, no-store')
      .send(file.stream);
  }
}

@ApiTags('finance settings')
@Controller()
export class FinanceSettingsController {
  constructor(private readonly settings: FinanceSettingsService) {}

  @RequirePermission('finance.settings')
  @ApiOperation({ summary: 'Read the finance settings' })
  @Get(FinancePaths.settings)
  get(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<FinanceSettingsView> {
    return this.settings.get(auth);
  }

  @RequirePermission('finance.settings')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Change the finance settings' })
  @Put(FinancePaths.settings)
  update(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: UpdateFinanceSettingsDto): Promise<FinanceSettingsView> {
    return this.settings.update(auth, body);
  }
}
