import type { ActivityRecordView, TrailVerification } from '@mizan/contracts';
import { overlappingBoxes, pdfTextItems } from '@mizan/contracts/testing';
import { changeLines, filterLines, moneyText, renderTrailPdf, type TrailPdfInput, type TrailPdfTextBox } from './trail-pdf.renderer';

const KARIN_AGENCY = '0e5d7c3a-1b2c-4d3e-8f4a-5b6c7d8e9f00';

const verification: TrailVerification = {
  intact: true,
  count: 3,
  headHash: 'c'.repeat(64),
  brokenAtSeq: null,
  problem: null,
  verifiedAt: '2026-12-04T10:00:00.000Z',
  chains: [
    { kind: 'legacy', agencyId: null, agencyName: null, intact: true, count: 1, headSeq: '1', headHash: 'b'.repeat(64), brokenAtSeq: null, problem: null },
    { kind: 'agency', agencyId: KARIN_AGENCY, agencyName: 'Demo agency', intact: true, count: 2, headSeq: '2', headHash: 'c'.repeat(64), brokenAtSeq: null, problem: null },
  ],
  checkpoints: { found: 0, agreeing: 0, latest: null, keyId: null, problems: [] },
};

const KARIN = '6f9619ff-8b86-4011-b42d-00c04fc964ff';

