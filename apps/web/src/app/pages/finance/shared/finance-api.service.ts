import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_PREFIX,
  FinancePaths,
  GrantPaths,
  type BankFileView,
  type CashForecastView,
  type CreateBankFileRequest,
  type RejectPaymentRequest,
  type ReleaseBankFileRequest,
  type CreateExchangeRateRequest,
  type ExchangeRateView,
  type FinanceSettingsView,
  type GrantStatementPage,
  type GrantSummaryView,
  type LedgerProgramView,
  type Page,
  type PaymentState,
  type PaymentView,
  type RateImportResult,
  type RecordPaidRequest,
  type SuggestedRateView,
  type TrialBalanceView,
  type UpdateFinanceSettingsRequest,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { map, type Observable } from 'rxjs';
import type { IdempotencyKey } from '../../../core/api/idempotency';
import { firstKeysetPage, keysetParams, type KeysetRequest } from '../../../core/ui/keyset-paginator.component';

/** `/api/v1/<path>`; ids are put in the path encoded. */
function url(path: string): string {
  return `${API_PREFIX}/${path}`;
}

const id = encodeURIComponent;

/** A list answered either as an array or as a page of items. */
export function itemsOf<T>(body: T[] | Page<T> | null | undefined): T[] {
  if (!body) return [];
  return Array.isArray(body) ? body : body.items;
}

export type FinanceSettings = FinanceSettingsView;
export type FinanceSettingsUpdate = UpdateFinanceSettingsRequest;

export interface RateFilter {
  from?: string;
  to?: string;
  base?: string;
  quote?: string;
}

/** The finance desk's calls: payments, bank files, exchange rates, settings and the ledger. */
@Injectable({ providedIn: 'root' })
export class FinanceApiService {
  private readonly http = inject(HttpClient);

  payments(state: PaymentState, pageSize = 200): Observable<Page<PaymentView>> {
    const params = new HttpParams()
      .set('state', state)
      .set('pageSize', pageSize);
    return this.http
      .get<PaymentView[] | Page<PaymentView>>(url(FinancePaths.payments), { params })
      .pipe(
        map((body) =>
          Array.isArray(body)
            ? { items: body, page: 1, pageSize: body.length, total: body.length }
            : body,
        ),
      );
  }

  payment(paymentId: string): Observable<PaymentView> {
    return this.http.get<PaymentView>(url(FinancePaths.payment(id(paymentId))));
  }

  approve(paymentId: string): Observable<PaymentView> {
    return this.http.post<PaymentView>(url(FinancePaths.approve(id(paymentId))), {});
  }

  /** For a payment sent to the bank (a bank return) the request carries the bank's return reference. */
  reject(paymentId: string, request: RejectPaymentRequest, key: IdempotencyKey): Observable<PaymentView> {
    return this.http.post<PaymentView>(
      url(FinancePaths.reject(id(paymentId))),
      request,
      { headers: key.headers() },
    );
  }

  cancel(paymentId: string, reason: string, key: IdempotencyKey): Observable<PaymentView> {
    return this.http.post<PaymentView>(
      url(FinancePaths.cancel(id(paymentId))),
      { reason },
      { headers: key.headers() },
    );
  }

  recordPaid(
    paymentId: string,
    request: RecordPaidRequest,
    key: IdempotencyKey,
  ): Observable<PaymentView> {
    return this.http.post<PaymentView>(
      url(FinancePaths.paid(id(paymentId))),
      request,
      { headers: key.headers() },
    );
  }

  suggestedRate(
    base: CurrencyCode,
    quote: CurrencyCode,
    valueDate: string,
  ): Observable<SuggestedRateView> {
    const params = new HttpParams()
      .set('base', base)
      .set('quote', quote)
      .set('valueDate', valueDate);
    return this.http.get<SuggestedRateView>(url(FinancePaths.suggestedRate), { params });
  }

