import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Recommendation } from '@mizan/domain';
import { ApplicationsService, CallsService, GrantCall, Organization, PartnerOrganization, Program } from '@mizan/server/intake';
import { AssignmentsService, DecisionsService, ReviewsService } from '@mizan/server/review';
import { DEMO_PROGRAM, actingAs, demoApplicationContent, localIn } from './demo-intake-seed';

export const DEMO_REVIEW_CALL = 'Iraq Co-Development 2027 — Small grants: media and heritage';

type Scores = [number, number, number, number];

interface DemoApplication {
  title: string;
  organization: 'dijla' | 'nineveh';
  /** Scale of the demo budget: requested = 4,700 SEK × scale (5,300 budget less 600 co-funding). */
  scale: bigint;
  /** Scores per reviewer (relevance, feasibility, partnership, accountability); null: not submitted. */
  reviews: [Scores | null, Scores | null];
}

/*
 * Envelope 1,300,000 SEK. Weighted means and the funding line this makes:
 *   Oral histories of Mosul           470,000   4.50          above (cum   470,000) — approval of 470,000 waits for a second officer
 *   Women journalists' network        423,000   4.00          above (cum   893,000) — approved at 400,000, confirmed by a second officer
 *   Digitising Nineveh's manuscripts  517,000   3.50 (spread 2.40: disagreement)  below: the envelope runs out
 *   Mental health first aid           282,000   3.00          below (it would fit in the 407,000 left: the line is strict)
 *   Legal literacy radio              235,000   2.60 (one review of two)          below
 */
const APPLICATIONS: DemoApplication[] = [
  { title: 'Oral histories of Mosul’s old city', organization: 'nineveh', scale: 100n, reviews: [[5, 4, 5, 4], [4, 5, 4, 5]] },
  { title: 'Women journalists’ network in Basra', organization: 'dijla', scale: 90n, reviews: [[4, 4, 4, 4], [4, 4, 4, 4]] },
  { title: 'Digitising Nineveh’s manuscripts', organization: 'nineveh', scale: 110n, reviews: [[5, 5, 4, 4], [2, 2, 3, 3]] },
  { title: 'Mental health first aid for teachers', organization: 'dijla', scale: 60n, reviews: [[3, 3, 3, 3], [3, 3, 3, 3]] },
  { title: 'Legal literacy on community radio', organization: 'dijla', scale: 50n, reviews: [[3, 2, 3, 2], null] },
];

const RUBRIC = {
  criteria: [
    { id: 'relevance', title: 'Relevance', description: 'Answers a need the communities named themselves', weight: 40 },
    { id: 'feasibility', title: 'Feasibility', description: 'Realistic plan, budget and timeline', weight: 30 },
    { id: 'partnership', title: 'Partnership', description: 'Roles shared fairly with the partner in Iraq', weight: 20 },
    { id: 'accountability', title: 'Accountability', description: 'Evidence of results and of spending', weight: 10 },
  ],
  scale: ['Not addressed', 'Very weak', 'Weak', 'Adequate', 'Good', 'Excellent'],
};

function recommendationFor(weighted: number): Recommendation {
  if (weighted >= 4) return 'fund';
  if (weighted >= 3.5) return 'fund_with_changes';
  if (weighted >= 3) return 'reserve';
  return 'do_not_fund';
}

function weightedOf(scores: Scores): number {
  return RUBRIC.criteria.reduce((sum, c, i) => sum + scores[i] * c.weight, 0) / 100;
}

/**
 * A second call of the demo program, mid-review: five eligible applications,
 * two reviewers each (one still working), a visible funding line with a
 * disagreement, one approval proposed and confirmed by two officers and one
 * approval waiting for a second officer. Made through the same services as
 * the api, so the trail, notifications and outbox hold what really happened.
 */
