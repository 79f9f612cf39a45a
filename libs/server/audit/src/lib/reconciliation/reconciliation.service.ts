import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CurrencyCode } from '@mizan/domain';
import type { ReconciliationDifference, ReconciliationLine, ReconciliationView } from '@mizan/contracts';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { AuditAccess, EngagementRow } from '../audit-access';

/**
 * The difference codes of the ledger reconciliation (the web translates `audit.difference.<code>`).
 * Params are strings: ids in full, amounts in minor units with the currency on the difference.
 */
export const RECONCILIATION_DIFFERENCE_CODES = [
  /** A payment recorded paid with a bank reference has no payment_paid posting on the ledger. params: paymentId, bankReference, recordedMinor */
  'payment_not_on_ledger',
  /** The ledger holds a payment_paid posting for a payment that is not recorded paid with a bank reference. params: paymentId, entryIds, ledgerMinor, paymentState */
  'payment_ledger_without_record',
  /** The ledger's paid amount and the payment's recorded amount differ. params: paymentId, bankReference, ledgerMinor, recordedMinor, entryIds */
  'payment_amount_differs',
  /** A verified expenditure line has no verified_expenditure posting. params: lineId, lineSeq, acceptedMinor */
  'expenditure_line_not_on_ledger',
  /** verified_expenditure postings that no verified line (nor audit refund) names. params: entryId, ledgerMinor */
  'expenditure_ledger_without_line',
  /** A line's accepted amount and its verified_expenditure posting differ. params: lineId, lineSeq, acceptedMinor, ledgerMinor, entryId */
  'expenditure_amount_differs',
  /** Refunds due on the ledger (refund_receivable + refunded) do not match what caused them (ineligible lines, confirmed audit refunds). params: ledgerMinor, sourcesMinor */
  'refund_due_unexplained',
  /** A refund settlement whose ledger entry does not move the same amount into `refunded`. params: settlementId, kind, recordedMinor, ledgerMinor, entryId */
  'refund_settlement_differs',
  /** `refunded` on the ledger differs from the settlements recorded. params: ledgerMinor, settledMinor */
  'refunded_ledger_differs',
  /** Refunds due that have not been received yet (information, not an error). params: dueMinor, receivedMinor, outstandingMinor */
  'refund_outstanding',
] as const;
export type ReconciliationDifferenceCode = (typeof RECONCILIATION_DIFFERENCE_CODES)[number];

/** Codes that say where the books and the records disagree (refund_outstanding is only money still owed). */
const INFORMATIONAL: readonly ReconciliationDifferenceCode[] = ['refund_outstanding'];

interface GrantRow {
  id: string;
  grant_number: string;
  currency: CurrencyCode;
}

const s = (value: bigint): string => value.toString();

