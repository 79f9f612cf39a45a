import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrencyCode } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { FileStore, StoredDocument } from '@mizan/server/storage';
import { SYSTEM_ACTOR, TrailService } from '@mizan/server/trail';
import { buildPain001 } from './pain001';

/**
 * The worker's side of a bank file: reads the file's payments, writes the
 * pain.001.001.09 XML, stores it with its SHA-256 and puts the hash on the
 * trail. Idempotent: a file already built is skipped.
 */
@Injectable()
export class BankFileBuilder {
  private readonly logger = new Logger(BankFileBuilder.name);
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    @Inject(MIZAN_CONFIG) config: Pick<MizanConfig, 'storageDir'>,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async build(bankFileId: string, reportProgress: (percent: number) => Promise<void> = async () => undefined): Promise<'done' | 'skipped'> {
    const [file] = (await this.dataSource.query(
      `SELECT f.id, f.agency_id, f.message_id, f.execution_date::text AS execution_date, f.state, f.created_at, f.payment_count,
              s.agency_name, s.agency_iban, s.agency_bic
         FROM bank_file f LEFT JOIN finance_settings s ON s.agency_id = f.agency_id WHERE f.id = $1`,
      [bankFileId],
    )) as {
      id: string;
      agency_id: string;
      message_id: string;
      execution_date: string;
      state: string;
      created_at: Date;
      payment_count: number;
      agency_name: string | null;
      agency_iban: string | null;
      agency_bic: string | null;
    }[];
    if (!file) {
      this.logger.warn(`bank file ${bankFileId} does not exist; nothing to build`);
      return 'skipped';
    }
    if (file.state === 'done') return 'skipped';
    if (file.state === 'failed') {
      // Released by finance after its build failed (its payments went back to approved): nothing to build any more.
      const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM payment WHERE bank_file_id = $1`, [bankFileId])) as { n: number }[];
      if (n === 0) return 'skipped';
    }
    if (!file.agency_name || !file.agency_iban || !file.agency_bic) throw new Error("the agency's debtor account is not set in the finance settings");
    // Every state of the file is on the trail, with its change, in one transaction.
    await this.trail.record(async (manager) => {
      await manager.query(`UPDATE bank_file SET state = 'running', error = NULL WHERE id = $1`, [bankFileId]);
      return {
        result: undefined,
        entries: [{ actor: SYSTEM_ACTOR, agencyId: file.agency_id, action: 'bank_file.build_started', entityType: 'bank_file', entityId: bankFileId, before: { state: file.state }, after: { state: 'running' } }],
      };
    });
    await reportProgress(10);
    const payments = (await this.dataSource.query(
      `SELECT p.id, p.amount_minor::text AS amount_minor, p.currency, g.payee_name, g.payee_iban, g.payee_bic, g.grant_number, t.seq
         FROM payment p JOIN grant_award g ON g.id = p.grant_id JOIN tranche t ON t.id = p.tranche_id
        WHERE p.bank_file_id = $1 ORDER BY g.grant_number, t.seq, p.id`,
      [bankFileId],
    )) as { id: string; amount_minor: string; currency: CurrencyCode; payee_name: string; payee_iban: string; payee_bic: string | null; grant_number: string; seq: number }[];
    if (payments.length !== file.payment_count) throw new Error(`bank file ${bankFileId} names ${file.payment_count} payments but ${payments.length} are in it`);
    const xml = buildPain001({
      messageId: file.message_id,
      createdAt: new Date(file.created_at),
      executionDate: file.execution_date,
      debtorName: file.agency_name,
      debtorIban: file.agency_iban,
      debtorBic: file.agency_bic,
      transactions: payments.map((p) => ({
        paymentId: p.id,
        amountMinor: BigInt(p.amount_minor),
        currency: p.currency,
        creditorName: p.payee_name,
        creditorIban: p.payee_iban,
        creditorBic: p.payee_bic,
        remittance: `Grant ${p.grant_number} tranche ${p.seq}`,
      })),
    });
    await reportProgress(60);
    const stored = await this.files.put(Buffer.from(xml, 'utf8'), 'bank-files', 'xml');
    await reportProgress(85);
    await this.trail.record(async (manager) => {
      const document = manager.create(StoredDocument, {
        agencyId: file.agency_id,
        kind: 'bank-file',
        fileName: `pain001-${file.execution_date}-${file.message_id}.xml`,
        contentType: 'application/xml',
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        sizeBytes: String(stored.sizeBytes),
      });
      await manager.save(document);
      await manager.query(`UPDATE bank_file SET state = 'done', document_id = $2, sha256 = $3, finished_at = now(), error = NULL WHERE id = $1`, [
        bankFileId,
        document.id,
        stored.sha256,
      ]);
      return {
        result: undefined,
        entries: [
          {
            actor: SYSTEM_ACTOR,
            agencyId: file.agency_id,
            action: 'bank_file.built',
            entityType: 'bank_file',
            entityId: bankFileId,
            after: { documentId: document.id, sha256: stored.sha256, sizeBytes: stored.sizeBytes, format: 'pain.001.001.09', messageId: file.message_id },
          },
        ],
      };
    });
    await reportProgress(100);
    this.logger.log(`bank file ${bankFileId} built: ${stored.sizeBytes} bytes, sha256 ${stored.sha256}`);
    return 'done';
  }

  /** The last attempt failed: the file is 'failed' (on the trail, with the error); finance may then release its payments. */
  async markFailed(bankFileId: string, reason: string): Promise<void> {
    const error = reason.slice(0, 1000);
    await this.trail.record(async (manager) => {
      const [file] = (await manager.query(`SELECT agency_id, state FROM bank_file WHERE id = $1 FOR UPDATE`, [bankFileId])) as { agency_id: string; state: string }[];
      if (!file || file.state === 'done' || file.state === 'failed') return { result: undefined, entries: [] };
      await manager.query(`UPDATE bank_file SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`, [bankFileId, error]);
      return {
        result: undefined,
        entries: [
          { actor: SYSTEM_ACTOR, agencyId: file.agency_id, action: 'bank_file.build_failed', entityType: 'bank_file', entityId: bankFileId, before: { state: file.state }, after: { state: 'failed', error } },
        ],
      };
    });
  }
}
