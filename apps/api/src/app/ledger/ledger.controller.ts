import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CashForecastView, GrantStatementPage, LedgerEntryView, LedgerProgramView, TrialBalanceView, can } from '@mizan/contracts';
import { IdParam, KeysetQueryDto } from '@mizan/server/core';
import { LedgerReadService, cashForecastWorkbook, grantStatementWorkbook, trialBalanceWorkbook } from '@mizan/server/finance';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission, RequireRecentAuth } from '@mizan/server/identity';
import { XLSX_CONTENT_TYPE } from '@mizan/server/review';
import { contentDisposition } from '../http/download';
import { Idempotent } from '../http/idempotency';
import { ReverseEntryDto } from './ledger.dto';

/** The agency's ledger for `ledger.read`; an auditor without it reads only the grants in their engagements' scope. */
const reader = (auth: AuthenticatedRequestContext) => ({ agencyId: auth.user.agencyId, auditorUserId: can(auth.user.roles(), 'ledger.read') ? null : auth.user.id });

async function sendXlsx(reply: FastifyReply, name: string, file: Buffer): Promise<void> {
  await reply
    .header('Content-Type', XLSX_CONTENT_TYPE)
    .header('Content-Disposition', contentDisposition(name))
    .header('Content-Length', file.length)
    .header('Cache-Control', 'no-store')
    .send(file);
}

/**
 * The ledger (issue 9): trial balance per program, statement per grant, cash
 * forecast, entry detail — read by officers, finance and auditors of the
 * agency (`ledger.read`); reversal of an entry by finance only, re-authenticated.
 */
@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerReadService) {}

  @RequirePermission('ledger.read')
  @ApiOperation({ summary: 'List programs with their ledger balances' })
  @Get('programs')
  programs(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<LedgerProgramView[]> {
    return this.ledger.programs(reader(auth));
  }

  @RequirePermission('ledger.read')
  @ApiOperation({ summary: 'Read a program’s trial balance' })
  @Get('programs/:id/trial-balance')
  trialBalance(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') programId: string): Promise<TrialBalanceView> {
    return this.ledger.trialBalance(reader(auth), programId);
  }

  @RequirePermission('ledger.read')
  @ApiOperation({ summary: 'Download a program’s trial balance as a spreadsheet' })
  @Get('programs/:id/trial-balance.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  async trialBalanceXlsx(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') programId: string, @Res() reply: FastifyReply): Promise<void> {
    const now = new Date();
    const view = await this.ledger.trialBalance(reader(auth), programId, now);
    await sendXlsx(reply, `trial-balance-${now.toISOString().slice(0, 10)}.xlsx`, await trialBalanceWorkbook(view, now));
  }

  @RequirePermission('ledger.read', 'audit.conduct')
  @ApiOperation({ summary: 'Read a grant’s ledger statement, a keyset page of lines at a time, each with its account’s running balance' })
  @Get('grants/:id/statement')
  statement(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') grantId: string, @Query() query: KeysetQueryDto): Promise<GrantStatementPage> {
    return this.ledger.grantStatementPage(reader(auth), grantId, query);
  }

  @RequirePermission('ledger.read', 'audit.conduct')
  @ApiOperation({ summary: 'Download a grant’s ledger statement as a spreadsheet' })
  @Get('grants/:id/statement.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  async statementXlsx(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') grantId: string, @Res() reply: FastifyReply): Promise<void> {
    const now = new Date();
    const view = await this.ledger.grantStatement(reader(auth), grantId);
    await sendXlsx(reply, `statement-${view.grantNumber}-${now.toISOString().slice(0, 10)}.xlsx`, await grantStatementWorkbook(view, now));
  }

  @RequirePermission('ledger.read')
  @ApiOperation({ summary: 'Read a program’s cash forecast' })
  @Get('programs/:id/cash-forecast')
  cashForecast(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') programId: string): Promise<CashForecastView> {
    return this.ledger.cashForecast(reader(auth), programId);
  }

  @RequirePermission('ledger.read')
  @ApiOperation({ summary: 'Download a program’s cash forecast as a spreadsheet' })
  @Get('programs/:id/cash-forecast.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  async cashForecastXlsx(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') programId: string, @Res() reply: FastifyReply): Promise<void> {
    const now = new Date();
    const view = await this.ledger.cashForecast(reader(auth), programId);
    await sendXlsx(reply, `cash-forecast-${now.toISOString().slice(0, 10)}.xlsx`, await cashForecastWorkbook(view, now));
  }

  @RequirePermission('ledger.read', 'audit.conduct')
  @ApiOperation({ summary: 'Read a ledger journal entry' })
  @Get('entries/:id')
  entry(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') entryId: string): Promise<LedgerEntryView> {
    return this.ledger.entry(reader(auth), entryId);
  }

  /** Money-moving: finance only, re-authenticated, Idempotency-Key honoured. Answers the reversing entry (201). */
  @RequirePermission('payment.execute')
  @RequireRecentAuth()
  @Idempotent()
  @ApiOperation({ summary: 'Reverse a ledger journal entry' })
  @Post('entries/:id/reverse')
  reverse(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') entryId: string, @Body() body: ReverseEntryDto): Promise<LedgerEntryView> {
    return this.ledger.reverse({ agencyId: auth.user.agencyId, actor: { id: auth.user.id, label: auth.user.email } }, entryId, body.reason.trim());
  }
}