/**
 * The ledger reconciliation of an engagement's scope (docs/audit.md, "Reconciliation"), per grant:
 *  1. payments on the ledger (the advance_with_grantee debits of payment_paid entries, net of their reversals)
 *     vs payments recorded paid with a bank reference (payment.state = 'paid', amount in the grant currency);
 *  2. verified expenditure on the ledger (the verified_expenditure balance) vs the accepted amounts of the
 *     verified lines (grant_amount_minor − ineligible_minor of lines accepted or ineligible, not removed),
 *     each line against the postings of the entry it names; audit refunds that move verified money to a
 *     receivable are explained by their finding;
 *  3. refunds due (refund_receivable + refunded) vs received (refund_settlement repaid + offsets).
 * Every difference is listed with the payment, line, entry or settlement it is about. Reads only; the same
 * data gives the same view (ordered by grant number, then by the ids), apart from `asOf`.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AuditAccess,
  ) {}

  async forEngagement(auth: AuthenticatedRequestContext, engagementId: string): Promise<ReconciliationView> {
    const { engagement } = await this.access.engagement(auth, engagementId);
    return this.reconcile(engagement);
  }

  async reconcile(engagement: Pick<EngagementRow, 'id' | 'agency_id' | 'scope_kind' | 'scope_id'>, manager: EntityManager = this.dataSource.manager): Promise<ReconciliationView> {
    const grantIds = await this.access.scopeGrantIds(engagement, manager);
    const grants = (await manager.query(`SELECT id, grant_number, currency FROM grant_award WHERE id = ANY($1::uuid[]) ORDER BY grant_number, id`, [grantIds])) as GrantRow[];
    const lines: ReconciliationLine[] = [];
    const differences: ReconciliationDifference[] = [];
    if (grants.length > 0) {
      const ids = grants.map((g) => g.id);
      const payments = await this.payments(manager, ids);
      const expenditure = await this.expenditure(manager, ids);
      const refunds = await this.refunds(manager, ids);
      for (const g of grants) {
        for (const part of [payments, expenditure, refunds]) {
          const result = part(g);
          lines.push(result.line);
          differences.push(...result.differences);
        }
      }
    }
    return {
      engagementId: engagement.id,
      asOf: new Date().toISOString(),
      lines,
      differences,
      balanced: differences.every((d) => INFORMATIONAL.includes(d.code as ReconciliationDifferenceCode)),
    };
  }

  private async payments(manager: EntityManager, grantIds: string[]): Promise<(g: GrantRow) => Part> {
    const ledger = (await manager.query(
      `SELECT a.scope_id AS grant_id, COALESCE(e.payment_id, o.payment_id) AS payment_id, sum(p.amount_minor)::text AS ledger,
              array_agg(DISTINCT e.id::text ORDER BY e.id::text) AS entry_ids
         FROM posting p
         JOIN ledger_account a ON a.id = p.account_id AND a.code = 'advance_with_grantee' AND a.scope_id = ANY($1::uuid[])
         JOIN journal_entry e ON e.id = p.entry_id
         LEFT JOIN journal_entry o ON o.id = e.reverses_entry_id
        WHERE e.kind = 'payment_paid' OR o.kind = 'payment_paid'
        GROUP BY 1, 2`,
      [grantIds],
    )) as { grant_id: string; payment_id: string | null; ledger: string; entry_ids: string[] }[];
    const recorded = (await manager.query(
      `SELECT id, grant_id, state, amount_minor::text AS amount, bank_reference FROM payment WHERE grant_id = ANY($1::uuid[]) ORDER BY id`,
      [grantIds],
    )) as { id: string; grant_id: string; state: string; amount: string; bank_reference: string | null }[];
    return (g) => {
      const differences: ReconciliationDifference[] = [];
      const onLedger = new Map(ledger.filter((r) => r.grant_id === g.id).map((r) => [r.payment_id ?? '', r]));
      const paid = recorded.filter((r) => r.grant_id === g.id && r.state === 'paid' && r.bank_reference);
      let left = 0n;
      let right = 0n;
      for (const r of onLedger.values()) left += BigInt(r.ledger);
      const diff = (code: ReconciliationDifferenceCode, entityType: string, entityId: string | null, amount: bigint, params: Record<string, string>) =>
        differences.push({ check: 'payments_ledger_vs_bank', grantId: g.id, grantNumber: g.grant_number, code, params, entityType, entityId, amountMinor: s(amount), currency: g.currency });
      for (const p of paid) {
        const amount = BigInt(p.amount);
        right += amount;
        const l = onLedger.get(p.id);
        onLedger.delete(p.id);
        const ledgerAmount = l ? BigInt(l.ledger) : 0n;
        if (!l || ledgerAmount === 0n) {
          diff('payment_not_on_ledger', 'payment', p.id, amount, { paymentId: p.id, bankReference: p.bank_reference as string, recordedMinor: p.amount });
        } else if (ledgerAmount !== amount) {
          diff('payment_amount_differs', 'payment', p.id, ledgerAmount - amount, {
            paymentId: p.id,
            bankReference: p.bank_reference as string,
            ledgerMinor: l.ledger,
            recordedMinor: p.amount,
            entryIds: l.entry_ids.join(','),
          });
        }
      }
      for (const [paymentId, l] of [...onLedger].sort(([a], [b]) => a.localeCompare(b))) {
        if (BigInt(l.ledger) === 0n) continue; // paid and reversed: nothing stands
        const state = recorded.find((r) => r.id === paymentId)?.state ?? 'missing';
        diff('payment_ledger_without_record', paymentId ? 'payment' : 'journal_entry', paymentId || l.entry_ids[0], BigInt(l.ledger), {
          paymentId,
          entryIds: l.entry_ids.join(','),
          ledgerMinor: l.ledger,
          paymentState: state,
        });
      }
      return { line: { check: 'payments_ledger_vs_bank', grantId: g.id, grantNumber: g.grant_number, currency: g.currency, leftMinor: s(left), rightMinor: s(right), differenceMinor: s(left - right) }, differences };
    };
  }

  private async expenditure(manager: EntityManager, grantIds: string[]): Promise<(g: GrantRow) => Part> {
    // verified_expenditure postings per originating entry (a reversal counts for the entry it reverses).
    const ledger = (await manager.query(
      `SELECT a.scope_id AS grant_id, COALESCE(e.reverses_entry_id, e.id) AS entry_id, sum(p.amount_minor)::text AS ledger
         FROM posting p
         JOIN ledger_account a ON a.id = p.account_id AND a.code = 'verified_expenditure' AND a.scope_id = ANY($1::uuid[])
         JOIN journal_entry e ON e.id = p.entry_id
        GROUP BY 1, 2`,
      [grantIds],
    )) as { grant_id: string; entry_id: string; ledger: string }[];
    const balances = (await manager.query(
      `SELECT a.scope_id AS grant_id, sum(b.balance_minor)::text AS balance FROM ledger_account a JOIN account_balance b ON b.account_id = a.id
        WHERE a.code = 'verified_expenditure' AND a.scope_id = ANY($1::uuid[]) GROUP BY 1`,
      [grantIds],
    )) as { grant_id: string; balance: string }[];
    const verified = (await manager.query(
      `SELECT id, grant_id, seq, (grant_amount_minor - ineligible_minor)::text AS accepted, journal_entry_id
         FROM expenditure_line WHERE grant_id = ANY($1::uuid[]) AND removed_at IS NULL AND state IN ('accepted', 'ineligible') ORDER BY id`,
      [grantIds],
    )) as { id: string; grant_id: string; seq: number; accepted: string; journal_entry_id: string | null }[];
    const auditRefunds = (await manager.query(
      `SELECT grant_id, refund_journal_entry_id AS entry_id FROM audit_finding WHERE grant_id = ANY($1::uuid[]) AND refund_journal_entry_id IS NOT NULL`,
      [grantIds],
    )) as { grant_id: string; entry_id: string }[];
    return (g) => {
      const differences: ReconciliationDifference[] = [];
      const byEntry = new Map(ledger.filter((r) => r.grant_id === g.id).map((r) => [r.entry_id, BigInt(r.ledger)]));
      const left = BigInt(balances.find((b) => b.grant_id === g.id)?.balance ?? '0');
      let right = 0n;
      const diff = (code: ReconciliationDifferenceCode, entityType: string, entityId: string | null, amount: bigint, params: Record<string, string>) =>
        differences.push({ check: 'expenditure_ledger_vs_lines', grantId: g.id, grantNumber: g.grant_number, code, params, entityType, entityId, amountMinor: s(amount), currency: g.currency });
      for (const line of verified.filter((l) => l.grant_id === g.id)) {
        const accepted = BigInt(line.accepted);
        right += accepted;
        const posted = line.journal_entry_id ? byEntry.get(line.journal_entry_id) : undefined;
        if (line.journal_entry_id) byEntry.delete(line.journal_entry_id);
        if (posted === undefined) {
          if (accepted !== 0n) diff('expenditure_line_not_on_ledger', 'expenditure_line', line.id, accepted, { lineId: line.id, lineSeq: String(line.seq), acceptedMinor: line.accepted });
        } else if (posted !== accepted) {
          diff('expenditure_amount_differs', 'expenditure_line', line.id, posted - accepted, {
            lineId: line.id,
            lineSeq: String(line.seq),
            acceptedMinor: line.accepted,
            ledgerMinor: s(posted),
            entryId: line.journal_entry_id as string,
          });
        }
      }
      // An audit refund confirmed on a finding may move verified money to the receivable: explained by the finding.
      for (const r of auditRefunds.filter((x) => x.grant_id === g.id)) {
        const moved = byEntry.get(r.entry_id);
        if (moved !== undefined) {
          right += moved;
          byEntry.delete(r.entry_id);
        }
      }
      for (const [entryId, amount] of [...byEntry].sort(([a], [b]) => a.localeCompare(b))) {
        if (amount === 0n) continue;
        diff('expenditure_ledger_without_line', 'journal_entry', entryId, amount, { entryId, ledgerMinor: s(amount) });
      }
      return { line: { check: 'expenditure_ledger_vs_lines', grantId: g.id, grantNumber: g.grant_number, currency: g.currency, leftMinor: s(left), rightMinor: s(right), differenceMinor: s(left - right) }, differences };
    };
  }

  private async refunds(manager: EntityManager, grantIds: string[]): Promise<(g: GrantRow) => Part> {
    const balances = (await manager.query(
      `SELECT a.scope_id AS grant_id, a.code, sum(b.balance_minor)::text AS balance FROM ledger_account a JOIN account_balance b ON b.account_id = a.id
        WHERE a.code IN ('refund_receivable', 'refunded') AND a.scope_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      [grantIds],
    )) as { grant_id: string; code: 'refund_receivable' | 'refunded'; balance: string }[];
    const lineSources = (await manager.query(
      `SELECT grant_id, sum(ineligible_minor)::text AS total FROM expenditure_line
        WHERE grant_id = ANY($1::uuid[]) AND removed_at IS NULL AND state IN ('accepted', 'ineligible') AND journal_entry_id IS NOT NULL GROUP BY 1`,
      [grantIds],
    )) as { grant_id: string; total: string }[];
    // Audit refunds: what their entries put into refund_receivable.
    const auditSources = (await manager.query(
      `SELECT f.grant_id, sum(p.amount_minor)::text AS total FROM audit_finding f
         JOIN posting p ON p.entry_id = f.refund_journal_entry_id
         JOIN ledger_account a ON a.id = p.account_id AND a.code = 'refund_receivable' AND a.scope_id = f.grant_id
        WHERE f.grant_id = ANY($1::uuid[]) GROUP BY 1`,
      [grantIds],
    )) as { grant_id: string; total: string }[];
    const settlements = (await manager.query(
      `SELECT s.id, s.grant_id, s.kind, s.amount_minor::text AS amount, s.journal_entry_id,
              COALESCE((SELECT sum(p.amount_minor) FROM posting p JOIN ledger_account a ON a.id = p.account_id AND a.code = 'refunded' AND a.scope_id = s.grant_id
                         WHERE p.entry_id = s.journal_entry_id), 0)::text AS ledger
         FROM refund_settlement s WHERE s.grant_id = ANY($1::uuid[]) ORDER BY s.id`,
      [grantIds],
    )) as { id: string; grant_id: string; kind: string; amount: string; journal_entry_id: string; ledger: string }[];
    return (g) => {
      const differences: ReconciliationDifference[] = [];
      const balance = (code: 'refund_receivable' | 'refunded') => BigInt(balances.find((b) => b.grant_id === g.id && b.code === code)?.balance ?? '0');
      const receivable = balance('refund_receivable');
      const refunded = balance('refunded');
      const due = receivable + refunded;
      const sources = BigInt(lineSources.find((r) => r.grant_id === g.id)?.total ?? '0') + BigInt(auditSources.find((r) => r.grant_id === g.id)?.total ?? '0');
      const diff = (code: ReconciliationDifferenceCode, entityType: string, entityId: string | null, amount: bigint, params: Record<string, string>) =>
        differences.push({ check: 'refunds_due_vs_received', grantId: g.id, grantNumber: g.grant_number, code, params, entityType, entityId, amountMinor: s(amount), currency: g.currency });
      if (due !== sources) diff('refund_due_unexplained', 'grant', g.id, due - sources, { ledgerMinor: s(due), sourcesMinor: s(sources) });
      let received = 0n;
      for (const st of settlements.filter((x) => x.grant_id === g.id)) {
        const amount = BigInt(st.amount);
        received += amount;
        if (BigInt(st.ledger) !== amount) {
          diff('refund_settlement_differs', 'refund_settlement', st.id, BigInt(st.ledger) - amount, {
            settlementId: st.id,
            kind: st.kind,
            recordedMinor: st.amount,
            ledgerMinor: st.ledger,
            entryId: st.journal_entry_id,
          });
        }
      }
      if (refunded !== received) diff('refunded_ledger_differs', 'grant', g.id, refunded - received, { ledgerMinor: s(refunded), settledMinor: s(received) });
      if (due > received) diff('refund_outstanding', 'grant', g.id, due - received, { dueMinor: s(due), receivedMinor: s(received), outstandingMinor: s(due - received) });
      return { line: { check: 'refunds_due_vs_received', grantId: g.id, grantNumber: g.grant_number, currency: g.currency, leftMinor: s(due), rightMinor: s(received), differenceMinor: s(due - received) }, differences };
    };
  }
}

interface Part {
  line: ReconciliationLine;
  differences: ReconciliationDifference[];
}
