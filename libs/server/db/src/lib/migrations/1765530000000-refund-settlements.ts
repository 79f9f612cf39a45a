import { MigrationInterface, QueryRunner } from 'typeorm';
import { revokeFromRuntime } from './runtime-role';

/**
 * Refunds (issue 11, verification): each settlement of a grant's refund
 * receivable — a repayment received, or an offset against a tranche not yet
 * requested (that tranche is then paid net: amount − offsets). Append-only;
 * each names the ledger entry that booked it. See docs/verification.md.
 */
export class RefundSettlements1765530000000 implements MigrationInterface {
  name = 'RefundSettlements1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refund_settlement (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        grant_id uuid NOT NULL,
        kind text NOT NULL,
        amount_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        settled_on date NOT NULL,
        reference text,
        tranche_id uuid,
        note text NOT NULL DEFAULT '',
        journal_entry_id uuid NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_refund_settlement PRIMARY KEY (id),
        CONSTRAINT fk_refund_settlement_agency FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT fk_refund_settlement_grant FOREIGN KEY (grant_id) REFERENCES grant_award (id),
        CONSTRAINT fk_refund_settlement_tranche FOREIGN KEY (tranche_id) REFERENCES tranche (id),
        CONSTRAINT fk_refund_settlement_entry FOREIGN KEY (journal_entry_id) REFERENCES journal_entry (id),
        CONSTRAINT fk_refund_settlement_recorded_by FOREIGN KEY (recorded_by) REFERENCES app_user (id),
        CONSTRAINT uq_refund_settlement_entry UNIQUE (journal_entry_id),
        CONSTRAINT ck_refund_settlement_kind CHECK (kind IN ('repaid','offset')),
        CONSTRAINT ck_refund_settlement_amount CHECK (amount_minor > 0),
        CONSTRAINT ck_refund_settlement_target CHECK ((kind = 'offset') = (tranche_id IS NOT NULL)),
        CONSTRAINT ck_refund_settlement_reference CHECK (kind <> 'repaid' OR reference IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_refund_settlement_grant ON refund_settlement (grant_id, recorded_at)`);
    await q.query(`CREATE INDEX ix_refund_settlement_tranche ON refund_settlement (tranche_id) WHERE tranche_id IS NOT NULL`);
    await revokeFromRuntime(q, 'UPDATE, DELETE', 'refund_settlement');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refund_settlement`);
  }
}
