import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as argon2 from 'argon2';
import { ClientBase } from 'pg';
import {
  ApplicationAction,
  ApplicationContent,
  ApplicationState,
  PostingLine,
  assertBalanced,
  budgetTotals,
  DEFAULT_HIGH_SCORE,
  DEFAULT_SCREENING_THRESHOLD,
  envelopeAllocated,
  expenditureVerified,
  grantCommitted,
  LEDGER_ACCOUNTS,
  paymentPaid,
  paymentRequested,
  programFunded,
  transition,
} from '@mizan/domain';
import type { MatchResolution, TrailAction } from '@mizan/contracts';
import { FALLBACK_LANGUAGE, renderNotification } from '@mizan/server/core';
import { ARGON2_OPTIONS } from '@mizan/server/identity';
import { namesakeName, personName } from './names';
import { Progress } from './progress';
import { FoundMatch, GeneratedParty, loadSanctionsList, screenParties } from './sanctions';
import { DAY_US, Random, dateOf, scaled, split, storedTime } from './random';
import { BatchUpdate, Pipeline, TableWriter } from './table-writer';
import { TrailWriter, WrittenEvent } from './trail-writer';

export interface GenerateOptions {
  /**
   * 1 ≈ 5 programs, 20 calls, 2,000 organizations (3,000 partners), 10,000 applications, 200 grants, 100,000 postings,
   * 500,000 trail records, and the UN sanctions list imported with ~800 potential matches (some 390 open or waiting).
   */
  scale: number;
  seed: number;
  /** How many agencies (one trail chain each) the data is spread over. */
  agencies: number;
  log?: (line: string) => void;
  progress?: Progress;
  /** Where the imported sanctions list file is stored (STORAGE_DIR), as an import stores it; none: the file is not written. */
  storageDir?: string;
}

export interface GenerateSummary {
  seed: number;
  scale: number;
  password: string;
  officer: string;
  auditor: string;
  applicant: string;
  finance: string;
  agencies: string[];
  /** The call with the most applications (the review board benchmark). */
  callId: string;
  callApplications: number;
  /** An active grant with paid tranches and reports (the grant statement benchmark). */
  grantId: string | null;
  counts: Record<string, number>;
  /** Each agency's chain head: chain_seq and hash. */
  chainHeads: Record<string, { chainSeq: number; hash: string }>;
  seconds: number;
}

/** Scale-1 figures of the issue. */
export const SCALE_ONE = { programs: 5, calls: 20, organizations: 2000, applications: 10_000, grants: 200, postings: 100_000, trail: 500_000 } as const;

