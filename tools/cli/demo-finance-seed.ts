import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FinanceSettingsService, RatesService } from '@mizan/server/finance';
import { DEMO_AGENCY } from './demo-seed';
import { actingAs } from './demo-intake-seed';

/** The ECB's euro reference rates, 1999-01-04 … 2025-05-09 (source: ECB), kept in the repository. */
export const ECB_RATES_FILE = join(__dirname, '../../data/fx/ecb-eurofxref-hist.csv');

/**
 * The demo agency's finance set-up, through the services (so it is on the
 * trail like any other): the debtor account of its bank files and the
 * second-approval threshold, and the ECB's published rates (EUR→SEK/USD/GBP),
 * so cross rates such as SEK→USD can be suggested for any past value date.
 * Run before the grants demo, which pays a tranche SEK → USD.
 */
export async function seedFinanceDemo(app: INestApplicationContext): Promise<{ created: boolean; rates: number }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [done] = (await ds.query(
    `SELECT 1 FROM finance_settings s JOIN agency a ON a.id = s.agency_id WHERE a.slug = $1 AND s.agency_iban IS NOT NULL`,
    [DEMO_AGENCY.slug],
  )) as unknown[];
  if (done) return { created: false, rates: 0 };
  const finance = await actingAs(ds, 'finance@demo.mizan.local');
  await app.get(FinanceSettingsService).update(finance, {
    // 250,000.00 SEK: the demo's larger tranches need the second finance login.
    secondApprovalThresholdMinor: '25000000',
    threePeople: true,
    agencyName: 'Ministry for Foreign Affairs Co-Development Unit',
    agencyIban: 'SE4550000000058398257466',
    agencyBic: 'ESSESESS',
    reason: 'demo seed',
  });
  const imported = await app.get(RatesService).importEcb(finance, readFileSync(ECB_RATES_FILE), 'ecb-eurofxref-hist.csv');
  return { created: true, rates: imported.imported };
}
