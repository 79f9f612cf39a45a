import { ApiErrorBody, ErrorCode, GrantContent, GrantPaths, GrantSummaryView, GrantVersionView, GrantView, GrantableDecisionView, Page } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { createCall } from '../intake/applications/applications.fixtures';
import { setCallMoney } from '../decisions/decisions.fixtures';
import { APPROVED, GrantWorld, MODERATE_ANSWERS, SIGNATORY_NAME, Tokens, activeGrant, confirmedApproval, grantWorld, signedGrant } from './grants.fixtures';

/*
 * Grants on the real database: from a confirmed approval to a released
 * tranche, with who may do what, bad input, amendments and concurrency.
 * Amounts in SEK minor units: the approval is 750,000.00 SEK.
 */

describe('grants: draft → risk → signature → countersignature → release', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'comember' | 'partner' | 'southOfficer' | 'southApplicant' | 'finance' | 'reviewer', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('grants', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.comember = await api.signIn(w.coMemberEmail);
    t.partner = await api.signIn('partner@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.reviewer = await api.signIn('reviewer@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    t.southApplicant = await api.signIn('applicant@south.test');
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', path: string, cookie: string, body?: unknown, headers?: Record<string, string>) =>
    api.request(method, path, { cookie, body, headers });

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await api.dataSource.query(sql, params)) as { n: number }[];
    return Number(row.n);
  }

  /** Everything a failed request must leave untouched. */
  async function footprint(grantId: string) {
    return {
      versions: await count('SELECT count(*)::int AS n FROM grant_version WHERE grant_id = $1', [grantId]),
      tranches: (await api.dataSource.query('SELECT id, seq, state, amount_minor::text, row_version FROM tranche WHERE grant_id = $1 ORDER BY id', [grantId])) as unknown[],
      payments: await count('SELECT count(*)::int AS n FROM payment WHERE grant_id = $1', [grantId]),
      entries: await count('SELECT count(*)::int AS n FROM journal_entry WHERE grant_id = $1', [grantId]),
      trail: await count('SELECT count(*)::int AS n FROM activity_record'),
      grant: ((await api.dataSource.query('SELECT state, row_version, current_version FROM grant_award WHERE id = $1', [grantId])) as unknown[])[0],
    };
  }

  async function balances(grantId: string): Promise<Record<string, string>> {
    const rows = (await api.dataSource.query(
      `SELECT a.code, b.balance_minor::text AS balance FROM ledger_account a JOIN account_balance b ON b.account_id = a.id WHERE a.scope_id = $1`,
      [grantId],
    )) as { code: string; balance: string }[];
    return Object.fromEntries(rows.map((r) => [r.code, r.balance]));
  }

  const error = (response: { json<T>(): T }) => response.json<ApiErrorBody>();
  const fieldText = (response: { json<T>(): T }) => (error(response).fields ?? []).map((f) => `${f.field} ${f.message}`).join('\n');

  it('runs the whole flow and books the commitment and the request in the ledger', async () => {
    const decisionId = await confirmedApproval(api, w, t.officer);
    const grantable = (await call('GET', GrantPaths.grantable, t.officer)).json<GrantableDecisionView[]>();
    expect(grantable.map((g) => g.decisionId)).toContain(decisionId);

    // Draft: proposed from the frozen application, cut proportionally to the approved amount.
    const created = await call('POST', GrantPaths.fromDecision(decisionId), t.officer, {});
    expect(created.statusCode).toBe(201);
    const draft = created.json<GrantView>();
    expect(draft).toMatchObject({ state: 'draft', amountMinor: APPROVED, currency: 'SEK', payeeIban: 'SE4550000000058398257466', payeeBic: 'ESSESESS', currentVersion: 1 });
    expect(draft.grantNumber).toMatch(/^MZ-\d{4}-\d{4}$/);
    // The grant's governorate (security level, monitoring) is its first activity's.
    expect(await api.dataSource.query('SELECT governorate FROM grant_award WHERE id = $1', [draft.id])).toEqual([{ governorate: 'IQ-BA' }]);
    expect(draft.content.budgetLines.map((l) => [l.id, l.amountMinor])).toEqual([
      ['b1', '45000000'],
      ['b2', '22500000'],
      ['b3', '7500000'],
    ]);
    expect(draft.content.specialConditions).toBe('Quarterly photos of the clinics.');
    expect(draft.content.tranches.map((x) => x.amountMinor)).toEqual(['37500000', '37500000']);
    expect(draft.content.reportingSchedule.map((r) => r.kind)).toEqual(['interim', 'final']);
    // The period starts on the first day of next month and lasts the application's 12 months.
    expect(draft.content.startsOn).toMatch(/-01$/);
    expect(draft.tranches).toHaveLength(2);
    expect((await call('GET', GrantPaths.grantable, t.officer)).json<GrantableDecisionView[]>().map((g) => g.decisionId)).not.toContain(decisionId);
    // One grant per decision.
    expect((await call('POST', GrantPaths.fromDecision(decisionId), t.officer, {})).statusCode).toBe(409);

    // Risk: the officer may tighten, never loosen.
    const looser = await call('PUT', GrantPaths.risk(draft.id), t.officer, { answers: MODERATE_ANSWERS, rating: 'low', modality: 'advance', monitoring: 'desk_review', reason: 'x' });
    expect(looser.statusCode).toBe(400);
    expect(error(looser).code).toBe(ErrorCode.RiskPolicyViolated);
    expect(fieldText(looser)).toContain('RATING_BELOW_ASSESSMENT');
    const highModality = await call('PUT', GrantPaths.risk(draft.id), t.officer, { answers: MODERATE_ANSWERS, rating: 'high', modality: 'advance', monitoring: 'third_party_monitoring', reason: 'x' });
    expect(highModality.statusCode).toBe(400);
    expect(fieldText(highModality)).toContain('MODALITY_NOT_ALLOWED');
    const rated = await call('PUT', GrantPaths.risk(draft.id), t.officer, { answers: MODERATE_ANSWERS, modality: 'advance', monitoring: 'annual_visit', reason: 'Assessment visit in Basra' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json<GrantView>()).toMatchObject({ riskRating: 'moderate', modality: 'advance', monitoring: 'annual_visit' });
    expect(rated.json<GrantView>().riskAssessment?.assessedRating).toBe('moderate');

    // Sending names a member of the organization.
    expect((await call('POST', GrantPaths.send(draft.id), t.officer, { signatoryUserId: w.north.users.officer.id })).statusCode).toBe(400);
    const sent = await call('POST', GrantPaths.send(draft.id), t.officer, { signatoryUserId: w.applicantId });
    expect(sent.statusCode).toBe(200);
    const version = sent.json<GrantView>().currentVersion;

    // The grantee sees it now, with the state of each condition.
    const mine = (await call('GET', GrantPaths.myGrants, t.applicant)).json<Page<GrantSummaryView>>();
    expect(mine.items.map((g) => g.id)).toContain(draft.id);
    const seen = (await call('GET', GrantPaths.myGrant(draft.id), t.applicant)).json<GrantView>();
    expect(seen.actions).toContain('sign');
    expect(seen.riskAssessment).toBeNull();
    expect(seen.tranches[0].conditions.find((c) => c.kind === 'agreement_countersigned')).toMatchObject({ ok: false, reasonCode: 'CONDITION_AGREEMENT_NOT_COUNTERSIGNED' });

    // Signing: the named signatory, re-authenticated, typing their name (diacritics and spacing aside), on the current version.
    expect((await call('POST', GrantPaths.sign(draft.id), t.applicant, { typedName: SIGNATORY_NAME, version })).json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.reauth(t.applicant);
    const wrongName = await call('POST', GrantPaths.sign(draft.id), t.applicant, { typedName: 'Fatima Someone', version });
    expect(wrongName.statusCode).toBe(400);
    expect(error(wrongName).code).toBe(ErrorCode.SignatureNameMismatch);
    expect((await call('POST', GrantPaths.sign(draft.id), t.applicant, { typedName: SIGNATORY_NAME, version: version + 1 })).statusCode).toBe(409);
    const signed = await call('POST', GrantPaths.sign(draft.id), t.applicant, { typedName: '  فاطِمة   الزَّهراء ', version });
    expect(signed.statusCode).toBe(200);
    expect(signed.json<GrantView>()).toMatchObject({ state: 'awaiting_countersignature', signedBy: { id: w.applicantId } });

    // Countersigning commits the amount in the ledger, in the same transaction as its trail record.
    expect((await call('POST', GrantPaths.countersign(draft.id), t.officer, { version })).json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.reauth(t.officer);
    const active = await call('POST', GrantPaths.countersign(draft.id), t.officer, { version });
    expect(active.statusCode).toBe(200);
    expect(active.json<GrantView>().state).toBe('active');
    expect(await balances(draft.id)).toEqual({ grant_committed: APPROVED });
    const [committed] = (await api.dataSource.query(
      `SELECT r.action FROM journal_entry e JOIN activity_record r ON r.seq = e.trail_seq WHERE e.grant_id = $1 AND e.kind = 'grant_committed'`,
      [draft.id],
    )) as { action: string }[];
    expect(committed.action).toBe('grant.countersigned');

    // Tranche 1 is requestable; its request makes a payment and moves the money to "requested".
    const view = (await call('GET', GrantPaths.grant(draft.id), t.officer)).json<GrantView>();
    expect(view.tranches[0]).toMatchObject({ requestable: true, state: 'planned' });
    expect(view.tranches[0].conditions.every((c) => c.ok)).toBe(true);
    const released = await call('POST', GrantPaths.trancheRelease(draft.id, view.tranches[0].id), t.officer, { note: 'First tranche' });
    expect(released.statusCode).toBe(201);
    const { paymentId } = released.json<{ paymentId: string }>();
    const [payment] = (await api.dataSource.query('SELECT state, amount_minor::text AS amount, required_approvals, three_people, requested_by FROM payment WHERE id = $1', [paymentId])) as {
      state: string;
      amount: string;
      required_approvals: number;
      three_people: boolean;
      requested_by: string;
    }[];
    // 375,000.00 SEK is above the default second-approval threshold of 100,000.00 SEK: two finance approvers.
    expect(payment).toMatchObject({ state: 'requested', amount: '37500000', required_approvals: 2, three_people: true, requested_by: w.north.users.officer.id });
    expect(await count('SELECT count(*)::int AS n FROM finance_settings WHERE agency_id = $1', [w.north.agency.id])).toBe(1);
    expect(await balances(draft.id)).toEqual({ grant_committed: '37500000', payment_requested: '37500000' });
    const after = (await call('GET', GrantPaths.myGrant(draft.id), t.applicant)).json<GrantView>();
    expect(after.tranches[0]).toMatchObject({ state: 'requested', paymentId, paymentState: 'requested' });

    // Tranche 2 waits for the report on tranche 1 and its accounting: 422 naming both, nothing written.
    const before = await footprint(draft.id);
    const blocked = await call('POST', GrantPaths.trancheRelease(draft.id, view.tranches[1].id), t.officer, {});
    expect(blocked.statusCode).toBe(422);
    expect(error(blocked).code).toBe(ErrorCode.ReleaseConditionsUnmet);
    expect(error(blocked).message).toContain('previous_report_accepted');
    expect(error(blocked).message).toContain('earlier_tranches_accounted');
    expect(await footprint(draft.id)).toEqual(before);

    const actions = (await api.dataSource.query(`SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [draft.id])) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['grant.created', 'grant.risk_rated', 'grant.sent_for_signature', 'grant.signed', 'grant.countersigned']);
  });

  it('the manual report acceptance records an accounted share: tranche 2 opens when it reaches the policy minimum', async () => {
    const grant = await activeGrant(api, w, t);
    const [first, second] = grant.tranches;
    expect((await call('POST', GrantPaths.trancheRelease(grant.id, first.id), t.officer, {})).statusCode).toBe(201);
    // The payments side pays it (issue 9, payments helper); here the tranche is marked paid directly.
    await api.env.queryAs('owner', `UPDATE tranche SET state = 'paid' WHERE id = $1`, [first.id]);

    // 60 % accounted is below the moderate policy's 70 %.
    const low = await call('POST', GrantPaths.trancheReportAccepted(grant.id, first.id), t.officer, { note: 'Interim report reviewed', accountedMinor: '22500000' });
    expect(low.statusCode).toBe(200);
    const lowView = low.json<GrantView>().tranches[1];
    expect(lowView.conditions.find((c) => c.kind === 'previous_report_accepted')?.ok).toBe(true);
    expect(lowView.conditions.find((c) => c.kind === 'earlier_tranches_accounted')).toMatchObject({ ok: false, reasonCode: 'CONDITION_ACCOUNTED_TOO_LOW', reasonParams: { accountedPercent: '60', minPercent: '70' } });
    const refused = await call('POST', GrantPaths.trancheRelease(grant.id, second.id), t.officer, {});
    expect(refused.statusCode).toBe(422);
    expect(error(refused).message).toContain('earlier_tranches_accounted');
    expect(error(refused).message).not.toContain('previous_report_accepted');

    expect((await call('POST', GrantPaths.trancheReportAccepted(grant.id, first.id), t.officer, { note: 'too much', accountedMinor: '37500001' })).statusCode).toBe(400);
    expect((await call('POST', GrantPaths.trancheReportAccepted(grant.id, first.id), t.officer, { note: 'Final figures', accountedMinor: '30000000' })).statusCode).toBe(200);
    expect((await call('POST', GrantPaths.trancheRelease(grant.id, second.id), t.officer, {})).statusCode).toBe(201);
    const trail = (await api.dataSource.query(`SELECT reason FROM activity_record WHERE entity_id = $1 AND action = 'tranche.report_accepted' ORDER BY seq`, [first.id])) as { reason: string }[];
    expect(trail.map((r) => r.reason)).toEqual(['Interim report reviewed', 'Final figures']);
  });

  it('a failing condition blocks the request and writes nothing: expired due diligence, an open high finding, an unticked custom condition', async () => {
    const grant = await activeGrant(api, w, t);
    const tranche = grant.tranches[0];
    const release = () => call('POST', GrantPaths.trancheRelease(grant.id, tranche.id), t.officer, {});

    await api.env.queryAs('owner', 'UPDATE organization SET dd_expires_on = CURRENT_DATE - 1 WHERE id = $1', [w.organizationId]);
    try {
      const before = await footprint(grant.id);
      const expired = await release();
      expect(expired.statusCode).toBe(422);
      expect(error(expired).message).toContain('due_diligence_valid (CONDITION_DD_EXPIRED)');
      expect(await footprint(grant.id)).toEqual(before);
    } finally {
      await api.env.queryAs('owner', 'UPDATE organization SET dd_expires_on = CURRENT_DATE + 365 WHERE id = $1', [w.organizationId]);
    }

    const raised = await call('POST', GrantPaths.findings(grant.id), t.officer, { priority: 'high', title: 'Unreceipted cash purchases' });
    expect(raised.statusCode).toBe(201);
    const finding = raised.json<GrantView>().findings[0];
    const before = await footprint(grant.id);
    const flagged = await release();
    expect(flagged.statusCode).toBe(422);
    expect(error(flagged).message).toContain('no_open_high_finding');
    expect(await footprint(grant.id)).toEqual(before);
    expect((await call('POST', GrantPaths.closeFinding(grant.id, finding.id), t.officer, { reason: ' ' })).statusCode).toBe(400);
    expect((await call('POST', GrantPaths.closeFinding(grant.id, finding.id), t.officer, { reason: 'Receipts produced' })).statusCode).toBe(200);

    // A custom condition added by amendment must be ticked, with a note, before the release.
    const content: GrantContent = structuredClone(grant.content);
    content.tranches[0].conditions.push({ id: 'site', kind: 'custom', params: { label: 'Clinic site visited' } });
    const amended = await call('POST', GrantPaths.amendments(grant.id), t.officer, { content, reason: 'Site visit before the first payment' });
    expect(amended.statusCode).toBe(201);
    const unticked = await release();
    expect(unticked.statusCode).toBe(422);
    expect(error(unticked).message).toContain('custom (CONDITION_CUSTOM_NOT_TICKED)');
    expect((await call('PUT', GrantPaths.trancheCondition(grant.id, tranche.id), t.officer, { conditionId: 'agreement_countersigned', ticked: true, note: 'n' })).statusCode).toBe(400);
    const ticked = await call('PUT', GrantPaths.trancheCondition(grant.id, tranche.id), t.officer, { conditionId: 'site', ticked: true, note: 'Visited on Monday' });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json<GrantView>().tranches[0].conditions.find((c) => c.id === 'site')).toMatchObject({ ok: true, note: 'Visited on Monday', tickedBy: { id: w.north.users.officer.id } });
    expect((await release()).statusCode).toBe(201);
  });

  it('50 concurrent release requests for one tranche make exactly one payment and one ledger entry', async () => {
    const grant = await activeGrant(api, w, t);
    const tranche = grant.tranches[0];
    const responses = await Promise.all(Array.from({ length: 50 }, () => call('POST', GrantPaths.trancheRelease(grant.id, tranche.id), t.officer, {})));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM payment WHERE tranche_id = $1', [tranche.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM journal_entry WHERE grant_id = $1 AND kind = 'payment_requested'`, [grant.id])).toBe(1);
    expect(await balances(grant.id)).toEqual({ grant_committed: '37500000', payment_requested: '37500000' });
  });

  it('the same Idempotency-Key gives the first answer again; the key with another body is 409', async () => {
    const grant = await activeGrant(api, w, t);
    const tranche = grant.tranches[0];
    const headers = { 'Idempotency-Key': `release-${tranche.id}` };
    const first = await call('POST', GrantPaths.trancheRelease(grant.id, tranche.id), t.officer, { note: 'First' }, headers);
    expect(first.statusCode).toBe(201);
    const again = await call('POST', GrantPaths.trancheRelease(grant.id, tranche.id), t.officer, { note: 'First' }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json<{ paymentId: string }>().paymentId).toBe(first.json<{ paymentId: string }>().paymentId);
    const other = await call('POST', GrantPaths.trancheRelease(grant.id, tranche.id), t.officer, { note: 'Another' }, headers);
    expect(other.statusCode).toBe(409);
    expect(error(other).code).toBe(ErrorCode.IdempotencyKeyReused);
    expect(await count('SELECT count(*)::int AS n FROM payment WHERE tranche_id = $1', [tranche.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM journal_entry WHERE grant_id = $1 AND kind = 'payment_requested'`, [grant.id])).toBe(1);
  });

  it('who may do what: other agencies, other organizations, partners, non-signatories', async () => {
    const decisionId = await confirmedApproval(api, w, t.officer);
    const draft = (await call('POST', GrantPaths.fromDecision(decisionId), t.officer, {})).json<GrantView>();
    // Drafts stay with the agency.
    expect((await call('GET', GrantPaths.myGrant(draft.id), t.applicant)).statusCode).toBe(404);
    // Another agency's officer: 404 on reads and writes, and on creating a grant from this decision.
    expect((await call('GET', GrantPaths.grant(draft.id), t.southOfficer)).statusCode).toBe(404);
    expect((await call('PUT', GrantPaths.risk(draft.id), t.southOfficer, { answers: MODERATE_ANSWERS, modality: 'advance', monitoring: 'annual_visit', reason: 'x' })).statusCode).toBe(404);
    expect((await call('POST', GrantPaths.fromDecision(decisionId), t.southOfficer, {})).statusCode).toBe(404);
    expect((await call('GET', GrantPaths.grants, t.southOfficer)).json<Page<GrantSummaryView>>().items.map((g) => g.id)).not.toContain(draft.id);
    // Finance reads grants of its agency but does not manage them; a reviewer neither.
    expect((await call('GET', GrantPaths.grant(draft.id), t.finance)).statusCode).toBe(200);
    expect((await call('POST', GrantPaths.cancel(draft.id), t.finance, { reason: 'x' })).statusCode).toBe(403);
    expect((await call('GET', GrantPaths.grant(draft.id), t.reviewer)).statusCode).toBe(403);

    const grant = await activeGrant(api, w, t);
    // A grantee of another organization: 404.
    expect((await call('GET', GrantPaths.myGrant(grant.id), t.southApplicant)).statusCode).toBe(404);
    expect((await call('GET', GrantPaths.myGrants, t.southApplicant)).json<Page<GrantSummaryView>>().items).toHaveLength(0);
    expect((await call('GET', GrantPaths.agreement(grant.id), t.southApplicant)).statusCode).toBe(404);
    // The partner reads, without the agency's working papers, and cannot sign.
    const partnerView = await call('GET', GrantPaths.myGrant(grant.id), t.partner);
    expect(partnerView.statusCode).toBe(200);
    expect(partnerView.json<GrantView>()).toMatchObject({ id: grant.id, riskAssessment: null, findings: [], actions: [] });
    expect((await call('GET', GrantPaths.myGrantVersions(grant.id), t.partner)).statusCode).toBe(200);

    // Signing: a partner has no grant.own (403); a member who is not the named signatory is refused (403).
    const second = (await call('POST', GrantPaths.fromDecision(await confirmedApproval(api, w, t.officer)), t.officer, {})).json<GrantView>();
    await call('PUT', GrantPaths.risk(second.id), t.officer, { answers: MODERATE_ANSWERS, modality: 'advance', monitoring: 'annual_visit', reason: 'x' });
    const sent = (await call('POST', GrantPaths.send(second.id), t.officer, { signatoryUserId: w.applicantId })).json<GrantView>();
    await api.reauth(t.partner);
    expect((await call('POST', GrantPaths.sign(second.id), t.partner, { typedName: SIGNATORY_NAME, version: sent.currentVersion })).statusCode).toBe(403);
    await api.reauth(t.comember);
    const notSignatory = await call('POST', GrantPaths.sign(second.id), t.comember, { typedName: w.coMemberEmail, version: sent.currentVersion });
    expect(notSignatory.statusCode).toBe(403);
    await api.reauth(t.southApplicant);
    expect((await call('POST', GrantPaths.sign(second.id), t.southApplicant, { typedName: SIGNATORY_NAME, version: sent.currentVersion })).statusCode).toBe(404);
    expect((await api.dataSource.query('SELECT state FROM grant_award WHERE id = $1', [second.id]))[0]).toEqual({ state: 'awaiting_signature' });

    // Cancelling a grant awaiting signature, with a reason; an active grant cannot be cancelled.
    expect((await call('POST', GrantPaths.cancel(second.id), t.officer, { reason: 'Wrong signatory named' })).json<GrantView>().state).toBe('cancelled');
    expect((await call('POST', GrantPaths.cancel(grant.id), t.officer, { reason: 'x' })).statusCode).toBe(409);
  });

  it('the database refuses a countersignature by the signer, whatever the api does', async () => {
    const grant = await activeGrant(api, w, t);
    // Refused twice over: a countersignature once given stays (grant_award_guard), and never by the signer (ck_grant_award_countersign).
    await expect(api.env.queryAs('superuser', 'UPDATE grant_award SET countersigned_by = signed_by WHERE id = $1', [grant.id])).rejects.toThrow(/a signature once given stays/);
    await expect(
      api.env.queryAs('superuser', `INSERT INTO grant_award (agency_id, program_id, call_id, application_id, decision_id, organization_id, grant_number, title, currency,
         amount_minor, starts_on, ends_on, payee_name, payee_iban, created_by, signed_by, countersigned_by)
         SELECT agency_id, program_id, call_id, application_id, decision_id, organization_id, grant_number || '-x', title, currency, amount_minor, starts_on, ends_on,
                payee_name, payee_iban, created_by, signed_by, signed_by FROM grant_award WHERE id = $1`, [grant.id]),
    ).rejects.toThrow(/ck_grant_award_countersign|born a draft/);
  });

  it('countersigning when the envelope in the ledger is short: 409 naming the envelope, the grant stays awaiting countersignature', async () => {
    const [{ program_id }] = (await api.dataSource.query('SELECT program_id FROM grant_call WHERE id = $1', [w.callId])) as { program_id: string }[];
    const callId = await createCall(api.dataSource, { programId: program_id, agencyId: w.north.agency.id, createdBy: w.north.users.officer.id, closesInSeconds: -3600, opensInSeconds: -30 * 86_400 });
    await setCallMoney(api.dataSource, callId, { envelopeMinor: '100000000', thresholdMinor: '100000000' });
    const signed = await signedGrant(api, w, t, callId);
    // The envelope is cut after the approval: the ledger books what the call holds now.
    await api.env.queryAs('owner', 'UPDATE grant_call SET envelope_minor = 50000000, max_grant_minor = LEAST(max_grant_minor, 50000000) WHERE id = $1', [callId]);
    await api.reauth(t.officer);
    const before = await footprint(signed.id);
    const short = await call('POST', GrantPaths.countersign(signed.id), t.officer, { version: signed.currentVersion });
    expect(short.statusCode).toBe(409);
    expect(error(short)).toMatchObject({ code: ErrorCode.LedgerInsufficientFunds, params: expect.objectContaining({ account: 'call_envelope' }) });
    expect(await footprint(signed.id)).toEqual(before);
  });

  it('amendments are new versions with a reason; requested and paid tranches stay as they were; the total cannot change', async () => {
    const grant = await activeGrant(api, w, t);
    const [first] = grant.tranches;
    expect((await call('POST', GrantPaths.trancheRelease(grant.id, first.id), t.officer, {})).statusCode).toBe(201);
    await api.env.queryAs('owner', `UPDATE tranche SET state = 'paid' WHERE id = $1`, [first.id]);
    const [paidBefore] = (await api.dataSource.query('SELECT * FROM tranche WHERE id = $1', [first.id])) as unknown[];

    const amend = (content: GrantContent, reason = 'Clinic opening delayed') => call('POST', GrantPaths.amendments(grant.id), t.officer, { content, reason });
    const before = await footprint(grant.id);

    const touchPaid = structuredClone(grant.content);
    touchPaid.tranches[0].amountMinor = '30000000';
    touchPaid.tranches[1].amountMinor = '45000000';
    const refused = await amend(touchPaid);
    expect(refused.statusCode).toBe(422);
    expect(fieldText(refused)).toContain('TRANCHE_ALREADY_RELEASED');

    const bigger = structuredClone(grant.content);
    bigger.budgetLines[0].amountMinor = '46000000';
    const total = await amend(bigger);
    expect(total.statusCode).toBe(422);
    expect(fieldText(total)).toContain('BUDGET_SUM_MISMATCH');
    expect((await amend(grant.content, '   ')).statusCode).toBe(400);
    expect(await footprint(grant.id)).toEqual(before);

    // Extension by three months, tranche 2 later, 2,000.00 SEK moved from equipment to personnel.
    const content = structuredClone(grant.content);
    const endsOn = new Date(`${content.endsOn}T00:00:00Z`);
    endsOn.setUTCMonth(endsOn.getUTCMonth() + 3);
    content.endsOn = endsOn.toISOString().slice(0, 10);
    content.tranches[1].plannedOn = content.endsOn;
    content.budgetLines[0].amountMinor = '45200000';
    content.budgetLines[1].amountMinor = '22300000';
    content.reportingSchedule = content.reportingSchedule.map((r) => (r.kind === 'final' ? { ...r, periodTo: content.endsOn, dueOn: '2099-12-31' } : r));
    const ok = await amend(content);
    expect(ok.statusCode).toBe(201);
    expect(ok.json<GrantView>()).toMatchObject({ currentVersion: grant.currentVersion + 1, endsOn: content.endsOn, state: 'active' });
    expect((await api.dataSource.query('SELECT * FROM tranche WHERE id = $1', [first.id]))[0]).toEqual(paidBefore);

    const versions = (await call('GET', GrantPaths.myGrantVersions(grant.id), t.applicant)).json<GrantVersionView[]>();
    const last = versions[versions.length - 1];
    expect(last).toMatchObject({ kind: 'amendment', reason: 'Clinic opening delayed' });
    expect(last.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['endsOn', 'budgetLines.b1', 'budgetLines.b2', 'tranches.2', 'reportingSchedule']));
    expect(last.changes).toContainEqual({ path: 'endsOn', before: grant.content.endsOn, after: content.endsOn });
    const trail = (await api.dataSource.query(`SELECT after, reason FROM activity_record WHERE entity_id = $1 AND action = 'grant.amended'`, [grant.id])) as { after: { reallocationBp: number }; reason: string }[];
    expect(trail).toHaveLength(1);
    // 200,000 of 75,000,000 minor units moved: 26 bp.
    expect(trail[0]).toMatchObject({ reason: 'Clinic opening delayed', after: { reallocationBp: 26 } });
  });

  it('bad draft input: a 4xx naming the problem, nothing written', async () => {
    const draft = (await call('POST', GrantPaths.fromDecision(await confirmedApproval(api, w, t.officer)), t.officer, {})).json<GrantView>();
    await call('PUT', GrantPaths.risk(draft.id), t.officer, { answers: MODERATE_ANSWERS, modality: 'advance', monitoring: 'annual_visit', reason: 'x' });
    const current = (await call('GET', GrantPaths.grant(draft.id), t.officer)).json<GrantView>();
    const put = (content: unknown, rowVersion = current.rowVersion) => call('PUT', GrantPaths.draft(draft.id), t.officer, { content, rowVersion });
    const before = await footprint(draft.id);

    const cases: Array<[string, (c: GrantContent) => void, number, string]> = [
      ['lines not summing', (c) => (c.budgetLines[0].amountMinor = '1'), 422, 'BUDGET_SUM_MISMATCH'],
      [
        'one tranche above the moderate policy',
        (c) => {
          c.tranches = [{ ...c.tranches[0], amountMinor: APPROVED }];
        },
        422,
        'TRANCHE_SHARE_TOO_HIGH',
      ],
      [
        'a tranche of 70 %',
        (c) => {
          c.tranches[0].amountMinor = '52500000';
          c.tranches[1].amountMinor = '22500000';
        },
        422,
        'TRANCHE_SHARE_TOO_HIGH',
      ],
      ['a tranche after the period', (c) => (c.tranches[1].plannedOn = '2099-01-01'), 422, 'TRANCHE_DATE_OUTSIDE_PERIOD'],
      ['tranches not summing', (c) => (c.tranches[1].amountMinor = '1'), 422, 'TRANCHE_SUM_MISMATCH'],
      ['a period ending before it starts', (c) => (c.endsOn = '2000-01-01'), 422, 'PERIOD_INVALID'],
      ['a reporting period outside the grant', (c) => (c.reportingSchedule[0].periodFrom = '2000-01-01'), 422, 'REPORT_OUTSIDE_GRANT'],
      ['a negative amount', (c) => (c.budgetLines[0].amountMinor = '-45000000'), 400, 'amountMinor'],
      ['a fractional amount', (c) => (c.budgetLines[0].amountMinor = '45000000.5'), 400, 'amountMinor'],
      ['a non-date', (c) => (c.tranches[0].plannedOn = 'tomorrow'), 400, 'plannedOn'],
      ['an unknown condition', (c) => (c.tranches[0].conditions[0].kind = 'bribe' as never), 400, 'kind'],
    ];
    for (const [what, change, status, named] of cases) {
      const content = structuredClone(current.content);
      change(content);
      const response = await put(content);
      expect({ what, status: response.statusCode }).toEqual({ what, status });
      expect({ what, text: `${error(response).message}\n${fieldText(response)}` }).toEqual({ what, text: expect.stringContaining(named) });
    }
    expect((await put(current.content, current.rowVersion - 1)).json<ApiErrorBody>().code).toBe(ErrorCode.StaleGrant);
    expect(await footprint(draft.id)).toEqual(before);

    // A valid edit is a new version; the tranche rows follow it.
    const edited = structuredClone(current.content);
    edited.tranches = [
      { ...edited.tranches[0], amountMinor: '30000000' },
      { ...edited.tranches[1], amountMinor: '25000000' },
      { seq: 3, plannedOn: edited.endsOn, amountMinor: '20000000', conditions: edited.tranches[1].conditions },
    ];
    const saved = await put(edited);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<GrantView>().tranches.map((x) => x.amountMinor)).toEqual(['30000000', '25000000', '20000000']);
    expect(saved.json<GrantView>().currentVersion).toBe(current.currentVersion + 1);
    // Sending checks the plan against the rating again; an unknown signatory id is a 400.
    expect((await call('POST', GrantPaths.send(draft.id), t.officer, { signatoryUserId: 'nobody' })).statusCode).toBe(400);
  });

  it('lists the agency grants with filters and pages', async () => {
    const all = (await call('GET', `${GrantPaths.grants}?pageSize=2`, t.officer)).json<Page<GrantSummaryView>>();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    const active = (await call('GET', `${GrantPaths.grants}?state=active&pageSize=200`, t.officer)).json<Page<GrantSummaryView>>();
    expect(active.items.length).toBeGreaterThan(0);
    expect(active.items.every((g) => g.state === 'active')).toBe(true);
    expect((await call('GET', `${GrantPaths.grants}?state=bogus`, t.officer)).statusCode).toBe(400);
  });
});