  bankFiles(): Observable<BankFileView[]> {
    return this.http
      .get<BankFileView[] | Page<BankFileView>>(url(FinancePaths.bankFiles))
      .pipe(map(itemsOf));
  }

  createBankFile(request: CreateBankFileRequest, key: IdempotencyKey): Observable<BankFileView> {
    return this.http.post<BankFileView>(url(FinancePaths.bankFiles), request, {
      headers: key.headers(),
    });
  }

  bankFile(bankFileId: string): Observable<BankFileView> {
    return this.http.get<BankFileView>(url(FinancePaths.bankFile(id(bankFileId))));
  }

  /** A bank file whose build failed: its payments go back to approved (re-authentication required). */
  releaseBankFile(bankFileId: string, request: ReleaseBankFileRequest): Observable<BankFileView> {
    return this.http.post<BankFileView>(url(FinancePaths.bankFileRelease(id(bankFileId))), request);
  }

  bankFileDownload(bankFileId: string): Observable<HttpResponse<Blob>> {
    return this.http.get(url(FinancePaths.bankFileDownload(id(bankFileId))), {
      observe: 'response',
      responseType: 'blob',
    });
  }

  rates(filter: RateFilter, page: number, pageSize: number): Observable<Page<ExchangeRateView>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    for (const [name, value] of Object.entries(filter)) {
      if (typeof value === 'string' && value.trim() !== '') params = params.set(name, value.trim());
    }
    return this.http
      .get<ExchangeRateView[] | Page<ExchangeRateView>>(url(FinancePaths.rates), { params })
      .pipe(
        map((body) =>
          Array.isArray(body)
            ? { items: body, page, pageSize, total: body.length }
            : body,
        ),
      );
  }

  addRate(request: CreateExchangeRateRequest): Observable<ExchangeRateView> {
    return this.http.post<ExchangeRateView>(url(FinancePaths.rates), request);
  }

  /** The ECB's eurofxref-hist.csv (the api names the source). */
  importRates(file: File): Observable<RateImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<RateImportResult>(url(FinancePaths.ratesImport), body);
  }

  settings(): Observable<FinanceSettings> {
    return this.http.get<FinanceSettings>(url(FinancePaths.settings));
  }

  updateSettings(request: FinanceSettingsUpdate): Observable<FinanceSettings> {
    return this.http.put<FinanceSettings>(url(FinancePaths.settings), request);
  }

  programs(): Observable<LedgerProgramView[]> {
    return this.http
      .get<LedgerProgramView[] | Page<LedgerProgramView>>(url(FinancePaths.programs))
      .pipe(map(itemsOf));
  }

  /** The agency's grants (to pick one for its statement). */
  grants(): Observable<GrantSummaryView[]> {
    const params = new HttpParams().set('pageSize', 200);
    return this.http
      .get<GrantSummaryView[] | Page<GrantSummaryView>>(url(GrantPaths.grants), { params })
      .pipe(map(itemsOf));
  }

  trialBalance(programId: string): Observable<TrialBalanceView> {
    return this.http.get<TrialBalanceView>(url(FinancePaths.trialBalance(id(programId))));
  }

  /** A keyset page of the grant's statement (the first with `{ pageSize }`, then after / before a page's cursor). */
  grantStatement(grantId: string, page: KeysetRequest = firstKeysetPage(50)): Observable<GrantStatementPage> {
    return this.http.get<GrantStatementPage>(url(FinancePaths.grantStatement(id(grantId))), { params: keysetParams(page) });
  }

  cashForecast(programId: string): Observable<CashForecastView> {
    return this.http.get<CashForecastView>(url(FinancePaths.cashForecast(id(programId))));
  }

  /** An XLSX export of the ledger (trial balance, statement, forecast). */
  xlsx(path: string): Observable<HttpResponse<Blob>> {
    return this.http.get(url(path), { observe: 'response', responseType: 'blob' });
  }
}
