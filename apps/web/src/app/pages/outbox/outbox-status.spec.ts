import {
  countByStatus,
  outboxStatusKey,
  outboxStatusTone,
} from './outbox-status';

describe('outbox status', () => {
  it('counts email by status for the filter', () => {
    expect(
      countByStatus([
        { status: 'sent' },
        { status: 'sent' },
        { status: 'failed' },
        { status: 'queued' },
      ]),
    ).toEqual({ all: 4, queued: 1, sent: 2, failed: 1 });
  });
  it('labels and colours each status, failure in the error tone', () => {
    expect(outboxStatusKey('failed')).toBe('outbox.status.failed');
    expect(outboxStatusTone('failed')).toBe('bad');
    expect(outboxStatusTone('sent')).toBe('good');
    expect(outboxStatusTone('queued')).toBe('info');
  });
});
