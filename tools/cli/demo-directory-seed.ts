import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DirectoryMode } from '@mizan/contracts';
import { DIRECTORY_BASE_TAXONOMY, directorySearchText, normalizeText } from '@mizan/domain';
import { DirectoryService, expertActor } from '@mizan/server/directory';
import { TrailService } from '@mizan/server/trail';
import { actingAs } from './demo-intake-seed';
import { DEMO_AGENCY } from './demo-seed';

export const DEMO_EXPERT_EMAIL = 'expert@demo.mizan.local';

const FIRST = ['Ahmed', 'Zainab', 'Hassan', 'Noor', 'Ali', 'Sara', 'Omar', 'Huda', 'Karim', 'Rana', 'Mustafa', 'Layla', 'Haider', 'Mariam', 'Samir', 'Dina', 'Yousif', 'Shatha', 'Firas', 'Ban'];
const LAST = ['Al-Jaburi', 'Hamdan', 'Kareem', 'Al-Saadi', 'Mahmoud', 'Younis', 'Al-Rubaie', 'Talib', 'Nasser', 'Al-Khafaji', 'Jawad', 'Abbas'];
const PLACES: { country: 'SE' | 'GB' | 'DE'; cities: string[] }[] = [
  { country: 'SE', cities: ['Stockholm', 'Malmö', 'Göteborg', 'Södertälje'] },
  { country: 'GB', cities: ['London', 'Manchester', 'Birmingham'] },
  { country: 'DE', cities: ['Berlin', 'Köln', 'Hamburg'] },
];
const PROFESSIONS: Record<string, string> = {
  medicine: 'Physician',
  mental_health: 'Psychologist',
  engineering: 'Engineer',
  accountancy: 'Chartered accountant',
  law: 'Lawyer',
  journalism: 'Journalist',
  cultural_heritage: 'Conservator',
  womens_rights: 'Women’s rights advocate',
};
const MODES: DirectoryMode[] = ['online', 'both', 'online', 'in_person', 'both'];
const VISIBILITIES = ['officers', 'officers_and_hosts', 'public'] as const;

/**
 * The directory in the demo (issue 15): about 60 experts across Sweden, the UK and Germany (deterministic), the
 * demo expert (expert@demo.mizan.local, a psychotherapist in Malmö), three open needs posted by the demo partner
 * users in Basra, Nineveh and Baghdad, and one active match of the demo expert with two sessions. Profiles are
 * written directly (each with its trail entry); needs, the proposal and its acceptance go through the service.
 */
