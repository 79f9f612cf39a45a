import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BankFileView, CreateBankFileRequest, ErrorCode, Page } from '@mizan/contracts';
import { CurrencyCode, earliestTodayIso, nextPaymentState } from '@mizan/domain';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { JobName, JobProducer } from '@mizan/server/jobs';
import { assertGrantMayProceed } from '@mizan/server/screening';
import { FileStore } from '@mizan/server/storage';
import { TrailEntry, TrailService } from '@mizan/server/trail';
import { invalid, isoDate } from '../payments/finance-errors';

interface BankFileRow {
  id: string;
  message_id: string;
  execution_date: string;
  state: BankFileView['state'];
  payment_count: number;
  control_sum_minor: string;
  currency: CurrencyCode;
  sha256: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  error: string | null;
  document_id: string | null;
}

const BANK_FILE_SELECT = `
  SELECT f.id, f.message_id, f.execution_date::text AS execution_date, f.state, f.payment_count, f.control_sum_minor::text AS control_sum_minor,
         f.currency, f.sha256, f.created_by, u.display_name AS created_by_name, f.created_at, f.error, f.document_id
    FROM bank_file f JOIN app_user u ON u.id = f.created_by`;

function toView(row: BankFileRow): BankFileView {
  return {
    id: row.id,
    messageId: row.message_id,
    executionDate: row.execution_date,
    state: row.state,
    paymentCount: row.payment_count,
    controlSumMinor: row.control_sum_minor,
    currency: row.currency,
    sha256: row.sha256,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: new Date(row.created_at).toISOString(),
    error: row.error,
  };
}

export const BANK_FILE_MAX_PAYMENTS = 500;
/** A bank file executes at most this many days ahead (banks accept about a year). */
export const BANK_FILE_MAX_DAYS_AHEAD = 366;

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Bank files: finance puts approved payments into one pain.001 credit
 * transfer file. In ONE transaction the file's row is written and every
 * payment gets its bank_file_id and the state sent_to_bank (the database
 * refuses moving a payment to another file); the worker then writes the XML.
 */
@Injectable()
export class BankFilesService {
  private readonly logger = new Logger(BankFilesService.name);
  private readonly files: FileStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
    private readonly jobs: JobProducer,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  async list(auth: AuthenticatedRequestContext, page: number, pageSize: number): Promise<Page<BankFileView>> {
    const [{ total }] = (await this.dataSource.query('SELECT count(*)::int AS total FROM bank_file WHERE agency_id = $1', [auth.user.agencyId])) as { total: number }[];
    const rows = (await this.dataSource.query(`${BANK_FILE_SELECT} WHERE f.agency_id = $1 ORDER BY f.created_at DESC, f.id LIMIT $2 OFFSET $3`, [
      auth.user.agencyId,
      pageSize,
      (page - 1) * pageSize,
    ])) as BankFileRow[];
    return { items: rows.map(toView), page, pageSize, total };
  }

  async get(auth: AuthenticatedRequestContext, bankFileId: string): Promise<BankFileView> {
    return toView(await this.row(auth, bankFileId));
  }

