import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  ConfirmReceiptRequest,
  CreateBankFileRequest,
  CreateExchangeRateRequest,
  PaymentState,
  RecordPaidRequest,
  RejectPaymentRequest,
  ReleaseBankFileRequest,
  UpdateFinanceSettingsRequest,
} from '@mizan/contracts';
import { CURRENCIES, CurrencyCode, PAYMENT_STATES } from '@mizan/domain';
import { IsMinorUnits, PageQueryDto } from '@mizan/server/core';
import { BANK_FILE_MAX_DAYS_AHEAD, BANK_FILE_MAX_PAYMENTS, BANK_RETURN_REFERENCE_MAX, RATE_SOURCE_MAX } from '@mizan/server/finance';

/*
 * Shapes only. What the values must satisfy together (a value date not in the
 * future nor before the grant, a rate > 0 with at most 12 decimals, amounts
 * above zero, the right currency, who may act) is checked by the services
 * with the domain's functions, each refusal naming its field.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REASON_MAX = 2_000;
const NOTE_MAX = 2_000;
/** A rate as text: digits and one point; the domain's parseRate names what is wrong with anything else. */
const RATE_TEXT_MAX = 40;

export class PaymentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYMENT_STATES, description: 'requested: to approve; approved: to execute; sent_to_bank; paid; rejected; cancelled' })
  @IsOptional()
  @IsIn(PAYMENT_STATES, { message: `state must be one of ${PAYMENT_STATES.join(', ')}` })
  state?: PaymentState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'grantId must be the id of a grant' })
  grantId?: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REASON_MAX)
  reason!: string;
}

/** Reject a payment; of one sent to the bank (a bank return), with the bank's return reference. */
export class RejectPaymentDto extends ReasonDto implements RejectPaymentRequest {
  @ApiPropertyOptional({
    maxLength: BANK_RETURN_REFERENCE_MAX,
    description:
      "The bank's reference of the returned transfer: required when the payment is sent_to_bank (a bank return, recorded on or after the file's execution date by a finance user who neither created the file nor, with three people, approved the payment)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(BANK_RETURN_REFERENCE_MAX)
  bankReturnReference?: string;
}

export class ReleaseBankFileDto extends ReasonDto implements ReleaseBankFileRequest {}

export class RecordPaidDto implements RecordPaidRequest {
  @ApiProperty({ example: '2026-11-30', description: 'Not in the future, not before the grant starts' })
  @Matches(ISO_DATE, { message: 'valueDate must be a date like 2026-11-30' })
  valueDate!: string;

  @ApiProperty({ description: "The bank's reference of the transfer" })
  @IsString()
  @Matches(/\S/, { message: 'bankReference must be given' })
  @MaxLength(100)
  bankReference!: string;

  @ApiProperty({ description: "Debited from the agency's account, in the payment's currency (minor units, > 0)", example: '50012500' })
  @IsMinorUnits()
  debitedMinor!: string;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES, { message: `transferCurrency must be one of ${CURRENCIES.join(', ')}` })
  transferCurrency!: CurrencyCode;

  @ApiProperty({ description: 'Sent to the grantee, in the transfer currency (minor units, > 0)', example: '4800000' })
  @IsMinorUnits()
  transferMinor!: string;

  @ApiPropertyOptional({ description: '1 payment currency = rate transfer currency, an exact decimal (at most 12 decimals). Omitted: the published rate of the value date', example: '0.0961' })
  @IsOptional()
  @IsString()
  @MaxLength(RATE_TEXT_MAX)
  rate?: string;

  @ApiPropertyOptional({ description: 'Where the rate comes from (required with a rate)', example: 'Handelsbanken advice 4411' })
  @IsOptional()
  @IsString()
  @MaxLength(RATE_SOURCE_MAX)
  rateSource?: string;

  @ApiProperty({ description: "Bank fees in the payment's currency (minor units, 0 when none)", example: '12500' })
  @IsMinorUnits()
  feesMinor!: string;
}

export class ConfirmReceiptDto implements ConfirmReceiptRequest {
  @ApiProperty({ description: 'What arrived on the account, in minor units of receivedCurrency', example: '4795000' })
  @IsMinorUnits()
  receivedMinor!: string;

