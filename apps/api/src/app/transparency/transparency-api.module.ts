import { Global, Module } from '@nestjs/common';
import { AFTER_PAYMENT_PAID } from '@mizan/server/finance';
import {
  TransparencyModule,
  TransparencyService,
} from '@mizan/server/transparency';
import {
  PublicTransparencyController,
  TransparencyController,
} from './transparency.controller';

/**
 * Transparency (issue 16): the officer's routes and the public ones. Global for one provider: after a payment is
 * recorded paid (finance), the program's IATI file is published again (if the program is published).
 */
@Global()
@Module({
  imports: [TransparencyModule],
  controllers: [TransparencyController, PublicTransparencyController],
  providers: [
    {
      provide: AFTER_PAYMENT_PAID,
      useFactory: (transparency: TransparencyService) => (programId: string) =>
        transparency.requestMany('payment', [programId]),
      inject: [TransparencyService],
    },
  ],
  exports: [AFTER_PAYMENT_PAID],
})
export class TransparencyApiModule {}
