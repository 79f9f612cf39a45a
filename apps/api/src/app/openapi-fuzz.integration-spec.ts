import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import fc from 'fast-check';
import { API_PREFIX, ApiPaths, ApplicationView, AssignmentView, IntakePaths, ROLES, Role } from '@mizan/contracts';
import { ACCESS_RULE, AccessRule, ruleAdmits } from '@mizan/server/identity';
import { ApiHarness, InjectResult } from '../testing/api-harness';
import {
  GLOBAL_KINDS,
  JsonLike,
  MutationKind,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiSchema,
  SchemaResolver,
  serialize,
  bodyArbitrary,
  contractViolation,
  oneBadQueryArbitrary,
  pathValueArbitrary,
  queryArbitrary,
  realPathValue,
} from '../testing/openapi-fuzz';
import { createUser, goodContent } from './intake/applications/applications.fixtures';
import { callRequest, programRequest } from './intake/calls/calls-testing';
import { organizationInput, partnerInput } from './intake/organizations/organization-fixtures';
import { applicationPath, eligibleApplication, reviewWorld } from './review/review.fixtures';

/**
 * Every route in the api's own OpenAPI document, called by every role and by
 * nobody with generated invalid path ids, query strings and bodies (fast-check,
 * seeded: FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> sets the samples per route
 * and role). Whatever comes in, the answer is a 4xx in the one error shape —
 * never a 5xx, never a hang — and the document lists every route the app has.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_204);
/** Samples per route for each role the route admits; a role it refuses gets DENIED_RUNS (the guard answers before any input is read). */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10);
const DENIED_RUNS = 2;
const REQUEST_TIMEOUT_MS = 5_000;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];
type Caller = Role | 'anonymous';

interface Failure {
  caller: Caller;
  route: string;
  request: string;
  kinds: MutationKind[];
  problem: string;
  response: string;
}

/** The routes Nest registered, as "METHOD /api/v1/path/{param}" — the same spelling as the document's — with their access rule. */
function registeredRoutes(api: ApiHarness): Map<string, AccessRule | undefined> {
  const out = new Map<string, AccessRule | undefined>();
  const prefix = API_PREFIX.replace(/^\/|\/$/g, '');
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || typeof controller !== 'function') continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat()[0] ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        for (const path of [paths].flat()) {
          const full = ['', prefix, base, path]
            .map((p) => p.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/')
            .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
          const rule = (Reflect.getMetadata(ACCESS_RULE, handler) ?? Reflect.getMetadata(ACCESS_RULE, controller)) as AccessRule | undefined;
          out.set(`${RequestMethod[method]} /${full}`, rule);
        }
      }
    }
  }
  return out;
}

function documentedRoutes(document: OpenApiDocument): Set<string> {
  const out = new Set<string>();
  // HEAD routes (the tus offset of an upload) are documented too; they are not fuzzed: a HEAD answer has no body to judge.
  for (const [path, item] of Object.entries(document.paths)) for (const method of [...METHODS, 'head'] as const) if (item[method]) out.add(`${method.toUpperCase()} ${path}`);
  return out;
}