  @ApiProperty({ enum: CURRENCIES, description: 'The transfer currency or the grant currency' })
  @IsIn(CURRENCIES, { message: `receivedCurrency must be one of ${CURRENCIES.join(', ')}` })
  receivedCurrency!: CurrencyCode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class CreateBankFileDto implements CreateBankFileRequest {
  @ApiProperty({ example: '2026-12-07', description: `Requested execution date: today or later, at most ${BANK_FILE_MAX_DAYS_AHEAD} days ahead` })
  @Matches(ISO_DATE, { message: 'executionDate must be a date like 2026-12-07' })
  executionDate!: string;

  @ApiProperty({ type: [String], description: 'Approved payments of one currency, none already in a bank file' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BANK_FILE_MAX_PAYMENTS)
  @IsUUID('all', { each: true, message: 'each payment id must be an id' })
  paymentIds!: string[];
}

export class CreateExchangeRateDto implements CreateExchangeRateRequest {
  @ApiProperty({ example: '2026-11-30' })
  @Matches(ISO_DATE, { message: 'rateDate must be a date like 2026-11-30' })
  rateDate!: string;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES, { message: `base must be one of ${CURRENCIES.join(', ')}` })
  base!: CurrencyCode;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES, { message: `quote must be one of ${CURRENCIES.join(', ')}` })
  quote!: CurrencyCode;

  @ApiProperty({ description: '1 base = rate quote, an exact decimal > 0 with at most 12 decimals', example: '0.0961' })
  @IsString()
  @MaxLength(RATE_TEXT_MAX)
  rate!: string;

  @ApiProperty({ example: 'Riksbank' })
  @IsString()
  @Matches(/\S/, { message: 'source must say where the rate comes from' })
  @MaxLength(RATE_SOURCE_MAX)
  source!: string;
}

export class RateListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CURRENCIES })
  @IsOptional()
  @IsIn(CURRENCIES, { message: `base must be one of ${CURRENCIES.join(', ')}` })
  base?: CurrencyCode;

  @ApiPropertyOptional({ enum: CURRENCIES })
  @IsOptional()
  @IsIn(CURRENCIES, { message: `quote must be one of ${CURRENCIES.join(', ')}` })
  quote?: CurrencyCode;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date like 2026-01-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date like 2026-12-31' })
  to?: string;
}

export class SuggestRateQueryDto {
  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES, { message: `base must be one of ${CURRENCIES.join(', ')}` })
  base!: CurrencyCode;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES, { message: `quote must be one of ${CURRENCIES.join(', ')}` })
  quote!: CurrencyCode;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(ISO_DATE, { message: 'valueDate must be a date like 2026-11-30' })
  valueDate!: string;
}

export class UpdateFinanceSettingsDto implements UpdateFinanceSettingsRequest {
  @ApiProperty({ description: 'Payments above this amount (minor units of their currency) need two finance approvers', example: '10000000' })
  @IsMinorUnits()
  secondApprovalThresholdMinor!: string;

  @ApiProperty({ description: 'The payer must be neither the requester nor an approver' })
  @IsBoolean({ message: 'threePeople must be true or false' })
  threePeople!: boolean;

  @ApiProperty({ nullable: true, description: 'Debtor of bank files: account holder name' })
  @IsOptional()
  @IsString()
  @MaxLength(140)
  agencyName!: string | null;

  @ApiProperty({ nullable: true, description: "Debtor of bank files: the agency's IBAN" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  agencyIban!: string | null;

  @ApiProperty({ nullable: true, description: "Debtor of bank files: the agency's bank's BIC" })
  @IsOptional()
  @IsString()
  @MaxLength(11)
  agencyBic!: string | null;

  @ApiProperty({ description: 'Why: recorded on the activity trail' })
  @IsString()
  @Matches(/\S/, { message: 'reason must say why' })
  @MaxLength(REASON_MAX)
  reason!: string;
}
