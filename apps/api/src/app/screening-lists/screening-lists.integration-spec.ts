import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiErrorBody, ErrorCode, Page, SANCTIONS_FILE_MAX_BYTES, SanctionsEntryView, SanctionsListVersionView, ScreeningPaths } from '@mizan/contracts';
import { SanctionsListsService } from '@mizan/server/screening';
import { FileStore } from '@mizan/server/storage';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';

const ROOT = join(__dirname, '../../../../..');
const LIST_FILE = 'un-sc-consolidated-2018-10-29.xml';
const LIST = readFileSync(join(ROOT, 'data/sanctions', LIST_FILE));

/** The `<INDIVIDUAL>` element of the list with this reference number. */
function individual(xml: string, reference: string): string {
  const blocks = xml.match(/<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/g) ?? [];
  const block = blocks.find((b) => b.includes(`<REFERENCE_NUMBER>${reference}</REFERENCE_NUMBER>`));
  if (!block) throw new Error(`no individual ${reference} in the list`);
  return block;
}

/**
 * The real list with one entry dropped (KPi.037, one alias), one added (a copy of KPi.031 under a new reference,
 * one alias) and one alias of KPi.038 changed.
 */
function modifiedList(): Buffer {
  let xml = LIST.toString('utf8');
  const dropped = individual(xml, 'KPi.037');
  xml = xml.replace(dropped, '');
  const changed = individual(xml, 'KPi.038');
  xml = xml.replace(changed, changed.replace('<ALIAS_NAME>Jo Chun Ryong </ALIAS_NAME>', '<ALIAS_NAME>Jo Chun Ryung</ALIAS_NAME>'));
  const template = individual(xml, 'KPi.031');
  const added = template
    .replace('<REFERENCE_NUMBER>KPi.031</REFERENCE_NUMBER>', '<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>')
    .replace('<DATAID>6908564</DATAID>', '<DATAID>9999999</DATAID>')
    .replace('<FIRST_NAME>SON</FIRST_NAME><SECOND_NAME>JONG HYOK</SECOND_NAME>', '<FIRST_NAME>TESTA</FIRST_NAME><SECOND_NAME>NEWLY LISTED</SECOND_NAME>')
    .replace('<ALIAS_NAME>Son Min</ALIAS_NAME>', '<ALIAS_NAME>Testa Newlisted</ALIAS_NAME>');
  expect(added).toContain('KPi.999');
  xml = xml.replace(template, `${template}\n        ${added}`);
  return Buffer.from(xml, 'utf8');
}

/**
 * Importing the UN consolidated list (issue 13): the upload validated against the UN's XSD, the real worker
 * importing it (counts, entries, trail), re-imports that change nothing, a modified copy that changes exactly one
 * entry of each kind, invalid files, the size limit, one import at a time, access and agency isolation.
 */
