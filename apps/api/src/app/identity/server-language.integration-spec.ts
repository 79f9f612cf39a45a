import { ApiErrorBody, ApiPaths, DecisionPaths, ErrorCode, FieldErrorCode, LanguageView, NotificationListView, SessionInfo } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { DecisionWorld, decisionWorld, insertInReview } from '../decisions/decisions.fixtures';

/**
 * Server text in the reader's language (issue 10): each user's language, set
 * by themselves only; notifications rendered in it when read; emails written
 * in the recipient's language (HTML right to left for Arabic); every field
 * problem with a code and its params.
 */
describe('server text in the reader’s language', () => {
  let api: ApiHarness;
  let w: DecisionWorld;
  let applicant: string;
  let comember: string;
  let officer: string;

  beforeAll(async () => {
    api = await ApiHarness.start('server_language', { signInIpMaxAttempts: 10_000 });
    w = await decisionWorld(api, { envelopeMinor: '500000000', thresholdMinor: '50000000' });
    applicant = await api.signIn('applicant@north.test');
    comember = await api.signIn(w.coMemberEmail);
    officer = await api.signIn('officer@north.test');
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  const setLanguage = (cookie: string | undefined, body: unknown) => api.request('PUT', ApiPaths.language, { cookie, body });
  const languageOf = async (email: string) =>
    ((await api.dataSource.query('SELECT language FROM app_user WHERE email = $1', [email])) as { language: string | null }[])[0].language;

  describe('PUT auth/language', () => {
    it('sets the signed-in user’s own language, shows it in the session, and puts the change on the trail', async () => {
      expect(((await api.request('GET', ApiPaths.session, { cookie: applicant })).json<SessionInfo>()).user.language).toBeNull();
      const response = await setLanguage(applicant, { language: 'ar' });
      expect(response.statusCode).toBe(200);
      expect(response.json<LanguageView>()).toEqual({ language: 'ar' });
      expect(((await api.request('GET', ApiPaths.session, { cookie: applicant })).json<SessionInfo>()).user.language).toBe('ar');
      const [record] = (await api.dataSource.query(
        `SELECT action, entity_id, before, after, actor_label FROM activity_record WHERE action = 'user.language_changed' ORDER BY seq DESC LIMIT 1`,
      )) as { action: string; entity_id: string; before: unknown; after: unknown; actor_label: string }[];
      expect(record).toMatchObject({ entity_id: w.north.users.applicant.id, before: { language: null }, after: { language: 'ar' }, actor_label: 'applicant@north.test' });
      // The same language again changes nothing and writes nothing.
      const [{ n: before }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record WHERE action = 'user.language_changed'`)) as { n: number }[];
      expect((await setLanguage(applicant, { language: 'ar' })).statusCode).toBe(200);
      const [{ n: after }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record WHERE action = 'user.language_changed'`)) as { n: number }[];
      expect(after).toBe(before);
    });

    it('writes one trail record when the same change arrives ten times at once', async () => {
      const count = async () =>
        ((await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record WHERE action = 'user.language_changed' AND entity_id = $1`, [w.north.users.applicant.id])) as { n: number }[])[0].n;
      const start = await count();
      const responses = await Promise.all(Array.from({ length: 10 }, () => setLanguage(applicant, { language: 'sv' })));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      expect(await languageOf('applicant@north.test')).toBe('sv');
      expect((await count()) - start).toBe(1);
      // Back to Arabic, which the later specs of this file expect.
      expect((await setLanguage(applicant, { language: 'ar' })).statusCode).toBe(200);
    });

    it.each([['fr'], ['AR'], [''], [null], [5], [['ar']], [{ code: 'ar' }], [' ar']])('refuses %j with 400 naming the field and its code', async (value) => {
      const response = await setLanguage(comember, { language: value });
      expect(response.statusCode).toBe(400);
      const body = response.json<ApiErrorBody>();
      expect(body.code).toBe(ErrorCode.ValidationFailed);
      expect(body.fields).toEqual([expect.objectContaining({ field: 'language', code: FieldErrorCode.NotOneOf, params: { values: 'en, ar, sv' } })]);
      expect(await languageOf(w.coMemberEmail)).toBeNull();
    });

    it('refuses a body without the language, and cannot set another user’s (there is no one else to name)', async () => {
      const missing = await setLanguage(comember, {});
      expect(missing.statusCode).toBe(400);
      expect(missing.json<ApiErrorBody>().fields?.[0]).toMatchObject({ field: 'language', code: FieldErrorCode.NotOneOf });
      const other = await setLanguage(comember, { language: 'sv', userId: w.north.users.applicant.id });
      expect(other.statusCode).toBe(400);
      expect(other.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, fields: [{ field: 'userId', code: FieldErrorCode.NotAccepted }] });
      expect(await languageOf('applicant@north.test')).toBe('ar');
      expect(await languageOf(w.coMemberEmail)).toBeNull();
      expect((await setLanguage(undefined, { language: 'sv' })).statusCode).toBe(401);
      expect((await api.request('PUT', `${ApiPaths.language}/${w.north.users.applicant.id}`, { cookie: comember, body: { language: 'sv' } })).statusCode).toBe(404);
      expect(await languageOf('applicant@north.test')).toBe('ar');
    });
  });

  describe('a decision’s notification and email', () => {
    let applicationId: string;

    beforeAll(async () => {
      applicationId = await insertInReview(api.dataSource, {
        callId: w.callId,
        organizationId: w.organizationId,
        agencyId: w.north.agency.id,
        userId: w.north.users.applicant.id,
        requestedMinor: '86000000',
        title: 'Radio for Basra',
      });
      // A rejection is final at once: the applicant (Arabic) and the co-member (no language yet) are told.
      const response = await api.request('POST', DecisionPaths.applicationDecision(applicationId), {
        cookie: officer,
        body: { outcome: 'rejected', rejectionReasons: ['low_score', 'other'], rejectionNote: 'Budget unclear', rationale: 'Below the line' },
      });
      expect(response.statusCode).toBe(201);
    });

    const notificationOf = async (cookie: string) => {
      const list = (await api.request('GET', DecisionPaths.notifications, { cookie })).json<NotificationListView>();
      const item = list.items.find((n) => n.entityId === applicationId);
      if (!item) throw new Error('no notification about the application');
      return item;
    };

    it('is stored as a message key with its parameters, and the English of the time', async () => {
      const [row] = (await api.dataSource.query(`SELECT title, message_key, message_params FROM notification WHERE user_id = $1 AND entity_id = $2`, [
        w.north.users.applicant.id,
        applicationId,
      ])) as { title: string; message_key: string; message_params: Record<string, unknown> }[];
      expect(row).toMatchObject({ title: 'Application not approved: Radio for Basra', message_key: 'application.rejected' });
      expect(row.message_params).toMatchObject({ title: 'Radio for Basra', reasons: { $codes: { prefix: 'rejection_reason', codes: ['low_score', 'other'] } } });
    });

    it('is read in the reader’s language, and follows a change of language', async () => {
      const arabic = await notificationOf(applicant);
      expect(arabic.title).toBe('لم تتم الموافقة على الطلب: \u2068Radio for Basra\u2069');
      expect(arabic.body).toContain('منح المراجعون الطلب درجات منخفضة');
      expect(arabic.body).toContain('Budget unclear');
      expect(await notificationOf(comember)).toMatchObject({ title: 'Application not approved: Radio for Basra' });

      expect((await setLanguage(applicant, { language: 'sv' })).statusCode).toBe(200);
      const swedish = await notificationOf(applicant);
      expect(swedish.title).toBe('Ansökan inte beviljad: Radio for Basra');
      expect(swedish.body).toContain('- Granskarna gav ansökan för låga poäng');
      expect((await setLanguage(applicant, { language: 'ar' })).statusCode).toBe(200);
    });

    it('keeps showing a notification written before issue 10 as it was written', async () => {
      await api.dataSource.query(`INSERT INTO notification (user_id, kind, title, body, entity_type, entity_id) VALUES ($1, 'application.rejected', 'Old English title', 'Old body', 'application', $2)`, [
        w.north.users.applicant.id,
        '00000000-0000-4000-8000-000000000099',
      ]);
      const list = (await api.request('GET', DecisionPaths.notifications, { cookie: applicant })).json<NotificationListView>();
      expect(list.items.find((n) => n.entityId === '00000000-0000-4000-8000-000000000099')).toMatchObject({ title: 'Old English title', body: 'Old body' });
    });

    it('writes each member’s email in their language: Arabic right to left, English for one who chose none', async () => {
      const emails = (await api.dataSource.query(`SELECT to_address, language, subject, text_body, html_body FROM outbound_email WHERE entity_id = $1 ORDER BY to_address`, [applicationId])) as {
        to_address: string;
        language: string;
        subject: string;
        text_body: string;
        html_body: string;
      }[];
      const arabic = emails.find((e) => e.to_address === 'applicant@north.test');
      const english = emails.find((e) => e.to_address === w.coMemberEmail);
      expect(arabic).toMatchObject({ language: 'ar', subject: 'لم تتم الموافقة على الطلب: \u2068Radio for Basra\u2069' });
      expect(arabic?.text_body).toContain('الأسباب:');
      expect(arabic?.text_body).toContain('ميزان. سجّل الدخول');
      expect(arabic?.html_body).toContain('<html lang="ar" dir="rtl">');
      expect(english).toMatchObject({ language: 'en', subject: 'Application not approved: Radio for Basra' });
      expect(english?.text_body).toContain('Reasons:\n- The reviewers scored the application too low');
      expect(english?.html_body).toContain('<html lang="en" dir="ltr">');
    });
  });

  describe('field problems', () => {
    it('carry a code and the limit as params, besides the English message', async () => {
      const response = await api.request('POST', ApiPaths.signIn, { body: { email: 'x'.repeat(400), password: '' } });
      expect(response.statusCode).toBe(400);
      const fields = response.json<ApiErrorBody>().fields ?? [];
      expect(fields).toEqual(
        expect.arrayContaining([
          { field: 'email', code: FieldErrorCode.TooLong, params: { max: 320 }, message: expect.stringContaining('320') },
          { field: 'password', code: FieldErrorCode.Required, message: 'password must not be empty' },
        ]),
      );
    });

    it('a reason of blanks is WRONG_FORMAT (the DTO’s pattern), with the English words kept', async () => {
      const [decision] = (await api.dataSource.query(`SELECT id FROM funding_decision LIMIT 1`)) as { id: string }[];
      const response = await api.request('POST', DecisionPaths.cancelDecision(decision.id), { cookie: officer, body: { reason: '   ' } });
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields).toEqual([{ field: 'reason', code: FieldErrorCode.WrongFormat, message: 'reason must say why' }]);
    });
  });
});