export async function seedReviewDemo(app: INestApplicationContext): Promise<{ created: boolean }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  if (await ds.getRepository(GrantCall).findOneBy({ title: DEMO_REVIEW_CALL })) return { created: false };
  const program = await ds.getRepository(Program).findOneBy({ name: DEMO_PROGRAM });
  if (!program) return { created: false };
  const officer = await actingAs(ds, 'officer@demo.mizan.local');
  const officer2 = await actingAs(ds, 'officer2@demo.mizan.local');
  const reviewers = [await actingAs(ds, 'reviewer@demo.mizan.local'), await actingAs(ds, 'reviewer2@demo.mizan.local')];
  const members = { dijla: await actingAs(ds, 'applicant@demo.mizan.local'), nineveh: await actingAs(ds, 'applicant2@demo.mizan.local') };
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const assignments = app.get(AssignmentsService);
  const reviews = app.get(ReviewsService);
  const decisions = app.get(DecisionsService);

  const call = await calls.create(officer, program.id, {
    title: DEMO_REVIEW_CALL,
    description: 'Grants up to 600,000 SEK for independent media and cultural heritage work with partners in Iraq.',
    timeZone: 'Europe/Stockholm',
    opensAtLocal: localIn(-30),
    closesAtLocal: localIn(2),
    envelopeMinor: '130000000',
    maxGrantMinor: '60000000',
    minCofundingBp: 1000,
    adminCapBp: 700,
    hostCountries: ['SE', 'GB', 'DE'],
    requirePartner: true,
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes', 'board_list', 'annual_report', 'accounts'],
    rubric: RUBRIC,
  });
  await calls.publish(officer, call.id);

  const organization = async (name: string) => ds.getRepository(Organization).findOneByOrFail({ legalName: name });
  const orgs = { dijla: await organization('Dijla Association for Women’s Rights'), nineveh: await organization('Nineveh Heritage Network') };
  const partnerOf = async (organizationId: string) => ds.getRepository(PartnerOrganization).findOneByOrFail({ organizationId });
  const partners = { dijla: await partnerOf(orgs.dijla.id), nineveh: await partnerOf(orgs.nineveh.id) };

  const ids: string[] = [];
  for (const a of APPLICATIONS) {
    const acting = members[a.organization];
    const partner = partners[a.organization];
    const created = await applications.create(acting, { callId: call.id, organizationId: orgs[a.organization].id, title: a.title });
    const saved = await applications.save(acting, created.id, {
      version: created.version,
      content: demoApplicationContent(a.title, [partner.id], partner.governorateCode, a.scale),
    });
    await applications.submit(acting, created.id, saved.version);
    await applications.screen(officer, created.id, 'start_screening', null);
    await applications.screen(officer, created.id, 'mark_eligible', null);
    ids.push(created.id);
  }

  const dueOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  for (const [index, a] of APPLICATIONS.entries()) {
    for (const [r, scores] of a.reviews.entries()) {
      const reviewer = reviewers[r];
      // One by one, so the third demo reviewer stays free for the officer to try bulk assignment and reassignment.
      const assignment = await assignments.assign(officer, ids[index], reviewer.user.id, dueOn);
      let view = await reviews.declare(reviewer, assignment.id, false, null);
      if (!scores) continue;
      const weighted = weightedOf(scores);
      view = await reviews.saveScores(reviewer, assignment.id, {
        version: view.version,
        scores: RUBRIC.criteria.map((c, i) => ({ criterionId: c.id, score: scores[i], comment: `${c.title}: ${scores[i] >= 4 ? 'convincing' : scores[i] >= 3 ? 'adequate, could be sharper' : 'not convincing yet'}.` })),
        recommendation: recommendationFor(weighted),
        overallComment: weighted >= 4 ? 'Strong proposal with a credible partner.' : 'Sound idea; the plan needs more detail.',
      });
      await reviews.submit(reviewer, assignment.id, view.version);
    }
  }

  // Approvals above 300,000 SEK need a second officer.
  await decisions.setConfirmationThreshold(officer, call.id, '30000000', 'Four eyes on every grant above 300,000 SEK (unit policy).');
  const journalists = await decisions.propose(officer, ids[1], {
    outcome: 'approved',
    amountMinor: '40000000',
    conditions: 'Reduce the equipment line by 23,000 SEK; report on the safety protocol for journalists before the second tranche.',
    rationale: 'Ranked second; equipment budget above market prices.',
  });
  await decisions.confirm(officer2, journalists.id);
  await decisions.propose(officer, ids[0], {
    outcome: 'approved',
    amountMinor: '47000000',
    conditions: 'Written consent of every interviewee before publication.',
    rationale: 'Ranked first, no disagreement between reviewers.',
  });
  return { created: true };
}