/** 2024-01-01T00:00:00Z: the generated history starts here (never `now`, so a seed gives the same data any day). */
const BASE_MICROS = Date.UTC(2024, 0, 1) * 1000;
/** The generated history spans this long. */
const SPAN_DAYS = 540;
const EUR = 'EUR';
const RUBRIC = {
  criteria: [
    { id: 'relevance', title: 'Relevance', description: 'Fit with the call', weight: 40 },
    { id: 'feasibility', title: 'Feasibility', description: 'Plan, team and budget', weight: 30 },
    { id: 'impact', title: 'Impact', description: 'Results and sustainability', weight: 30 },
  ],
  scale: ['Absent', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'],
};
const GOVERNORATES = ['IQ-BA', 'IQ-NI', 'IQ-BG', 'IQ-AN', 'IQ-DI'];
const THEMES = ['water', 'education', 'health', 'livelihoods', 'governance', 'energy'];
const PARTNER_RELATIONSHIPS = ['Implementing partner', 'Local partner since 2019', 'Sister organization', 'Co-applicant in earlier calls'];
/**
 * The share of generated people (members, partners' contact persons) whose name is close to a listed individual's
 * (names.ts). Far above life, so that screening raises a queue of matches with pages to benchmark: about 800 at
 * scale 1, of which some 390 open or waiting, from ~13,000 parties (5,000 of them people); each name is screened
 * by the product's matcher.
 */
const NAMESAKE_SHARE = 0.3;
const SUPPLIERS = ['Al-Noor Trading', 'Basra Office Supplies', 'Tigris Logistics', 'Green Fields Co.', 'Mosul Print House', 'Euphrates Hardware'];

interface Agency {
  index: number;
  id: string;
  officers: string[];
  finance: string[];
  reviewers: string[];
  auditor: string;
  admin: string;
  emails: Map<string, string>;
}

interface Program {
  id: string;
  agency: Agency;
  currency: string;
  budget: bigint;
  funded: boolean;
}

interface Call {
  id: string;
  program: Program;
  agency: Agency;
  envelope: bigint;
  maxGrant: bigint;
  allocated: boolean;
  applications: number;
}

interface Org {
  id: string;
  agency: Agency;
  member: string;
  memberEmail: string;
  name: string;
  iban: string;
  memberName: string;
  partners: { id: string; name: string; contactPerson: string }[];
}

/** An application still needing its review and decision after intake. */
interface Reviewed {
  id: string;
  call: Call;
  org: Org;
  requested: bigint;
  title: string;
  /** 'in_review' (stays there), or the outcome its decision gives. */
  outcome: 'in_review' | 'approved' | 'rejected' | 'reserve';
}

interface Approved {
  applicationId: string;
  decisionId: string;
  call: Call;
  org: Org;
  amount: bigint;
  title: string;
}

interface ActiveGrant {
  id: string;
  call: Call;
  org: Org;
  number: string;
  /** Paid tranches: id, amount, paid time. */
  paid: { id: string; seq: number; amount: bigint; paidAt: number }[];
  /** The distinct suppliers named on its expenditure lines (screened as parties). */
  suppliers: Set<string>;
}

const ACTION_TRAIL: Record<ApplicationAction, TrailAction> = {
  submit: 'application.submitted',
  start_screening: 'application.screening.start_screening',
  mark_eligible: 'application.screening.mark_eligible',
  mark_ineligible: 'application.screening.mark_ineligible',
  return_for_clarification: 'application.screening.return_for_clarification',
  resubmit: 'application.resubmitted',
  withdraw: 'application.withdrawn',
  start_review: 'application.review_started',
  approve: 'application.approved',
  reject: 'application.rejected',
  reserve: 'application.reserved',
};

/** Where an application's intake ends (the share of applications, at every scale). */
const INTAKE_PATHS: { weight: number; actions: ApplicationAction[]; review?: Reviewed['outcome'] }[] = [
  { weight: 4, actions: [] },
  { weight: 3, actions: ['submit', 'withdraw'] },
  { weight: 5, actions: ['submit'] },
  { weight: 4, actions: ['submit', 'start_screening'] },
  { weight: 6, actions: ['submit', 'start_screening', 'mark_ineligible'] },
  { weight: 2, actions: ['submit', 'start_screening', 'return_for_clarification'] },
  { weight: 2, actions: ['submit', 'return_for_clarification', 'resubmit', 'mark_eligible'] },
  { weight: 4, actions: ['submit', 'start_screening', 'mark_eligible'] },
  { weight: 18, actions: ['submit', 'start_screening', 'mark_eligible'], review: 'in_review' },
  { weight: 52, actions: ['submit', 'start_screening', 'mark_eligible'], review: 'rejected' },
];
const INTAKE_WEIGHT = INTAKE_PATHS.reduce((sum, p) => sum + p.weight, 0);

/** A match as the generated history leaves it. */
interface GeneratedMatch {
  id: string;
  found: FoundMatch;
  reference: string;
  entryId: string;
  state: 'open' | 'pending_second' | 'cleared' | 'confirmed';
  rowVersion: number;
  proposal: { resolution: MatchResolution; by: string; at: string; reason: string } | null;
  resolution: { by: string; at: string; reason: string } | null;
}

const CLEAR_REASONS = [
  'Different person: date and place of birth differ from the list entry (passport copy on file).',
  'Namesake: a common family name; the listed individual is decades older and of another nationality.',
  'Identity document checked against the entry: not the listed person.',
  'The partner confirmed the contact person’s identity; birth date and nationality do not match the entry.',
];
const CONFIRM_REASONS = [
  'Name, date of birth and place of birth match the list entry.',
  'Passport details supplied by the organization match the listed individual.',
];
const AGREE_REASONS = ['Checked the documents on file: agree.', 'Agree with the assessment and the evidence given.'];
const RETURN_REASONS = ['Please attach the identity document you checked before this is decided.', 'The date of birth on file is missing: ask the organization first.'];

/** Filler trail records (sign-ins) per natural record, until the trail reaches its target; topped up at the end. */
const FILLER_RATIO = 0.55;

export async function generate(client: ClientBase, options: GenerateOptions): Promise<GenerateSummary> {
  const { scale, seed } = options;
  const log = options.log ?? (() => undefined);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('--scale must be a number above 0');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('--seed must be an integer from 0 to 4294967295');
  const agencyCount = Math.max(1, Math.floor(options.agencies));
  const progress = options.progress ?? new Progress();
  const rnd = new Random(seed ^ 0x9e3779b9);
  // Names, partners and sanctions screening draw from a stream of their own: the other rows stay what they were.
  const srnd = new Random((seed ^ 0x5a4c7105) >>> 0);
  const started = Date.now();
  const sanctions = loadSanctionsList();

  const problem = await TrailWriter.checkSchema(client);
  if (problem) throw new Error(problem);
  const taken = await client.query(`SELECT 1 FROM agency WHERE slug = $1`, [`generated-s${seed}-1`]);
  if (taken.rowCount) throw new Error(`this database already holds data generated with --seed ${seed}: use another seed or a fresh database`);

  const target = {
    programs: Math.max(agencyCount, scaled(SCALE_ONE.programs, scale)),
    calls: Math.max(agencyCount, scaled(SCALE_ONE.calls, scale)),
    organizations: Math.max(agencyCount, scaled(SCALE_ONE.organizations, scale)),
    applications: Math.max(agencyCount, scaled(SCALE_ONE.applications, scale)),
    grants: Math.max(agencyCount, scaled(SCALE_ONE.grants, scale)),
    postings: scaled(SCALE_ONE.postings, scale),
    trail: scaled(SCALE_ONE.trail, scale),
  };
  progress.expect('activity_record', target.trail);

  // One password for every generated user: hashed once (argon2id, the product's parameters), salt from the seed.
  const password = `Generated-${seed}-pass`;
  const salt = createHash('sha256').update(`mizan-generate-${seed}`).digest().subarray(0, 16);
  const passwordHash = await argon2.hash(password, { ...ARGON2_OPTIONS, salt });

  const w = writers(progress);
  const trail = new TrailWriter(progress, {
    startMicros: BASE_MICROS,
    stepMicros: Math.max(1, Math.floor((SPAN_DAYS * DAY_US) / target.trail)),
    random: () => rnd.float(),
  });
  const updates = batchUpdates(progress);
  const tag = `s${seed}`;

  let natural = 0;
  let filler = 0;
  const everyone: { id: string; agency: Agency; label: string }[] = [];

  /** One natural record, then sign-ins while the filler lags its share. */
  const emit = (agency: Agency, actorId: string | null, action: TrailAction, entityType: string, entityId: string, after?: unknown, before?: unknown, reason?: string): WrittenEvent =>
    emitAs(agency, actorId, actorId ? (agency.emails.get(actorId) ?? 'user') : 'system', action, entityType, entityId, after, before, reason);
  /** The same with the actor's label given (the screening engine writes as `screening`). */
  const emitAs = (agency: Agency, actorId: string | null, actorLabel: string, action: TrailAction, entityType: string, entityId: string, after?: unknown, before?: unknown, reason?: string): WrittenEvent => {
    const written = trail.emit({
      agencyId: agency.id,
      actorId,
      actorLabel,
      action,
      entityType,
      entityId,
      after: after ?? null,
      before: before ?? null,
      reason: reason ?? null,
    });
    natural++;
    while (filler < natural * FILLER_RATIO && natural + filler < target.trail && everyone.length) signIn();
    return written;
  };
  const signIn = () => {
    const who = everyone[rnd.int(0, everyone.length - 1)];
    trail.emit({ agencyId: who.agency.id, actorId: who.id, actorLabel: who.label, action: 'auth.signed_in', entityType: 'user', entityId: who.id, after: { method: 'password' } });
    filler++;
  };

  const pipeline = new Pipeline(client);
  /** Between entities: keep seqs reserved, write full buffers (the trail first: journal entries name its records). */
  const pump = async (force = false) => {
    await trail.ensure(pipeline, 4000);
    if (force || trail.buffered >= 4000 || w.posting.buffered >= 4000 || w.expenditure_line.buffered >= 4000) await flushAll();
  };
  const flushAll = async () => {
    await trail.flush(pipeline);
    for (const writer of Object.values(w)) await writer.flush(pipeline);
  };
  const flushUpdates = async () => {
    await flushAll();
    for (const update of Object.values(updates)) await update.flush(pipeline);
  };

  /**
   * One agency's sanctions screening, written as the product writes it (docs/screening.md): an officer imports the
   * UN list (SanctionsListsService.requestImport, then SanctionsImporter.run: the version, its entries, the run it
   * starts); the run screens every party with the product's matcher (PartyScreeningService.screenAll, ScreeningRunsService
   * .process: one match a candidate at or above the threshold, the officers notified); officers then decide the
   * matches over the following weeks (ScreeningMatchesService.resolve and .second: cleared at once below the high
   * score, else proposed and decided by a second officer, or sent back), and one later run by hand raises nothing new.
   * Each step has the trail records of the service that makes it, with the same actions and before/after shapes.
   */
  const screenAgency = async (agency: Agency) => {
    const list = sanctions;
    const officer = agency.officers[0];
    const documentId = srnd.uuid();
    const versionId = srnd.uuid();
    const requested = emit(agency, officer, 'screening.list_import_requested', 'sanctions_list_version', versionId, {
      listName: list.listName,
      fileName: list.fileName,
      sha256: list.sha256,
      sizeBytes: list.bytes.length,
    });
    const storageKey = ['sanctions-lists', dateOf(requested.micros).slice(0, 4), dateOf(requested.micros).slice(5, 7), `${srnd.uuid()}.xml`].join('/');
    w.stored_document.add([documentId, agency.id, 'sanctions_list', list.fileName, 'application/xml', storageKey, list.sha256, list.bytes.length, requested.at]);
    if (options.storageDir) {
      const path = join(options.storageDir, storageKey);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, list.bytes);
    }
    // The worker's import: the entries, the version done, the run it starts (one transaction, system).
    trail.advance(srnd.int(20, 90) * 1_000_000);
    const importMs = srnd.int(2500, 6000);
    const imported = emit(agency, null, 'screening.list_imported', 'sanctions_list_version', versionId, {
      listName: list.listName,
      publishedAt: list.publishedAt,
      previousVersionId: null,
      ...list.counts,
      ms: importMs,
    });
    const entryIds = list.entries.map((entry, i) => {
      const entryId = srnd.uuid();
      w.sanctions_entry.add([
        entryId, agency.id, list.listName, entry.reference, entry.dataId, entry.kind, entry.primaryName, entry.names, entry.datesOfBirth, entry.placesOfBirth,
        entry.nationalities, entry.listingReason, entry.unListType, entry.listedOn, list.contentHashes[i], versionId, versionId,
      ]);
      return entryId;
    });
    const c = list.counts;
    w.sanctions_list_version.add([
      versionId, agency.id, list.listName, documentId, list.fileName, list.sha256, list.publishedAt, 'done', 100, null, c.individuals, c.entities, c.aliases,
      c.entriesAdded, c.entriesRemoved, c.entriesChanged, c.aliasesAdded, c.aliasesRemoved, officer, requested.at, imported.at,
    ]);
    const runId = srnd.uuid();
    const runRequested = emit(agency, null, 'screening.run_requested', 'screening_run', runId, { trigger: 'import', listVersionId: versionId });

    // The run: every party of the view screening_party, in its order.
    const parties: GeneratedParty[] = [];
    const own = orgs.filter((o) => o.agency === agency);
    for (const o of own) parties.push({ kind: 'organization', id: o.id, name: `${o.name} (generated)`, nameKind: 'entity', organizationId: o.id, partnerOrganizationId: null });
    for (const o of own) parties.push({ kind: 'account_holder', id: o.id, name: o.name, nameKind: 'unknown', organizationId: o.id, partnerOrganizationId: null });
    for (const o of own) parties.push({ kind: 'organization_member', id: o.member, name: o.memberName, nameKind: 'person', organizationId: o.id, partnerOrganizationId: null });
    for (const o of own) for (const p of o.partners) parties.push({ kind: 'partner', id: p.id, name: p.name, nameKind: 'entity', organizationId: o.id, partnerOrganizationId: p.id });
    for (const o of own) for (const p of o.partners) parties.push({ kind: 'partner_contact', id: p.id, name: p.contactPerson, nameKind: 'person', organizationId: o.id, partnerOrganizationId: p.id });
    for (const g of grants.filter((x) => x.call.agency === agency)) {
      for (const supplier of g.suppliers) parties.push({ kind: 'supplier', id: g.id, name: supplier, nameKind: 'unknown', organizationId: g.org.id, partnerOrganizationId: null });
    }
    const { screened, found } = screenParties(list, parties, DEFAULT_SCREENING_THRESHOLD);
    log(`screening: ${screened.toLocaleString('en')} parties of agency ${agency.index} against ${list.entries.length.toLocaleString('en')} list entries: ${found.length.toLocaleString('en')} potential matches`);
    trail.advance(srnd.int(5, 60) * 1_000_000);
    const raisedAt = storedTime(trail.now);
    const matches: GeneratedMatch[] = found.map((f) => {
      const id = srnd.uuid();
      emitAs(agency, null, 'screening', 'screening.match_raised', 'screening_match', id, {
        state: 'open',
        partyKind: f.party.kind,
        partyId: f.party.id,
        organizationId: f.party.organizationId,
        partnerOrganizationId: f.party.partnerOrganizationId,
        screenedName: f.name,
        reference: list.entries[f.entryPos].reference,
        entryId: entryIds[f.entryPos],
        score: f.score,
        listVersionId: versionId,
      });
      return { id, found: f, reference: list.entries[f.entryPos].reference, entryId: entryIds[f.entryPos], state: 'open', rowVersion: 1, proposal: null, resolution: null };
    });
    const runFinished = emitAs(agency, null, 'screening', 'screening.run_finished', 'screening_run', runId, { state: 'done', trigger: 'import', partiesScreened: screened, matchesRaised: matches.length, matchesLapsed: 0, listVersionId: versionId }, { state: 'queued' });
    w.screening_run.add([runId, agency.id, 'import', versionId, 'done', 100, screened, matches.length, null, null, runRequested.at, runFinished.at]);
    if (matches.length > 0) {
      for (const o of agency.officers) notify(o, 'screening.matches_raised', { key: 'screening.matches_raised', params: { count: matches.length } }, 'screening_run', runId, runFinished);
    }
    await pump();

    // The officers' decisions, over the following weeks, in no particular order.
    const high = DEFAULT_HIGH_SCORE;
    const what = (m: GeneratedMatch) => ({ partyKind: m.found.party.kind, partyId: m.found.party.id, organizationId: m.found.party.organizationId, screenedName: m.found.name, reference: m.reference, score: m.found.score });
    const order = matches.map((m, i) => ({ m, key: srnd.float(), i })).sort((a, b) => a.key - b.key || a.i - b.i);
    for (const { m } of order) {
      const roll = srnd.float();
      if (roll < 0.45) continue; // still open
      trail.advance(srnd.int(0, 4 * 3600) * 1_000_000);
      const first = srnd.int(0, agency.officers.length - 1);
      const proposer = agency.officers[first];
      const seconder = agency.officers[(first + 1 + srnd.int(0, agency.officers.length - 2)) % agency.officers.length];
      const isHigh = m.found.score >= high;
      // Returned (sent back, open again), waiting for the second officer, confirmed (only on a close match), or cleared.
      const fate = roll < 0.48 ? 'returned' : roll < 0.52 ? 'pending' : roll < 0.545 && m.found.score >= 0.85 ? 'confirmed' : 'cleared';
      const resolution: MatchResolution = fate === 'confirmed' || (fate !== 'cleared' && (!isHigh || srnd.chance(0.3))) ? 'confirmed' : 'false_positive';
      const reason = srnd.pick(resolution === 'confirmed' ? CONFIRM_REASONS : CLEAR_REASONS);
      if (resolution === 'false_positive' && !isHigh) {
        const at = emit(agency, proposer, 'screening.match_cleared', 'screening_match', m.id, { state: 'cleared', resolution, ...what(m), resolvedBy: proposer }, { state: 'open' }, reason);
        Object.assign(m, { state: 'cleared', rowVersion: m.rowVersion + 1, resolution: { by: proposer, at: at.at, reason } });
        continue;
      }
      const proposed = emit(agency, proposer, 'screening.match_proposed', 'screening_match', m.id, { state: 'pending_second', proposedResolution: resolution, ...what(m), high: isHigh, proposedBy: proposer }, { state: 'open' }, reason);
      Object.assign(m, { state: 'pending_second', rowVersion: m.rowVersion + 1, proposal: { resolution, by: proposer, at: proposed.at, reason } });
      if (fate === 'pending') continue;
      trail.advance(srnd.int(600, 2 * 86_400) * 1_000_000);
      const email = agency.emails.get(seconder) ?? '';
      if (fate === 'returned') {
        const back = srnd.pick(RETURN_REASONS);
        const at = emit(agency, seconder, 'screening.match_returned', 'screening_match', m.id, { state: 'open', ...what(m), returnedBy: seconder }, { state: 'pending_second', proposedResolution: resolution, proposedBy: proposer }, back);
        Object.assign(m, { state: 'open', rowVersion: m.rowVersion + 1, proposal: null });
        notify(proposer, 'screening.match_returned', { key: 'screening.match_returned', params: { name: m.found.name, reference: m.reference, actor: email, reason: back } }, 'screening_match', m.id, at);
        continue;
      }
      const agree = srnd.pick(AGREE_REASONS);
      const to = resolution === 'confirmed' ? 'confirmed' : 'cleared';
      const at = emit(agency, seconder, to === 'confirmed' ? 'screening.match_confirmed' : 'screening.match_cleared', 'screening_match', m.id, { state: to, resolution, ...what(m), proposedBy: proposer, resolvedBy: seconder }, { state: 'pending_second', proposedResolution: resolution }, agree);
      Object.assign(m, { state: to, rowVersion: m.rowVersion + 1, resolution: { by: seconder, at: at.at, reason: agree } });
      notify(proposer, 'screening.match_seconded', { key: to === 'confirmed' ? 'screening.match_confirmed' : 'screening.match_cleared', params: { name: m.found.name, reference: m.reference, actor: email, reason: agree } }, 'screening_match', m.id, at);
      await pump();
    }
    for (const m of matches) {
      const f = m.found;
      w.screening_match.add([
        m.id, agency.id, f.party.kind, f.party.id, f.party.organizationId, f.party.partnerOrganizationId, f.name, f.key, entryIds[f.entryPos], list.contentHashes[f.entryPos], versionId,
        f.score.toFixed(4), f.explanation, m.state, m.proposal?.resolution ?? null, m.proposal?.by ?? null, m.proposal?.at ?? null, m.proposal?.reason ?? null,
        m.resolution?.by ?? null, m.resolution?.at ?? null, m.resolution?.reason ?? null, null, raisedAt, m.rowVersion,
      ]);
    }

    // A run asked for by hand later: every pair is raised already, nothing changed: nothing new, nothing lapsed.
    trail.advance(srnd.int(1, 10) * DAY_US);
    const manualId = srnd.uuid();
    const asker = agency.officers[1 % agency.officers.length];
    const asked = emit(agency, asker, 'screening.run_requested', 'screening_run', manualId, { trigger: 'manual', listVersionId: versionId });
    trail.advance(srnd.int(5, 60) * 1_000_000);
    const done = emitAs(agency, null, 'screening', 'screening.run_finished', 'screening_run', manualId, { state: 'done', trigger: 'manual', partiesScreened: screened, matchesRaised: 0, matchesLapsed: 0, listVersionId: versionId }, { state: 'queued' });
    w.screening_run.add([manualId, agency.id, 'manual', versionId, 'done', 100, screened, 0, null, asker, asked.at, done.at]);
  };
  /** An in-app notification as notifyScreening writes it (English text from the server catalog, the message kept to render in the reader's language). */
  const notify = (userId: string, kind: string, message: { key: string; params: Record<string, string | number> }, entityType: string, entityId: string, at: WrittenEvent) => {
    const english = renderNotification(FALLBACK_LANGUAGE, message);
    w.notification.add([srnd.uuid(), userId, kind, english.title, english.body, entityType, entityId, at.at, null, message.key, message.params]);
  };

  const agencies: Agency[] = [];
  const programs: Program[] = [];
  const calls: Call[] = [];
  const orgs: Org[] = [];
  const grants: ActiveGrant[] = [];
  await client.query('BEGIN');
  try {
    // ── Agencies and staff ───────────────────────────────────────────────────────────────
    for (let i = 0; i < agencyCount; i++) agencies.push({ index: i + 1, id: rnd.uuid(), officers: [], finance: [], reviewers: [], auditor: '', admin: '', emails: new Map() });
    await trail.prepare(client, agencies.map((a) => a.id));
    await trail.ensure(pipeline, 4000);
    const reviewersPerAgency = Math.max(4, Math.round((60 * scale) / agencyCount));
    const addUser = (agency: Agency, email: string, name: string, roles: string[], at: WrittenEvent | null, id = rnd.uuid()) => {
      const createdAt = at ? at.at : storedTime(trail.now);
      w.app_user.add([id, agency.id, email, name, passwordHash, createdAt, 'en']);
      for (const role of roles) w.user_role.add([id, role]);
      agency.emails.set(id, email);
      everyone.push({ id, agency, label: email });
      return id;
    };
    for (const agency of agencies) {
      const a = agency.index;
      w.agency.add([agency.id, `Ministry ${a} (generated)`, `generated-${tag}-${a}`, 'SE', storedTime(trail.now)]);
      await w.agency.flush(pipeline);
      emit(agency, null, 'agency.created', 'agency', agency.id, { name: `Ministry ${a} (generated)` });
      const mail = (who: string) => `${who}@a${a}.${tag}.generated.mizan.test`;
      agency.admin = addUser(agency, mail('admin'), `Admin ${a}`, ['admin'], null);
      const staff: [string, string, string[]][] = [];
      for (let k = 1; k <= 4; k++) staff.push([`officer${k}`, `Officer ${k}`, ['officer']]);
      for (let k = 1; k <= 4; k++) staff.push([`finance${k}`, `Finance ${k}`, ['finance']]);
      staff.push(['auditor', 'Auditor', ['auditor']]);
      for (let k = 1; k <= reviewersPerAgency; k++) staff.push([`reviewer${k}`, `Reviewer ${k}`, ['reviewer']]);
      for (const [who, name, roles] of staff) {
        const id = rnd.uuid();
        const at = emit(agency, agency.admin, 'user.created', 'user', id, { email: mail(who), roles });
        addUser(agency, mail(who), `${name} (agency ${a})`, roles, at, id);
        if (roles[0] === 'officer') agency.officers.push(id);
        else if (roles[0] === 'finance') agency.finance.push(id);
        else if (roles[0] === 'reviewer') agency.reviewers.push(id);
        else agency.auditor = id;
      }
      await pump();
    }

    // ── Programs and calls ─────────────────────────────────────────────────────────────────
    const callsPerProgram = split(target.calls, target.programs);
    for (let p = 0; p < target.programs; p++) {
      const agency = agencies[p % agencyCount];
      const officer = agency.officers[0];
      const id = rnd.uuid();
      const currency = EUR;
      const maxGrant = 50_000_000n;
      const envelopes = Array.from({ length: callsPerProgram[p] }, () => maxGrant * 2000n);
      const budget = envelopes.reduce((s, e) => s + e, 0n);
      const at = emit(agency, officer, 'program.created', 'program', id, { name: `Program ${p + 1}`, budgetMinor: budget.toString(), currency });
      w.program.add([id, agency.id, `Program ${p + 1} (generated)`, ['IQ'], [rnd.pick(THEMES)], budget, currency, '2024-01-01', '2027-12-31', officer, at.at]);
      const program: Program = { id, agency, currency, budget, funded: false };
      programs.push(program);
      for (let c = 0; c < callsPerProgram[p]; c++) {
        const callId = rnd.uuid();
        const created = emit(agency, officer, 'call.created', 'call', callId, { title: `Call ${calls.length + 1}` });
        const published = emit(agency, officer, 'call.published', 'call', callId, { status: 'published' }, { status: 'draft' });
        w.grant_call.add([
          callId, id, agency.id, 1, 'published', `Call ${calls.length + 1} (generated)`, 'A call for proposals made by tools/mizan generate.', 'Asia/Baghdad',
          storedTime(created.micros), storedTime(created.micros + 400 * DAY_US), currency, envelopes[c], maxGrant, 1000, 1500, ['IQ'], false, 0, [],
          RUBRIC, published.at, officer, created.at, published.at,
        ]);
        calls.push({ id: callId, program, agency, envelope: envelopes[c], maxGrant, allocated: false, applications: 0 });
      }
      await pump();
    }

    // ── Organizations (one member each, an applicant) ───────────────────────────────────────
    for (let o = 0; o < target.organizations; o++) {
      const agency = agencies[o % agencyCount];
      const id = rnd.uuid();
      const member = rnd.uuid();
      const email = `applicant${o + 1}@a${agency.index}.${tag}.generated.mizan.test`;
      agency.emails.set(member, email);
      const registered = emit(agency, member, 'organization.registered', 'organization', id, { legalName: `Organization ${o + 1}` });
      const memberName = srnd.chance(NAMESAKE_SHARE) ? namesakeName(srnd, sanctions.namesakes) : personName(srnd);
      addUser(agency, email, memberName, ['applicant'], registered, member);
      agency.emails.set(member, email);
      const iban = `SE${String(10 + (o % 89)).padStart(2, '0')}${String(o + 1).padStart(20, '0')}`;
      w.organization.add([id, agency.id, `Organization ${o + 1} (generated)`, `REG-${tag}-${o + 1}`, 'IQ', `Street ${o + 1}, Basra`, '2015-06-01', email, iban, `Organization ${o + 1}`, [rnd.pick(THEMES)], 'cleared', member, registered.at]);
      w.organization_member.add([id, member, 'chair', registered.at]);
      // Its partners in the country of origin (PartnersService.create: the values as normalized, on the trail by the member).
      const partners: Org['partners'] = [];
      for (let k = srnd.int(1, 2); k > 0; k--) {
        const partnerId = srnd.uuid();
        const values = {
          name: `Partner ${o + 1}.${partners.length + 1} of Organization ${o + 1} (generated)`,
          governorateCode: srnd.pick(GOVERNORATES),
          localRegistrationNumber: `NGO-${tag}-${o + 1}-${partners.length + 1}`,
          contactPerson: srnd.chance(NAMESAKE_SHARE) ? namesakeName(srnd, sanctions.namesakes) : personName(srnd),
          contactEmail: null,
          contactPhone: null,
          relationship: srnd.pick(PARTNER_RELATIONSHIPS),
        };
        const added = emit(agency, member, 'partner.registered', 'partner_organization', partnerId, { organizationId: id, ...values });
        w.partner_organization.add([partnerId, id, values.name, values.governorateCode, values.localRegistrationNumber, values.contactPerson, null, null, values.relationship, added.at]);
        partners.push({ id: partnerId, name: values.name, contactPerson: values.contactPerson });
      }
      orgs.push({ id, agency, member, memberEmail: email, name: `Organization ${o + 1}`, iban, memberName, partners });
      await pump();
    }

    // ── Applications: intake ─────────────────────────────────────────────────────────────
    // The first call of each agency draws a fifth of the agency's applications (a review board of ~2,000 at scale 1).
    const callsOf = (agency: Agency) => calls.filter((c) => c.agency === agency);
    const orgsOf = new Map(agencies.map((a) => [a.id, orgs.filter((o) => o.agency === a)]));
    const reviewed: Reviewed[] = [];
    let receipts = 0;
    for (let n = 0; n < target.applications; n++) {
      const agency = agencies[n % agencyCount];
      const own = callsOf(agency);
      const call = rnd.chance(0.2) ? own[0] : rnd.pick(own);
      call.applications++;
      const org = rnd.pick(orgsOf.get(agency.id) ?? orgs);
      const id = rnd.uuid();
      const title = `Project ${n + 1}: ${rnd.pick(THEMES)} in ${rnd.pick(['Basra', 'Mosul', 'Anbar', 'Diyala', 'Baghdad'])}`;
      const requested = BigInt(rnd.int(50, 500)) * 100_000n;
      const content = applicationContent(title, requested, rnd);
      let roll = rnd.int(1, INTAKE_WEIGHT);
      const path = INTAKE_PATHS.find((p) => (roll -= p.weight) <= 0) ?? INTAKE_PATHS[0];
      const created = emit(agency, org.member, 'application.created', 'application', id, { title });
      for (let k = rnd.int(1, 3); k > 0; k--) emit(agency, org.member, 'application.draft_saved', 'application', id, { version: 1 });
      let state: ApplicationState = 'draft';
      let last = created;
      let submittedAt: string | null = null;
      let receipt: string | null = null;
      let version = 1;
      const officer = rnd.pick(agency.officers);
      for (const action of path.actions) {
        const result = transition(state, action);
        if (!result.ok) throw new Error(`generated path is not legal: ${result.reason}`);
        const actor = action === 'submit' || action === 'resubmit' || action === 'withdraw' ? org.member : officer;
        const reason = action === 'mark_ineligible' || action === 'return_for_clarification' || action === 'withdraw' ? `Generated reason (${action.replace(/_/g, ' ')})` : undefined;
        last = emit(agency, actor, ACTION_TRAIL[action], 'application', id, { state: result.to }, { state }, reason);
        if (action === 'submit' || action === 'resubmit') {
          receipts++;
          receipt = `GEN-${tag}-${receipts}`;
          submittedAt = last.at;
          version++;
          const totals = budgetTotals(content);
          w.application_version.add([
            id, version - 1, action === 'submit' ? 'submission' : 'resubmission', content,
            { totalBudgetMinor: totals.totalBudgetMinor.toString(), cofundingMinor: totals.cofundingMinor.toString(), requestedMinor: totals.requestedMinor.toString(), adminMinor: totals.adminMinor.toString(), adminShareBp: totals.adminShareBp, cofundingShareBp: totals.cofundingShareBp },
            { eligible: true, problems: [] }, 1, createHash('sha256').update(JSON.stringify(content)).digest('hex'), receipt, org.member, last.at,
          ]);
        }
        state = result.to;
      }
      w.application.add([id, call.id, org.id, agency.id, state, title, content, call.program.currency, requested, version, receipt, submittedAt, org.member, created.at, last.at, state === 'draft' || state === 'withdrawn' || state === 'resubmitted' ? org.member : officer]);
      if (path.review) reviewed.push({ id, call, org, requested, title, outcome: path.review });
      await pump();
    }

    // ── Reviews and decisions ──────────────────────────────────────────────────────────────
    await flushAll();
    trail.advance(10 * DAY_US);
    const approved: Approved[] = [];
    const wantApproved = Math.ceil(target.grants * 1.15);
    const decided = reviewed.filter((r) => r.outcome !== 'in_review').length;
    let decidedSoFar = 0;
    for (const app of reviewed) {
      const agency = app.call.agency;
      if (app.outcome !== 'in_review') {
        decidedSoFar++;
        // Enough approvals for the grants (the first ones), then a few more; the rest rejected or reserved.
        const left = decided - decidedSoFar + 1;
        const need = wantApproved - approved.length;
        app.outcome = need > 0 && (need >= left || rnd.chance(Math.min(1, (need * 1.5) / left))) ? 'approved' : rnd.chance(0.15) ? 'reserve' : rnd.chance(0.05) ? 'approved' : 'rejected';
      }
      const officer = agency.officers[approved.length % agency.officers.length];
      const reviewers = pickDistinct(rnd, agency.reviewers, 3);
      let state: ApplicationState = 'eligible';
      const submittedReviews = app.outcome === 'in_review' ? rnd.int(0, 2) : 3;
      const scores: number[] = [];
      for (let r = 0; r < reviewers.length; r++) {
        const reviewer = reviewers[r];
        const assignmentId = rnd.uuid();
        const assigned = emit(agency, officer, 'review.assigned', 'review_assignment', assignmentId, { reviewerId: reviewer, applicationId: app.id });
        if (r === 0) {
          const result = transition(state, 'start_review');
          if (!result.ok) throw new Error(result.reason);
          emit(agency, null, 'application.review_started', 'application', app.id, { state: result.to }, { state });
          state = result.to;
        }
        const submits = r < submittedReviews;
        const declared = submits || rnd.chance(0.5) ? emit(agency, reviewer, 'review.declared', 'review_assignment', assignmentId, { hasConflict: false }) : null;
        w.review_assignment.add([assignmentId, app.id, app.call.id, agency.id, reviewer, declared ? 'declared' : 'assigned', officer, assigned.at, declared?.at ?? null, declared ? false : null, dateOf(assigned.micros + 30 * DAY_US)]);
        if (submits) {
          const criteria = RUBRIC.criteria.map((c) => ({ id: c.id, weight: c.weight, score: rnd.int(1, 5) }));
          for (const c of criteria) w.review_score.add([assignmentId, c.id, c.score, 'Generated comment']);
          const weighted = criteria.reduce((s, c) => s + c.score * c.weight, 0);
          scores.push(weighted);
          const done = emit(agency, reviewer, 'review.submitted', 'review_assignment', assignmentId, { weightedHundredths: weighted, recommendation: recommendationOf(weighted) });
          updates.reviewSubmitted.add([assignmentId, recommendationOf(weighted), weighted, done.at, 'Generated review']);
        }
      }
      let lastAt: WrittenEvent | null = null;
      if (app.outcome !== 'in_review') {
        const decisionId = rnd.uuid();
        const outcome = app.outcome;
        const amount = outcome === 'approved' ? app.requested : 0n;
        // Half the proposals are the first officer's (the one printed): a long notifications list to benchmark.
        const proposerIndex = rnd.chance(0.5) ? 0 : rnd.int(1, agency.officers.length - 1);
        const proposer = agency.officers[proposerIndex];
        const confirmer = agency.officers[(proposerIndex + 1) % agency.officers.length];
        const proposed = emit(agency, proposer, 'decision.proposed', 'funding_decision', decisionId, { outcome, amountMinor: amount.toString() });
        w.funding_decision.add([decisionId, app.id, app.call.id, agency.id, outcome, 'proposed', amount, app.call.program.currency, outcome === 'rejected' ? ['low_score'] : [], `Generated rationale (${outcome})`, proposer, proposed.at]);
        const confirmed = emit(agency, confirmer, 'decision.confirmed', 'funding_decision', decisionId, { state: 'confirmed' }, { state: 'proposed' });
        updates.decisionConfirmed.add([decisionId, confirmer, confirmed.at]);
        const action: ApplicationAction = outcome === 'approved' ? 'approve' : outcome === 'rejected' ? 'reject' : 'reserve';
        const result = transition(state, action);
        if (!result.ok) throw new Error(result.reason);
        lastAt = emit(agency, confirmer, ACTION_TRAIL[action], 'application', app.id, { state: result.to }, { state }, `Generated decision (${outcome})`);
        state = result.to;
        w.notification.add([rnd.uuid(), proposer, 'decision.confirmed', 'Decision confirmed', `${confirmer ? agency.emails.get(confirmer) : ''} confirmed the decision on “${app.title}”: ${outcome}.`, 'funding_decision', decisionId, confirmed.at, rnd.chance(0.5) ? confirmed.at : null, 'decision.confirmed', { title: app.title, actor: agency.emails.get(confirmer) ?? '', outcome }]);
        if (outcome === 'approved') approved.push({ applicationId: app.id, decisionId, call: app.call, org: app.org, amount, title: app.title });
      }
      updates.applicationState.add([app.id, state, lastAt?.at ?? storedTime(trail.now), officer]);
      await pump();
      if (updates.reviewSubmitted.full || updates.decisionConfirmed.full || updates.applicationState.full) await flushUpdates();
    }
    await flushUpdates();

    // ── Grants: agreement, signatures, commitment ────────────────────────────────────────────
    trail.advance(10 * DAY_US);
    const accounts = new Map<string, string>();
    let postings = 0;
    const book = (agency: Agency, program: Program, grantId: string | null, paymentId: string | null, kind: string, description: string, lines: PostingLine[], at: WrittenEvent, actor: string) => {
      assertBalanced(lines);
      const entryId = rnd.uuid();
      w.journal_entry.add([entryId, agency.id, program.id, grantId, paymentId, kind, description, dateOf(at.micros), at.seq, null, actor, at.at]);
      for (const line of lines) {
        const key = `${line.code}|${line.scope.id}|${line.currency}`;
        let accountId = accounts.get(key);
        if (!accountId) {
          accountId = rnd.uuid();
          accounts.set(key, accountId);
          w.ledger_account.add([accountId, agency.id, line.code, line.scope.type, line.scope.id, line.scope.type === 'agency' ? null : program.id, line.currency, LEDGER_ACCOUNTS[line.code].nonNegative]);
        }
        w.posting.add([entryId, accountId, line.currency, line.amountMinor]);
        postings++;
      }
      return entryId;
    };

    const grantCount = Math.min(target.grants, approved.length);
    let grantNumber = 0;
    for (let g = 0; g < grantCount; g++) {
      const award = approved[g];
      const { call } = award;
      const { agency, program } = { agency: call.agency, program: call.program };
      const officer = agency.officers[g % agency.officers.length];
      const countersigner = agency.officers[(g + 2) % agency.officers.length];
      const id = rnd.uuid();
      grantNumber++;
      const number = `GEN-${tag}-${String(grantNumber).padStart(5, '0')}`;
      const created = emit(agency, officer, 'grant.created', 'grant', id, { grantNumber: number, amountMinor: award.amount.toString() });
      const startsOn = dateOf(created.micros + 30 * DAY_US);
      w.grant_award.add([id, agency.id, program.id, call.id, award.applicationId, award.decisionId, award.org.id, number, award.title, program.currency, award.amount, 'draft', startsOn, dateOf(created.micros + 760 * DAY_US), 'advance', award.org.name, award.org.iban, officer, created.at, created.at]);
      w.grant_version.add([id, 1, { amountMinor: award.amount.toString(), title: award.title }, 'initial', 'Grant created', officer, created.at]);
      // Tranches: four, the last takes the remainder.
      const quarter = award.amount / 4n;
      const amounts = [quarter, quarter, quarter, award.amount - 3n * quarter];
      const roll = rnd.float();
      const fate = g === 0 ? 'active' : roll < 0.04 ? 'cancelled' : roll < 0.08 ? 'awaiting_signature' : roll < 0.12 ? 'awaiting_countersignature' : 'active';
      const paidCount = fate === 'active' ? (g === 0 ? 3 : rnd.int(1, 3)) : 0;
      const requestedOpen = fate === 'active' && paidCount < 4 && rnd.chance(0.4);
      const tranches = amounts.map((amount, k) => ({
        id: rnd.uuid(),
        seq: k + 1,
        amount,
        state: k < paidCount ? 'paid' : k === paidCount && requestedOpen ? 'requested' : fate === 'cancelled' ? 'cancelled' : 'planned',
      }));
      for (const t of tranches) w.tranche.add([t.id, id, t.seq, dateOf(created.micros + (60 + 180 * (t.seq - 1)) * DAY_US), t.amount, program.currency, t.state]);
      if (fate === 'cancelled') {
        emit(agency, officer, 'grant.cancelled', 'grant', id, { state: 'cancelled' }, { state: 'draft' }, 'Generated cancellation');
        updates.grantCancelled.add([id]);
        await pump();
        continue;
      }
      const sent = emit(agency, officer, 'grant.sent_for_signature', 'grant', id, { state: 'awaiting_signature' }, { state: 'draft' });
      updates.grantSent.add([id, award.org.member, sent.at]);
      if (fate === 'awaiting_signature') {
        await pump();
        continue;
      }
      const signed = emit(agency, award.org.member, 'grant.signed', 'grant', id, { state: 'awaiting_countersignature' }, { state: 'awaiting_signature' });
      updates.grantSigned.add([id, award.org.member, award.org.name, signed.at]);
      if (fate === 'awaiting_countersignature') {
        await pump();
        continue;
      }
      const countersigned = emit(agency, countersigner, 'grant.countersigned', 'grant', id, { state: 'active' }, { state: 'awaiting_countersignature' });
      updates.grantCountersigned.add([id, countersigner, countersigned.at]);
      const scopes = { agencyId: agency.id, programId: program.id, callId: call.id, grantId: id, currency: program.currency as 'EUR' };
      if (!program.funded) {
        program.funded = true;
        const at = emit(agency, countersigner, 'ledger.program_funded', 'program', program.id, { amountMinor: program.budget.toString() });
        book(agency, program, null, null, 'program_funded', `Program budget`, programFunded(scopes, program.budget), at, countersigner);
      }
      if (!call.allocated) {
        call.allocated = true;
        const at = emit(agency, countersigner, 'ledger.envelope_allocated', 'call', call.id, { amountMinor: call.envelope.toString() });
        book(agency, program, null, null, 'envelope_allocated', `Call envelope`, envelopeAllocated(scopes, call.envelope), at, countersigner);
      }
      const committed = emit(agency, countersigner, 'grant.committed', 'grant', id, { amountMinor: award.amount.toString() });
      book(agency, program, id, null, 'grant_committed', `Grant ${number} committed`, grantCommitted(scopes, award.amount), committed, countersigner);
      const active: ActiveGrant = { id, call, org: award.org, number, paid: [], suppliers: new Set() };
      grants.push(active);

      // Payments of the paid tranches, and of the one requested.
      const [requester, approver, second, payer] = agency.finance;
      for (const t of tranches) {
        if (t.state !== 'paid' && t.state !== 'requested') continue;
        const paymentId = rnd.uuid();
        emit(agency, officer, 'tranche.requested', 'tranche', t.id, { state: 'requested' }, { state: 'planned' });
        const requested = emit(agency, requester, 'payment.requested', 'payment', paymentId, { amountMinor: t.amount.toString(), trancheSeq: t.seq });
        const twoApprovals = t.amount > 10_000_000n;
        w.payment.add([paymentId, agency.id, program.id, id, t.id, t.amount, program.currency, 'requested', twoApprovals ? 2 : 1, true, requester, requested.at]);
        book(agency, program, id, paymentId, 'payment_requested', `Payment of tranche ${t.seq} requested`, paymentRequested(scopes, t.amount), requested, requester);
        if (t.state === 'requested') continue;
        const approvedAt = emit(agency, approver, 'payment.approved', 'payment', paymentId, { state: twoApprovals ? 'requested' : 'approved' });
        const secondAt = twoApprovals ? emit(agency, second, 'payment.second_approved', 'payment', paymentId, { state: 'approved' }) : null;
        updates.paymentApproved.add([paymentId, approver, approvedAt.at, secondAt ? second : null, secondAt?.at ?? null]);
        const bankFileId = rnd.uuid();
        const sentAt = emit(agency, payer, 'payment.sent_to_bank', 'payment', paymentId, { state: 'sent_to_bank', bankFileId });
        w.bank_file.add([bankFileId, agency.id, `GEN${tag}${paymentId.slice(0, 8)}${t.seq}`.slice(0, 35), dateOf(sentAt.micros), 'done', 1, t.amount, program.currency, payer, sentAt.at, sentAt.at]);
        updates.paymentSent.add([paymentId, bankFileId]);
        const paidAt = emit(agency, payer, 'payment.paid', 'payment', paymentId, { state: 'paid', debitedMinor: t.amount.toString() });
        updates.paymentPaid.add([paymentId, payer, paidAt.at, dateOf(paidAt.micros), `BANK-${paymentId.slice(0, 12)}`, t.amount.toString(), program.currency, t.amount.toString()]);
        book(agency, program, id, paymentId, 'payment_paid', `Payment of tranche ${t.seq} paid`, paymentPaid(scopes, { requestedMinor: t.amount, debitedMinor: t.amount, feesMinor: 0n }), paidAt, payer);
        active.paid.push({ id: t.id, seq: t.seq, amount: t.amount, paidAt: paidAt.micros });
      }
      await pump();
    }
    // The grants walk their life in order: sent, signed, countersigned (each step its own UPDATE, through grant_award_guard).
    await flushAll();
    for (const u of [updates.grantCancelled, updates.grantSent, updates.grantSigned, updates.grantCountersigned, updates.paymentApproved, updates.paymentSent, updates.paymentPaid]) await u.flush(pipeline);

    // ── Reports and expenditure lines ─────────────────────────────────────────────────────────
    trail.advance(10 * DAY_US);
    const acceptedReports = grants.reduce((s, g) => s + Math.max(0, g.paid.length - 1), 0);
    const linesPerReport = Math.min(2000, Math.max(1, Math.ceil(Math.max(0, target.postings - postings) / (2 * Math.max(1, acceptedReports)))));
    for (const grant of grants) {
      const { agency, program } = grant.call;
      const officer = agency.officers[0];
      const member = grant.org.member;
      const scopes = { agencyId: agency.id, programId: program.id, callId: grant.call.id, grantId: grant.id, currency: program.currency as 'EUR' };
      for (let k = 0; k < grant.paid.length; k++) {
        const tranche = grant.paid[k];
        const accepted = k < grant.paid.length - 1;
        const submitted = accepted || rnd.chance(0.6);
        const dueId = rnd.uuid();
        const reportId = rnd.uuid();
        const from = dateOf(tranche.paidAt);
        const to = dateOf(tranche.paidAt + 150 * DAY_US);
        w.grant_report_due.add([dueId, grant.id, 'interim', from, to, dateOf(tranche.paidAt + 180 * DAY_US), accepted ? 'accepted' : submitted ? 'submitted' : 'due']);
        const opened = emit(agency, member, 'report.opened', 'grant_report', reportId, { trancheSeq: tranche.seq });
        const lineAmount = (tranche.amount * 9n) / 10n / BigInt(linesPerReport);
        const lines: { id: string; seq: number; amount: bigint; added: WrittenEvent }[] = [];
        if (lineAmount > 0n) {
          for (let l = 0; l < linesPerReport; l++) {
            const lineId = rnd.uuid();
            const added = emit(agency, member, 'report.line_added', 'grant_report', reportId, { lineId, amountMinor: lineAmount.toString() });
            lines.push({ id: lineId, seq: l + 1, amount: lineAmount, added });
          }
        }
        const submittedAt = submitted ? emit(agency, member, 'report.submitted', 'grant_report', reportId, { state: 'submitted' }, { state: 'draft' }) : null;
        // The report row before its lines (expenditure_line references it); accepted after its lines, by an UPDATE.
        w.grant_report.add([reportId, agency.id, grant.id, dueId, from, to, submitted ? 'submitted' : 'draft', submitted ? 1 : 0, submitted ? member : null, submittedAt?.at ?? null, null, null, member, opened.at, opened.at]);
        for (const line of lines) {
          let state = submitted ? 'submitted' : 'draft';
          let verifiedAt: string | null = null;
          let entryId: string | null = null;
          if (accepted) {
            const at = emit(agency, officer, 'report.line_accepted', 'grant_report', reportId, { lineId: line.id, state: 'accepted' });
            entryId = book(agency, program, grant.id, null, 'expenditure_verified', `Expenditure line ${line.seq} of ${grant.number} verified`, expenditureVerified(scopes, { grantAmountMinor: line.amount, ineligibleMinor: 0n, advanceMinor: line.amount }), at, officer);
            state = 'accepted';
            verifiedAt = at.at;
          }
          const supplier = rnd.pick(SUPPLIERS);
          grant.suppliers.add(supplier);
          w.expenditure_line.add([line.id, agency.id, grant.id, reportId, line.seq, dateOf(line.added.micros), 'B1', supplier, 'Generated expenditure', line.amount, program.currency, line.amount, rnd.chance(0.9) ? 'bank' : 'cash', state, accepted ? officer : null, verifiedAt, entryId, member, member, line.added.at, verifiedAt ?? line.added.at]);
        }
        if (accepted) {
          const at = emit(agency, officer, 'report.accepted', 'grant_report', reportId, { state: 'accepted' }, { state: 'submitted' });
          updates.reportAccepted.add([reportId, officer, at.at]);
        }
        await pump();
      }
    }
    await flushAll();
    await updates.reportAccepted.flush(pipeline);

    // ── Sanctions screening: the UN list imported, every party screened, the matches decided ────────
    trail.advance(10 * DAY_US);
    for (const agency of agencies) {
      await screenAgency(agency);
      await pump(true);
    }
    await flushAll();

    // ── The rest of the trail: sign-ins ──────────────────────────────────────────────────────
    while (natural + filler < target.trail) {
      signIn();
      if (trail.buffered >= 4000) await pump(true);
      else await trail.ensure(pipeline, 4000);
    }
    await flushUpdates();
    await pipeline.drain();

    log('committing (the ledger checks every entry balances)…');
    await client.query('COMMIT');
  } catch (error) {
    await pipeline.drain().catch(() => undefined);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }

  const busiest = calls.reduce((best, c) => (c.applications > best.applications ? c : best), calls[0]);
  const richest = grants.reduce<ActiveGrant | null>((best, g) => (!best || g.paid.length > best.paid.length ? g : best), null);
  const first = busiest.agency;
  const counts: Record<string, number> = {};
  for (const [table, rows] of progress.summary()) counts[table] = rows;
  const heads: Record<string, { chainSeq: number; hash: string }> = {};
  for (const [agency, head] of trail.chainHeads()) heads[agency] = head;
  return {
    seed,
    scale,
    password,
    officer: first.emails.get(first.officers[0]) ?? '',
    auditor: first.emails.get(first.auditor) ?? '',
    applicant: orgs[0].memberEmail,
    finance: first.emails.get(first.finance[0]) ?? '',
    agencies: [...new Set(orgs.map((o) => o.agency.id))],
    callId: busiest.id,
    callApplications: busiest.applications,
    grantId: richest?.id ?? null,
    counts,
    chainHeads: heads,
    seconds: (Date.now() - started) / 1000,
  };
}

