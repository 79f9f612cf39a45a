import type { OutboundEmailStatus } from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { Tone } from '../../core/ui/tone-badge.component';

export function outboxStatusKey(status: OutboundEmailStatus): TranslationKey {
  return `outbox.status.${status}`;
}

export function outboxStatusTone(status: OutboundEmailStatus): Tone {
  switch (status) {
    case 'sent':
      return 'good';
    case 'failed':
      return 'bad';
    default:
      return 'info';
  }
}

/** How many of each status, for the filter's labels. */
export function countByStatus(
  rows: readonly { status: OutboundEmailStatus }[],
): Record<OutboundEmailStatus | 'all', number> {
  const counts = { all: rows.length, queued: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
