import { BankFile } from './bank-file.entity';
import { ExchangeRate } from './exchange-rate.entity';
import { FinanceSettings } from './finance-settings.entity';
import { GrantAward } from './grant-award.entity';
import { GrantDocument } from './grant-document.entity';
import { GrantFinding } from './grant-finding.entity';
import { GrantReportDue } from './grant-report-due.entity';
import { GrantVersion } from './grant-version.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { AccountBalance, JournalEntry, LedgerAccount, Posting } from './ledger.entities';
import { Payment } from './payment.entity';
import { Tranche } from './tranche.entity';

export {
  AccountBalance,
  BankFile,
  ExchangeRate,
  FinanceSettings,
  GrantAward,
  GrantDocument,
  GrantFinding,
  GrantReportDue,
  GrantVersion,
  IdempotencyKey,
  JournalEntry,
  LedgerAccount,
  Payment,
  Tranche,
};

/** Every entity of the finance lib, for the data source. */
export const FINANCE_ENTITIES = [
  GrantAward,
  GrantVersion,
  Tranche,
  GrantReportDue,
  GrantFinding,
  GrantDocument,
  ExchangeRate,
  BankFile,
  Payment,
  FinanceSettings,
  IdempotencyKey,
  LedgerAccount,
  JournalEntry,
  Posting,
  AccountBalance,
];
