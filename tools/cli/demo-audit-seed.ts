import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_CHECKS, type AuditCheckAnswer, type AuditCheckId, type EngagementState, type SampleItemView } from '@mizan/contracts';
import { addDaysIso } from '@mizan/domain';
import { AuditFindingsService, AuditReportsService, AuditSamplingService, EngagementsService } from '@mizan/server/audit';
import { MIZAN_CONFIG, type MizanConfig } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { AuditReportBuilder } from '@mizan/server/pdf';
import { FileStore } from '@mizan/server/storage';
import { TrailService } from '@mizan/server/trail';
import { DEMO_CALL, actingAs } from './demo-intake-seed';
import { DEMO_REPORTING_GRANT, demoReportPeriods } from './demo-reporting-lines';

/*
 * The audit demo (issue 12), on the reporting demo's grant "Legal aid clinics for women in Basra",
 * through the services of the api as the demo's people, so all of it is on the trail:
 *
 * - AUD-<year>-1, CLOSED: Karin's spot check of the grant's two tranche payments by Nordic Assurance Partners,
 *   Maria Svensson auditing. Both payments sampled (simple random, seed DEMO_AUDIT_SEEDS.closed) and tested
 *   clean; one low finding (the banks' credit advices not filed with the project's accounts), answered by
 *   Layla for Dijla, accepted by Maria, its action completed by Layla and checked by Karin; the final report
 *   (a conclusion) built as a PDF by the same code as the worker's job (AuditReportBuilder), then final and
 *   closed, each step with its reason.
 * - AUD-<year>-2, in FIELDWORK: a financial audit of the expenditure of report 1 (the lines Karin accepted),
 *   a monetary-unit sample with seed DEMO_AUDIT_SEEDS.fieldwork, some items tested (passes and one exception)
 *   and two findings: one high with an ineligible amount, one medium.
 *
 * Each step does nothing when done already, so the seed can run again and creates nothing new.
 */

export const DEMO_AUDIT_FIRM = 'Nordic Assurance Partners AB';
export const DEMO_AUDITOR_EMAIL = 'auditor@demo.mizan.local';
export const DEMO_AUDIT_TITLES = {
  closed: 'Spot check of the tranche payments — Legal aid clinics for women in Basra',
  fieldwork: 'Financial audit of the expenditure of report 1 — Legal aid clinics for women in Basra',
} as const;
/** The seeds of the two draws, shown in the workspace and on the trail: anyone can redraw the same sample. */
export const DEMO_AUDIT_SEEDS = { closed: '20260412', fieldwork: '1205' } as const;
/** The fieldwork audit's materiality (tolerable misstatement): 50,000 SEK. */
export const DEMO_AUDIT_MATERIALITY_MINOR = '5000000';
export const DEMO_AUDIT_CONCLUSION =
  'Both tranche payments reached the Dijla Association’s account at Rafidain Bank in full, on the dates and at the rates recorded in Mizan. ' +
  'One low-priority finding on record keeping, resolved during the follow-up. No exception affects the amounts reported.';

export interface AuditDemoResult {
  created: boolean;
  /** What this run did, in words, for the seed's summary. */
  done: string[];
  references: { closed: string | null; fieldwork: string | null };
}

interface EngagementRow {
  id: string;
  reference: string;
  state: string;
  row_version: number;
  sample_drawn_at: Date | null;
}

interface Actors {
  karin: AuthenticatedRequestContext;
  maria: AuthenticatedRequestContext;
  layla: AuthenticatedRequestContext;
}

const checks = (answers: Partial<Record<AuditCheckId, AuditCheckAnswer>>) => AUDIT_CHECKS.map((id) => ({ id, answer: answers[id] ?? 'yes' }));

/** A payment is tested on the bank's side: no receipt, no supplier, no budget line. */
const PAYMENT_CHECKS = checks({ receipt_present: 'not_applicable', receipt_legible: 'not_applicable', eligible_cost: 'not_applicable', budget_line_right: 'not_applicable', paid_to_named_supplier: 'not_applicable' });

async function engagementOf(ds: DataSource, agencyId: string, title: string): Promise<EngagementRow | null> {
  const [row] = (await ds.query('SELECT id, reference, state, row_version, sample_drawn_at FROM audit_engagement WHERE agency_id = $1 AND title = $2 ORDER BY created_at LIMIT 1', [
    agencyId,
    title,
  ])) as EngagementRow[];
  return row ?? null;
}

