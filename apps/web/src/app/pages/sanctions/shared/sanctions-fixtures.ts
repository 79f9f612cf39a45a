import type { SanctionsEntryView, SanctionsListVersionView, ScreeningCheckResult, ScreeningMatchDetail, ScreeningMatchView, ScreeningRunView, ScreeningSettingsView } from '@mizan/contracts';

/** Test data for the sanctions pages' specs (issue 13): one list entry, a list version, a run, a check, the settings, a potential match. */

/** IQi.006 of the UN list as the api returns it: primary name, an alias and the Arabic original. */
export const ENTRY: SanctionsEntryView = {
  id: '33333333-3333-4333-8333-333333333333',
  listName: 'UN Security Council consolidated list',
  reference: 'IQi.006',
  kind: 'individual',
  primaryName: 'IZZAT IBRAHIM AL-DURI',
  names: [
    { name: 'IZZAT IBRAHIM AL-DURI', type: 'primary', quality: null, script: 'latin' },
    { name: 'Abu Brays', type: 'alias', quality: 'Good', script: 'latin' },
    { name: 'عزة إبراهيم الدوري', type: 'original_script', quality: null, script: 'arabic' },
  ],
  datesOfBirth: ['1942'],
  placesOfBirth: ['al-Dur'],
  nationalities: ['Iraq'],
  listingReason: 'Vice Chairman of Revolutionary Command Council.',
  unListType: 'Iraq',
  listedOn: '2003-06-27',
  removedAt: null,
};

export const VERSION: SanctionsListVersionView = {
  id: '0b6f3c1e-7a0d-4c55-9a57-1f1b7e0c2a11',
  listName: 'UN Security Council consolidated list',
  fileName: 'consolidated.xml',
  sha256: 'a'.repeat(64),
  publishedAt: '2018-10-29T00:00:00Z',
  state: 'done',
  progress: 100,
  failureCode: null,
  failureParams: null,
  individuals: 726,
  entities: 367,
  aliases: 3055,
  entriesAdded: 1093,
  entriesRemoved: 0,
  entriesChanged: 0,
  aliasesAdded: 3055,
  aliasesRemoved: 0,
  importedBy: { id: 'u1', name: 'Omar Officer' },
  createdAt: '2026-12-01T09:00:00Z',
  finishedAt: '2026-12-01T09:01:00Z',
  runId: 'run-1',
};

export const RUN: ScreeningRunView = {
  id: 'run-1',
  trigger: 'import',
  listVersionId: VERSION.id,
  state: 'running',
  progress: 40,
  partiesScreened: 0,
  matchesRaised: 0,
  failureCode: null,
  requestedBy: { id: 'u1', name: 'Omar Officer' },
  createdAt: '2026-12-01T09:01:00Z',
  finishedAt: null,
};

export const CHECK: ScreeningCheckResult = {
  query: 'Izzat Ibrahim al-Douri',
  potentialMatch: true,
  threshold: 0.82,
  listVersionId: VERSION.id,
  candidates: [
    {
      reference: 'IQi.002',
      entryId: 'e2',
      name: 'IZZAT IBRAHIM AL-DURI',
      kind: 'individual',
      score: 0.7,
      explanation: 'matched primary name',
      detail: { matchedName: 'IZZAT IBRAHIM AL-DURI', matchedNameType: 'primary', pairs: [], unpairedQuery: [], unpairedEntry: [], adjustments: [] },
    },
    {
      reference: ENTRY.reference,
      entryId: ENTRY.id,
      name: 'عزت إبراهيم الدوري',
      kind: 'individual',
      score: 0.9312,
      explanation: 'matched original script name',
      detail: {
        matchedName: 'عزت إبراهيم الدوري',
        matchedNameType: 'original_script',
        pairs: [
          { query: 'Izzat', entry: 'عزت', similarity: 0.95, script: 'transliterated' },
          { query: 'Ibrahim', entry: 'إبراهيم', similarity: 1, script: 'transliterated' },
          { query: 'al-Douri', entry: 'الدوري', similarity: 0.88, script: 'transliterated' },
        ],
        unpairedQuery: [],
        unpairedEntry: ['محمد'],
        adjustments: [{ code: 'kind_mismatch', amount: 0.05 }],
      },
    },
  ],
};

export const SETTINGS: ScreeningSettingsView = {
  threshold: 0.82,
  highScore: 0.92,
  defaults: { threshold: 0.82, highScore: 0.92 },
  updatedBy: { id: 'u2', name: 'Amal Admin' },
  updatedAt: '2026-11-30T12:00:00Z',
  rowVersion: 3,
};

/** A potential match of ENTRY as the api returns it, for the queue and match page specs. */
export const MATCH_ID = '5c0c7f1e-3a52-4b8e-9d43-0f2f8e6b1a01';
export const PROPOSER = { id: '00000000-0000-4000-8000-000000000002', name: 'Layla Hassan' };
export const SECOND = { id: '00000000-0000-4000-8000-000000000003', name: 'Erik Lund' };

export const MATCH_VIEW: ScreeningMatchView = {
  id: MATCH_ID,
  state: 'open',
  party: {
    kind: 'partner_member',
    id: '7d1e0c55-1b7a-4c0e-8f4e-6a2b9c3d4e5f',
    organizationId: '11111111-1111-4111-8111-111111111111',
    organizationName: 'Tigris Relief',
    partnerOrganizationId: '22222222-2222-4222-8222-222222222222',
    partnerName: 'Basra Water Works',
  },
  screenedName: 'Ezzat Ibrahim Al Duri',
  entryId: ENTRY.id,
  reference: ENTRY.reference,
  entryName: ENTRY.primaryName,
  entryKind: ENTRY.kind,
  score: 0.8731,
  high: false,
  raisedAt: '2026-12-01T09:30:00Z',
  proposedResolution: null,
  proposedBy: null,
  rowVersion: 3,
};

export const MATCH: ScreeningMatchDetail = {
  ...MATCH_VIEW,
  entry: ENTRY,
  explanation: {
    matchedName: 'IZZAT IBRAHIM AL-DURI',
    matchedNameType: 'primary',
    pairs: [
      { query: 'Ezzat', entry: 'IZZAT', similarity: 0.8, script: 'same' },
      { query: 'Ibrahim', entry: 'IBRAHIM', similarity: 1, script: 'same' },
      { query: 'Al Duri', entry: 'AL-DURI', similarity: 1, script: 'same' },
    ],
    unpairedQuery: [],
    unpairedEntry: [],
    adjustments: [],
  },
  explanationText: 'matched primary name "IZZAT IBRAHIM AL-DURI"',
  listVersionId: '44444444-4444-4444-8444-444444444444',
  proposedAt: null,
  proposalReason: null,
  resolvedBy: null,
  resolvedAt: null,
  resolutionReason: null,
  lapsedReason: null,
  actions: { resolve: true, second: false },
};

/** The same match waiting for a second officer after `PROPOSER` proposed `resolution`. */
export function pendingMatch(resolution: 'false_positive' | 'confirmed', second: boolean): ScreeningMatchDetail {
  return {
    ...MATCH,
    state: 'pending_second',
    high: true,
    score: 0.9512,
    proposedResolution: resolution,
    proposedBy: PROPOSER,
    proposedAt: '2026-12-02T10:00:00Z',
    proposalReason: 'Born 1975 in Basra, not the listed person.',
    actions: { resolve: false, second },
    rowVersion: 4,
  };
}
