import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from '@mizan/contracts';
import { ACCESS_RULE, AccessRule } from '@mizan/server/identity';
import { ERROR_RESPONSES_METADATA, ERROR_STATUSES, ErrorStatus } from './error-responses';
import responseSchemas from './response-schemas.json';

/**
 * The api's OpenAPI document, as integrators read it (served at /api/docs/openapi.json).
 *
 * @nestjs/swagger writes paths, parameters and request bodies from the routes and
 * their DTOs; this file adds what it cannot know:
 * - each success body, from response-schemas.json — generated from the controller
 *   methods' declared return types and the contract types (response-schemas.generator.ts);
 * - the error responses each route can give, in the one error shape (ApiErrorBody),
 *   derived from its access rule, its parameters and its body, plus @ErrorResponses(...);
 * - security from the access rule (@Public() routes: none; all others: the session
 *   cookie or the same token as a bearer header);
 * - servers, tags with descriptions, the license.
 * Each route writes its own summary with @ApiOperation({ summary }). The api document
 * spec lints the result with Redocly's recommended rules.
 */

export const SESSION_SCHEME = 'session';
export const BEARER_SCHEME = 'bearer';

/** One line per tag (@ApiTags on the controllers); a new tag needs a line here (the api document spec checks). */
export const API_TAGS: Record<string, string> = {
  health: 'Liveness and readiness of the api, its database and Redis.',
  auth: 'Sign-in, sign-out, the current session, two-factor authentication and re-authentication.',
  users: 'User accounts of an agency: creation, roles, activation, two-factor reset, agency security settings.',
  trail: 'The hash-chained activity trail: listing, verification and signed exports.',
  programs: 'Grant programs of an agency.',
  calls: 'Calls for proposals within a program: rules, rubric, envelope, versions.',
  'reference data': 'Lists the forms choose from (governorates).',
  organizations: 'Applicant organizations and their members.',
  partners: 'Partner organizations of an applicant organization.',
  invitations: 'Invitations to join an organization.',
  'due diligence': 'Due-diligence documents and status of an organization.',
  applications: 'Applications to a call: drafting, submission, screening, versions, attachments.',
  review: 'Assignment of reviewers, conflict-of-interest declarations, scoring, the review board.',
  decisions: 'Funding decisions (four-eyes), decision notices.',
  notifications: 'The signed-in user’s notifications.',
  outbox: 'Outbound e-mail, as sent or pending.',
  grants: 'Grant agreements: content, risk, signature, versions, tranches and their release, findings, reports.',
  'red-flags': 'Red flags of expenditure: the engine’s findings per grant and agency, clearing and escalation, runs and thresholds.',
  payments: 'Payments of grant tranches: approval (segregation of duties), payment, receipt.',
  'bank files': 'ISO 20022 bank files of approved payments, and bank returns.',
  'exchange rates': 'Exchange rates used for payments in another currency.',
  'finance settings': 'Finance settings of the agency (debtor account, approval thresholds).',
  verification: 'Verification of submitted reports line by line (posted to the ledger), line threads, accepting or returning reports, refunds.',
  ledger: 'The double-entry ledger: entries, trial balance, statements, cash forecast.',
  'report files': 'Receipts and evidence of reports: resumable uploads (tus 1.0.0), listing, download, removal.',
  reporting: 'Reports of grants: the reporting schedule, expenditure lines (with the XLSX template and import), budget vs actual, the narrative part, submission.',
  monitoring: 'Governorate security levels, the monitoring policy, monitoring visits and their files, third-party monitors and their assigned grants.',
  audit: 'Audits: engagements (planning, auditors, stages), scope, population and sampling, tests, findings with responses and follow-up, reconciliation, reports, assurance per grant.',
  screening:
    'Sanctions screening: imports of sanctions lists (the UN Security Council consolidated list) and their entries, name checks, the queue of potential matches with their resolution (four eyes), screening runs and settings.',
  transparency:
    'Transparency (IATI 2.03): the agency’s IATI identity, what each program publishes, the preview of its activity file (traced, redacted, validated against the schema and codelists), publication jobs, and the public page data and files (no sign-in).',
};

type OperationObject = OpenAPIObject['paths'][string]['get'] & object;
type ResponseObject = Extract<OperationObject['responses'][string], { description: string }>;
type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