function recommendationOf(weightedHundredths: number): 'fund' | 'fund_with_changes' | 'reserve' | 'do_not_fund' {
  if (weightedHundredths >= 400) return 'fund';
  if (weightedHundredths >= 300) return 'fund_with_changes';
  if (weightedHundredths >= 200) return 'reserve';
  return 'do_not_fund';
}

function pickDistinct<T>(rnd: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(rnd.int(0, pool.length - 1), 1)[0]);
  return out;
}

function applicationContent(title: string, requested: bigint, rnd: Random): ApplicationContent {
  const personnel = (requested * 6n) / 10n;
  const activities = requested - personnel;
  return {
    title,
    partnerIds: [],
    summary: `Generated summary of ${title}.`,
    outcomes: [{ id: 'o1', title: 'Outcome 1', outputs: [{ id: 'o1.1', title: 'Output 1', indicators: [{ id: 'i1', name: 'People reached', unit: 'people', baseline: '0', target: String(rnd.int(100, 5000)), meansOfVerification: 'Lists' }] }] }],
    activities: [{ id: 'a1', title: 'Activity 1', governorates: [rnd.pick(GOVERNORATES)], months: [1, 2, 3] }],
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 1, description: 'Staff', amountMinor: personnel.toString() },
      { id: 'b2', category: 'activities', year: 1, description: 'Activities', amountMinor: activities.toString() },
    ],
    cofunding: [],
    risks: [],
    monitoringPlan: 'Quarterly visits.',
    durationMonths: 12,
  };
}

