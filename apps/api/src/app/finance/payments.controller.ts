import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FinancePaths, GrantPaths, Page, PaymentView } from '@mizan/contracts';
import { IdParam } from '@mizan/server/core';
import { PaymentsService } from '@mizan/server/finance';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission, RequireRecentAuth } from '@mizan/server/identity';
import { Idempotent } from '../http/idempotency';
import { ConfirmReceiptDto, PaymentListQueryDto, ReasonDto, RecordPaidDto, RejectPaymentDto } from './finance.dto';
import { ErrorResponses } from '../openapi/error-responses';

/**
 * The payments desk (issue 9). Staff reach only their agency's payments (else
 * 404); grantees reach a payment of their organization's grant only to
 * confirm receipt. Approving, rejecting and recording paid re-authenticate.
 */
@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @RequirePermission('grant.read', 'audit.conduct')
  @ApiOperation({ summary: 'List payments' })
  @Get(FinancePaths.payments)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: PaymentListQueryDto): Promise<Page<PaymentView>> {
    return this.payments.list(auth, { state: query.state, grantId: query.grantId, page: query.page ?? 1, pageSize: query.pageSize ?? 25 });
  }

  @RequirePermission('grant.read', 'audit.conduct')
  @ApiOperation({ summary: 'Read a payment' })
  @Get(FinancePaths.payment(':id'))
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<PaymentView> {
    return this.payments.get(auth, id);
  }

  @RequirePermission('payment.approve')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Approve a payment' })
  @Post(FinancePaths.approve(':id'))
  @HttpCode(200)
  approve(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<PaymentView> {
    return this.payments.approve(auth, id);
  }

  /** Finance rejects a payment; of one sent to the bank, a bank return (with the bank's return reference). */
  @RequirePermission('payment.approve')
  @RequireRecentAuth()
  @Idempotent()
  @ApiOperation({ summary: 'Reject a payment (or record a bank return)' })
  @Post(FinancePaths.reject(':id'))
  @HttpCode(200)
  reject(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RejectPaymentDto): Promise<PaymentView> {
    return this.payments.reject(auth, id, body.reason, body.bankReturnReference);
  }

  /** The requester or another officer withdraws the request. */
  @RequirePermission('payment.request')
  @Idempotent()
  @ApiOperation({ summary: 'Cancel a payment' })
  @Post(FinancePaths.cancel(':id'))
  @HttpCode(200)
  cancel(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ReasonDto): Promise<PaymentView> {
    return this.payments.cancel(auth, id, body.reason);
  }

  @RequirePermission('payment.execute')
  @RequireRecentAuth()
  @Idempotent()
  @ApiOperation({ summary: 'Record a payment as paid' })
  @ErrorResponses(422)
  @Post(FinancePaths.paid(':id'))
  @HttpCode(200)
  paid(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RecordPaidDto): Promise<PaymentView> {
    return this.payments.recordPaid(auth, id, body);
  }

  @RequirePermission('grant.own')
  @ApiOperation({ summary: 'Confirm receipt of a payment as the grantee' })
  @Post(GrantPaths.confirmReceipt(':id'))
  @HttpCode(200)
  confirmReceipt(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ConfirmReceiptDto): Promise<PaymentView> {
    return this.payments.confirmReceipt(auth, id, body);
  }
}
