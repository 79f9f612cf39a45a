import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mizan/server/review';
import { TrailModule } from '@mizan/server/trail';
import { BankFilesService } from '../bank-files/bank-files.service';
import { LedgerModule } from '../ledger/ledger.module';
import { RatesService } from '../rates/rates.service';
import { FinanceSettingsService } from './finance-settings.service';
import { PaymentsService } from './payments.service';

/** The payments desk, bank files, exchange rates and finance settings (issue 9). Job queueing comes from the global JobsModule. */
@Module({
  imports: [TrailModule, LedgerModule, NotificationsModule],
  providers: [PaymentsService, RatesService, BankFilesService, FinanceSettingsService],
  exports: [PaymentsService, RatesService, BankFilesService, FinanceSettingsService],
})
export class PaymentsModule {}
