import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode, DecisionOutcome, DecisionState, RejectionReason } from '@mizan/domain';

/**
 * A funding decision on one application. Proposed until a second officer
 * confirms it (or confirmed at once when none is needed); the database refuses
 * a confirmation by the proposer and any change to a final decision.
 */
@Entity({ name: 'funding_decision' })
export class FundingDecision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_funding_decision' }) id!: string;
  @Column({ type: 'uuid', name: 'application_id' }) applicationId!: string;
  @Column({ type: 'uuid', name: 'call_id' }) callId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text' }) outcome!: DecisionOutcome;
  @Column({ type: 'text' }) state!: DecisionState;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  @Column({ type: 'text', nullable: true }) conditions!: string | null;
  @Column({ type: 'text', array: true, name: 'rejection_reasons' }) rejectionReasons!: RejectionReason[];
  @Column({ type: 'text', name: 'rejection_note', nullable: true }) rejectionNote!: string | null;
  @Column({ type: 'text' }) rationale!: string;
  @Column({ type: 'uuid', name: 'proposed_by' }) proposedBy!: string;
  @Column({ type: 'timestamptz', name: 'proposed_at' }) proposedAt!: Date;
  @Column({ type: 'uuid', name: 'confirmed_by', nullable: true }) confirmedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  @Column({ type: 'uuid', name: 'cancelled_by', nullable: true }) cancelledBy!: string | null;
  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'text', name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
}
