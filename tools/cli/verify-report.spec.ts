import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sha256OfFile, verifyReportLines } from './verify-report';

describe('verify-report', () => {
  it('hashes the file as it is on disk', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'verify-report-')), 'r.pdf');
    const body = Buffer.from('%PDF-1.3 not really a report\n'.repeat(5000));
    writeFileSync(file, body);
    expect(await sha256OfFile(file)).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('says issued yes with the engagement, version, final and superseded, or no', () => {
    const base = { sha256: 'a'.repeat(64), reportId: null, engagementId: null, engagementReference: null, version: null, final: null, trailRecordSeq: null, superseded: null };
    expect(verifyReportLines({ ...base, issued: false })).toEqual([`sha256: ${'a'.repeat(64)}`, 'issued: no', expect.stringContaining('not a report Mizan issued')]);
    const issued = verifyReportLines({ ...base, issued: true, reportId: 'r1', engagementId: 'e1', engagementReference: 'AUD-2026-001', version: 2, final: true, trailRecordSeq: '77', superseded: false });
    expect(issued).toEqual([
      `sha256: ${'a'.repeat(64)}`,
      'issued: yes',
      'engagement: AUD-2026-001 (e1)',
      'report: r1, version 2, final',
      'superseded: no',
      'trail record: #77 (audit.report_issued)',
    ]);
    expect(verifyReportLines({ ...base, issued: false, reportId: 'r1', engagementId: 'e1', engagementReference: 'X', version: 1, final: false, superseded: true })).toContain(
      'trail record: MISSING — the hash is on record but no audit.report_issued trail record names it',
    );
  });
});