async function move(app: INestApplicationContext, who: AuthenticatedRequestContext, e: EngagementRow, to: EngagementState, reason: string): Promise<EngagementRow> {
  const view = await app.get(EngagementsService).transition(who, e.id, { to, reason, rowVersion: e.row_version });
  return { ...e, state: view.state, row_version: view.rowVersion };
}

async function sampleItems(app: INestApplicationContext, maria: AuthenticatedRequestContext, engagementId: string): Promise<SampleItemView[]> {
  return (await app.get(AuditSamplingService).sample(maria, engagementId, 1, 200)).items;
}

/** Closed: Karin's spot check of the two tranche payments, from plan to "follow-up closed". */
async function seedClosed(app: INestApplicationContext, ds: DataSource, a: Actors, grant: { id: string; starts_on: string }, today: string, done: string[]): Promise<string | null> {
  const engagements = app.get(EngagementsService);
  const findings = app.get(AuditFindingsService);
  let e = await engagementOf(ds, a.karin.user.agencyId, DEMO_AUDIT_TITLES.closed);
  if (!e) {
    const view = await engagements.plan(a.karin, {
      kind: 'spot_check',
      title: DEMO_AUDIT_TITLES.closed,
      scopeKind: 'grants',
      grantIds: [grant.id],
      periodFrom: grant.starts_on,
      periodTo: today,
      firmName: DEMO_AUDIT_FIRM,
      auditorIds: [a.maria.user.id],
      populationKind: 'payments',
      milestones: { fieldworkFrom: addDaysIso(today, -12), fieldworkTo: addDaysIso(today, -9), draftReportDue: addDaysIso(today, -6), managementCommentsDue: addDaysIso(today, -3), finalReportDue: today },
    });
    e = { id: view.id, reference: view.reference, state: view.state, row_version: view.rowVersion, sample_drawn_at: null };
    done.push(`${e.reference} planned: spot check of the tranche payments of the Basra clinics grant, ${DEMO_AUDIT_FIRM}, auditor Maria Svensson`);
  }
  if (e.state === 'closed') return e.reference;
  if (!e.sample_drawn_at && e.state === 'planned') {
    const drawn = await app.get(AuditSamplingService).draw(a.maria, e.id, { method: 'simple_random', seed: DEMO_AUDIT_SEEDS.closed, confidencePct: 95, sampleSize: 2, includeOpenRedFlags: false });
    done.push(`${e.reference}: sample drawn (simple random, seed ${drawn.sampling?.seed}): ${drawn.items.length} of ${drawn.populationCount} payments`);
    e = (await engagementOf(ds, a.karin.user.agencyId, DEMO_AUDIT_TITLES.closed)) as EngagementRow;
  }
  if (e.state === 'planned') e = await move(app, a.karin, e, 'fieldwork', 'Sample agreed with the auditor; fieldwork at the Dijla office in Basra and by video with the treasurer.');
  if (e.state === 'fieldwork') {
    for (const item of await sampleItems(app, a.maria, e.id)) {
      if (item.result !== 'untested') continue;
      await app.get(AuditSamplingService).test(a.maria, e.id, item.id, {
        checks: PAYMENT_CHECKS,
        result: 'pass',
        notes: `Traced to the SEB debit advice and to the Rafidain Bank credit of the same amount in USD; the rate agrees with the advice (${item.population.label}).`,
        rowVersion: item.rowVersion,
      });
    }
    const existing = await findings.list(a.maria, e.id);
    if (existing.length === 0) {
      await findings.raise(a.maria, e.id, {
        grantId: grant.id,
        category: null,
        title: 'Bank credit advices not filed with the project’s accounts',
        description:
          'The credit advices of Rafidain Bank for tranches 1 and 2 were not in the project binder; the treasurer printed them from online banking during the visit. ' +
          'Without them on file the receipt of the funds cannot be shown to a later reviewer.',
        priority: 'low',
        affectedMinor: '0',
        ineligibleMinor: '0',
        recommendation: 'Keep the bank’s credit advice of every tranche with the project’s accounts, on the day the money arrives.',
        action: 'File the credit advices of tranches 1 and 2 in the project binder and add the step to the finance procedures.',
        actionOwner: 'Treasurer, Dijla Association for Women’s Rights',
        actionDueOn: addDaysIso(today, -2),
      });
      done.push(`${e.reference}: both payments tested (pass); one low finding raised`);
    }
    e = await move(app, a.maria, e, 'draft_report', 'Fieldwork finished: 2 of 2 payments tested without exception; draft report with one low finding.');
  }
  const [finding] = await findings.list(a.maria, e.id);
  if (e.state === 'draft_report') {
    if (!finding.responses.some((r) => r.side === 'grantee')) {
      await findings.respond(a.layla, e.id, finding.id, {
        kind: 'response',
        body: 'Agreed. The advices are now printed and filed; our finance procedures will say so from the next tranche on.',
      });
    }
    if (!finding.responses.some((r) => r.side === 'auditor')) {
      await findings.respond(a.maria, e.id, finding.id, { kind: 'accepted', body: 'Management’s response accepted.' });
    }
    e = await move(app, a.maria, e, 'management_comments', 'Draft report sent to the Dijla Association for management comments.');
  }
  if (e.state === 'management_comments' || e.state === 'final') {
    const now = await findings.get(a.karin, e.id, finding.id);
    if (now.actionState === 'open') {
      await findings.complete(a.layla, e.id, finding.id, 'Both credit advices filed in the project binder (section 4, bank); the finance procedures updated, step 7.', null);
    }
    if ((await findings.get(a.karin, e.id, finding.id)).actionState === 'completed') {
      await findings.check(a.karin, e.id, finding.id, 'Seen the scanned binder pages and the updated procedure.');
      done.push(`${e.reference}: the finding answered by Layla, accepted by Maria; its action completed by Layla and checked by Karin`);
    }
  }
  if (e.state === 'management_comments') {
    const { report } = await app.get(AuditReportsService).request(a.maria, e.id, { final: true, conclusion: DEMO_AUDIT_CONCLUSION });
    // The seed runs without the worker: the report is built here by the worker's own code.
    const config = app.get<MizanConfig>(MIZAN_CONFIG);
    await new AuditReportBuilder(ds, app.get(TrailService), new FileStore(config.storageDir)).build(report.id);
    const [built] = (await ds.query('SELECT state, sha256 FROM audit_report WHERE id = $1', [report.id])) as { state: string; sha256: string | null }[];
    if (built?.state !== 'done') throw new Error(`the audit demo's final report ${report.id} was not built (${built?.state})`);
    done.push(`${e.reference}: final report v${report.version} built as a PDF (sha256 ${built.sha256?.trim()})`);
    e = await move(app, a.maria, e, 'final', 'Management comments received; final report issued with the conclusion.');
  }
  if (e.state === 'final') {
    e = await move(app, a.karin, e, 'closed', 'The only finding’s action is checked: follow-up closed.');
    done.push(`${e.reference}: final, then closed`);
  }
  return e.reference;
}