function record(seq: number, overrides: Partial<ActivityRecordView> = {}): ActivityRecordView {
  return {
    seq: String(seq),
    occurredAt: '2026-12-04T09:00:00.123Z',
    actorId: KARIN,
    actorLabel: 'officer@demo.mizan.local',
    action: 'application.screening.mark_eligible',
    entityType: 'application',
    entityId: '11111111-2222-4333-8444-555555555555',
    before: { state: 'screening' },
    after: { state: 'eligible' },
    reason: null,
    previousHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

async function render(records: ActivityRecordView[], overrides: Partial<TrailPdfInput> = {}): Promise<{ pdf: Buffer; layout: TrailPdfTextBox[] }> {
  const layout: TrailPdfTextBox[] = [];
  const pdf = await renderTrailPdf({
    agencyName: 'North Agency',
    requestedBy: 'Maria Svensson (auditor@north.test)',
    generatedAt: new Date('2026-12-04T10:00:00Z'),
    headSeq: String(records.length),
    verification,
    recordCount: records.length,
    batches: (async function* () {
      yield records;
    })(),
    resolveNames: async () => ({ [KARIN]: 'Karin Lind' }),
    layout,
    ...overrides,
  });
  return { pdf, layout };
}

const LONG = (word: string, n: number): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('trail PDF layout', () => {
  const long = [
    record(1, { action: `application.screening.${'very_long_action_name_'.repeat(12)}`, reason: LONG('reason', 160) }),
    record(2, {
      action: 'payment.paid',
      actorLabel: `${'someone-with-a-very-long-address.'.repeat(8)}@example.org`,
      before: { state: 'sent_to_bank', note: LONG('before', 80) },
      after: { state: 'paid', amountMinor: '47000000', currency: 'SEK', paidBy: KARIN, note: LONG('after', 120), valueDate: '2026-12-03' },
      reason: 'سبب التغيير مكتوب بالعربية '.repeat(20),
    }),
    ...Array.from({ length: 60 }, (_, i) => record(3 + i, { entityId: `${'entity-'.repeat(20)}${i}`, reason: i % 3 === 0 ? LONG('why', 30) : null })),
  ];

  it('places no two text boxes of the PDF on top of each other, whatever the length (boxes as drawn)', async () => {
    const { layout } = await render(long);
    expect(layout.length).toBeGreaterThan(300);
    expect(new Set(layout.map((b) => b.page)).size).toBeGreaterThan(3);
    expect(overlappingBoxes(layout).map(([a, b]) => `${a.text.slice(0, 40)} × ${b.text.slice(0, 40)}`)).toEqual([]);
    // Nothing runs into the bottom margin, where the page numbers are.
    for (const box of layout.filter((b) => b.seq !== null)) expect(box.y + box.height).toBeLessThanOrEqual(841.89 - 40);
  });

  it('places no two text runs on top of each other as pdf.js reads the file', async () => {
    const { pdf } = await render(long);
    const items = pdfTextItems(pdf);
    expect(items.length).toBeGreaterThan(300);
    const overlaps = overlappingBoxes(items, 1);
    expect(overlaps.map(([a, b]) => `p${a.page + 1}: "${a.text.slice(0, 30)}" × "${b.text.slice(0, 30)}"`)).toEqual([]);
  }, 60_000);

  it('prints a value mixing Latin and Arabic in both scripts, without overlaps (no font has both)', async () => {
    const notes = 'Receipt of شركة الفاو للأثاث present and legible; amount and date agree with the line; paid as recorded.';
    const records = Array.from({ length: 40 }, (_, i) =>
      record(i + 1, { action: 'audit.item_tested', entityType: 'audit_sample_item', before: { notes: '' }, after: { result: 'pass', notes }, reason: i % 2 ? `سبب ${i} with Latin words` : null }),
    );
    const { pdf } = await render(records);
    const items = pdfTextItems(pdf);
    const text = items.map((i) => i.text).join(' ');
    expect(text).toContain('present and legible');
    expect(text).toContain('Receipt of');
    const overlaps = overlappingBoxes(items, 1);
    expect(overlaps.map(([a, b]) => `p${a.page + 1}: "${a.text.slice(0, 30)}" × "${b.text.slice(0, 30)}"`)).toEqual([]);
  }, 60_000);

  it('this check can fail: the old single-line row with the hash drawn 10 pt below overlaps a wrapped action name', () => {
    const action = { page: 0, x: 306, y: 100, width: 112, height: 30, text: 'action wrapped over three lines' };
    const hash = { page: 0, x: 76, y: 110, width: 260, height: 7, text: 'hash' };
    expect(overlappingBoxes([action, hash])).toHaveLength(1);
  });

  it('writes the label, the code, names, the reason and the change with formatted money', async () => {
    const { layout } = await render([
      record(1, {
        action: 'payment.paid',
        before: { state: 'sent_to_bank' },
        after: { state: 'paid', amountMinor: '47000000', currency: 'SEK', paidBy: KARIN },
        reason: 'Bank advice 2026-12-03',
      }),
    ]);
    const texts = layout.filter((b) => b.seq === '1').map((b) => b.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Payment recorded as paid',
        'payment.paid',
        'Karin Lind',
        'officer@demo.mizan.local',
        'Reason',
        'Bank advice 2026-12-03',
        'Change',
        'state',
        'sent_to_bank » paid',
        'amount',
        'SEK 470,000.00',
        'paid by',
        `Karin Lind (${KARIN.slice(0, 8)}…)`,
      ]),
    );
  });

  it('says which filters were applied on the first page', async () => {
    const filters = { action: 'application.screening.mark_eligible', entityType: 'application', entityId: '11111111-2222-4333-8444-555555555555' };
    const { layout } = await render([record(1)], { filters });
    const first = layout.filter((b) => b.page === 0).map((b) => b.text);
    expect(first).toContain('Filters applied:');
    expect(first).toContain('Action: Marked eligible (application.screening.mark_eligible)');
    expect(first).toContain('Entity id: 11111111-2222-4333-8444-555555555555');
    const none = await render([record(1)]);
    expect(none.layout.map((b) => b.text)).toContain('Filters applied: none (the whole trail of the agency).');
  });
});

describe('trail PDF texts', () => {
  it('money from exact minor units', () => {
    expect(moneyText('47000000', 'SEK')).toBe('SEK 470,000.00');
    expect(moneyText('-1500', 'USD')).toBe('-USD 15.00');
    expect(moneyText('123456789', 'IQD')).toBe('IQD 123,456.789');
    expect(moneyText('5', null)).toBe('5 (minor units)');
  });

  it('one line per changed field, unchanged ones left out', () => {
    expect(changeLines({ before: { a: 1, b: 'x' }, after: { a: 2, b: 'x', c: true } }, {})).toEqual([
      { field: 'a', change: '1 » 2' },
      { field: 'c', change: 'yes' },
    ]);
    expect(changeLines({ before: null, after: null }, {})).toEqual([]);
  });

  it('filters in words, unknown codes as they are', () => {
    expect(filterLines({})).toEqual([]);
    expect(filterLines({ action: 'spec.unknown', actor: 'karin' })).toEqual(['Action: spec.unknown (spec.unknown)', 'Actor contains: karin']);
  });
});
