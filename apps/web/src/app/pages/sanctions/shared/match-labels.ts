import type { MatchResolution, MatchState, PartyKind } from '@mizan/contracts';
import type { ListEntryKind } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { Tone } from '../../../core/ui/tone-badge.component';

/** The words and colours of a potential match's state, its party's kind and its resolution (queue and match page), and of a list entry's kind. */
export function matchStateKey(state: MatchState): TranslationKey {
  return `sanctions.state.${state}`;
}

export function matchStateTone(state: MatchState): Tone {
  switch (state) {
    case 'open':
      return 'warn';
    case 'pending_second':
      return 'info';
    case 'cleared':
      return 'good';
    case 'confirmed':
      return 'bad';
    case 'lapsed':
      return 'neutral';
  }
}

export function partyKindKey(kind: PartyKind): TranslationKey {
  return `sanctions.party.kind.${kind}`;
}

export function resolutionKey(resolution: MatchResolution): TranslationKey {
  return `sanctions.match.resolution.${resolution}`;
}

export function entryKindKey(kind: ListEntryKind): TranslationKey {
  return `sanctions.entry.kind.${kind}`;
}