interface ItemPlan {
  result: 'pass' | 'exception';
  checks: ReturnType<typeof checks>;
  notes: string;
}

/** The exception the fieldwork audit finds, on the first sampled line it fits (in this order). */
const EXCEPTIONS: { supplier: string; share: [bigint, bigint]; test: string; description: string; recommendation: string; action: string }[] = [
  {
    supplier: 'مطعم البصرة الأول',
    share: [17n, 45n],
    test: 'The restaurant’s invoice is for 45 lunches; the attendance list of the legal literacy day has 28 signatures. 17 meals are not supported.',
    description:
      'The invoice of مطعم البصرة الأول (Al-Basra al-Awwal restaurant) charges 45 lunches for the legal literacy day; the signed attendance list shows 28 participants and no staff list was kept. ' +
      'The 17 meals beyond the attendance are not supported and are ineligible.',
    recommendation: 'Pay catering on the signed attendance list only; keep the list with the invoice.',
    action: 'Refund the 17 unsupported meals or offset them against the next report, and add the attendance check to the payment procedure.',
  },
  {
    supplier: 'مكتب تكسي الزبير',
    share: [5n, 14n],
    test: 'The taxi office’s receipt lists 14 trips; the court calendar of Zubair shows hearings on 9 days. Five trips have no hearing behind them.',
    description:
      'The receipt of مكتب تكسي الزبير (Zubair taxi office) lists 14 return trips for the lawyers; the Zubair court’s calendar and the case files show hearings on 9 days only. ' +
      'Five trips are not supported by any hearing or client meeting and are ineligible.',
    recommendation: 'Record each trip in a travel log with its purpose and case number, signed by the lawyer.',
    action: 'Refund the five unsupported trips and introduce a travel log for the lawyers.',
  },
  {
    supplier: 'قاعة أبو الخصيب',
    share: [1n, 4n],
    test: 'The hall’s receipt includes a “decoration and sound” charge that is not in the quotation; no second quotation on file.',
    description:
      'The receipt of قاعة أبو الخصيب (Abu al-Khaseeb hall) includes a charge for decoration and sound, a quarter of the invoice, that is in neither the quotation nor the approved budget line. ' +
      'The extra charge is ineligible.',
    recommendation: 'Pay only what the accepted quotation lists; extras need the coordinator’s written approval beforehand.',
    action: 'Refund the decoration and sound charge.',
  },
];

