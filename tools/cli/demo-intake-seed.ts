import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApplicationContent } from '@mizan/domain';
import { Agency, AuthenticatedRequestContext, User, UserSession } from '@mizan/server/identity';
import {
  ApplicationsService,
  CallsService,
  DueDiligenceDocumentsService,
  InvitationsService,
  OrganizationsService,
  PartnersService,
  Program,
  ProgramsService,
} from '@mizan/server/intake';
import { demoPdf } from './demo-files';
import { DEMO_PASSWORD } from './demo-seed';

export const DEMO_PROGRAM = 'Iraq Co-Development 2027';
export const DEMO_CALL = 'Iraq Co-Development 2027 — Round 1: civic life, health and heritage';

/** The demo acts through the same services as the api, so it obeys the same rules and writes the same trail. */
export async function actingAs(ds: DataSource, email: string): Promise<AuthenticatedRequestContext> {
  const user = await ds.getRepository(User).findOneOrFail({ where: { email }, relations: { roleRows: true } });
  const agency = await ds.getRepository(Agency).findOneByOrFail({ id: user.agencyId });
  return { user, agency, session: { id: 'demo-seed' } as UserSession };
}

export function localIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + 'T17:00';
}

export function demoApplicationContent(title: string, partnerIds: string[], governorate: string, scale: bigint): ApplicationContent {
  const sek = (kronor: bigint) => String(kronor * 100n * scale);
  return {
    title,
    partnerIds,
    summary: `${title}: a twelve-month project run with our partner, designed with the communities it serves.`,
    outcomes: [
      {
        id: 'oc1',
        title: 'Communities take part in decisions that affect them',
        outputs: [
          {
            id: 'op1',
            title: 'Local facilitators trained',
            indicators: [{ id: 'in1', name: 'Facilitators trained', unit: 'persons', baseline: '0', target: '40', meansOfVerification: 'Attendance lists with photos' }],
          },
        ],
      },
    ],
    activities: [
      { id: 'ac1', title: 'Training of facilitators', governorates: [governorate], months: [1, 2, 3] },
      { id: 'ac2', title: 'Community sessions', governorates: [governorate], months: [4, 5, 6, 7, 8, 9] },
    ],
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 2027, description: 'Project coordinator (50 %)', amountMinor: sek(2400n) },
      { id: 'b2', category: 'activities', year: 2027, description: 'Workshops and venues', amountMinor: sek(1800n) },
      { id: 'b3', category: 'travel', year: 2027, description: 'Trainer travel', amountMinor: sek(500n) },
      { id: 'b4', category: 'monitoring_evaluation', year: 2027, description: 'Third-party monitoring visits', amountMinor: sek(300n) },
      { id: 'b5', category: 'admin', year: 2027, description: 'Bookkeeping and audit', amountMinor: sek(300n) },
    ],
    cofunding: [{ id: 'c1', source: 'Members’ contributions and municipal grant', amountMinor: sek(600n), confirmed: true }],
    risks: [
      { id: 'r1', area: 'security', description: 'Local unrest may stop sessions', likelihood: 'medium', impact: 'high', mitigation: 'Remote sessions and postponement plan' },
      { id: 'r2', area: 'fiduciary', description: 'Cash payments for venues', likelihood: 'low', impact: 'medium', mitigation: 'Receipts photographed and uploaded within a week' },
      { id: 'r3', area: 'safeguarding', description: 'Participants share personal stories', likelihood: 'medium', impact: 'medium', mitigation: 'Consent forms and a trained focal person' },
    ],
    monitoringPlan: 'Quarterly remote verification with geotagged photos, a monitoring visit by a third party in month 6.',
    durationMonths: 12,
  };
}

/**
 * A living system for a newcomer: the program "Iraq Co-Development 2027"
 * (SEK) with one open call, two organizations with partners in Basra and
 * Nineveh, their due-diligence files, and applications in several states.
 */
