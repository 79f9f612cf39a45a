import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransparencyService } from '@mizan/server/transparency';
import { actingAs } from './demo-intake-seed';

/*
 * The transparency demo (issue 16), through the services of the api as the demo officer:
 *
 * - The agency's IATI identity: "XI-IATI-MIZAN-DEMO" (XI-IATI is IATI's own registration agency; MIZAN-DEMO is
 *   obviously not a real publisher), a government agency (type 10), named in English, Arabic and Swedish.
 * - Every program with a live grant is marked published, with a public summary in three languages.
 * - Published once now (the job's work, done here as the worker would): Nineveh is restricted in the monitoring
 *   demo, so the Nineveh partner is published as "Undisclosed" and the grant at country level.
 *
 * Each step does nothing when done already, so the seed can run again.
 */
export const DEMO_IATI_IDENTIFIER = 'XI-IATI-MIZAN-DEMO';

export async function seedTransparencyDemo(
  app: INestApplicationContext,
): Promise<{ created: boolean; published: number }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const officer = await actingAs(ds, 'officer@demo.mizan.local');
  const transparency = app.get(TransparencyService);
  const identity = await transparency.identity(officer);
  if (identity.organisationIdentifier) return { created: false, published: 0 };
  await transparency.setIdentity(officer, {
    organisationIdentifier: DEMO_IATI_IDENTIFIER,
    name: {
      en: 'Mizan Demo Agency',
      ar: 'وكالة ميزان التجريبية',
      sv: 'Mizans demomyndighet',
    },
    organisationType: '10',
    rowVersion: identity.rowVersion,
  });
  const programs = (await transparency.programs(officer)).filter(
    (p) => p.grantCount > 0,
  );
  for (const p of programs) {
    await transparency.setProgram(officer, p.programId, {
      published: true,
      publicSummary: {
        en: 'Grants to diaspora organisations and their partners in Iraq for civil society, health and cultural heritage.',
        ar: 'منح لمنظمات المهجر وشركائها في العراق في مجالات المجتمع المدني والصحة والتراث الثقافي.',
        sv: 'Bidrag till diasporaorganisationer och deras partner i Irak för civilsamhälle, hälsa och kulturarv.',
      },
      rowVersion: p.rowVersion,
    });
  }
  const ids = await transparency.requestMany(
    'manual',
    programs.map((p) => p.programId),
  );
  for (const id of ids) await transparency.process(id, async () => undefined);
  return { created: true, published: ids.length };
}