  async create(auth: AuthenticatedRequestContext, request: CreateBankFileRequest): Promise<BankFileView> {
    const executionDate = isoDate('executionDate', request.executionDate);
    const today = earliestTodayIso();
    if (executionDate < today) throw invalid('executionDate', `the execution date ${executionDate} is in the past`);
    const latest = addDaysIso(today, BANK_FILE_MAX_DAYS_AHEAD);
    if (executionDate > latest) throw invalid('executionDate', `the execution date ${executionDate} is more than ${BANK_FILE_MAX_DAYS_AHEAD} days ahead (at most ${latest})`);
    // Ids are compared as the database prints them (lower case): an upper-case UUID names the same payment.
    const ids = [...new Set(request.paymentIds.map((id) => id.toLowerCase()))].sort();
    if (ids.length !== request.paymentIds.length) throw invalid('paymentIds', 'a payment is named twice');
    if (ids.length === 0 || ids.length > BANK_FILE_MAX_PAYMENTS) throw invalid('paymentIds', `name 1 to ${BANK_FILE_MAX_PAYMENTS} payments`);
    const agencyId = auth.user.agencyId;
    const bankFileId = randomUUID();
    await this.trail.record(async (manager) => {
      const [settings] = (await manager.query('SELECT agency_name, agency_iban, agency_bic FROM finance_settings WHERE agency_id = $1', [agencyId])) as {
        agency_name: string | null;
        agency_iban: string | null;
        agency_bic: string | null;
      }[];
      if (!settings?.agency_name || !settings.agency_iban || !settings.agency_bic) {
        throw new MizanException(ErrorCode.DebtorAccountMissing, "Set the agency's account (name, IBAN, BIC) in the finance settings before making a bank file");
      }
      // Locked in id order: two files made at once over the same payments queue up here, and the second sees the first's file.
      const payments = (await manager.query(
        `SELECT p.id, p.state, p.amount_minor::text AS amount_minor, p.currency, p.bank_file_id, g.grant_number, g.state AS grant_state, t.seq, p.grant_id
           FROM payment p JOIN grant_award g ON g.id = p.grant_id JOIN tranche t ON t.id = p.tranche_id
          WHERE p.id = ANY($1::uuid[]) AND p.agency_id = $2 ORDER BY p.id FOR UPDATE OF p`,
        [ids, agencyId],
      )) as { id: string; state: string; amount_minor: string; currency: CurrencyCode; bank_file_id: string | null; grant_number: string; grant_state: string; seq: number; grant_id: string }[];
      const missing = ids.filter((id) => !payments.some((p) => p.id === id));
      if (missing.length > 0) throw new MizanException(ErrorCode.NotFound, `Payment ${missing.join(', ')} was not found`, [{ field: 'paymentIds', message: `not found: ${missing.join(', ')}` }]);
      const inFile = payments.filter((p) => p.bank_file_id !== null);
      if (inFile.length > 0) {
        const names = inFile.map((p) => `${p.grant_number} tranche ${p.seq} (${p.id})`);
        throw new MizanException(ErrorCode.PaymentInBankFile, `Already in a bank file: ${names.join(', ')}`, [{ field: 'paymentIds', message: `already in a bank file: ${inFile.map((p) => p.id).join(', ')}` }]);
      }
      const notApproved = payments.filter((p) => p.state !== 'approved');
      if (notApproved.length > 0) {
        const names = notApproved.map((p) => `${p.grant_number} tranche ${p.seq} is ${p.state}`);
        throw new MizanException(ErrorCode.PaymentTransitionNotAllowed, `Only approved payments go into a bank file: ${names.join(', ')}`, [{ field: 'paymentIds', message: `not approved: ${notApproved.map((p) => p.id).join(', ')}` }]);
      }
      const inactive = payments.filter((p) => p.grant_state !== 'active');
      if (inactive.length > 0) {
        const names = inactive.map((p) => `${p.grant_number} is ${p.grant_state}`);
        throw new MizanException(ErrorCode.PaymentTransitionNotAllowed, `Money leaves only for active grants: ${names.join(', ')}`, [{ field: 'paymentIds', message: `grant not active: ${inactive.map((p) => p.id).join(', ')}` }]);
      }
      // Issue 13: a sanctions match raised after the approval still stops the money before it leaves.
      for (const grantId of [...new Set(payments.map((p) => p.grant_id))].sort()) await assertGrantMayProceed(manager, grantId);
      const currencies = [...new Set(payments.map((p) => p.currency))];
      if (currencies.length > 1) throw invalid('paymentIds', `a bank file holds payments of one currency, not ${currencies.join(', ')}`);
      const controlSum = payments.reduce((sum, p) => sum + BigInt(p.amount_minor), 0n);
      const messageId = `MZ${bankFileId.replace(/-/g, '').toUpperCase()}`.slice(0, 35);
      await manager.query(
        `INSERT INTO bank_file (id, agency_id, message_id, execution_date, state, payment_count, control_sum_minor, currency, created_by)
         VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, $8)`,
        [bankFileId, agencyId, messageId, executionDate, payments.length, controlSum.toString(), currencies[0], auth.user.id],
      );
      const after = nextPaymentState('approved', 'send_to_bank');
      await manager.query(`UPDATE payment SET bank_file_id = $1, state = $3, row_version = row_version + 1 WHERE id = ANY($2::uuid[])`, [bankFileId, ids, after]);
      const actor = { id: auth.user.id, label: auth.user.email };
      const entries: TrailEntry[] = [
        {
          actor,
          agencyId,
          action: 'bank_file.created',
          entityType: 'bank_file',
          entityId: bankFileId,
          after: { messageId, executionDate, paymentIds: ids, paymentCount: payments.length, controlSumMinor: controlSum.toString(), currency: currencies[0] },
        },
        ...payments.map(
          (p): TrailEntry => ({ actor, agencyId, action: 'payment.sent_to_bank', entityType: 'payment', entityId: p.id, before: { state: p.state }, after: { state: after, bankFileId } }),
        ),
      ];
      return { result: undefined, entries };
    });
    try {
      await this.jobs.add({ name: JobName.BankFilePain001, data: { bankFileId } }, bankFileId);
    } catch (error) {
      this.logger.warn(`bank file ${bankFileId} stays queued: ${(error as Error).message}`);
    }
    return this.get(auth, bankFileId);
  }

