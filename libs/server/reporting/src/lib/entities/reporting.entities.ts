import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CurrencyCode, RedFlagCode, RedFlagSeverity } from '@mizan/domain';
import type {
  ExpenditureLineState,
  LineMessageKind,
  MonitoringKind,
  MonitoringOutcome,
  MonitoringPolicy,
  SecurityLevel,
  VisitChecklistItem,
  NarrativeContent,
  PaymentMethod,
  RateSource,
  RedFlagRunReason,
  RedFlagRunState,
  RedFlagState,
  ReportFilePurpose,
  ReportState,
} from '@mizan/contracts';

/** Per agency: red-flag thresholds (overrides of DEFAULT_RED_FLAG_SETTINGS, as JSON) and reminder timing. */
@Entity({ name: 'reporting_settings' })
export class ReportingSettings {
  @PrimaryColumn({ type: 'uuid', name: 'agency_id', primaryKeyConstraintName: 'pk_reporting_settings' }) agencyId!: string;
  /** Overrides only; bigint thresholds as decimal strings of minor units. See red-flag-settings.ts. */
  @Column({ type: 'jsonb', name: 'red_flags' }) redFlags!: Record<string, unknown>;
  @Column({ type: 'smallint', name: 'reminder_days_before' }) reminderDaysBefore!: number;
  @Column({ type: 'smallint', name: 'overdue_reminder_every_days' }) overdueReminderEveryDays!: number;
  /** Per security level: the monitoring a grant needs and how often (days). */
  @Column({ type: 'jsonb', name: 'monitoring_policy' }) monitoringPolicy!: MonitoringPolicy;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}

/** A report for one reporting-schedule item: the financial lines and the narrative part, submitted and accepted as a whole. */
@Entity({ name: 'grant_report' })
export class GrantReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_report' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'uuid', name: 'report_due_id' }) reportDueId!: string;
  @Column({ type: 'date', name: 'period_from' }) periodFrom!: string;
  @Column({ type: 'date', name: 'period_to' }) periodTo!: string;
  @Column({ type: 'text' }) state!: ReportState;
  @Column({ type: 'jsonb' }) narrative!: NarrativeContent;
  @Column({ type: 'integer', name: 'submission_count' }) submissionCount!: number;
  @Column({ type: 'uuid', name: 'submitted_by', nullable: true }) submittedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'uuid', name: 'returned_by', nullable: true }) returnedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true }) returnedAt!: Date | null;
  @Column({ type: 'text', name: 'return_reason', nullable: true }) returnReason!: string | null;
  @Column({ type: 'uuid', name: 'accepted_by', nullable: true }) acceptedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  @Column({ type: 'text', name: 'accept_note', nullable: true }) acceptNote!: string | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}

/** One expenditure claimed in a report. Never deleted: a draft line is removed by setting removed_at. */
@Entity({ name: 'expenditure_line' })
export class ExpenditureLine {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_expenditure_line' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'uuid', name: 'report_id' }) reportId!: string;
  @Column({ type: 'integer' }) seq!: number;
  /** Chosen by the client (a line typed offline keeps it), so sending the same line twice stores it once. */
  @Column({ type: 'uuid', name: 'client_id', nullable: true }) clientId!: string | null;
  @Column({ type: 'date', name: 'spent_on' }) spentOn!: string;
  @Column({ type: 'text', name: 'budget_line_id' }) budgetLineId!: string;
  @Column({ type: 'text' }) supplier!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor!: string;
  @Column({ type: 'char', length: 3 }) currency!: CurrencyCode;
  /** 1 unit of the line currency = rate units of the grant currency; null when they are the same. */
  @Column({ type: 'numeric', precision: 24, scale: 12, nullable: true }) rate!: string | null;
  @Column({ type: 'text', name: 'rate_source' }) rateSource!: RateSource;
  @Column({ type: 'text', name: 'rate_note', nullable: true }) rateNote!: string | null;
  @Column({ type: 'bigint', name: 'grant_amount_minor' }) grantAmountMinor!: string;
  @Column({ type: 'text', name: 'payment_method' }) paymentMethod!: PaymentMethod;
  @Column({ type: 'text' }) state!: ExpenditureLineState;
  /** Grant-currency minor units found ineligible (0 … grant_amount_minor). */
  @Column({ type: 'bigint', name: 'ineligible_minor' }) ineligibleMinor!: string;
  @Column({ type: 'text', name: 'ineligible_reason', nullable: true }) ineligibleReason!: string | null;
  @Column({ type: 'uuid', name: 'verified_by', nullable: true }) verifiedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'verified_at', nullable: true }) verifiedAt!: Date | null;
  /** The ledger entry that posted this line's verification. */
  @Column({ type: 'uuid', name: 'journal_entry_id', nullable: true }) journalEntryId!: string | null;
  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true }) removedAt!: Date | null;
  @Column({ type: 'uuid', name: 'removed_by', nullable: true }) removedBy!: string | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}

/** A receipt of a line, evidence of a narrative report, or a file of a monitoring visit; the bytes are a stored_document. */
@Entity({ name: 'report_file' })
export class ReportFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_report_file' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'uuid', name: 'report_id', nullable: true }) reportId!: string | null;
  @Column({ type: 'uuid', name: 'line_id', nullable: true }) lineId!: string | null;
  @Column({ type: 'uuid', name: 'visit_id', nullable: true }) visitId!: string | null;
  @Column({ type: 'text' }) purpose!: ReportFilePurpose;
  @Column({ type: 'uuid', name: 'document_id' }) documentId!: string;
  @Column({ type: 'text', name: 'file_name' }) fileName!: string;
  @Column({ type: 'text', name: 'content_type' }) contentType!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'bigint', name: 'size_bytes' }) sizeBytes!: string;
  /** From the file's metadata (EXIF), when it has any. */
  @Column({ type: 'timestamptz', name: 'captured_at', nullable: true }) capturedAt!: Date | null;
  @Column({ type: 'double precision', nullable: true }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude!: number | null;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy!: string;
  /** The tus upload the file came from (migration 1765520000000), so finishing it twice stores it once. */
  @Column({ type: 'uuid', name: 'upload_id', nullable: true }) uploadId!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true }) removedAt!: Date | null;
  @Column({ type: 'uuid', name: 'removed_by', nullable: true }) removedBy!: string | null;
}