describe('sanctions lists: import', () => {
  let api: ApiHarness;
  let worker: WorkerProcess | undefined;
  const t = {} as Record<'officer' | 'admin' | 'applicant' | 'finance' | 'southOfficer', string>;
  let southAgencyId = '';

  const upload = (cookie: string, content: Buffer, name = LIST_FILE) =>
    api.postMultipart(ScreeningPaths.lists, { cookie, file: { name, contentType: 'application/xml', content } });

  async function finished(id: string): Promise<SanctionsListVersionView> {
    const deadline = Date.now() + 60_000;
    const seen: number[] = [];
    for (;;) {
      const view = (await api.request('GET', ScreeningPaths.list(id), { cookie: t.officer })).json<SanctionsListVersionView>();
      seen.push(view.progress);
      if (view.state === 'done' || view.state === 'failed') return view;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${view.state} at ${view.progress}%:\n${worker?.log ?? ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const entrySnapshot = async () =>
    (await api.dataSource.query(
      `SELECT reference, content_hash, names, last_changed_version_id, removed_in_version_id, first_version_id FROM sanctions_entry ORDER BY reference`,
    )) as { reference: string; content_hash: string; names: unknown; last_changed_version_id: string; removed_in_version_id: string | null; first_version_id: string }[];

  beforeAll(async () => {
    api = await ApiHarness.start('sanctions_lists', { signInIpMaxAttempts: 10_000 });
    await seedAgency(api.dataSource, 'north');
    const south = await seedAgency(api.dataSource, 'south');
    southAgencyId = south.agency.id;
    t.officer = await api.signIn('officer@north.test');
    t.admin = await api.signIn('admin@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it('refuses applicants and finance (403), reading or importing', async () => {
    for (const cookie of [t.applicant, t.finance]) {
      expect((await api.request('GET', ScreeningPaths.lists, { cookie })).statusCode).toBe(403);
      expect((await upload(cookie, LIST)).statusCode).toBe(403);
    }
    expect((await api.request('GET', ScreeningPaths.lists)).statusCode).toBe(401);
  });

  it('refuses a file that is not XML, or not the UN list format, naming the line; nothing is stored', async () => {
    const notXml = await upload(t.officer, Buffer.from('Name,Reference\nSomeone,QDi.001\n'), 'list.csv');
    expect(notXml.statusCode).toBe(422);
    const notXmlBody = notXml.json<ApiErrorBody>();
    expect(notXmlBody.code).toBe(ErrorCode.SanctionsListInvalid);
    expect(notXmlBody.params).toMatchObject({ line: 1 });
    expect(String(notXmlBody.params?.['detail'])).toMatch(/start tag expected/i);

    // Valid XML, but an individual without its reference number (line 4): the schema refuses it.
    const invalid = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<CONSOLIDATED_LIST dateGenerated="2018-10-29T23:09:49.856Z"><INDIVIDUALS>',
      '<INDIVIDUAL><DATAID>1</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>A</FIRST_NAME>',
      '<UN_LIST_TYPE>Iraq</UN_LIST_TYPE><LISTED_ON>2003-06-27</LISTED_ON><BOGUS>x</BOGUS></INDIVIDUAL>',
      '</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>',
    ].join('\n');
    const schema = await upload(t.officer, Buffer.from(invalid));
    expect(schema.statusCode).toBe(422);
    const schemaBody = schema.json<ApiErrorBody>();
    expect(schemaBody.code).toBe(ErrorCode.SanctionsListInvalid);
    expect(schemaBody.params?.['line']).toBe(4);
    expect(String(schemaBody.params?.['detail'])).toMatch(/not expected/i);

    // A truncated copy of the real list.
    const truncated = await upload(t.officer, LIST.subarray(0, 200_000));
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json<ApiErrorBody>().code).toBe(ErrorCode.SanctionsListInvalid);
    expect(Number(truncated.json<ApiErrorBody>().params?.['line'])).toBeGreaterThan(1);

    // Entities and NUL bytes: refused before any parser sees them.
    const entity = await upload(t.officer, Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<CONSOLIDATED_LIST/>'));
    expect(entity.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.SanctionsListInvalid, params: { line: 2 } });
    const nul = await upload(t.officer, Buffer.from('<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\u0000</CONSOLIDATED_LIST>'));
    expect(nul.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.SanctionsListInvalid, params: { line: 2 } });

    const [counts] = (await api.dataSource.query(
      `SELECT (SELECT count(*) FROM sanctions_list_version)::int AS versions, (SELECT count(*) FROM sanctions_entry)::int AS entries,
              (SELECT count(*) FROM stored_document WHERE kind = 'sanctions_list')::int AS documents`,
    )) as Record<string, number>[];
    expect(counts).toEqual({ versions: 0, entries: 0, documents: 0 });
  });

  it('refuses a file larger than the limit with 413', async () => {
    const tooLarge = await upload(t.officer, Buffer.alloc(SANCTIONS_FILE_MAX_BYTES + 1024 * 1024, 0x20));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<ApiErrorBody>().code).toBe(ErrorCode.FileTooLarge);
  });

  let first: SanctionsListVersionView;

  it('takes one import at a time: of a burst of uploads one is queued, the others are 409; the real worker imports it', async () => {
    const burst = await Promise.all(Array.from({ length: 5 }, () => upload(t.officer, LIST)));
    const accepted = burst.filter((r) => r.statusCode === 202);
    expect(accepted).toHaveLength(1);
    for (const refused of burst.filter((r) => r.statusCode !== 202)) {
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ApiErrorBody>().code).toBe(ErrorCode.SanctionsImportRunning);
    }
    first = accepted[0].json<SanctionsListVersionView>();
    expect(first).toMatchObject({ state: 'queued', progress: 0, fileName: LIST_FILE, listName: 'UN-SC-CONSOLIDATED', runId: null });
    // Still queued (no worker yet): another import is refused.
    const again = await upload(t.admin, LIST);
    expect(again.statusCode).toBe(409);
    // Another agency imports on its own.
    expect((await api.request('GET', ScreeningPaths.lists, { cookie: t.southOfficer })).json<Page<SanctionsListVersionView>>().total).toBe(0);

    worker = await WorkerProcess.start(api.env.config);
    const done = await finished(first.id);
    expect(done).toMatchObject({
      state: 'done',
      progress: 100,
      individuals: 703,
      entities: 390,
      aliases: 3055,
      entriesAdded: 1093,
      entriesRemoved: 0,
      entriesChanged: 0,
      aliasesAdded: 3055,
      aliasesRemoved: 0,
      publishedAt: '2018-10-29T23:09:49.856Z',
      failureCode: null,
    });
    expect(done.runId).not.toBeNull();
    first = done;

    const [entries] = (await api.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'individual')::int AS individuals, sum(jsonb_array_length(names))::int AS names,
              count(DISTINCT first_version_id)::int AS versions FROM sanctions_entry WHERE removed_in_version_id IS NULL`,
    )) as Record<string, number>[];
    expect(entries).toEqual({ n: 1093, individuals: 703, names: 4148, versions: 1 });
    const [run] = (await api.dataSource.query(`SELECT trigger, list_version_id, agency_id FROM screening_run WHERE id = $1`, [done.runId])) as Record<string, string>[];
    expect(run).toMatchObject({ trigger: 'import', list_version_id: first.id });

    const trail = (await api.dataSource.query(`SELECT action, entity_id, after FROM activity_record WHERE entity_id IN ($1, $2) ORDER BY seq`, [first.id, done.runId])) as {
      action: string;
      entity_id: string;
      after: Record<string, unknown>;
    }[];
    expect(trail.map((r) => r.action)).toEqual(['screening.list_import_requested', 'screening.list_imported', 'screening.run_requested']);
    expect(trail[1].after).toMatchObject({ individuals: 703, entities: 390, aliases: 3055, entriesAdded: 1093 });
  }, 120_000);

  it('reads versions newest first, one version, and one entry with each name’s script; another agency’s are 404', async () => {
    const page = (await api.request('GET', `${ScreeningPaths.lists}?page=1&pageSize=10`, { cookie: t.admin })).json<Page<SanctionsListVersionView>>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: first.id, importedBy: { name: 'officer of north' } });

    const [iraqi] = (await api.dataSource.query(`SELECT id FROM sanctions_entry WHERE reference = 'IQi.010'`)) as { id: string }[];
    const entry = await api.request('GET', ScreeningPaths.entry(iraqi.id), { cookie: t.officer });
    expect(entry.statusCode).toBe(200);
    const view = entry.json<SanctionsEntryView>();
    expect(view).toMatchObject({ reference: 'IQi.010', kind: 'individual', primaryName: 'KAMAL MUSTAFA ABDALLAH', nationalities: ['Iraq'], listedOn: '2003-06-27', removedAt: null });
    expect(view.names).toEqual([
      { name: 'KAMAL MUSTAFA ABDALLAH', type: 'primary', quality: null, script: 'latin' },
      { name: 'Kamal Mustafa Abdallah Sultan al-Tikriti', type: 'alias', quality: 'Good', script: 'latin' },
      { name: 'كمال مصطفى عبد الله', type: 'original_script', quality: null, script: 'arabic' },
    ]);

    for (const path of [ScreeningPaths.list(first.id), ScreeningPaths.entry(iraqi.id)]) {
      const other = await api.request('GET', path, { cookie: t.southOfficer });
      expect(other.statusCode).toBe(404);
      expect(other.json<ApiErrorBody>().code).toBe(ErrorCode.NotFound);
    }
    expect((await api.request('GET', ScreeningPaths.list('00000000-0000-4000-8000-000000000000'), { cookie: t.officer })).statusCode).toBe(404);
    expect(southAgencyId).not.toBe('');
  });

  it('imports the same file again as a new version with nothing added, removed or changed, and no entry touched', async () => {
    const before = await entrySnapshot();
    const response = await upload(t.officer, LIST);
    expect(response.statusCode).toBe(202);
    const second = await finished(response.json<SanctionsListVersionView>().id);
    expect(second).toMatchObject({ state: 'done', individuals: 703, entities: 390, aliases: 3055, entriesAdded: 0, entriesRemoved: 0, entriesChanged: 0, aliasesAdded: 0, aliasesRemoved: 0 });
    expect(second.id).not.toBe(first.id);
    expect(await entrySnapshot()).toEqual(before);
    const [previous] = (await api.dataSource.query(`SELECT previous_version_id FROM sanctions_list_version WHERE id = $1`, [second.id])) as { previous_version_id: string }[];
    expect(previous.previous_version_id).toBe(first.id);
  }, 90_000);

  it('imports a modified copy: exactly one entry added, one removed, one changed (its hash updated)', async () => {
    const before = new Map((await entrySnapshot()).map((e) => [e.reference, e]));
    const response = await upload(t.officer, modifiedList(), 'modified.xml');
    expect(response.statusCode).toBe(202);
    const third = await finished(response.json<SanctionsListVersionView>().id);
    expect(third).toMatchObject({
      state: 'done',
      individuals: 703,
      entities: 390,
      aliases: 3055,
      entriesAdded: 1,
      entriesRemoved: 1,
      entriesChanged: 1,
      // The new entry's alias and the changed alias; the dropped entry's alias and the old spelling.
      aliasesAdded: 2,
      aliasesRemoved: 2,
    });
    const after = new Map((await entrySnapshot()).map((e) => [e.reference, e]));
    expect(after.get('KPi.999')).toMatchObject({ first_version_id: third.id, last_changed_version_id: third.id, removed_in_version_id: null });
    expect(after.get('KPi.037')).toMatchObject({ removed_in_version_id: third.id, content_hash: before.get('KPi.037')?.content_hash });
    const changed = after.get('KPi.038');
    expect(changed?.last_changed_version_id).toBe(third.id);
    expect(changed?.content_hash).not.toBe(before.get('KPi.038')?.content_hash);
    expect(JSON.stringify(changed?.names)).toContain('Jo Chun Ryung');
    // Everything else as it was.
    const untouched = [...after.values()].filter((e) => !['KPi.999', 'KPi.037', 'KPi.038'].includes(e.reference));
    expect(untouched).toHaveLength(1091);
    for (const e of untouched) expect(e).toEqual(before.get(e.reference));

    // The removed entry still reads, with when it left the list.
    const [removed] = (await api.dataSource.query(`SELECT id FROM sanctions_entry WHERE reference = 'KPi.037'`)) as { id: string }[];
    expect((await api.request('GET', ScreeningPaths.entry(removed.id), { cookie: t.officer })).json<SanctionsEntryView>().removedAt).toBe(third.finishedAt);
  }, 90_000);

  it('marks a version failed (with the line) when the stored file turns out invalid, changing no entry', async () => {
    const before = await entrySnapshot();
    const files = new FileStore(api.env.config.storageDir);
    const stored = await files.put(Buffer.from('<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<oops>\n'), 'sanctions-lists', 'xml');
    const [{ agency_id: agencyId, id: userId }] = (await api.dataSource.query(`SELECT agency_id, id FROM app_user WHERE email = 'officer@north.test'`)) as { agency_id: string; id: string }[];
    const [doc] = (await api.dataSource.query(
      `INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes) VALUES ($1, 'sanctions_list', 'broken.xml', 'application/xml', $2, $3, $4) RETURNING id`,
      [agencyId, stored.storageKey, stored.sha256, stored.sizeBytes],
    )) as { id: string }[];
    const [version] = (await api.dataSource.query(
      `INSERT INTO sanctions_list_version (agency_id, list_name, document_id, file_name, sha256, imported_by) VALUES ($1, 'UN-SC-CONSOLIDATED', $2, 'broken.xml', $3, $4) RETURNING id`,
      [agencyId, doc.id, stored.sha256, userId],
    )) as { id: string }[];
    await api.app.get(SanctionsListsService).enqueue(version.id);
    const failed = await finished(version.id);
    expect(failed.state).toBe('failed');
    expect(failed.failureCode).toBe(ErrorCode.SanctionsListInvalid);
    expect(Number(failed.failureParams?.['line'])).toBeGreaterThanOrEqual(3);
    expect(await entrySnapshot()).toEqual(before);
    const [trail] = (await api.dataSource.query(`SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`, [version.id])) as { action: string }[];
    expect(trail.action).toBe('screening.list_import_failed');
    // A failed import does not hold the list: the next one is accepted.
    const next = await upload(t.officer, LIST);
    expect(next.statusCode).toBe(202);
    expect((await finished(next.json<SanctionsListVersionView>().id)).state).toBe('done');
  }, 90_000);
});