function writers(progress: Progress) {
  const t = (table: string, columns: [string, string][], batch = 2000) => new TableWriter(table, columns.map(([name, type]) => ({ name, type })), progress, batch);
  // In the order they are written: parents before the rows that reference them.
  return {
    agency: t('agency', [['id', 'uuid'], ['name', 'text'], ['slug', 'text'], ['country_code', 'char(2)'], ['created_at', 'timestamptz']]),
    app_user: t('app_user', [['id', 'uuid'], ['agency_id', 'uuid'], ['email', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['created_at', 'timestamptz'], ['language', 'text']]),
    user_role: t('user_role', [['user_id', 'uuid'], ['role', 'text']]),
    program: t('program', [['id', 'uuid'], ['agency_id', 'uuid'], ['name', 'text'], ['countries', 'text[]'], ['themes', 'text[]'], ['budget_minor', 'bigint'], ['currency', 'char(3)'], ['period_start', 'date'], ['period_end', 'date'], ['created_by', 'uuid'], ['created_at', 'timestamptz']]),
    grant_call: t('grant_call', [
      ['id', 'uuid'], ['program_id', 'uuid'], ['agency_id', 'uuid'], ['version', 'int'], ['status', 'text'], ['title', 'text'], ['description', 'text'], ['time_zone', 'text'],
      ['opens_at', 'timestamptz'], ['closes_at', 'timestamptz'], ['currency', 'char(3)'], ['envelope_minor', 'bigint'], ['max_grant_minor', 'bigint'], ['min_cofunding_bp', 'int'], ['admin_cap_bp', 'int'],
      ['host_countries', 'text[]'], ['require_partner', 'boolean'], ['min_organization_age_months', 'int'], ['required_documents', 'text[]'], ['rubric', 'jsonb'], ['published_at', 'timestamptz'],
      ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    organization: t('organization', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['legal_name', 'text'], ['registration_number', 'text'], ['hostland_country', 'char(2)'], ['address', 'text'], ['founded_on', 'date'], ['contact_email', 'text'],
      ['iban', 'text'], ['account_holder', 'text'], ['thematic_expertise', 'text[]'], ['dd_status', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
    ]),
    organization_member: t('organization_member', [['organization_id', 'uuid'], ['user_id', 'uuid'], ['role_in_organization', 'text'], ['joined_at', 'timestamptz']]),
    partner_organization: t('partner_organization', [
      ['id', 'uuid'], ['organization_id', 'uuid'], ['name', 'text'], ['governorate_code', 'text'], ['local_registration_number', 'text'], ['contact_person', 'text'],
      ['contact_email', 'text'], ['contact_phone', 'text'], ['relationship', 'text'], ['created_at', 'timestamptz'],
    ]),
    application: t('application', [
      ['id', 'uuid'], ['call_id', 'uuid'], ['organization_id', 'uuid'], ['agency_id', 'uuid'], ['state', 'text'], ['title', 'text'], ['content', 'jsonb'], ['currency', 'char(3)'], ['requested_minor', 'bigint'],
      ['version', 'int'], ['receipt_number', 'text'], ['submitted_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['updated_by', 'uuid'],
    ]),
    application_version: t('application_version', [
      ['application_id', 'uuid'], ['number', 'int'], ['kind', 'text'], ['content', 'jsonb'], ['totals', 'jsonb'], ['eligibility', 'jsonb'], ['call_version', 'int'], ['content_sha256', 'char(64)'],
      ['receipt_number', 'text'], ['submitted_by', 'uuid'], ['submitted_at', 'timestamptz'],
    ]),
    review_assignment: t('review_assignment', [
      ['id', 'uuid'], ['application_id', 'uuid'], ['call_id', 'uuid'], ['agency_id', 'uuid'], ['reviewer_id', 'uuid'], ['status', 'text'], ['assigned_by', 'uuid'], ['assigned_at', 'timestamptz'],
      ['conflict_declared_at', 'timestamptz'], ['has_conflict', 'boolean'], ['due_on', 'date'],
    ]),
    review_score: t('review_score', [['assignment_id', 'uuid'], ['criterion_id', 'text'], ['score', 'smallint'], ['comment', 'text']]),
    funding_decision: t('funding_decision', [
      ['id', 'uuid'], ['application_id', 'uuid'], ['call_id', 'uuid'], ['agency_id', 'uuid'], ['outcome', 'text'], ['state', 'text'], ['amount_minor', 'bigint'], ['currency', 'char(3)'],
      ['rejection_reasons', 'text[]'], ['rationale', 'text'], ['proposed_by', 'uuid'], ['proposed_at', 'timestamptz'],
    ]),
    grant_award: t('grant_award', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['program_id', 'uuid'], ['call_id', 'uuid'], ['application_id', 'uuid'], ['decision_id', 'uuid'], ['organization_id', 'uuid'], ['grant_number', 'text'],
      ['title', 'text'], ['currency', 'char(3)'], ['amount_minor', 'bigint'], ['state', 'text'], ['starts_on', 'date'], ['ends_on', 'date'], ['modality', 'text'], ['payee_name', 'text'], ['payee_iban', 'text'],
      ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    grant_version: t('grant_version', [['grant_id', 'uuid'], ['version', 'int'], ['content', 'jsonb'], ['kind', 'text'], ['reason', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz']]),
    tranche: t('tranche', [['id', 'uuid'], ['grant_id', 'uuid'], ['seq', 'smallint'], ['planned_on', 'date'], ['amount_minor', 'bigint'], ['currency', 'char(3)'], ['state', 'text']]),
    bank_file: t('bank_file', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['message_id', 'text'], ['execution_date', 'date'], ['state', 'text'], ['payment_count', 'int'], ['control_sum_minor', 'bigint'], ['currency', 'char(3)'],
      ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['finished_at', 'timestamptz'],
    ]),
    payment: t('payment', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['program_id', 'uuid'], ['grant_id', 'uuid'], ['tranche_id', 'uuid'], ['amount_minor', 'bigint'], ['currency', 'char(3)'], ['state', 'text'],
      ['required_approvals', 'smallint'], ['three_people', 'boolean'], ['requested_by', 'uuid'], ['requested_at', 'timestamptz'],
    ]),
    ledger_account: t('ledger_account', [['id', 'uuid'], ['agency_id', 'uuid'], ['code', 'text'], ['scope_type', 'text'], ['scope_id', 'uuid'], ['program_id', 'uuid'], ['currency', 'char(3)'], ['non_negative', 'boolean']]),
    journal_entry: t('journal_entry', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['program_id', 'uuid'], ['grant_id', 'uuid'], ['payment_id', 'uuid'], ['kind', 'text'], ['description', 'text'], ['effective_on', 'date'], ['trail_seq', 'bigint'],
      ['details', 'jsonb'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
    ]),
    posting: t('posting', [['entry_id', 'uuid'], ['account_id', 'uuid'], ['currency', 'char(3)'], ['amount_minor', 'bigint']], 5000),
    grant_report_due: t('grant_report_due', [['id', 'uuid'], ['grant_id', 'uuid'], ['kind', 'text'], ['period_from', 'date'], ['period_to', 'date'], ['due_on', 'date'], ['state', 'text']]),
    grant_report: t('grant_report', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['grant_id', 'uuid'], ['report_due_id', 'uuid'], ['period_from', 'date'], ['period_to', 'date'], ['state', 'text'], ['submission_count', 'int'],
      ['submitted_by', 'uuid'], ['submitted_at', 'timestamptz'], ['accepted_by', 'uuid'], ['accepted_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    expenditure_line: t('expenditure_line', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['grant_id', 'uuid'], ['report_id', 'uuid'], ['seq', 'int'], ['spent_on', 'date'], ['budget_line_id', 'text'], ['supplier', 'text'], ['description', 'text'],
      ['amount_minor', 'bigint'], ['currency', 'char(3)'], ['grant_amount_minor', 'bigint'], ['payment_method', 'text'], ['state', 'text'], ['verified_by', 'uuid'], ['verified_at', 'timestamptz'],
      ['journal_entry_id', 'uuid'], ['created_by', 'uuid'], ['updated_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ], 4000),
    notification: t('notification', [
      ['id', 'uuid'], ['user_id', 'uuid'], ['kind', 'text'], ['title', 'text'], ['body', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['created_at', 'timestamptz'], ['read_at', 'timestamptz'],
      ['message_key', 'text'], ['message_params', 'jsonb'],
    ]),
    stored_document: t('stored_document', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['kind', 'text'], ['file_name', 'text'], ['content_type', 'text'], ['storage_key', 'text'], ['sha256', 'char(64)'], ['size_bytes', 'bigint'], ['created_at', 'timestamptz'],
    ]),
    sanctions_list_version: t('sanctions_list_version', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['list_name', 'text'], ['document_id', 'uuid'], ['file_name', 'text'], ['sha256', 'char(64)'], ['published_at', 'timestamptz'], ['state', 'text'],
      ['progress', 'smallint'], ['previous_version_id', 'uuid'], ['individuals', 'int'], ['entities', 'int'], ['aliases', 'int'], ['entries_added', 'int'], ['entries_removed', 'int'],
      ['entries_changed', 'int'], ['aliases_added', 'int'], ['aliases_removed', 'int'], ['imported_by', 'uuid'], ['created_at', 'timestamptz'], ['finished_at', 'timestamptz'],
    ]),
    sanctions_entry: t('sanctions_entry', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['list_name', 'text'], ['reference', 'text'], ['data_id', 'text'], ['kind', 'text'], ['primary_name', 'text'], ['names', 'jsonb'],
      ['date_of_birth', 'text[]'], ['place_of_birth', 'text[]'], ['nationality', 'text[]'], ['listing_reason', 'text'], ['un_list_type', 'text'], ['listed_on', 'date'], ['content_hash', 'char(64)'],
      ['first_version_id', 'uuid'], ['last_changed_version_id', 'uuid'],
    ]),
    screening_run: t('screening_run', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['trigger', 'text'], ['list_version_id', 'uuid'], ['state', 'text'], ['progress', 'smallint'], ['parties_screened', 'int'], ['matches_raised', 'int'],
      ['failure_code', 'text'], ['requested_by', 'uuid'], ['created_at', 'timestamptz'], ['finished_at', 'timestamptz'],
    ]),
    screening_match: t('screening_match', [
      ['id', 'uuid'], ['agency_id', 'uuid'], ['party_kind', 'text'], ['party_id', 'uuid'], ['organization_id', 'uuid'], ['partner_organization_id', 'uuid'], ['screened_name', 'text'],
      ['name_key', 'text'], ['entry_id', 'uuid'], ['entry_hash', 'char(64)'], ['list_version_id', 'uuid'], ['score', 'numeric(5,4)'], ['explanation', 'jsonb'], ['state', 'text'],
      ['proposed_resolution', 'text'], ['proposed_by', 'uuid'], ['proposed_at', 'timestamptz'], ['proposal_reason', 'text'], ['resolved_by', 'uuid'], ['resolved_at', 'timestamptz'],
      ['resolution_reason', 'text'], ['lapsed_reason', 'text'], ['raised_at', 'timestamptz'], ['row_version', 'int'],
    ]),
  };
}

function batchUpdates(progress: Progress) {
  const u = (label: string, arity: number, sql: string) => new BatchUpdate(label, arity, sql, progress);
  const from = (arity: number) => `FROM unnest(${Array.from({ length: arity }, (_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${Array.from({ length: arity }, (_, i) => `c${i}`).join(', ')})`;
  return {
    reviewSubmitted: u('review submitted', 5, `UPDATE review_assignment r SET status = 'submitted', recommendation = u.c1, weighted_hundredths = u.c2::int, submitted_at = u.c3::timestamptz, overall_comment = u.c4 ${from(5)} WHERE r.id = u.c0::uuid`),
    decisionConfirmed: u('decision confirmed', 3, `UPDATE funding_decision f SET state = 'confirmed', confirmed_by = u.c1::uuid, confirmed_at = u.c2::timestamptz ${from(3)} WHERE f.id = u.c0::uuid`),
    applicationState: u('application decided', 4, `UPDATE application a SET state = u.c1, updated_at = u.c2::timestamptz, updated_by = u.c3::uuid ${from(4)} WHERE a.id = u.c0::uuid`),
    grantCancelled: u('grant cancelled', 1, `UPDATE grant_award g SET state = 'cancelled' ${from(1)} WHERE g.id = u.c0::uuid`),
    grantSent: u('grant sent', 3, `UPDATE grant_award g SET state = 'awaiting_signature', signatory_user_id = u.c1::uuid, updated_at = u.c2::timestamptz ${from(3)} WHERE g.id = u.c0::uuid`),
    grantSigned: u('grant signed', 4, `UPDATE grant_award g SET state = 'awaiting_countersignature', signed_by = u.c1::uuid, signed_name = u.c2, signed_at = u.c3::timestamptz, updated_at = u.c3::timestamptz ${from(4)} WHERE g.id = u.c0::uuid`),
    grantCountersigned: u('grant countersigned', 3, `UPDATE grant_award g SET state = 'active', countersigned_by = u.c1::uuid, countersigned_at = u.c2::timestamptz, updated_at = u.c2::timestamptz ${from(3)} WHERE g.id = u.c0::uuid`),
    paymentApproved: u('payment approved', 5, `UPDATE payment p SET state = 'approved', approved_by = u.c1::uuid, approved_at = u.c2::timestamptz, second_approved_by = u.c3::uuid, second_approved_at = u.c4::timestamptz ${from(5)} WHERE p.id = u.c0::uuid`),
    paymentSent: u('payment sent', 2, `UPDATE payment p SET state = 'sent_to_bank', bank_file_id = u.c1::uuid ${from(2)} WHERE p.id = u.c0::uuid`),
    paymentPaid: u(
      'payment paid',
      8,
      `UPDATE payment p SET state = 'paid', paid_by = u.c1::uuid, paid_at = u.c2::timestamptz, value_date = u.c3::date, bank_reference = u.c4, debited_minor = u.c5::bigint,
         transfer_currency = u.c6, transfer_minor = u.c7::bigint, rate = 1, rate_source = 'same_currency', fees_minor = 0 ${from(8)} WHERE p.id = u.c0::uuid`,
    ),
    reportAccepted: u('report accepted', 3, `UPDATE grant_report r SET state = 'accepted', accepted_by = u.c1::uuid, accepted_at = u.c2::timestamptz ${from(3)} WHERE r.id = u.c0::uuid`),
  };
}
