import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, OffsetRefundRequest, RecordRepaymentRequest, RefundPositionView, RefundSettlementView, can } from '@mizan/contracts';
import { isIsoDate, latestTodayIso, refundOffset, refundRepaid } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { GrantReads, GrantRow, LedgerService, assertId, grantBalances, todayUtc } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { actorOf } from '../acting';

function invalid(field: string, message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, `Invalid ${field}: ${message}`, [{ field, message }]);
}

function positiveMinor(value: string, field: string): bigint {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) throw invalid(field, 'whole minor units as digits');
  const amount = BigInt(value);
  if (amount <= 0n) throw invalid(field, 'AMOUNT_ZERO: more than 0');
  return amount;
}

/**
 * A grant's refund receivable (issue 11): what verification found ineligible,
 * and its settlement — a repayment received (finance, who sees the bank
 * account: Dr refunded / Cr refund_receivable) or an offset against a tranche
 * not yet requested (the officer, who requests tranches: the tranche is then
 * requested net; Dr advance_with_grantee / Cr grant_committed and
 * Dr refunded / Cr refund_receivable). Each settlement, its ledger entry and
 * its trail record commit together. See docs/verification.md.
 */
@Injectable()
export class RefundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly reads: GrantReads,
  ) {}

  async position(auth: AuthenticatedRequestContext, grantId: string): Promise<RefundPositionView> {
    // Staff with grant.read, or an auditor with the grant in an open engagement's scope (issue 12); anyone else 404.
    await this.reads.staffRelation(auth, grantId);
    const grant = await this.reads.ofAgency(auth, grantId);
    return this.positionOf(this.dataSource.manager, grant, auth);
  }

  private async positionOf(manager: EntityManager, grant: GrantRow, auth: AuthenticatedRequestContext): Promise<RefundPositionView> {
    const balances = await grantBalances(manager, grant.id);
    const outstanding = balances['refund_receivable'] ?? 0n;
    const rows = (await manager.query(
      `SELECT s.id, s.kind, s.amount_minor::text AS amount_minor, to_char(s.settled_on, 'YYYY-MM-DD') AS settled_on, s.reference, s.tranche_id, t.seq AS tranche_seq,
              s.note, s.journal_entry_id, s.recorded_by, u.display_name AS recorded_by_name, s.recorded_at
         FROM refund_settlement s JOIN app_user u ON u.id = s.recorded_by LEFT JOIN tranche t ON t.id = s.tranche_id
        WHERE s.grant_id = $1 ORDER BY s.recorded_at, s.id`,
      [grant.id],
    )) as {
      id: string;
      kind: RefundSettlementView['kind'];
      amount_minor: string;
      settled_on: string;
      reference: string | null;
      tranche_id: string | null;
      tranche_seq: number | null;
      note: string;
      journal_entry_id: string;
      recorded_by: string;
      recorded_by_name: string;
      recorded_at: Date;
    }[];
    const settlements: RefundSettlementView[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      amountMinor: r.amount_minor,
      settledOn: r.settled_on,
      reference: r.reference,
      trancheId: r.tranche_id,
      trancheSeq: r.tranche_seq,
      note: r.note,
      journalEntryId: r.journal_entry_id,
      recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
      recordedAt: new Date(r.recorded_at).toISOString(),
    }));
    const repaid = settlements.filter((s) => s.kind === 'repaid').reduce((sum, s) => sum + BigInt(s.amountMinor), 0n);
    const offset = settlements.filter((s) => s.kind === 'offset').reduce((sum, s) => sum + BigInt(s.amountMinor), 0n);
    const tranches = (await manager.query(
      `SELECT t.id, t.seq, to_char(t.planned_on, 'YYYY-MM-DD') AS planned_on, t.amount_minor::text AS amount_minor,
              COALESCE((SELECT sum(s.amount_minor) FROM refund_settlement s WHERE s.tranche_id = t.id AND s.kind = 'offset'), 0)::text AS offset_minor
         FROM tranche t WHERE t.grant_id = $1 AND t.state = 'planned' ORDER BY t.seq`,
      [grant.id],
    )) as { id: string; seq: number; planned_on: string; amount_minor: string; offset_minor: string }[];
    const roles = auth.user.roles();
    return {
      grantId: grant.id,
      currency: grant.currency,
      ineligibleMinor: (outstanding + repaid + offset).toString(),
      repaidMinor: repaid.toString(),
      offsetMinor: offset.toString(),
      outstandingMinor: outstanding.toString(),
      settlements,
      offsetTranches: tranches.map((t) => ({
        id: t.id,
        seq: t.seq,
        plannedOn: t.planned_on,
        amountMinor: t.amount_minor,
        offsetMinor: t.offset_minor,
        netMinor: (BigInt(t.amount_minor) - BigInt(t.offset_minor)).toString(),
      })),
      can: {
        repay: can(roles, 'payment.execute') && outstanding > 0n,
        offset: can(roles, 'payment.request') && outstanding > 0n && grant.state === 'active' && tranches.length > 0,
      },
    };
  }

  private async outstanding(manager: EntityManager, grant: GrantRow, amount: bigint): Promise<bigint> {
    const outstanding = (await grantBalances(manager, grant.id))['refund_receivable'] ?? 0n;
    if (amount > outstanding) {
      throw MizanException.withParams(
        ErrorCode.RefundAboveOutstanding,
        `${amount} is more than the ${outstanding} ${grant.currency} outstanding`,
        { amountMinor: amount.toString(), outstandingMinor: outstanding.toString(), currency: grant.currency },
        [{ field: 'amountMinor', message: `REFUND_ABOVE_OUTSTANDING: at most ${outstanding}` }],
      );
    }
    return outstanding;
  }

  /** Finance records money the grantee paid back. */
  async recordRepayment(auth: AuthenticatedRequestContext, grantId: string, request: RecordRepaymentRequest): Promise<RefundPositionView> {
    const amount = positiveMinor(request.amountMinor, 'amountMinor');
    if (!isIsoDate(request.receivedOn)) throw invalid('receivedOn', 'a date like 2026-11-30');
    if (request.receivedOn > latestTodayIso()) throw invalid('receivedOn', 'DATE_IN_FUTURE: the money cannot have arrived yet');
    const reference = (request.reference ?? '').trim();
    if (!reference) throw invalid('reference', 'give the bank reference of the incoming transfer');
    const note = request.note?.trim() ?? '';
    await this.reads.ofAgency(auth, grantId);
    await this.dataSource.transaction(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      const outstanding = await this.outstanding(manager, g, amount);
      const settlementId = (await manager.query('SELECT gen_random_uuid() AS id')) as { id: string }[];
      const id = settlementId[0].id;
      const { entryId } = await this.ledger.post(manager, {
        agencyId: g.agency_id,
        programId: g.program_id,
        grantId: g.id,
        kind: 'refund_repaid',
        description: `${g.grant_number}: refund repaid (${reference})`,
        effectiveOn: request.receivedOn,
        lines: refundRepaid({ grantId: g.id, currency: g.currency }, amount),
        details: { settlementId: id, reference, receivedOn: request.receivedOn },
        trail: {
          actor: actorOf(auth),
          agencyId: g.agency_id,
          action: 'refund.repaid',
          entityType: 'grant',
          entityId: g.id,
          before: { outstandingMinor: outstanding.toString() },
          after: { settlementId: id, amountMinor: amount.toString(), currency: g.currency, receivedOn: request.receivedOn, reference, outstandingMinor: (outstanding - amount).toString() },
          reason: note || null,
        },
      });
      await manager.query(
        `INSERT INTO refund_settlement (id, agency_id, grant_id, kind, amount_minor, currency, settled_on, reference, note, journal_entry_id, recorded_by)
         VALUES ($1, $2, $3, 'repaid', $4, $5, $6, $7, $8, $9, $10)`,
        [id, g.agency_id, g.id, amount.toString(), g.currency, request.receivedOn, reference, note, entryId, auth.user.id],
      );
    });
    return this.position(auth, grantId);
  }

  /** The officer offsets (part of) the refund against a tranche not yet requested: that tranche is then requested net. */
  async offset(auth: AuthenticatedRequestContext, grantId: string, request: OffsetRefundRequest): Promise<RefundPositionView> {
    const amount = positiveMinor(request.amountMinor, 'amountMinor');
    const reason = (request.reason ?? '').trim();
    if (!reason) throw new MizanException(ErrorCode.ValidationFailed, 'A reason is required', [{ field: 'reason', message: 'A reason is required' }]);
    assertId(request.trancheId, 'Tranche');
    await this.reads.ofAgency(auth, grantId);
    await this.dataSource.transaction(async (manager) => {
      const g = await this.reads.ofAgency(auth, grantId, manager, true);
      if (g.state !== 'active') throw MizanException.withParams(ErrorCode.Conflict, `A ${g.state.replace(/_/g, ' ')} grant pays no tranche`, { state: g.state });
      const [t] = (await manager.query(
        `SELECT id, seq, state, amount_minor::text AS amount_minor FROM tranche WHERE id = $1 AND grant_id = $2 AND state <> 'cancelled' FOR UPDATE`,
        [request.trancheId, g.id],
      )) as { id: string; seq: number; state: string; amount_minor: string }[];
      if (!t) throw MizanException.notFound('Tranche');
      if (t.state !== 'planned') {
        throw MizanException.withParams(ErrorCode.TrancheNotOffsettable, `Tranche ${t.seq} is ${t.state}: only a tranche not yet requested is paid net`, { seq: t.seq, state: t.state }, [
          { field: 'trancheId', message: `TRANCHE_NOT_OFFSETTABLE: tranche ${t.seq} is ${t.state}` },
        ]);
      }
      const outstanding = await this.outstanding(manager, g, amount);
      const [{ already }] = (await manager.query(`SELECT COALESCE(sum(amount_minor), 0)::text AS already FROM refund_settlement WHERE tranche_id = $1 AND kind = 'offset'`, [t.id])) as {
        already: string;
      }[];
      const offsetAfter = BigInt(already) + amount;
      if (offsetAfter >= BigInt(t.amount_minor)) {
        throw MizanException.withParams(
          ErrorCode.OffsetAboveTranche,
          `Offsets of ${offsetAfter} would leave nothing to pay of tranche ${t.seq} (${t.amount_minor})`,
          { seq: t.seq, amountMinor: t.amount_minor, offsetMinor: offsetAfter.toString() },
          [{ field: 'amountMinor', message: `OFFSET_ABOVE_TRANCHE: less than ${BigInt(t.amount_minor) - BigInt(already)}` }],
        );
      }
      const [{ id }] = (await manager.query('SELECT gen_random_uuid() AS id')) as { id: string }[];
      const today = todayUtc();
      const { entryId } = await this.ledger.post(manager, {
        agencyId: g.agency_id,
        programId: g.program_id,
        grantId: g.id,
        kind: 'refund_offset',
        description: `${g.grant_number}: refund offset against tranche ${t.seq}`,
        effectiveOn: today,
        lines: refundOffset({ grantId: g.id, currency: g.currency }, amount),
        details: { settlementId: id, trancheId: t.id, trancheSeq: t.seq, trancheNetMinor: (BigInt(t.amount_minor) - offsetAfter).toString() },
        trail: {
          actor: actorOf(auth),
          agencyId: g.agency_id,
          action: 'refund.offset',
          entityType: 'grant',
          entityId: g.id,
          before: { outstandingMinor: outstanding.toString(), trancheOffsetMinor: already },
          after: {
            settlementId: id,
            amountMinor: amount.toString(),
            currency: g.currency,
            trancheId: t.id,
            trancheSeq: t.seq,
            trancheOffsetMinor: offsetAfter.toString(),
            trancheNetMinor: (BigInt(t.amount_minor) - offsetAfter).toString(),
            outstandingMinor: (outstanding - amount).toString(),
          },
          reason,
        },
      });
      await manager.query(
        `INSERT INTO refund_settlement (id, agency_id, grant_id, kind, amount_minor, currency, settled_on, tranche_id, note, journal_entry_id, recorded_by)
         VALUES ($1, $2, $3, 'offset', $4, $5, $6, $7, $8, $9, $10)`,
        [id, g.agency_id, g.id, amount.toString(), g.currency, today, t.id, reason, entryId, auth.user.id],
      );
      await manager.query('UPDATE tranche SET row_version = row_version + 1 WHERE id = $1', [t.id]);
    });
    return this.position(auth, grantId);
  }
}
