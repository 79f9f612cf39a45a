import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GrantContent, ReleaseConditionRecord } from '@mizan/contracts';
import { formatDecimal, type CurrencyCode } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { GRANT_SELECT, GrantDocument, GrantRow, TRANCHE_SELECT, TrancheRow } from '@mizan/server/finance';
import { JobOf, JobName, JobStatus } from '@mizan/server/jobs';
import { renderAgreementPdf } from '@mizan/server/pdf';
import { FileStore, StoredDocument } from '@mizan/server/storage';
import { SYSTEM_ACTOR, TrailService } from '@mizan/server/trail';
import type { ProgressReporter } from './trail-export.processor';

function money(minor: string, currency: CurrencyCode): string {
  const [whole, fraction] = formatDecimal(BigInt(minor), currency).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

function conditionText(c: ReleaseConditionRecord): string {
  switch (c.kind) {
    case 'agreement_countersigned':
      return 'This agreement signed and countersigned';
    case 'previous_report_accepted':
      return 'The report covering the previous tranche accepted';
    case 'earlier_tranches_accounted':
      return `At least ${Number(c.params?.['minBp'] ?? 0) / 100} % of earlier tranches accounted for`;
    case 'due_diligence_valid':
      return 'Due-diligence clearance valid on the day of release';
    case 'no_open_high_finding':
      return 'No open high-priority finding';
    case 'custom':
      return String(c.params?.['label'] ?? 'Custom condition');
    default:
      return c.kind;
  }
}

const day = (d: Date | null): string | null => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** Builds a grant's agreement PDF: render the version it was asked for, store it, record its SHA-256 on the document row and the trail. */
@Injectable()
export class AgreementPdfProcessor {
  private readonly logger = new Logger(AgreementPdfProcessor.name);
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async process(data: JobOf<JobName.GrantAgreementPdf>, reportProgress: ProgressReporter): Promise<JobStatus> {
    const documents = this.dataSource.getRepository(GrantDocument);
    const row = await documents.findOneBy({ id: data.documentId });
    if (!row) {
      this.logger.warn(`agreement ${data.documentId} no longer exists; nothing to build`);
      return 'skipped';
    }
    if (row.state === 'done') return 'skipped';
    const progress = async (percent: number): Promise<void> => {
      await documents.update({ id: row.id }, { progress: percent });
      await reportProgress(percent);
    };
    await documents.update({ id: row.id }, { state: 'running', error: null });
    await progress(5);

    const [g] = (await this.dataSource.query(`${GRANT_SELECT} WHERE g.id = $1`, [row.grantId])) as GrantRow[];
    const [version] = (await this.dataSource.query('SELECT content FROM grant_version WHERE grant_id = $1 AND version = $2', [row.grantId, row.grantVersion])) as {
      content: GrantContent;
    }[];
    const [org] = (await this.dataSource.query('SELECT registration_number, address, hostland_country FROM organization WHERE id = $1', [g.organization_id])) as {
      registration_number: string;
      address: string;
      hostland_country: string;
    }[];
    const [agency] = (await this.dataSource.query('SELECT name, slug FROM agency WHERE id = $1', [g.agency_id])) as { name: string; slug: string }[];
    const people = (await this.dataSource.query('SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])', [
      [g.signatory_user_id, g.countersigned_by].filter((x): x is string => !!x),
    ])) as { id: string; display_name: string }[];
    const nameOf = (id: string | null) => people.find((p) => p.id === id)?.display_name ?? null;
    const tranches = ((await this.dataSource.query(`${TRANCHE_SELECT} WHERE t.grant_id = $1 AND t.state <> 'cancelled' ORDER BY t.seq`, [g.id])) as TrancheRow[]).filter(
      (t) => version.content.tranches.some((p) => p.seq === t.seq),
    );
    await progress(20);

    const c = version.content;
    const pdf = await renderAgreementPdf({
      agencyName: agency.name,
      grantNumber: g.grant_number,
      title: g.title,
      version: row.grantVersion,
      generatedAt: new Date(),
      organization: { name: g.organization_name, registrationNumber: org.registration_number, address: org.address, country: org.hostland_country },
      payee: { name: g.payee_name, iban: g.payee_iban, bic: g.payee_bic },
      currency: g.currency,
      amount: money(g.amount_minor, g.currency),
      period: { startsOn: c.startsOn, endsOn: c.endsOn },
      purpose: c.purpose,
      budgetLines: c.budgetLines.map((l) => ({ category: l.category, description: l.description, amount: money(l.amountMinor, g.currency) })),
      tranches: c.tranches.map((p) => ({
        seq: p.seq,
        plannedOn: p.plannedOn,
        amount: money(p.amountMinor, g.currency),
        state: tranches.find((t) => t.seq === p.seq)?.state ?? 'planned',
        conditions: p.conditions.map(conditionText),
      })),
      reports: c.reportingSchedule,
      risk: { rating: g.risk_rating, modality: c.modality, monitoring: g.monitoring },
      specialConditions: c.specialConditions,
      signatures: {
        signatoryName: nameOf(g.signatory_user_id),
        signedName: g.signed_name,
        signedAt: day(g.signed_at),
        countersignedName: nameOf(g.countersigned_by),
        countersignedAt: day(g.countersigned_at),
      },
      onProgress: (fraction) => progress(20 + Math.floor(fraction * 65)),
    });
    const stored = await this.files.put(pdf, 'grant-agreements', 'pdf');
    await progress(90);

    await this.trail.record(async (manager) => {
      const document = manager.create(StoredDocument, {
        agencyId: g.agency_id,
        kind: 'grant-agreement',
        fileName: `agreement-${g.grant_number}-v${row.grantVersion}.pdf`,
        contentType: 'application/pdf',
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        sizeBytes: String(stored.sizeBytes),
      });
      await manager.save(document);
      await manager.update(GrantDocument, { id: row.id }, { state: 'done', progress: 100, documentId: document.id, sha256: stored.sha256, finishedAt: new Date(), error: null });
      return {
        result: undefined,
        entries: [
          {
            actor: SYSTEM_ACTOR,
            agencyId: g.agency_id,
            action: 'grant.agreement.generated',
            entityType: 'grant_document',
            entityId: row.id,
            after: { grantId: g.id, grantNumber: g.grant_number, version: row.grantVersion, documentId: document.id, sha256: stored.sha256, sizeBytes: stored.sizeBytes, requestedBy: row.requestedBy },
          },
        ],
      };
    });
    await reportProgress(100);
    this.logger.log(`agreement ${row.id} of grant ${g.grant_number} built: ${stored.sizeBytes} bytes, sha256 ${stored.sha256}`);
    return 'done';
  }

  async markFailed(documentId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(GrantDocument).update({ id: documentId }, { state: 'failed', error: reason.slice(0, 1000), finishedAt: new Date() });
  }
}