export async function seedIntakeDemo(app: INestApplicationContext): Promise<{ created: boolean }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  if (await ds.getRepository(Program).findOneBy({ name: DEMO_PROGRAM })) return { created: false };
  const officer = await actingAs(ds, 'officer@demo.mizan.local');
  const layla = await actingAs(ds, 'applicant@demo.mizan.local');
  const yusuf = await actingAs(ds, 'applicant2@demo.mizan.local');
  const programs = app.get(ProgramsService);
  const calls = app.get(CallsService);
  const organizations = app.get(OrganizationsService);
  const partners = app.get(PartnersService);
  const documents = app.get(DueDiligenceDocumentsService);
  const invitations = app.get(InvitationsService);
  const applications = app.get(ApplicationsService);

  const program = await programs.create(officer, {
    name: DEMO_PROGRAM,
    countries: ['IQ'],
    themes: ["women's rights", 'human rights', 'election training', 'journalism', 'health', 'mental health', 'cultural heritage'],
    budgetMinor: '2000000000',
    currency: 'SEK',
    periodStart: '2027-01-01',
    periodEnd: '2028-12-31',
  });
  const call = await calls.create(officer, program.id, {
    title: DEMO_CALL,
    description: 'Projects by diaspora organizations in Sweden, the United Kingdom and Germany with partner organizations in Iraq.',
    timeZone: 'Europe/Stockholm',
    opensAtLocal: localIn(-14),
    closesAtLocal: localIn(60),
    envelopeMinor: '500000000',
    maxGrantMinor: '75000000',
    minCofundingBp: 1000,
    adminCapBp: 700,
    hostCountries: ['SE', 'GB', 'DE'],
    requirePartner: true,
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes', 'board_list', 'annual_report', 'accounts'],
    rubric: {
      criteria: [
        { id: 'relevance', title: 'Relevance to the communities', description: 'Needs identified with the people concerned', weight: 30 },
        { id: 'feasibility', title: 'Feasibility', description: 'Realistic plan, budget and timeline', weight: 25 },
        { id: 'partnership', title: 'Partnership', description: 'Roles shared fairly with the partner in Iraq', weight: 20 },
        { id: 'accountability', title: 'Accountability', description: 'Monitoring, evidence and financial control', weight: 15 },
        { id: 'sustainability', title: 'Sustainability', description: 'What remains after the grant', weight: 10 },
      ],
      scale: ['Not addressed', 'Very weak', 'Weak', 'Adequate', 'Good', 'Excellent'],
    },
  });
  await calls.publish(officer, call.id);

  const dijla = await organizations.register(layla, {
    legalName: 'Dijla Association for Women’s Rights',
    registrationNumber: '802456-1234',
    hostlandCountry: 'SE',
    address: 'Västra Hamngatan 12, 411 17 Göteborg',
    foundedOn: '2011-05-14',
    contactEmail: 'styrelsen@dijla.example.se',
    contactPhone: '+46 31 123 45 67',
    iban: 'SE45 5000 0000 0583 9825 7466',
    accountHolder: 'Dijla Association for Women’s Rights',
    holderExplanation: null,
    thematicExpertise: ["women's rights", 'mental health'],
  });
  const nineveh = await organizations.register(yusuf, {
    legalName: 'Nineveh Heritage Network',
    registrationNumber: '1187654',
    hostlandCountry: 'GB',
    address: '27 Old Street, London EC1V 9HL',
    foundedOn: '2016-09-01',
    contactEmail: 'trustees@ninevehheritage.example.org.uk',
    contactPhone: '+44 20 7946 0000',
    iban: 'GB82 WEST 1234 5698 7654 32',
    accountHolder: 'Nineveh Heritage Network',
    holderExplanation: null,
    thematicExpertise: ['cultural heritage', 'journalism'],
  });
  const basra = await partners.create(layla, dijla.id, {
    name: 'Basra Women’s Forum',
    governorateCode: 'IQ-BA',
    localRegistrationNumber: 'NGO-BA-2014-0312',
    contactPerson: 'Omar Al-Basri',
    contactEmail: 'partner@demo.mizan.local',
    contactPhone: '+964 770 000 0001',
    relationship: 'Partner since 2015; joint training programme on legal literacy.',
  });
  const mosul = await partners.create(yusuf, nineveh.id, {
    name: 'Mosul Cultural Heritage Initiative',
    governorateCode: 'IQ-NI',
    localRegistrationNumber: 'NGO-NI-2018-0077',
    contactPerson: 'Noor Younis',
    contactEmail: 'partner2@demo.mizan.local',
    contactPhone: '+964 770 000 0002',
    relationship: 'Co-founded the documentation project after 2017.',
  });
  for (const [acting, org, partner, email] of [
    [layla, dijla, basra, 'partner@demo.mizan.local'],
    [yusuf, nineveh, mosul, 'partner2@demo.mizan.local'],
  ] as const) {
    const invitation = await invitations.invite(acting, org.id, { email, role: 'partner', partnerOrganizationId: partner.id });
    const token = new URLSearchParams((invitation.acceptPath ?? '').split('?')[1] ?? '').get('token') ?? '';
    await invitations.accept({ token, displayName: email, password: DEMO_PASSWORD }, '127.0.0.1');
    for (const kind of ['statutes', 'board_list', 'annual_report', 'accounts'] as const) {
      await documents.upload(acting, org.id, kind, {
        fileName: `${kind.replace('_', '-')}-${org.legalName.split(' ')[0].toLowerCase()}.pdf`,
        declaredType: 'application/pdf',
        content: demoPdf(`${org.legalName} - ${kind.replace('_', ' ')}`),
      });
    }
  }
  const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  await organizations.setDueDiligence(officer, dijla.id, { status: 'cleared', conditions: null, expiresOn: nextYear, reason: 'Statutes, board and 2025 accounts checked; bank account verified.' });

  // Dijla: one application through screening (returned, answered, eligible), one draft.
  const safe = await applications.create(layla, { callId: call.id, organizationId: dijla.id, title: 'Safe spaces for women in Basra' });
  let saved = await applications.save(layla, safe.id, { version: safe.version, content: demoApplicationContent('Safe spaces for women in Basra', [basra.id], 'IQ-BA', 100n) });
  await applications.submit(layla, safe.id, saved.version);
  await applications.screen(officer, safe.id, 'start_screening', null);
  await applications.screen(officer, safe.id, 'return_for_clarification', 'Please explain how the safe spaces will be staffed after month 6.');
  const returned = await applications.get(layla, safe.id);
  const clarified = demoApplicationContent('Safe spaces for women in Basra', [basra.id], 'IQ-BA', 100n);
  clarified.summary += ' After month 6 the forum’s own trained volunteers staff the spaces, supervised by a social worker.';
  saved = await applications.save(layla, safe.id, { version: returned.version, content: clarified });
  await applications.resubmit(layla, safe.id, saved.version);
  await applications.screen(officer, safe.id, 'mark_eligible', null);

  const draft = await applications.create(layla, { callId: call.id, organizationId: dijla.id, title: 'Election observer training for young women' });
  const draftContent = demoApplicationContent('Election observer training for young women', [basra.id], 'IQ-BA', 80n);
  draftContent.risks = [];
  await applications.save(layla, draft.id, { version: draft.version, content: draftContent });

  // Nineveh: one submitted and waiting in the screening queue, one withdrawn.
  const heritage = await applications.create(yusuf, { callId: call.id, organizationId: nineveh.id, title: 'Documenting Mosul’s old city' });
  saved = await applications.save(yusuf, heritage.id, { version: heritage.version, content: demoApplicationContent('Documenting Mosul’s old city', [mosul.id], 'IQ-NI', 120n) });
  await applications.submit(yusuf, heritage.id, saved.version);
  const radio = await applications.create(yusuf, { callId: call.id, organizationId: nineveh.id, title: 'Community radio in Nineveh' });
  await applications.withdraw(yusuf, radio.id, 'We will apply in the next round together with a second partner.');
  return { created: true };
}
