import type { SanctionsEntryView, SanctionsListVersionView, ScreeningCheckResult, ScreeningRunView, ScreeningSettingsView } from '@mizan/contracts';

/** Test data for the sanctions pages' specs (and the match pages'): one list version, a run, a check, the settings. */
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
      reference: 'IQi.001',
      entryId: 'e1',
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

export const ENTRY: SanctionsEntryView = {
  id: 'e1',
  listName: 'UN Security Council consolidated list',
  reference: 'IQi.001',
  kind: 'individual',
  primaryName: 'IZZAT IBRAHIM AL-DURI',
  names: [
    { name: 'IZZAT IBRAHIM AL-DURI', type: 'primary', quality: null, script: 'latin' },
    { name: 'عزت إبراهيم الدوري', type: 'original_script', quality: null, script: 'arabic' },
  ],
  datesOfBirth: ['1942'],
  placesOfBirth: ['Al-Dur'],
  nationalities: ['Iraq'],
  listingReason: 'Vice-Chairman of the Revolutionary Command Council',
  unListType: 'Iraq',
  listedOn: '2003-06-27',
  removedAt: null,
};
