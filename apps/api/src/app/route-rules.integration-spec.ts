import { Body, Controller, Get, Module, Post, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { API_PREFIX, ApiErrorBody, ApiPaths, ErrorCode, ROLES, Role, SESSION_COOKIE } from '@mizan/contracts';
import { ACCESS_RULE, AccessRule } from '@mizan/server/identity';
import { TEST_PASSWORD, TestEnvironment, createTestEnvironment, seedAgency } from '@mizan/server/testing';
import { createApiApp } from './create-app';

/** Calls that reached the handler of the rule-less controller: must stay empty. */
const reachedWithoutRule: string[] = [];

/** Test only: a controller someone forgot to give an access rule. */
@Controller('test-only/no-rule')
class NoRuleController {
  @Get()
  read(): { secret: string } {
    reachedWithoutRule.push('GET');
    return { secret: 'should never be served' };
  }

  @Post()
  write(@Body() body: unknown): { echoed: unknown } {
    reachedWithoutRule.push('POST');
    return { echoed: body };
  }
}

@Module({ controllers: [NoRuleController] })
class NoRuleTestModule {}

interface Handler {
  name: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

const NEST_METHODS: Record<number, string[]> = {
  [RequestMethod.GET]: ['GET'],
  [RequestMethod.POST]: ['POST'],
  [RequestMethod.PUT]: ['PUT'],
  [RequestMethod.DELETE]: ['DELETE'],
  [RequestMethod.PATCH]: ['PATCH'],
  [RequestMethod.OPTIONS]: ['OPTIONS'],
  [RequestMethod.HEAD]: ['HEAD'],
  [RequestMethod.ALL]: ['ALL'],
};

function normalize(...parts: string[]): string {
  const joined = `/${parts.join('/')}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function asList(value: unknown): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Every route handler Nest knows of, with the rule the access guard would read (same lookup: handler, then class). */
function nestHandlers(app: NestFastifyApplication): Handler[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector, { strict: false });
  const handlers: Handler[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!type) continue;
    for (const methodName of scanner.getAllMethodNames(type.prototype)) {
      const fn = (type.prototype as Record<string, unknown>)[methodName] as (...args: unknown[]) => unknown;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (requestMethod === undefined) continue;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [fn, type]);
      for (const base of asList(Reflect.getMetadata(PATH_METADATA, type))) {
        for (const own of asList(Reflect.getMetadata(PATH_METADATA, fn))) {
          for (const method of NEST_METHODS[requestMethod]) {
            handlers.push({ name: `${type.name}.${methodName}`, method, path: normalize(API_PREFIX, base, own), rule });
          }
        }
      }
    }
  }
  return handlers;
}

describe('access rules: every route of the running app carries one, and a route without one is closed', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  /** What Fastify really serves, as it was registered (method, url). */
  const served: { method: string; url: string }[] = [];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    env = await createTestEnvironment('route_rules');
    app = await createApiApp(env.config, { logger: false, extraModules: [NoRuleTestModule] });
    // Nest adds its routes at init(): watch them being registered with Fastify.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        for (const method of Array.isArray(route.method) ? route.method : [route.method]) served.push({ method: String(method), url: route.url ?? route.path });
      });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await seedAgency(app.get<DataSource>(getDataSourceToken()), 'rules');
    for (const role of ROLES) tokens[role] = await signIn(`${role}@rules.test`);
  });
  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await env?.teardown();
    }
  });

  async function signIn(email: string): Promise<string> {
    const response = await app.inject({ method: 'POST', url: `${API_PREFIX}/${ApiPaths.signIn}`, payload: { email, password: TEST_PASSWORD } });
    const cookie = String(response.headers['set-cookie'] ?? '');
    const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1];
    if (response.statusCode !== 200 || !token) throw new Error(`sign-in of ${email}: ${response.statusCode} ${response.body}`);
    return token;
  }

  it('finds every api route Fastify serves among the Nest handlers it enumerates', () => {
    const handlers = nestHandlers(app);
    const known = new Set(handlers.map((h) => `${h.method} ${h.path}`));
    const apiRoutes = served.filter((r) => r.url.startsWith(`${API_PREFIX}/`) || r.url === API_PREFIX);
    // Fastify adds a HEAD route beside each GET by itself.
    const own = apiRoutes.filter((r) => !(r.method === 'HEAD' && known.has(`GET ${normalize(r.url)}`)));
    const unknown = own.filter((r) => !known.has(`${r.method} ${normalize(r.url)}`)).map((r) => `${r.method} ${r.url}`);
    expect(unknown).toEqual([]);
    // And the other way round: no handler that Fastify does not serve (the enumeration is of the running app).
    const servedSet = new Set(own.map((r) => `${r.method} ${normalize(r.url)}`));
    expect(handlers.filter((h) => !servedSet.has(`${h.method} ${h.path}`)).map((h) => h.name)).toEqual([]);
    // Sanity: this is the whole api, not an empty list that would pass anything.
    expect(own.length).toBeGreaterThan(60);
    expect(handlers.find((h) => h.path === normalize(API_PREFIX, ApiPaths.signIn))?.rule).toEqual({ kind: 'public' });
  });

  it('every handler carries @Public() or @RequirePermission(…): the only ones without are the test-only controller', () => {
    const lacking = nestHandlers(app)
      .filter((h) => h.rule === undefined)
      .map((h) => `${h.name} (${h.method} ${h.path})`);
    // On failure this lists every handler without an access rule.
    expect(lacking).toEqual([`NoRuleController.read (GET ${API_PREFIX}/test-only/no-rule)`, `NoRuleController.write (POST ${API_PREFIX}/test-only/no-rule)`]);
    const publicOnes = nestHandlers(app)
      .filter((h) => h.rule?.kind === 'public')
      .map((h) => h.name)
      .sort();
    // Public routes are few and deliberate: a new one must be added here on purpose.
    expect(publicOnes).toEqual(
      [
        'AuthController.probe',
        'AuthController.signIn',
        'HealthController.health',
        'InvitationsController.accept',
        // The directory (issue 15): its taxonomy, self-registration (rate-limited), email verification, public listing.
        'DirectoryController.publicProfiles',
        'DirectoryController.register',
        'DirectoryController.taxonomy',
        'DirectoryController.verify',
        // Transparency (issue 16): what an agency published — the page data and the IATI files.
        'PublicTransparencyController.file',
        'PublicTransparencyController.page',
      ].sort(),
    );
  });

  it('a route without a rule answers 403 to everyone — nobody, every role — and its handler never runs', async () => {
    const url = `${API_PREFIX}/test-only/no-rule`;
    const callers: [string, string | undefined][] = [['nobody', undefined], ...ROLES.map((role): [string, string] => [role, tokens[role]])];
    for (const [who, token] of callers) {
      const headers = token ? { cookie: `${SESSION_COOKIE}=${token}` } : undefined;
      for (const response of [await app.inject({ method: 'GET', url, headers }), await app.inject({ method: 'POST', url, headers, payload: { a: 1 } })]) {
        expect({ who, status: response.statusCode }).toEqual({ who, status: 403 });
        expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.Forbidden);
        expect(response.body).not.toContain('should never be served');
      }
    }
    expect(reachedWithoutRule).toEqual([]);
  });
});