export async function seedDirectoryDemo(app: INestApplicationContext): Promise<{ created: boolean; experts: number; needs: number }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [agency] = (await ds.query(`SELECT id FROM agency WHERE slug = $1`, [DEMO_AGENCY.slug])) as { id: string }[];
  if (!agency) return { created: false, experts: 0, needs: 0 };
  const [done] = (await ds.query(`SELECT 1 FROM app_user WHERE email = $1`, [DEMO_EXPERT_EMAIL])) as unknown[];
  if (done) return { created: false, experts: 0, needs: 0 };
  const [officer] = (await ds.query(`SELECT password_hash FROM app_user WHERE email = 'officer@demo.mizan.local'`)) as { password_hash: string }[];
  if (!officer) return { created: false, experts: 0, needs: 0 };
  const trail = app.get(TrailService);
  const skillNames = new Map(DIRECTORY_BASE_TAXONOMY.flatMap((s) => s.skills.map((k) => [k.code, [k.name.en, k.name.ar, k.name.sv]] as const)));

  const experts: {
    email: string;
    name: string;
    sector: string;
    skills: string[];
    country: string;
    city: string;
    mode: DirectoryMode;
    visibility: string;
    languages: string[];
    days: number;
    years: number;
    travel: string[];
  }[] = [
    {
      email: DEMO_EXPERT_EMAIL,
      name: 'Dr. Rasha Al-Tamimi',
      sector: 'mental_health',
      skills: ['mental_health.psychotherapy', 'mental_health.trauma', 'mental_health.trainer'],
      country: 'SE',
      city: 'Malmö',
      mode: 'both',
      visibility: 'officers_and_hosts',
      languages: ['ar', 'sv', 'en'],
      days: 30,
      years: 15,
      travel: ['IQ-BA', 'IQ-BG'],
    },
  ];
  const sectors = DIRECTORY_BASE_TAXONOMY;
  for (let i = 0; i < 60; i++) {
    const sector = sectors[i % sectors.length];
    const place = PLACES[i % 3];
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    experts.push({
      email: `expert${String(i + 1).padStart(2, '0')}@directory.demo.mizan.local`,
      name,
      sector: sector.code,
      skills: sector.skills.filter((_, k) => (i + k) % 2 === 0 || k === 0).map((k) => k.code),
      country: place.country,
      city: place.cities[i % place.cities.length],
      mode: MODES[i % MODES.length],
      visibility: VISIBILITIES[i % 3],
      languages: ['ar', ...(i % 4 === 0 ? ['ku'] : []), place.country === 'SE' ? 'sv' : place.country === 'DE' ? 'de' : 'en', 'en'].filter((l, k, a) => a.indexOf(l) === k),
      days: 10 + ((i * 13) % 50),
      years: 3 + ((i * 5) % 25),
      travel: i % 5 === 3 || i % 5 === 1 ? ['IQ-BG', 'IQ-BA', 'IQ-AR'].slice(0, 1 + (i % 3)) : [],
    });
  }

  let demoProfileId = '';
  await trail.record(async (manager) => {
    const entries = [];
    for (const e of experts) {
      const [u] = (await manager.query(`INSERT INTO app_user (agency_id, email, display_name, password_hash, active, language) VALUES ($1, $2, $3, $4, true, 'en') RETURNING id`, [
        agency.id,
        e.email,
        e.name,
        officer.password_hash,
      ])) as { id: string }[];
      await manager.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'expert')`, [u.id]);
      const profession = PROFESSIONS[e.sector] ?? 'Expert';
      const bio = `${profession} with ${e.years} years of experience, based in ${e.city}.`;
      const [p] = (await manager.query(
        `INSERT INTO directory_profile (agency_id, user_id, status, name, profession, skills, sectors, years_of_experience, languages, residence_country, residence_city, city_key,
            availability_days, mode, travel_governorates, bio, visibility, completed, search_text)
         VALUES ($1, $2, 'active', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, true, $17) RETURNING id`,
        [
          agency.id,
          u.id,
          e.name,
          profession,
          e.skills,
          [e.sector],
          e.years,
          e.languages,
          e.country,
          e.city,
          normalizeText(e.city),
          e.days,
          e.mode,
          e.mode === 'online' ? [] : e.travel,
          bio,
          e.visibility,
          directorySearchText([e.name, profession, e.city, bio, ...e.skills.flatMap((s) => skillNames.get(s) ?? [])]),
        ],
      )) as { id: string }[];
      if (e.email === DEMO_EXPERT_EMAIL) demoProfileId = p.id;
      entries.push({
        actor: expertActor(u.id, p.id),
        agencyId: agency.id,
        action: 'directory.profile_saved' as const,
        entityType: 'directory_profile' as const,
        entityId: p.id,
        after: { visibility: e.visibility, mode: e.mode, skills: e.skills.length, sectors: [e.sector] },
      });
    }
    return { result: undefined, entries };
  });

  const directory = app.get(DirectoryService);
  const partner = await actingAs(ds, 'partner@demo.mizan.local');
  const partner2 = await actingAs(ds, 'partner2@demo.mizan.local');
  const officer1 = await actingAs(ds, 'officer@demo.mizan.local');
  const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const basra = await directory.postNeed(partner, {
    kind: 'assignment',
    title: 'Online trainer in trauma-focused psychotherapy for Basra counsellors',
    description: 'Our psychosocial centre in Basra trains 12 counsellors; we need an experienced psychotherapist to run online supervision over two months.',
    assignment: { sector: 'mental_health', skills: ['mental_health.psychotherapy', 'mental_health.trainer'], language: 'ar', durationWeeks: 8, daysNeeded: 12, mode: 'online', governorate: 'IQ-BA', startFrom: soon(14), startTo: soon(45) },
  });
  await directory.postNeed(partner2, {
    kind: 'assignment',
    title: 'Water engineer to review the rehabilitation plan of a pumping station in Mosul',
    description: 'A three-week review of designs and tender documents, on site if security allows, else online.',
    assignment: { sector: 'engineering', skills: ['engineering.water', 'engineering.civil'], language: 'ar', durationWeeks: 3, daysNeeded: 8, mode: 'both', governorate: 'IQ-NI', startFrom: soon(20), startTo: soon(60) },
  });
  await directory.postNeed(partner, {
    kind: 'assignment',
    title: 'Mentor in financial audit for a Baghdad women’s cooperative',
    description: 'Monthly online mentoring of the cooperative’s bookkeeper towards its first external audit.',
    assignment: { sector: 'accountancy', skills: ['accountancy.audit', 'accountancy.bookkeeping'], language: 'ar', durationWeeks: 12, daysNeeded: 6, mode: 'online', governorate: 'IQ-BG', startFrom: soon(7), startTo: soon(30) },
  });

  // One active match of the demo expert, with two sessions: a need of its own (already under way).
  const active = await directory.postNeed(partner, {
    kind: 'assignment',
    title: 'Clinical supervision for the Basra child-protection helpline',
    description: 'Weekly online case supervision for helpline staff.',
    assignment: { sector: 'mental_health', skills: ['mental_health.trauma'], language: 'ar', durationWeeks: 10, daysNeeded: 10, mode: 'online', governorate: 'IQ-BA', startFrom: soon(-30), startTo: soon(-20) },
  });
  const match = await directory.propose(officer1, active.id, { profileId: demoProfileId, note: 'Trauma specialist, Arabic-speaking, available online.' });
  const expert = await actingAs(ds, DEMO_EXPERT_EMAIL);
  await directory.accept(expert, match.id);
  await directory.accept(partner, match.id);
  await directory.logSession(expert, match.id, { date: soon(-14), hours: 2, mode: 'online', topic: 'Case review: adolescent anxiety', note: 'Six cases discussed.' });
  await directory.logSession(expert, match.id, { date: soon(-7), hours: 1.5, mode: 'online', topic: 'Self-care for helpline staff', note: 'Group session.' });
  return { created: true, experts: experts.length, needs: basra ? 3 : 0 };
}
