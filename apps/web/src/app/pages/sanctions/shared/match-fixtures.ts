import type { ScreeningMatchDetail, ScreeningMatchView } from '@mizan/contracts';

/** A potential match as the api returns it, for the queue and match page specs (issue 13). */
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
  entryId: '33333333-3333-4333-8333-333333333333',
  reference: 'IQi.006',
  entryName: 'IZZAT IBRAHIM AL-DURI',
  entryKind: 'individual',
  score: 0.8731,
  high: false,
  raisedAt: '2026-12-01T09:30:00Z',
  proposedResolution: null,
  proposedBy: null,
  rowVersion: 3,
};

export const MATCH: ScreeningMatchDetail = {
  ...MATCH_VIEW,
  entry: {
    id: MATCH_VIEW.entryId,
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
  },
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
