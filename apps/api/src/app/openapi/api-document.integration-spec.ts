import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode } from '@mizan/contracts';
import type { OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS_FILE, ROOT, generateResponseSchemas, serializeResponseSchemas } from './response-schemas.generator';
import { ApiHarness } from '../../testing/api-harness';
import { API_TAGS, BEARER_SCHEME, SESSION_SCHEME } from './api-document';
import { ERROR_STATUSES } from './error-responses';

/**
 * The api document as an integrator gets it (/api/docs/openapi.json): lint-clean
 * under Redocly's recommended rules (redocly.yaml), every operation described,
 * and the generated files (response-schemas.json, mizan-api.generated.ts) up to date.
 * After changing a route or a contract type: `npm run openapi:generate`.
 */

const run = promisify(execFile);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const CLIENT_TYPES_FILE = join(ROOT, 'apps/api/src/app/openapi/mizan-api.generated.ts');
const UPDATE = process.env['OPENAPI_UPDATE'] === '1';
const STALE = 'is stale: run `npm run openapi:generate` (regenerates response-schemas.json, then the client types from the document)';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  pointer?: string;
}

describe('the api document (/api/docs/openapi.json)', () => {
  let api: ApiHarness;
  let document: OpenAPIObject;
  let scratch: string;
  let documentFile: string;
  const operations: { route: string; operation: Operation }[] = [];

  beforeAll(async () => {
    api = await ApiHarness.start('api-document');
    const response = await api.request('GET', '/api/docs/openapi.json');
    expect(response.statusCode).toBe(200);
    document = response.json<OpenAPIObject>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) operations.push({ route: `${method.toUpperCase()} ${path}`, operation });
      }
    }
    scratch = mkdtempSync(join(tmpdir(), 'mizan-openapi-'));
    documentFile = join(scratch, 'openapi.json');
    writeFileSync(documentFile, response.body);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('passes Redocly’s recommended rules without an error or a warning', async () => {
    let problems: LintProblem[];
    try {
      const { stdout } = await run(process.execPath, [join(ROOT, 'tools/openapi/lint-api-document.mjs'), documentFile, '--json'], { maxBuffer: 64 * 1024 * 1024 });
      problems = JSON.parse(stdout) as LintProblem[];
    } catch (error) {
      // Exit code 1: there are problems, listed on stdout.
      const stdout = (error as { stdout?: string }).stdout;
      if (!stdout) throw error;
      problems = JSON.parse(stdout) as LintProblem[];
    }
    expect(problems.map((p) => `${p.severity} ${p.ruleId} at ${p.pointer}: ${p.message}`)).toEqual([]);
  }, 60_000);

  it('lists servers, a license, and describes every tag the operations use', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license?.name).toBe('AGPL-3.0-or-later');
    const used = new Set(operations.flatMap(({ operation }) => operation.tags ?? []));
    expect([...used].filter((tag) => !API_TAGS[tag]).sort()).toEqual([]);
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual([BEARER_SCHEME, SESSION_SCHEME].sort());
  });

  it('gives every operation a unique operationId, a summary, a tag, its security, a described success body and its errors', () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, i) => !id || ids.indexOf(id) !== i)).toEqual([]);
    const problems: string[] = [];
    for (const { route, operation } of operations) {
      const say = (problem: string) => problems.push(`${route} (${operation.operationId}): ${problem}`);
      if (!operation.summary?.trim()) say('no summary');
      if (!operation.tags?.length) say('no tag');
      const security = operation.security;
      if (!security) say('no security (public routes declare an empty list)');
      else if (security.length && JSON.stringify(security) !== JSON.stringify([{ [SESSION_SCHEME]: [] }, { [BEARER_SCHEME]: [] }])) say(`unexpected security ${JSON.stringify(security)}`);
      const responses = operation.responses as Record<string, { description?: string; content?: Record<string, { schema?: object }>; $ref?: string }>;
      const successes = Object.keys(responses).filter((s) => s.startsWith('2'));
      if (successes.length !== 1) say(`${successes.length} success responses`);
      const success = responses[successes[0]];
      if (successes[0] !== '204' && !Object.values(success?.content ?? {}).some((c) => c.schema)) {
        // Only routes that answer 200 with no body at all may go without one: none today.
        say(`success ${successes[0]} without a body schema`);
      }
      const errors = Object.keys(responses).filter((s) => s.startsWith('4'));
      if (!errors.includes('400')) say('no 400');
      for (const status of errors) {
        const name = ERROR_STATUSES[Number(status) as keyof typeof ERROR_STATUSES]?.name;
        if (!name || responses[status].$ref !== `#/components/responses/${name}`) say(`${status} is not the shared error response`);
      }
      if (security?.length && !(errors.includes('401') && errors.includes('403'))) say('a signed-in route without 401 and 403');
      if (!security?.length && errors.includes('403')) say('a public route with 403');
      if ((operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path') && !errors.includes('404')) say('a path id without 404');
    }
    expect(problems).toEqual([]);
    // Public routes, as @Public() says: health, sign-in, the session probe, accepting an invitation; the directory's
    // taxonomy, self-registration, email verification and public listing; the transparency page data and IATI files.
    expect(operations.filter(({ operation }) => operation.security?.length === 0).map(({ operation }) => operation.operationId).sort()).toEqual([
      'AuthController_probe',
      'AuthController_signIn',
      'DirectoryController_publicProfiles',
      'DirectoryController_register',
      'DirectoryController_taxonomy',
      'DirectoryController_verify',
      'HealthController_health',
      'InvitationsController_accept',
      'PublicTransparencyController_file',
      'PublicTransparencyController_page',
    ]);
  });

  it('describes the error shape with every error code, for every 4xx it lists', () => {
    const schemas = document.components?.schemas as Record<string, { properties?: Record<string, unknown>; required?: string[]; enum?: string[] }>;
    expect(schemas['ApiErrorBody'].required).toEqual(['statusCode', 'code', 'message']);
    expect(schemas['ApiErrorBody'].properties?.['code']).toEqual({ $ref: '#/components/schemas/ErrorCode' });
    expect([...(schemas['ErrorCode'].enum ?? [])].sort()).toEqual(Object.values(ErrorCode).sort());
    for (const [name, response] of Object.entries(document.components?.responses ?? {})) {
      expect([name, response]).toEqual([name, expect.objectContaining({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } } })]);
    }
  });

  it('answers with the success bodies the contract types describe (spot checks)', () => {
    const body = (id: string) => {
      const found = operations.find(({ operation }) => operation.operationId === id)?.operation;
      const responses = (found?.responses ?? {}) as Record<string, { content?: Record<string, { schema?: unknown }> }>;
      const status = Object.keys(responses).find((s) => s.startsWith('2')) ?? '';
      return { status, content: responses[status]?.content };
    };
    expect(body('ApplicationsController_get')).toEqual({ status: '200', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationView' } } } });
    expect(body('ProgramsController_list')).toEqual({ status: '200', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/ProgramView' } } } } });
    expect(body('TrailController_list').content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/TrailPage' });
    expect(body('AuthController_signOut')).toEqual({ status: '204', content: undefined });
    expect(body('LedgerController_trialBalanceXlsx').content).toEqual({
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    });
  });

  it('is made from an up-to-date response-schemas.json (the controllers’ return types and the contract types)', () => {
    const fresh = serializeResponseSchemas(generateResponseSchemas());
    if (UPDATE) writeFileSync(RESPONSE_SCHEMAS_FILE, fresh);
    expect(readFileSync(RESPONSE_SCHEMAS_FILE, 'utf8') === fresh ? 'up to date' : `apps/api/src/app/openapi/response-schemas.json ${STALE}`).toBe('up to date');
  }, 120_000);

  it('has up-to-date generated client types (openapi-typescript)', async () => {
    const out = join(scratch, 'mizan-api.ts');
    await run(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), documentFile, '--output', out], { maxBuffer: 64 * 1024 * 1024 });
    const fresh = readFileSync(out, 'utf8');
    if (UPDATE) writeFileSync(CLIENT_TYPES_FILE, fresh);
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8') === fresh ? 'up to date' : `apps/api/src/app/openapi/mizan-api.generated.ts ${STALE}`).toBe('up to date');
  }, 120_000);
});