function withTimeout(promise: Promise<InjectResult>, what: string): Promise<InjectResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${what}`)), REQUEST_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function short(text: string, max = 300): string {
  const printable = JSON.stringify(text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
  return printable.slice(1, -1);
}

describe('OpenAPI fuzz: every documented route × every role, invalid input never gets a 5xx', () => {
  let api: ApiHarness;
  let document: OpenApiDocument;
  const tokens = {} as Record<Role, string>;
  /** Real ids by the path segment before the parameter, so some requests reach the services and the database. */
  const ids: Record<string, string[]> = {};
  /**
   * A valid body per request schema: a mutation of a valid body passes every
   * other check, so the one bad value is what reaches the service and the
   * database. Schemas not listed start from what the document says.
   */
  let validBodies: Record<string, JsonLike> = {};

  beforeAll(async () => {
    api = await ApiHarness.start('openapi-fuzz', { signInIpMaxAttempts: 1_000_000 });
    const world = await reviewWorld(api);
    for (const role of ROLES) tokens[role] = await api.signIn(`${role}@north.test`);
    const eligible = await eligibleApplication(api, {
      applicant: tokens.applicant,
      officer: tokens.officer,
      callId: world.call.id,
      organizationId: world.orgA,
      partnerIds: [world.partnerA],
      title: 'Fuzzed application',
    });
    const assigned = await api.request('POST', applicationPath(eligible, 'assignments'), { cookie: tokens.officer, body: { reviewerId: world.reviewers.r1.id } });
    if (assigned.statusCode !== 201) throw new Error(`assigning failed: ${assigned.statusCode} ${assigned.body}`);
    const draft = await api.request('POST', IntakePaths.applications, {
      cookie: tokens.applicant,
      body: { callId: world.call.id, organizationId: world.orgA, title: 'Fuzzed draft' },
    });
    if (draft.statusCode !== 201) throw new Error(`draft failed: ${draft.statusCode} ${draft.body}`);
    const exported = await api.request('POST', ApiPaths.trailExports, { cookie: tokens.auditor });
    // Users whose roles and activation the fuzzer may touch: never the ones it signs in as.
    const target = await createUser(api.dataSource, world.north.agency.id, 'fuzz-target@north.test', 'reviewer');
    Object.assign(ids, {
      programs: [world.call.programId, world.southCall.programId],
      calls: [world.call.id, world.southCall.id],
      organizations: [world.orgA, world.orgB],
      partners: [world.partnerA, world.partnerB],
      applications: [eligible, draft.json<ApplicationView>().id],
      assignments: [assigned.json<AssignmentView>().id],
      reviews: [assigned.json<AssignmentView>().id],
      users: [target.id, world.south.users.reviewer.id],
      exports: [exported.json<{ id: string }>().id],
    });

    const reason = 'checked by the fuzzer';
    const callRules = callRequest({ requiredDocuments: [] }) as unknown as Record<string, JsonLike>;
    validBodies = {
      SignInDto: { email: 'nobody@north.test', password: 'not the password' },
      CreateUserDto: { email: 'fuzz-made@north.test', displayName: 'Made by the fuzzer', password: 'a long enough password', roles: ['reviewer'] },
      UpdateUserRolesDto: { roles: ['reviewer'], reason },
      UpdateUserActiveDto: { active: true, reason },
      CreateProgramDto: programRequest() as unknown as JsonLike,
      CreateCallDto: callRules,
      CorrectCallDto: { ...callRules, reason },
      OrganizationInputDto: organizationInput() as unknown as JsonLike,
      UpdateOrganizationDto: { ...(organizationInput() as unknown as Record<string, JsonLike>), version: 1 },
      SetDueDiligenceDto: { status: 'conditional', conditions: 'Annual report', expiresOn: '2028-06-30', reason },
      PartnerInputDto: partnerInput() as unknown as JsonLike,
      InviteDto: { email: 'invited@north.test', role: 'applicant', partnerOrganizationId: null },
      AcceptInvitationDto: { token: 'no-such-token', displayName: 'Invited', password: 'a long enough password' },
      CreateApplicationDto: { callId: world.call.id, organizationId: world.orgA, title: 'Another draft' },
      SaveApplicationDto: { version: 1, content: goodContent([world.partnerA]) as unknown as JsonLike },
      VersionDto: { version: 1 },
      ReasonDto: { reason },
      ScreeningDto: { action: 'start_screening', reason: null },
      BulkAssignDto: { perApplication: 1, dueOn: '2027-05-31' },
      AssignReviewerDto: { reviewerId: world.reviewers.r2.id, dueOn: null },
      ReassignDto: { fromReviewerId: world.reviewers.r1.id, toReviewerId: world.reviewers.r3.id, reason },
      UnassignDto: { reason },
      DeclarationDto: { hasConflict: false, statement: null },
      SaveScoresDto: { scores: [{ criterionId: 'relevance', score: 3, comment: 'Fits' }], recommendation: null, overallComment: '', version: 1 },
      SubmitReviewDto: { version: 1 },
      SetDisagreementThresholdDto: { threshold: 1.5, reason },
      MakeDecisionDto: { outcome: 'approved', amountMinor: '1000', conditions: 'Reports', rationale: reason },
      CancelDecisionDto: { reason },
      SetConfirmationThresholdDto: { confirmationThresholdMinor: '0', reason },
    };

    const response = await api.request('GET', '/api/docs/openapi.json');
    expect(response.statusCode).toBe(200);
    document = response.json<OpenApiDocument>();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('documents every route the app registers', () => {
    const registered = registeredRoutes(api);
    const documented = documentedRoutes(document);
    expect(registered.size).toBeGreaterThan(50);
    expect([...registered.keys()].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect(documented.size).toBeGreaterThanOrEqual(registered.size);
  });

  it('documents every number that comes in with both bounds, and every path id as a UUID', () => {
    const resolver = new SchemaResolver(document);
    const loose: string[] = [];
    let numbers = 0;
    let pathIds = 0;
    const visit = (schema: OpenApiSchema | undefined, where: string, depth: number): void => {
      const s = resolver.resolve(schema);
      if (depth > 12) return;
      if (s.type === 'integer' || s.type === 'number') {
        numbers++;
        if (s.minimum === undefined || s.maximum === undefined) loose.push(where);
      }
      if (s.type === 'array') visit(s.items, `${where}[]`, depth + 1);
      for (const [key, property] of Object.entries(s.properties ?? {})) visit(property, `${where}.${key}`, depth + 1);
    };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const route = `${method.toUpperCase()} ${path}`;
        visit(operation.requestBody?.content?.['application/json']?.schema, `${route} body`, 0);
        for (const p of operation.parameters ?? []) {
          visit(p.schema, `${route} ${p.in} ${p.name}`, 0);
          if (p.in !== 'path') continue;
          pathIds++;
          // A public name in a path (an agency's slug, `<programId>.xml`) may be a string, if anchored and bounded.
          const boundedName = p.schema?.type === 'string' && /^\^.*\$$/.test(p.schema.pattern ?? '') && typeof p.schema.maxLength === 'number';
          if (p.schema?.format !== 'uuid' && p.schema?.type !== 'integer' && !boundedName) loose.push(`${route} path ${p.name} is neither a UUID, a bounded integer nor an anchored pattern of bounded length`);
        }
      }
    }
    expect(loose).toEqual([]);
    // What was checked: the numbers of the review, call, application and page DTOs, and the ids of 60-odd routes.
    expect(numbers).toBeGreaterThanOrEqual(15);
    expect(pathIds).toBeGreaterThanOrEqual(60);
  });

  it('answers generated invalid requests with a 4xx in the error shape, for every role and for nobody', async () => {
    const resolver = new SchemaResolver(document);
    const failures: Failure[] = [];
    const callers: Caller[] = [...ROLES, 'anonymous'];
    const rules = registeredRoutes(api);
    const admits = (route: string, caller: Caller): boolean => {
      const rule = rules.get(route);
      if (!rule || rule.kind === 'public') return true;
      return caller !== 'anonymous' && ruleAdmits(rule, [caller]);
    };
    const started = Date.now();
    let requests = 0;
    let routes = 0;

    // Sign-out goes last: a sign-out that goes through ends the caller's session, and nothing runs after it.
    const isSignOut = (path: string) => path.endsWith(`/${ApiPaths.signOut}`);
    const operations = Object.entries(document.paths)
      .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as OpenApiOperation })))
      .sort((a, b) => Number(isSignOut(a.path)) - Number(isSignOut(b.path)));

    const timeByRoute = new Map<string, number>();
    for (const [routeIndex, { path, method, operation }] of operations.entries()) {
      routes++;
      const routeStarted = Date.now();
      const route = `${method.toUpperCase()} ${path}`;
      const parameters = operation.parameters ?? [];
      const pathParams = parameters.filter((p) => p.in === 'path');
      const queryParams = parameters.filter((p) => p.in === 'query');
      const content = operation.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const segments = path.split('/');
      const idFor = () => ids['applications'][0];
      const schemaName = jsonSchema?.$ref?.split('/').pop();
      const base: JsonLike | undefined = jsonSchema ? (schemaName && validBodies[schemaName]) ?? resolver.sample(jsonSchema, idFor) : undefined;
      const realIdsFor = (name: string) => {
        const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
        return ids[before] ?? ids[`${name.replace(/Id$/, '')}s`] ?? [];
      };
      const realPath = fc.tuple(...pathParams.map((p) => realPathValue(realIdsFor(p.name))));
      const anyPath = fc.tuple(...pathParams.map((p) => pathValueArbitrary(realIdsFor(p.name))));
      const sendsBody = method !== 'get';
      const validBody = base === undefined ? undefined : { kinds: [] as MutationKind[], payload: serialize(base), contentType: 'application/json' };
      // One bad documented query parameter, the rest of the request valid.
      const oneBadQuery = oneBadQueryArbitrary(queryParams);
      const noQuery = fc.constant({ kinds: [] as MutationKind[], query: '' });
      const keepBody = fc.constant(sendsBody ? validBody : undefined);
      // Mostly one thing wrong at a time, so it is that thing that is judged; now and then everything at once.
      const arb = fc.oneof(
        { weight: 4, arbitrary: fc.record({ pathValues: realPath, query: noQuery, body: sendsBody ? bodyArbitrary(base, 1) : fc.constant(undefined) }) },
        { weight: 2, arbitrary: fc.record({ pathValues: realPath, query: oneBadQuery, body: keepBody }) },
        { weight: pathParams.length ? 2 : 0, arbitrary: fc.record({ pathValues: anyPath, query: noQuery, body: keepBody }) },
        { weight: 1, arbitrary: fc.record({ pathValues: anyPath, query: queryArbitrary(queryParams), body: sendsBody ? bodyArbitrary(base) : fc.constant(undefined) }) },
      );

      for (const [callerIndex, caller] of callers.entries()) {
        // A route that takes no input (sign-out, read-all…) has only stray queries and bodies to judge: a few samples do.
        const takesInput = parameters.length > 0 || jsonSchema !== undefined;
        const runs = !admits(route, caller) ? DENIED_RUNS : takesInput ? RUNS : DENIED_RUNS;
        const samples = fc.sample(arb, { seed: SEED + routeIndex * 16 + callerIndex, numRuns: runs });
        for (const sample of samples) {
          let url = path;
          const kinds: MutationKind[] = [];
          pathParams.forEach((p, i) => {
            const value = (sample.pathValues as { kinds: MutationKind[]; text: string }[])[i];
            url = url.replace(`{${p.name}}`, value.text);
            kinds.push(...value.kinds);
          });
          url += sample.query.query;
          kinds.push(...sample.query.kinds);
          const headers: Record<string, string> = {};
          if (sample.body?.contentType) headers['content-type'] = sample.body.contentType;
          if (sample.body) kinds.push(...sample.body.kinds);
          const what = `${method.toUpperCase()} ${url}`;
          let response: InjectResult;
          try {
            requests++;
            response = await withTimeout(
              api.request(method.toUpperCase() as Uppercase<Method>, url, {
                cookie: caller === 'anonymous' ? undefined : tokens[caller],
                rawBody: sample.body?.payload,
                headers,
              }),
              what,
            );
          } catch (error) {
            failures.push({ caller, route, request: what, kinds, problem: (error as Error).message, response: '' });
            continue;
          }
          const problem = contractViolation(response.statusCode, response.body);
          if (problem) {
            failures.push({ caller, route, request: `${short(what, 200)} ${short(sample.body?.payload ?? '', 400)}`, kinds, problem, response: short(response.body) });
          }
        }
      }
      timeByRoute.set(route, Date.now() - routeStarted);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const slowest = [...timeByRoute.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([r, ms]) => `${r} ${(ms / 1000).toFixed(1)} s`)
      .join(', ');
    console.log(
      `openapi fuzz: ${requests} requests over ${routes} routes × ${callers.length} roles, seed ${SEED}, ${RUNS} samples per admitted role, ${seconds} s, ${failures.length} failures; slowest: ${slowest}`,
    );
    if (failures.length > 0) {
      const byClass = new Map<string, Failure[]>();
      for (const f of failures) {
        // Fastify's own errors (FST_…) come from its router and body parser, before any DTO: the HTTP layer's part.
        const fastify = /code\\?":\\?"(FST_[A-Z_]+)/.exec(f.response)?.[1];
        const global = fastify ? [fastify] : f.kinds.filter((k) => GLOBAL_KINDS.has(k));
        const key = `${global.length ? `[http] ${[...new Set(global)].join('+')}` : `[dto] ${[...new Set(f.kinds)].join('+') || 'valid-looking'}`} → ${f.problem}`;
        byClass.set(key, [...(byClass.get(key) ?? []), f]);
      }
      const report = [...byClass.entries()]
        .map(([key, list]) => `${key}: ${list.length}× e.g. as ${list[0].caller}: ${list[0].request}\n    → ${list[0].problem}: ${list[0].response}`)
        .join('\n');
      console.log(`openapi fuzz failures (replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}):\n${report}`);
    }
    expect(failures.map((f) => `${f.caller} ${f.route}: ${f.problem} [${f.kinds.join(', ')}]`)).toEqual([]);
  }, 600_000);
});
