import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { VerifyReportResult } from '@mizan/contracts';

/** SHA-256 of a file, read as a stream (a report may be large). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What `mizan verify-report` prints for a result. */
export function verifyReportLines(r: VerifyReportResult): string[] {
  const lines = [`sha256: ${r.sha256}`, `issued: ${r.issued ? 'yes' : 'no'}`];
  if (!r.reportId) {
    lines.push('no audit report with this SHA-256 is on record: this file is not a report Mizan issued (or it was changed)');
    return lines;
  }
  lines.push(
    `engagement: ${r.engagementReference} (${r.engagementId})`,
    `report: ${r.reportId}, version ${r.version}, ${r.final ? 'final' : 'draft'}`,
    `superseded: ${r.superseded ? 'yes' : 'no'}`,
    r.trailRecordSeq ? `trail record: #${r.trailRecordSeq} (audit.report_issued)` : 'trail record: MISSING — the hash is on record but no audit.report_issued trail record names it',
  );
  return lines;
}
