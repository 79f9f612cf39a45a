import type { Routes } from '@angular/router';
import { PaymentPageComponent } from './payment-page.component';
import { PaymentsDeskPageComponent } from './payments-desk-page.component';

export default [
  { path: '', component: PaymentsDeskPageComponent, title: 'finance.desk.title' },
  { path: ':paymentId', component: PaymentPageComponent, title: 'finance.payment.title' },
] satisfies Routes;
