import { pdfTextItems } from '@mizan/contracts/testing';
import { type AuditReportPdfInput, type AuditReportPdfItem, renderAuditReportPdf } from './audit-report.renderer';

const HEAD = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function item(n: number, overrides: Partial<AuditReportPdfItem> = {}): AuditReportPdfItem {
  return {
    id: `0000000${n % 10}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`,
    pickOrder: n,
    populationSeq: n * 3,
    reasons: ['monetary_unit'],
    itemKind: 'payment',
    sourceId: `abcdef${String(n).padStart(2, '0')}-1111-4222-8333-444444444444`,
    grantNumber: 'G-2025-0001',
    amountMinor: String(100_000 + n),
    currency: 'SEK',
    bookedOn: '2026-03-01',
    label: `Tranche ${n}`,
    result: n % 5 === 0 ? 'exception' : 'pass',
    checks: [{ id: 'receipt_present', answer: 'yes' }],
    notes: '',
    testedBy: 'Maria Auditor',
    testedAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

function input(items: AuditReportPdfItem[], overrides: Partial<AuditReportPdfInput> = {}): AuditReportPdfInput {
  return {
    snapshotSha256: 'f'.repeat(64),
    report: { id: '11111111-2222-4333-8444-555555555555', version: 2, final: true, requestedBy: 'Maria Auditor', requestedAt: '2026-12-05T10:00:00Z', generatedAt: '2026-12-05T10:01:00Z', supersedes: { version: 1, reason: 'Refund confirmed after the first final' } },
    trail: { headSeq: '4711', headHash: HEAD, intact: true, count: 4711, brokenAtSeq: null, problem: null, verifiedAt: '2026-12-05T10:00:30Z' },
    snapshot: {
      agency: { name: 'North Agency' },
      engagement: {
        reference: 'AUD-2026-001',
        title: 'Spot check of the Basra clinics',
        kind: 'financial_audit',
        firmName: 'Grant Thornton Baghdad',
        scope: { kind: 'program', name: 'Health in Basra', grantNumbers: ['G-2025-0001'] },
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        populationKind: 'payments',
        auditors: [{ name: 'Maria Auditor', email: 'auditor@north.test', lead: true }],
      },
      sampling: { method: 'monetary_unit', seed: '20261205', parameters: { confidencePct: 95, materialityMinor: '5000000' }, formula: 'n = ceil(V × R ÷ (TM − EM × E))', drawnAt: '2026-11-01T09:00:00.000Z', frozenAt: null },
      summary: {
        currency: 'SEK',
        populationCount: 120,
        populationValueMinor: '120000000',
        sampleCount: items.length,
        sampleValueMinor: '3000000',
        coverageBasisPoints: 250,
        tested: items.length,
        passed: items.length - 1,
        exceptions: 1,
        untested: 0,
        findings: 1,
        findingsHigh: 1,
        affectedMinor: '25000',
        ineligibleMinor: '25000',
        misstatement: { intervalMinor: '1000000', knownMinor: '25000', projectedMinor: '250000', itemsWithMisstatement: 1, items: [{ sampleItemId: items[0]?.id ?? 'x', misstatementMinor: '25000', projectedMinor: '250000' }] },
      },
      appendix: { count: items.length, digest: 'd'.repeat(64) },
      findings: [
        {
          id: '99999999-8888-4777-8666-555555555555',
          number: 1,
          grantNumber: 'G-2025-0001',
          organizationName: 'جمعية البصرة للصحة',
          sampleItemId: items[0]?.id ?? null,
          category: 'ineligible_expenditure',
          title: 'Ineligible expenditure on fuel',
          description: 'Fuel for a private car was charged to the grant.',
          priority: 'high',
          affectedMinor: '25000',
          ineligibleMinor: '25000',
          currency: 'SEK',
          recommendation: 'Refund the amount.',
          action: 'Refund and train the accountant',
          actionOwner: 'فاطمة الزهراء',
          actionDueOn: '2027-01-31',
          actionState: 'open',
          completionNote: null,
          refundJournalEntryId: null,
          responses: [{ side: 'grantee', kind: 'response', body: 'We will refund in January.', author: 'فاطمة الزهراء', createdAt: '2026-12-02T10:00:00.000Z' }],
        },
      ],
      reconciliation: {
        lines: [{ check: 'payments_ledger_vs_bank', grantNumber: 'G-2025-0001', currency: 'SEK', leftMinor: '300000', rightMinor: '400000', differenceMinor: '-100000' }],
        differences: [
          { check: 'payments_ledger_vs_bank', grantNumber: 'G-2025-0001', code: 'payment_not_on_ledger', params: { paymentId: 'cafebabe-0000-4000-8000-000000000000', bankReference: 'HB-77', recordedMinor: '100000' }, entityType: 'payment', entityId: 'cafebabe-0000-4000-8000-000000000000', amountMinor: '100000', currency: 'SEK' },
        ],
        balanced: false,
      },
      opinion: 'qualified',
      conclusion: null,
    },
    appendix: (async function* () {
      for (let i = 0; i < items.length; i += 50) yield items.slice(i, i + 50);
    })(),
    ...overrides,
  };
}

async function render(i: AuditReportPdfInput): Promise<Buffer> {
  const { stream, done } = renderAuditReportPdf(i);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  await done;
  return Buffer.concat(chunks);
}

describe('audit report PDF', () => {
  it('prints the cover, the sample, the finding with its Arabic names, the reconciliation difference and the trail head hash', async () => {
    const items = Array.from({ length: 120 }, (_, i) => item(i + 1, i === 6 ? { label: 'مستلزمات طبية من صيدلية النور', notes: 'Receipt stamped' } : {}));
    const batches: number[] = [];
    const pdf = await render({ ...input(items), onBatch: (n) => void batches.push(n) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfTextItems(pdf)
      .map((t) => t.text)
      .join(' ');
    for (const expected of [
      'AUD-2026-001',
      'FINAL',
      'Grant Thornton Baghdad',
      'Monetary-unit sampling',
      '20261205',
      'Qualified opinion',
      'Ineligible expenditure on fuel',
      'We will refund in January.',
      'جمعية البصرة للصحة',
      'فاطمة الزهراء',
      'مستلزمات طبية من صيدلية النور',
      'cafebabe',
      'HB-77',
      HEAD,
      'Verification: INTACT',
      'abcdef01',
      'Tranche 120',
      'EXCEPTION',
      'Projected misstatement',
      '2.50 %',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    expect(batches).toEqual([50, 100, 120]);
  });

  it('a draft says so, and a spot check prints its conclusion', async () => {
    const base = input([item(1)]);
    const pdf = await render({
      ...base,
      report: { ...base.report, final: false, supersedes: null },
      snapshot: { ...base.snapshot, engagement: { ...base.snapshot.engagement, kind: 'spot_check' }, opinion: null, conclusion: 'Controls work as designed.' },
    });
    const text = pdfTextItems(pdf)
      .map((t) => t.text)
      .join(' ');
    expect(text).toContain('DRAFT');
    expect(text).toContain('Controls work as designed.');
    expect(text).not.toContain('Qualified opinion');
  });

  it('a failing appendix source fails the stream (nothing half-stored)', async () => {
    const failing = input([], {
      appendix: (async function* () {
        yield [item(1)];
        throw new Error('database went away');
      })(),
    });
    await expect(render(failing)).rejects.toThrow('database went away');
  });
});
