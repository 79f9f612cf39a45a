import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FinanceSettingsView, UpdateFinanceSettingsRequest } from '@mizan/contracts';
import { checkIban } from '@mizan/domain';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { TrailService } from '@mizan/server/trail';
import { invalid } from './finance-errors';

/** The defaults of the migration: 100,000.00 in the payment's currency needs a second approver; three people. */
const DEFAULTS: FinanceSettingsView = { secondApprovalThresholdMinor: '10000000', threePeople: true, agencyName: null, agencyIban: null, agencyBic: null };
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

interface SettingsRow {
  second_approval_threshold_minor: string;
  three_people: boolean;
  agency_name: string | null;
  agency_iban: string | null;
  agency_bic: string | null;
}

function toView(row: SettingsRow | undefined): FinanceSettingsView {
  if (!row) return { ...DEFAULTS };
  return {
    secondApprovalThresholdMinor: row.second_approval_threshold_minor,
    threePeople: row.three_people,
    agencyName: row.agency_name,
    agencyIban: row.agency_iban,
    agencyBic: row.agency_bic,
  };
}

/** Per agency: the second-approval threshold, three people or two, and the debtor account of bank files. */
@Injectable()
export class FinanceSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: TrailService,
  ) {}

  async get(auth: AuthenticatedRequestContext): Promise<FinanceSettingsView> {
    const [row] = (await this.dataSource.query(
      `SELECT second_approval_threshold_minor::text AS second_approval_threshold_minor, three_people, agency_name, agency_iban, agency_bic
         FROM finance_settings WHERE agency_id = $1`,
      [auth.user.agencyId],
    )) as SettingsRow[];
    return toView(row);
  }

  async update(auth: AuthenticatedRequestContext, request: UpdateFinanceSettingsRequest): Promise<FinanceSettingsView> {
    const reason = request.reason.trim();
    if (!reason) throw invalid('reason', 'say why the settings change');
    const agencyName = request.agencyName?.trim() || null;
    let agencyIban: string | null = null;
    if (request.agencyIban?.trim()) {
      const checked = checkIban(request.agencyIban);
      if (!checked.valid) throw invalid('agencyIban', checked.message);
      agencyIban = checked.iban;
    }
    const agencyBic = request.agencyBic?.trim().toUpperCase() || null;
    if (agencyBic && !BIC.test(agencyBic)) throw invalid('agencyBic', 'a BIC is 8 or 11 letters and digits, e.g. HANDSESS');
    const agencyId = auth.user.agencyId;
    await this.trail.record(async (manager) => {
      await manager.query('INSERT INTO finance_settings (agency_id) VALUES ($1) ON CONFLICT (agency_id) DO NOTHING', [agencyId]);
      const [before] = (await manager.query(
        `SELECT second_approval_threshold_minor::text AS second_approval_threshold_minor, three_people, agency_name, agency_iban, agency_bic
           FROM finance_settings WHERE agency_id = $1 FOR UPDATE`,
        [agencyId],
      )) as SettingsRow[];
      await manager.query(
        `UPDATE finance_settings SET second_approval_threshold_minor = $2, three_people = $3, agency_name = $4, agency_iban = $5, agency_bic = $6,
                updated_by = $7, updated_at = now() WHERE agency_id = $1`,
        [agencyId, request.secondApprovalThresholdMinor, request.threePeople, agencyName, agencyIban, agencyBic, auth.user.id],
      );
      const after: FinanceSettingsView = { secondApprovalThresholdMinor: BigInt(request.secondApprovalThresholdMinor).toString(), threePeople: request.threePeople, agencyName, agencyIban, agencyBic };
      return {
        result: undefined,
        entries: [
          { actor: { id: auth.user.id, label: auth.user.email }, agencyId, action: 'finance_settings.updated', entityType: 'finance_settings', entityId: agencyId, before: toView(before), after, reason },
        ],
      };
    });
    return this.get(auth);
  }
}