/** The thread of a line: an officer's question, the grantee's answer. Append-only. */
@Entity({ name: 'line_message' })
export class LineMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_line_message' }) id!: string;
  @Column({ type: 'uuid', name: 'line_id' }) lineId!: string;
  @Column({ type: 'uuid', name: 'report_id' }) reportId!: string;
  @Column({ type: 'uuid', name: 'author_id' }) authorId!: string;
  @Column({ type: 'text' }) kind!: LineMessageKind;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** A finding of the red-flag engine, kept across runs by its fingerprint so a clearance sticks. */
@Entity({ name: 'red_flag' })
export class RedFlagRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_red_flag' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'uuid', name: 'report_id', nullable: true }) reportId!: string | null;
  @Column({ type: 'text' }) code!: RedFlagCode;
  @Column({ type: 'text' }) severity!: RedFlagSeverity;
  @Column({ type: 'text' }) fingerprint!: string;
  @Column({ type: 'uuid', array: true, name: 'line_ids' }) lineIds!: string[];
  @Column({ type: 'jsonb' }) params!: Record<string, unknown>;
  @Column({ type: 'text' }) state!: RedFlagState;
  /** Raised by the latest run; a flag the data no longer supports stays (with its history) but inactive. */
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'timestamptz', name: 'first_raised_at' }) firstRaisedAt!: Date;
  @Column({ type: 'timestamptz', name: 'last_evaluated_at' }) lastEvaluatedAt!: Date;
  @Column({ type: 'uuid', name: 'resolved_by', nullable: true }) resolvedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'text', name: 'resolution_reason', nullable: true }) resolutionReason!: string | null;
  @Column({ type: 'integer', name: 'row_version' }) rowVersion!: number;
}

/** One run of the engine over an agency's lines (progress shown on the red-flags page). */
@Entity({ name: 'red_flag_run' })
export class RedFlagRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_red_flag_run' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text' }) reason!: RedFlagRunReason;
  @Column({ type: 'uuid', name: 'report_id', nullable: true }) reportId!: string | null;
  @Column({ type: 'text' }) state!: RedFlagRunState;
  @Column({ type: 'smallint' }) progress!: number;
  @Column({ type: 'integer', name: 'line_count', nullable: true }) lineCount!: number | null;
  @Column({ type: 'integer', name: 'flag_count', nullable: true }) flagCount!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'uuid', name: 'requested_by', nullable: true }) requestedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}

/** A reminder sent for a report due: the daily job sends each (due, kind, day) once. Append-only. */
@Entity({ name: 'report_reminder' })
export class ReportReminder {
  @PrimaryColumn({ type: 'uuid', name: 'report_due_id', primaryKeyConstraintName: 'pk_report_reminder' }) reportDueId!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_report_reminder' }) kind!: 'upcoming' | 'overdue';
  @PrimaryColumn({ type: 'date', name: 'sent_on', primaryKeyConstraintName: 'pk_report_reminder' }) sentOn!: string;
}

/** A governorate's security level for an agency from a date, with the reason. Append-only: the history. */
@Entity({ name: 'governorate_security_level' })
export class GovernorateSecurityLevel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_governorate_security_level' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', name: 'governorate_code' }) governorateCode!: string;
  @Column({ type: 'text' }) level!: SecurityLevel;
  @Column({ type: 'date', name: 'effective_on' }) effectiveOn!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', name: 'set_by' }) setBy!: string;
  @Column({ type: 'timestamptz', name: 'set_at' }) setAt!: Date;
}

/** A third-party monitor (role monitor) assigned to a grant: the only grants they see. */
@Entity({ name: 'grant_monitor' })
export class GrantMonitor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grant_monitor' }) id!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'uuid', name: 'assigned_by' }) assignedBy!: string;
  @Column({ type: 'timestamptz', name: 'assigned_at' }) assignedAt!: Date;
  @Column({ type: 'uuid', name: 'removed_by', nullable: true }) removedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true }) removedAt!: Date | null;
}

/** A monitoring visit with its checklist and findings. Append-only. */
@Entity({ name: 'monitoring_visit' })
export class MonitoringVisit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_monitoring_visit' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'text' }) kind!: MonitoringKind;
  @Column({ type: 'date', name: 'visited_on' }) visitedOn!: string;
  /** The governorate's level on the visit date. */
  @Column({ type: 'text', name: 'security_level' }) securityLevel!: SecurityLevel;
  @Column({ type: 'jsonb' }) checklist!: VisitChecklistItem[];
  @Column({ type: 'text' }) findings!: string;
  @Column({ type: 'text' }) outcome!: MonitoringOutcome;
  @Column({ type: 'uuid', name: 'recorded_by' }) recordedBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** Every entity of the reporting lib, for the data source. Later migrations of this issue add theirs here. */
export const REPORTING_ENTITIES = [ReportingSettings, GrantReport, ExpenditureLine, ReportFile, LineMessage, RedFlagRecord, RedFlagRun, ReportReminder, GovernorateSecurityLevel, GrantMonitor, MonitoringVisit];
