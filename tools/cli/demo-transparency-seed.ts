import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PartnersService } from '@mizan/server/intake';
import { TransparencyService } from '@mizan/server/transparency';
import { DEMO_PROGRAM, actingAs } from './demo-intake-seed';

/*
 * The transparency demo (issue 16), through the services of the api as the demo officer:
 *
 * - The agency's IATI identity: "XI-IATI-MIZAN-DEMO" (XI-IATI is IATI's own registration agency; MIZAN-DEMO is
 *   obviously not a real publisher), a government agency (type 10), named in English, Arabic and Swedish.
 * - Every program with a live grant is marked published, with a public summary in three languages.
 * - So that the file shows the security redaction, Dijla registers a second partner in Nineveh (restricted in the
 *   monitoring demo), DEMO_RESTRICTED_PARTNER, and it joins one grant of the demo program (its newest): that grant
 *   is published with the partner "Undisclosed" and at country level, and the preview lists why.
 * - Published once now (the job's work, done here as the worker would).
 *
 * Each step does nothing when done already, so the seed can run again.
 */
export const DEMO_IATI_IDENTIFIER = 'XI-IATI-MIZAN-DEMO';
/** Dijla's partner in Nineveh (restricted): withheld from the published file. */
export const DEMO_RESTRICTED_PARTNER = {
  name: 'Sinjar Women’s Legal Aid Centre',
  governorateCode: 'IQ-NI',
  localRegistrationNumber: 'NGO-NI-2019-0231',
  contactPerson: 'Hana Khalil Murad',
  contactEmail: 'centre@sinjar-legal-aid.example.iq',
  contactPhone: '+964 770 000 0231',
  relationship: 'Runs the legal clinics of the joint programme in Sinjar district since 2019.',
} as const;

/** Dijla's partner in Nineveh on the newest grant of the demo program (nothing when there is none, or done). */
async function seedRestrictedPartner(
  app: INestApplicationContext,
  ds: DataSource,
): Promise<void> {
  const [grant] = (await ds.query(
    `SELECT g.application_id, g.organization_id FROM grant_award g JOIN program p ON p.id = g.program_id
       JOIN organization o ON o.id = g.organization_id
      WHERE p.name = $1 AND o.legal_name = 'Dijla Association for Women’s Rights' AND g.state <> 'draft'
      ORDER BY g.grant_number DESC LIMIT 1`,
    [DEMO_PROGRAM],
  )) as { application_id: string; organization_id: string }[];
  if (!grant) return;
  let [partner] = (await ds.query(
    `SELECT id FROM partner_organization WHERE organization_id = $1 AND name = $2`,
    [grant.organization_id, DEMO_RESTRICTED_PARTNER.name],
  )) as { id: string }[];
  if (!partner) {
    const layla = await actingAs(ds, 'applicant@demo.mizan.local');
    partner = await app
      .get(PartnersService)
      .create(layla, grant.organization_id, { ...DEMO_RESTRICTED_PARTNER });
  }
  await ds.query(
    `INSERT INTO application_partner (application_id, partner_organization_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [grant.application_id, partner.id],
  );
}

export async function seedTransparencyDemo(
  app: INestApplicationContext,
): Promise<{ created: boolean; published: number }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const officer = await actingAs(ds, 'officer@demo.mizan.local');
  const transparency = app.get(TransparencyService);
  const identity = await transparency.identity(officer);
  if (identity.organisationIdentifier) return { created: false, published: 0 };
  await seedRestrictedPartner(app, ds);
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