/** @nestjs/swagger's metadata keys of @ApiProduces and @ApiConsumes (its constants module is not exported). */
const API_PRODUCES = 'swagger/apiProduces';
const API_CONSUMES = 'swagger/apiConsumes';

interface RouteFacts {
  rule: AccessRule | undefined;
  extraErrors: ErrorStatus[];
  produces: string[];
  upload: boolean;
}

/** Facts of each route handler by its operationId (`<Controller>_<method>`, @nestjs/swagger's default). */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const out = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || typeof controller !== 'function') continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const meta = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
        out.set(`${controller.name}_${name}`, {
          rule: meta<AccessRule>(ACCESS_RULE),
          extraErrors: meta<ErrorStatus[]>(ERROR_RESPONSES_METADATA) ?? [],
          produces: meta<string[]>(API_PRODUCES) ?? [],
          upload: (meta<string[]>(API_CONSUMES) ?? []).includes('multipart/form-data'),
        });
      }
    }
  }
  return out;
}

type Generated = { kind: 'json'; schema: SchemaObject } | { kind: 'empty' } | { kind: 'file' };

const SUCCESS_DESCRIPTIONS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No content' };

function describeOperation(method: string, operation: OperationObject, facts: RouteFacts | undefined, body: Generated | undefined): ErrorStatus[] {
  const permission = facts?.rule?.kind === 'permission';
  operation.security = permission ? [{ [SESSION_SCHEME]: [] }, { [BEARER_SCHEME]: [] }] : [];

  const responses = operation.responses as Record<string, ResponseObject>;
  const success = Object.keys(responses).find((status) => status.startsWith('2')) ?? (method === 'post' ? '201' : '200');
  const response: ResponseObject = { ...responses[success], description: responses[success]?.description || SUCCESS_DESCRIPTIONS[success] || 'Success' };
  if (body?.kind === 'json') response.content = { 'application/json': { schema: body.schema } };
  if (body?.kind === 'file') {
    const types = facts?.produces.length ? facts.produces : ['application/octet-stream'];
    response.content = Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  }
  responses[success] = response;

  if (facts?.upload && !operation.requestBody) {
    operation.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', format: 'binary' }, description: { type: 'string', maxLength: 1000 } },
          },
        },
      },
    };
  }

  const errors = new Set<ErrorStatus>([400, ...(facts?.extraErrors ?? [])]);
  const pathId = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path');
  if (permission) {
    errors.add(401);
    errors.add(403);
    // A change to a record, or with a body: the record's state or version may not allow it.
    if (method !== 'get' && (pathId || operation.requestBody)) errors.add(409);
  }
  if (pathId) errors.add(404);
  if (operation.requestBody) {
    errors.add(413);
    errors.add(415);
  }
  const listed = [...errors].sort();
  for (const status of listed) responses[String(status)] = { $ref: `#/components/responses/${ERROR_STATUSES[status].name}` } as unknown as ResponseObject;
  return listed;
}

/** The document: what @nestjs/swagger makes of the routes, completed as the header comment says. */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Mizan API')
    .setDescription(
      'Co-development grant programs with an accountable money trail: identity, intake, review, decisions, grants, payments, ledger and the activity trail. ' +
        'Every error answers in one JSON shape (`ApiErrorBody`) with a stable `code`: branch on the code, never on the message.',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'The Mizan instance serving this document')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by sign-in (HttpOnly, SameSite=Strict).' }, SESSION_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque session token', description: 'The same session token, as `Authorization: Bearer <token>`, for clients that keep no cookies.' }, BEARER_SCHEME);
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());

  const facts = routeFacts(app);
  const generated = responseSchemas as unknown as { operations: Record<string, Generated>; schemas: Record<string, SchemaObject> };
  const used = new Set<ErrorStatus>();
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'head', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const id = operation.operationId ?? '';
      for (const status of describeOperation(method, operation, facts.get(id), generated.operations[id])) used.add(status);
    }
  }

  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  for (const [name, schema] of Object.entries(generated.schemas)) {
    if (schemas[name]) throw new Error(`the response schema ${name} has the name of a request DTO: rename one`);
    schemas[name] = schema;
  }
  components.responses = Object.fromEntries(
    [...used].sort().map((status) => ERROR_STATUSES[status]).map(({ name, description }) => [name, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } } }]),
  );
  return document;
}