  /**
   * A file whose build failed (after the worker's last attempt) holds its
   * payments in sent_to_bank with nothing to send: finance releases it, and
   * its payments go back to approved, out of the file (bank_file_id cleared —
   * the database allows that only for a failed file), ready for a new file.
   * The file stays 'failed', on the trail with the reason.
   */
  async release(auth: AuthenticatedRequestContext, bankFileId: string, reason: string): Promise<BankFileView> {
    const text = reason.trim();
    if (!text) throw invalid('reason', 'say why');
    const agencyId = auth.user.agencyId;
    await this.trail.record(async (manager) => {
      const [file] = (await manager.query(`SELECT id, state FROM bank_file WHERE id = $1 AND agency_id = $2 FOR UPDATE`, [bankFileId, agencyId])) as { id: string; state: string }[];
      if (!file) throw MizanException.notFound('Bank file');
      if (file.state !== 'failed') {
        throw MizanException.withParams(ErrorCode.BankFileNotReleasable, `The bank file is ${file.state}: only a file whose build failed can be released`, { state: file.state });
      }
      const payments = (await manager.query(`SELECT id, state FROM payment WHERE bank_file_id = $1 ORDER BY id FOR UPDATE`, [bankFileId])) as { id: string; state: string }[];
      if (payments.length === 0) {
        throw MizanException.withParams(ErrorCode.BankFileNotReleasable, 'The bank file was already released: it holds no payments', { state: file.state, paymentCount: 0 });
      }
      const stuck = payments.filter((p) => p.state !== 'sent_to_bank');
      if (stuck.length > 0) {
        throw MizanException.withParams(ErrorCode.BankFileNotReleasable, `Payments of this file are no longer sent to the bank: ${stuck.map((p) => `${p.id} is ${p.state}`).join(', ')}`, {
          state: file.state,
          paymentIds: stuck.map((p) => p.id).join(','),
        });
      }
      const ids = payments.map((p) => p.id);
      await manager.query(`UPDATE payment SET bank_file_id = NULL, state = 'approved', row_version = row_version + 1 WHERE id = ANY($1::uuid[])`, [ids]);
      await manager.query(`UPDATE bank_file SET error = left(coalesce(error, '') || ' [released]', 1000) WHERE id = $1`, [bankFileId]);
      const actor = { id: auth.user.id, label: auth.user.email };
      const entries: TrailEntry[] = [
        { actor, agencyId, action: 'bank_file.released', entityType: 'bank_file', entityId: bankFileId, before: { state: file.state, paymentIds: ids }, after: { paymentIds: [] }, reason: text },
        ...ids.map(
          (id): TrailEntry => ({
            actor,
            agencyId,
            action: 'payment.released_from_bank_file',
            entityType: 'payment',
            entityId: id,
            before: { state: 'sent_to_bank', bankFileId },
            after: { state: 'approved', bankFileId: null },
            reason: text,
          }),
        ),
      ];
      return { result: undefined, entries };
    });
    return this.get(auth, bankFileId);
  }

  async open(auth: AuthenticatedRequestContext, bankFileId: string): Promise<{ fileName: string; sha256: string; sizeBytes: string; stream: Readable }> {
    const row = await this.row(auth, bankFileId);
    if (row.state !== 'done' || !row.document_id) throw new MizanException(ErrorCode.ExportNotReady, `The bank file is ${row.state}: it can be downloaded once it is built`);
    const [document] = (await this.dataSource.query('SELECT file_name, storage_key, sha256, size_bytes::text AS size_bytes FROM stored_document WHERE id = $1', [row.document_id])) as {
      file_name: string;
      storage_key: string;
      sha256: string;
      size_bytes: string;
    }[];
    return { fileName: document.file_name, sha256: document.sha256, sizeBytes: document.size_bytes, stream: await this.files.open(document.storage_key) };
  }

  private async row(auth: AuthenticatedRequestContext, bankFileId: string): Promise<BankFileRow> {
    const [row] = (await this.dataSource.query(`${BANK_FILE_SELECT} WHERE f.id = $1 AND f.agency_id = $2`, [bankFileId, auth.user.agencyId])) as BankFileRow[];
    if (!row) throw MizanException.notFound('Bank file');
    return row;
  }
}