const sek = (minor: bigint): string => `${(minor / 100n).toLocaleString('en-US')}.${String(minor % 100n).padStart(2, '0')}`;

function genericException(supplier: string): (typeof EXCEPTIONS)[number] {
  return {
    supplier,
    share: [1n, 5n],
    test: `The receipt of ${supplier} is a handwritten note without the supplier’s stamp; the quotation on file is a fifth lower than the amount paid.`,
    description:
      `The line paid to ${supplier} is supported by a handwritten note without stamp or signature, and the only quotation on file is a fifth lower than what was paid. ` +
      'The part above the quotation is not supported and is ineligible.',
    recommendation: 'Pay suppliers on a stamped invoice only, and no more than the accepted quotation.',
    action: 'Refund the part above the quotation and obtain a stamped invoice for the rest.',
  };
}

/** A line of the sample with no exception: what the auditor saw. */
function passNotes(item: SampleItemView): string {
  const supplier = item.population.label;
  if (supplier.startsWith('Payroll')) return 'Payslips signed by the three staff; bank transfer list agrees; contracts in the personnel files.';
  return `Receipt of ${supplier} present and legible; amount and date agree with the line; paid as recorded.`;
}

/** In fieldwork: Karin's financial audit of report 1's expenditure, with a monetary-unit sample, tests and two findings. */
async function seedFieldwork(app: INestApplicationContext, ds: DataSource, a: Actors, grant: { id: string; starts_on: string }, today: string, done: string[]): Promise<string | null> {
  const engagements = app.get(EngagementsService);
  const sampling = app.get(AuditSamplingService);
  const findings = app.get(AuditFindingsService);
  const period = demoReportPeriods(grant.starts_on).find((p) => p.report === 1);
  if (!period) return null;
  let e = await engagementOf(ds, a.karin.user.agencyId, DEMO_AUDIT_TITLES.fieldwork);
  if (!e) {
    const view = await engagements.plan(a.karin, {
      kind: 'financial_audit',
      title: DEMO_AUDIT_TITLES.fieldwork,
      scopeKind: 'grants',
      grantIds: [grant.id],
      periodFrom: period.periodFrom,
      periodTo: period.periodTo,
      firmName: DEMO_AUDIT_FIRM,
      auditorIds: [a.maria.user.id],
      populationKind: 'expenditure_lines',
      milestones: { fieldworkFrom: addDaysIso(today, -2), fieldworkTo: addDaysIso(today, 12), draftReportDue: addDaysIso(today, 26), managementCommentsDue: addDaysIso(today, 40), finalReportDue: addDaysIso(today, 54) },
    });
    e = { id: view.id, reference: view.reference, state: view.state, row_version: view.rowVersion, sample_drawn_at: null };
    done.push(`${e.reference} planned: financial audit of report 1's expenditure (${period.periodFrom} – ${period.periodTo}), auditor Maria Svensson`);
  }
  if (!e.sample_drawn_at && e.state === 'planned') {
    const drawn = await sampling.draw(a.maria, e.id, {
      method: 'monetary_unit',
      seed: DEMO_AUDIT_SEEDS.fieldwork,
      confidencePct: 95,
      materialityMinor: DEMO_AUDIT_MATERIALITY_MINOR,
      expectedMisstatementMinor: '0',
      includeOpenRedFlags: true,
      includeAboveMinor: null,
    });
    done.push(`${e.reference}: monetary-unit sample drawn (seed ${drawn.sampling?.seed}, ${drawn.sampling?.size?.formula}): ${drawn.items.length} of ${drawn.populationCount} accepted lines`);
    e = (await engagementOf(ds, a.karin.user.agencyId, DEMO_AUDIT_TITLES.fieldwork)) as EngagementRow;
  }
  if (e.state === 'planned') e = await move(app, a.karin, e, 'fieldwork', 'Sample agreed; Maria visits the clinic in Ashar and the Dijla office for the receipts.');
  if (e.state !== 'fieldwork') return e.reference;

  const items = await sampleItems(app, a.maria, e.id);
  // The lines' SEK values follow the ECB rates of their dates, so which lines the seed picks may differ with the seed day:
  // when none of the prepared suppliers is in the sample, the exception is on the first sampled line that is not payroll.
  const exception =
    EXCEPTIONS.map((x) => ({ x, item: items.find((i) => i.population.label === x.supplier) })).find((c) => c.item) ??
    ((item) => (item ? { x: genericException(item.population.label), item } : undefined))(items.find((i) => !i.population.label.startsWith('Payroll')) ?? items[0]);
  // Everything but the last two items is tested: the workspace shows work still to do.
  const toTest = items.filter((i, n) => n < Math.max(items.length - 2, 1) || i.id === exception?.item?.id);
  let tested = 0;
  for (const item of toTest) {
    if (item.result !== 'untested') continue;
    const plan: ItemPlan =
      exception && item.id === exception.item?.id
        ? { result: 'exception', checks: checks({ amount_matches: 'no', eligible_cost: 'no' }), notes: exception.x.test }
        : { result: 'pass', checks: checks({}), notes: passNotes(item) };
    await sampling.test(a.maria, e.id, item.id, { ...plan, rowVersion: item.rowVersion });
    tested++;
  }
  if (tested) done.push(`${e.reference}: ${tested} sampled lines tested${exception?.item ? ` (one exception: ${exception.item.population.label})` : ''}, ${items.length - toTest.length} still to test`);

  const raised = await findings.list(a.maria, e.id);
  if (raised.length === 0) {
    const item = exception?.item;
    const [num, den] = exception?.x.share ?? [1n, 4n];
    const affected = item ? BigInt(item.population.amountMinor) : 0n;
    const ineligible = (affected * num) / den;
    await findings.raise(a.maria, e.id, {
      grantId: grant.id,
      sampleItemId: item?.id ?? null,
      category: 'ineligible_expenditure',
      description: exception?.x.description ?? 'A sampled line is charged beyond what its documents support.',
      priority: 'high',
      affectedMinor: affected.toString(),
      ineligibleMinor: ineligible.toString(),
      recommendation: exception?.x.recommendation ?? 'Pay on documents only.',
      action: exception?.x.action ?? 'Refund the unsupported part.',
      actionOwner: 'Director, Dijla Association for Women’s Rights',
      actionDueOn: addDaysIso(today, 45),
    });
    await findings.raise(a.maria, e.id, {
      grantId: grant.id,
      category: 'segregation_of_duties',
      description:
        'The coordinator in Basra requests cash from the treasurer, pays the suppliers and files the receipts herself; nobody else signs the cash book. ' +
        'Every cash payment among the sampled lines went this way, from the request to the receipt.',
      priority: 'medium',
      affectedMinor: '0',
      ineligibleMinor: '0',
      recommendation: 'Have a second person (the treasurer or the director) approve each cash payment above 250,000 IQD and sign the cash book monthly.',
      action: 'Introduce a second signature on cash payments and a monthly cash count signed by two people.',
      actionOwner: 'Treasurer, Dijla Association for Women’s Rights',
      actionDueOn: addDaysIso(today, 60),
    });
    done.push(`${e.reference}: two findings raised (high: ${sek(ineligible)} SEK ineligible; medium: segregation of duties)`);
  }
  return e.reference;
}

