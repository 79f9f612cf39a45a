import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BoardChartsView, BoardView, ReviewPaths } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { BoardService, XLSX_CONTENT_TYPE, boardWorkbook } from '@mizan/server/review';
import { BoardQueryDto, SetDisagreementThresholdDto } from './review.dto';
import { contentDisposition } from '../http/download';

/** The review board of a call: ranking, funding line, export and charts. Officers of the call's agency only. */
@ApiTags('review')
@Controller(ReviewPaths.calls)
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Read a call’s review board' })
  @Get(':id/board')
  view(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') callId: string, @Query() query: BoardQueryDto): Promise<BoardView> {
    return this.board.board(auth, callId, query);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Download a call’s review board as a spreadsheet' })
  @Get(':id/board.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  async xlsx(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') callId: string,
    @Query() query: BoardQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const now = new Date();
    const { view } = await this.board.boardData(auth, callId, query);
    const file = await boardWorkbook(view, now);
    const name = `review-board-${now.toISOString().slice(0, 10)}.xlsx`;
    await reply
      .header('Content-Type', XLSX_CONTENT_TYPE)
      .header('Content-Disposition', contentDisposition(name))
      .header('Content-Length', file.length)
      .header('Cache-Control', 'no-store')
      .send(file);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Read a call’s review board charts' })
  @Get(':id/board/charts')
  charts(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') callId: string): Promise<BoardChartsView> {
    return this.board.charts(auth, callId);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Set a call’s reviewer disagreement threshold' })
  @Put(':id/disagreement-threshold')
  setDisagreementThreshold(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') callId: string,
    @Body() body: SetDisagreementThresholdDto,
  ): Promise<BoardView> {
    return this.board.setDisagreementThreshold(auth, callId, body.threshold, body.reason);
  }
}
