import { Module } from '@nestjs/common';
import { PaymentsModule } from '@mizan/server/finance';
import { BankFilesController, ExchangeRatesController, FinanceSettingsController } from './finance-desk.controller';
import { PaymentsController } from './payments.controller';

/** The payments desk, bank files, exchange rates and finance settings (issue 9). */
@Module({
  imports: [PaymentsModule],
  controllers: [PaymentsController, BankFilesController, ExchangeRatesController, FinanceSettingsController],
})
export class FinanceApiModule {}