/** The audit demo; see the file's comment. Needs the reporting demo (its grant, report 1 accepted). */
export async function seedAuditDemo(app: INestApplicationContext): Promise<AuditDemoResult> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const today = new Date().toISOString().slice(0, 10);
  const done: string[] = [];
  const [grant] = (await ds.query(
    `SELECT g.id, to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on FROM grant_award g JOIN application a ON a.id = g.application_id JOIN grant_call c ON c.id = a.call_id
      WHERE a.title = $1 AND c.title = $2 AND g.state = 'active'`,
    [DEMO_REPORTING_GRANT, DEMO_CALL],
  )) as { id: string; starts_on: string }[];
  const [auditor] = (await ds.query('SELECT id FROM app_user WHERE email = $1', [DEMO_AUDITOR_EMAIL])) as { id: string }[];
  if (!grant || !auditor) return { created: false, done, references: { closed: null, fieldwork: null } };
  const a: Actors = {
    karin: await actingAs(ds, 'officer@demo.mizan.local'),
    maria: await actingAs(ds, DEMO_AUDITOR_EMAIL),
    layla: await actingAs(ds, 'applicant@demo.mizan.local'),
  };
  // The closed one first: it is the earlier engagement (the lower reference).
  const closed = await seedClosed(app, ds, a, grant, today, done);
  const fieldwork = await seedFieldwork(app, ds, a, grant, today, done);
  return { created: done.length > 0, done, references: { closed, fieldwork } };
}
