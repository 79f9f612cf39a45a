import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PartnersService } from '@mizan/server/intake';
import { SanctionsImporter, SanctionsListsService, ScreeningRunsService, importSanctionsListNow } from '@mizan/server/screening';
import { actingAs } from './demo-intake-seed';

/*
 * The sanctions screening demo (issue 13), through the services of the api as the demo's people:
 *
 * - Karin imports the real UN Security Council consolidated list of 2018-10-29 (data/sanctions) and every party of
 *   the agency is screened against it at once (the run the import starts, processed here as the worker would).
 * - The Nineveh Heritage Network registers a new partner in Tikrit, "Salahaddin Youth Heritage Circle", whose
 *   contact person "Jawhar Majeed Al-Doori" is a spelling variant of IQi.068 JAWHAR MAJID AL-DURI. It is on no
 *   application yet, so it blocks no grant; its match stays OPEN in the queue, for the officer to look at.
 *
 * Each step does nothing when done already, so the seed can run again and creates nothing new.
 */

export const DEMO_SANCTIONS_FILE = resolve(__dirname, '../../data/sanctions/un-sc-consolidated-2018-10-29.xml');
export const DEMO_SCREENING_PARTNER = {
  name: 'Salahaddin Youth Heritage Circle',
  governorateCode: 'IQ-SD',
  localRegistrationNumber: 'NGO-SD-2021-0148',
  contactPerson: 'Jawhar Majeed Al-Doori',
  contactEmail: 'circle@salahaddin-youth.example.iq',
  contactPhone: '+964 770 000 0148',
  relationship: 'Met at the 2025 heritage workshop in Tikrit; a joint oral-history project is planned for the next round.',
} as const;
/** The list entry the planted contact person is named like. */
export const DEMO_SCREENING_OPEN_REFERENCE = 'IQi.068';
export interface ScreeningDemoResult {
  created: boolean;
  /** What this run did, in words, for the seed's summary. */
  done: string[];
  /** The version of the list imported (null when the intake demo is not there). */
  listVersionId: string | null;
  /** The matches the demo leaves in the queue (open) and cleared. */
  open: number;
  cleared: number;
}

export async function seedScreeningDemo(app: INestApplicationContext): Promise<ScreeningDemoResult> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const done: string[] = [];
  const [nineveh] = (await ds.query(`SELECT id, agency_id FROM organization WHERE legal_name = 'Nineveh Heritage Network' LIMIT 1`)) as { id: string; agency_id: string }[];
  const [officerRow] = (await ds.query(`SELECT id FROM app_user WHERE email = 'officer@demo.mizan.local'`)) as { id: string }[];
  if (!nineveh || !officerRow) return { created: false, done, listVersionId: null, open: 0, cleared: 0 };
  const karin = await actingAs(ds, 'officer@demo.mizan.local');
  const yusuf = await actingAs(ds, 'applicant2@demo.mizan.local');

  const [partner] = (await ds.query(`SELECT id FROM partner_organization WHERE organization_id = $1 AND name = $2`, [nineveh.id, DEMO_SCREENING_PARTNER.name])) as { id: string }[];
  if (!partner) {
    await app.get(PartnersService).create(yusuf, nineveh.id, { ...DEMO_SCREENING_PARTNER });
    done.push(`partner "${DEMO_SCREENING_PARTNER.name}" of the Nineveh Heritage Network registered`);
  }

  let [version] = (await ds.query(`SELECT id FROM sanctions_list_version WHERE agency_id = $1 AND state = 'done' ORDER BY created_at LIMIT 1`, [nineveh.agency_id])) as { id: string }[];
  if (!version) {
    const buffer = await readFile(DEMO_SANCTIONS_FILE);
    const outcome = await importSanctionsListNow(
      app.get(SanctionsListsService),
      app.get(SanctionsImporter),
      { userId: karin.user.id, agencyId: karin.agency.id, label: karin.user.email },
      { buffer, fileName: basename(DEMO_SANCTIONS_FILE) },
    );
    if (outcome.state !== 'done' || !outcome.runId) throw new Error(`demo screening: the list import did not finish (${outcome.state})`);
    // The worker's half, here and now: every party screened before the demo is used (a later job finds it done).
    await app.get(ScreeningRunsService).process(outcome.runId);
    version = { id: outcome.versionId };
    done.push(`UN SC consolidated list imported (${outcome.counts?.individuals} individuals, ${outcome.counts?.entities} entities) and every party screened`);
  }

  const [counts] = (await ds.query(`SELECT count(*) FILTER (WHERE state = 'open')::int AS open, count(*) FILTER (WHERE state = 'cleared')::int AS cleared FROM screening_match WHERE agency_id = $1`, [
    nineveh.agency_id,
  ])) as { open: number; cleared: number }[];
  return { created: done.length > 0, done, listVersionId: version.id, open: counts.open, cleared: counts.cleared };
}
