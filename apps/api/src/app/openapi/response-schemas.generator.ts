import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { createGenerator } from 'ts-json-schema-generator';

/**
 * The api's response bodies as JSON Schemas, made from the one source of truth:
 * the return type each controller method declares (`Promise<ApplicationView>`),
 * which the compiler checks against the service and the contract types in
 * libs/contracts. ts-json-schema-generator turns those types into schemas; this
 * file adapts them to OpenAPI 3.0 and writes RESPONSE_SCHEMAS_FILE, which
 * create-app.ts reads to describe every operation (apps/api/src/app/openapi/).
 *
 * Regenerate after changing a route or a contract type:
 *   npm run openapi:schemas
 * The api document spec fails while the checked-in file is stale.
 */

export const ROOT = join(__dirname, '..', '..', '..', '..', '..');
export const CONTROLLERS_DIR = join(ROOT, 'apps/api/src/app');
export const RESPONSE_SCHEMAS_FILE = join(ROOT, 'apps/api/src/app/openapi/response-schemas.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** What a route answers with: a JSON body (a schema), nothing (void), or a file it streams itself through @Res(). */
export type ResponseBody = { kind: 'json'; schema: JsonObject } | { kind: 'empty' } | { kind: 'file' };

export interface ResponseSchemas {
  $comment: string;
  /** By operationId (`<Controller>_<method>`, @nestjs/swagger's default). */
  operations: Record<string, ResponseBody>;
  /** Named schemas, for components.schemas; `$ref`s point at `#/components/schemas/<name>`. */
  schemas: Record<string, JsonObject>;
}

interface RouteMethod {
  operationId: string;
  /** The declared return type without its Promise<…>. */
  returnType: string;
  /** Answers through @Res() itself (no passthrough): a file download. */
  streams: boolean;
}

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

function decoratorName(decorator: ts.Decorator): string | undefined {
  const expression = decorator.expression;
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) return expression.expression.text;
  return undefined;
}

function findControllers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.controller.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function routeMethods(file: string, source: ts.SourceFile): RouteMethod[] {
  const out: RouteMethod[] = [];
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const className = statement.name.text;
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      const decorators = ts.getDecorators(member) ?? [];
      if (!decorators.some((d) => HTTP_DECORATORS.has(decoratorName(d) ?? ''))) continue;
      const where = `${relative(ROOT, file)}: ${className}.${member.name.text}`;
      if (!member.type) throw new Error(`${where} declares no return type: write it (e.g. Promise<ApplicationView>), it is what the api document says the route answers`);
      let type = member.type;
      if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise' && type.typeArguments?.length === 1) type = type.typeArguments[0];
      const streams = member.parameters.some((p) =>
        (ts.getDecorators(p) ?? []).some((d) => {
          if (decoratorName(d) !== 'Res') return false;
          const args = (d.expression as ts.CallExpression).arguments;
          return !args.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((prop) => prop.name && ts.isIdentifier(prop.name) && prop.name.text === 'passthrough'));
        }),
      );
      out.push({ operationId: `${className}_${member.name.text}`, returnType: type.getText(source), streams });
    }
  }
  return out;
}

/** OpenAPI 3.0 component names allow [A-Za-z0-9._-]: `Page<ActivityRecordView>` becomes `Page_ActivityRecordView`. */
export function componentName(typeName: string): string {
  return typeName
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON Schema (draft 7, as the generator writes it) to an OpenAPI 3.0 Schema Object:
 * `const` → a one-value enum, `type: [x, 'null']` and `anyOf [..., {type: null}]` → `nullable`,
 * `#/definitions/` refs → `#/components/schemas/`; no `additionalProperties: false`
 * (a client must accept fields the api adds later).
 */
export function toOpenApi30(schema: Json, typeOfRef: (ref: string) => Json | undefined = () => undefined): Json {
  if (Array.isArray(schema)) return schema.map((s) => toOpenApi30(s, typeOfRef));
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'definitions') continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (key === '$ref' && typeof value === 'string') {
      out[key] = `#/components/schemas/${componentName(decodeURIComponent(value.replace('#/definitions/', '')))}`;
      continue;
    }
    if (key === 'const') {
      out['enum'] = [value];
      if (schema['type'] === undefined && value !== null) out['type'] = typeof value as Json;
      continue;
    }
    out[key] = toOpenApi30(value, typeOfRef);
  }
  if (Array.isArray(out['type'])) {
    const types = out['type'].filter((t) => t !== 'null');
    if (types.length < out['type'].length) {
      out['nullable'] = true;
      if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
    }
    if (types.length === 1) out['type'] = types[0];
    else {
      delete out['type'];
      out['anyOf'] = types.map((t) => ({ type: t }));
    }
  }
  // A nullable enum lists null among its values too (OpenAPI 3.0.3: `enum` is checked before `nullable` widens the type).
  if (Array.isArray(out['enum']) && out['enum'].includes(null)) out['nullable'] = true;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = out[key];
    if (!Array.isArray(options)) continue;
    const rest = options.filter((o) => !(isObject(o) && o['type'] === 'null' && Object.keys(o).length === 1));
    if (rest.length === options.length) continue;
    out['nullable'] = true;
    const only = rest.length === 1 && isObject(rest[0]) ? rest[0] : undefined;
    if (only && typeof only['$ref'] === 'string') {
      // `Ref | null`: OpenAPI 3.0 has no null type, and `nullable` acts only beside a `type` in the same schema;
      // so: the reference, or a schema of the referenced type that admits only null.
      delete out['nullable'];
      const type = typeOfRef(only['$ref']);
      if (type === undefined) throw new Error(`cannot tell the type of ${only['$ref']} for a nullable reference`);
      out[key] = [only, { type, nullable: true, enum: [null] }];
    } else if (only) {
      delete out[key];
      Object.assign(out, only);
    } else out[key] = rest;
  }
  return out;
}

/** Reads every controller, generates the schemas of what its routes return. Takes ~20 s (one TypeScript program over the api). */
export function generateResponseSchemas(): ResponseSchemas {
  const operations: Record<string, ResponseBody> = {};
  const aliasFiles: string[] = [];
  const aliases: string[] = [];
  const scratch = mkdtempSync(join(CONTROLLERS_DIR, '.response-types-'));
  try {
    for (const file of findControllers(CONTROLLERS_DIR)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const methods = routeMethods(file, source);
      if (!methods.length) continue;
      const lines: string[] = [];
      // The controller file's own imports, made relative to the scratch folder, so the return types resolve as there.
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        let specifier = statement.moduleSpecifier.text;
        if (specifier.startsWith('.')) {
          specifier = relative(scratch, join(dirname(file), specifier));
          if (!specifier.startsWith('.')) specifier = `./${specifier}`;
        }
        lines.push(`${statement.getText(source).replace(statement.moduleSpecifier.getText(source), JSON.stringify(specifier))}`);
      }
      // Types declared in the controller file itself: from the controller module.
      const local = source.statements.filter((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
      if (local.length) {
        const names = local.map((s) => (s as ts.InterfaceDeclaration | ts.TypeAliasDeclaration).name.text);
        lines.push(`import type { ${names.join(', ')} } from ${JSON.stringify(relative(scratch, file).replace(/\.ts$/, ''))};`);
      }
      for (const method of methods) {
        if (operations[method.operationId]) throw new Error(`two routes share the operationId ${method.operationId}`);
        if (method.streams) {
          operations[method.operationId] = { kind: 'file' };
        } else if (method.returnType === 'void' || method.returnType === 'undefined') {
          operations[method.operationId] = { kind: 'empty' };
        } else {
          lines.push(`export type ${method.operationId} = ${method.returnType};`);
          aliases.push(method.operationId);
        }
      }
      const aliasFile = join(scratch, `${basename(file, '.ts')}.types.ts`);
      writeFileSync(aliasFile, `${lines.join('\n')}\n`);
      aliasFiles.push(aliasFile);
    }
    // The one error shape, with its codes.
    const errorsFile = join(scratch, 'errors.types.ts');
    writeFileSync(errorsFile, `export type { ApiErrorBody, FieldError } from '@mizan/contracts';\nexport { ErrorCode } from '@mizan/contracts';\n`);

    const tsconfig = join(scratch, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ extends: relative(scratch, join(ROOT, 'tsconfig.check.json')), include: ['./*.ts'] }));
    const generator = createGenerator({
      path: join(scratch, '*.types.ts'),
      tsconfig,
      type: '*',
      expose: 'export',
      topRef: true,
      jsDoc: 'basic',
      skipTypeCheck: true,
      additionalProperties: true,
      sortProps: true,
    });
    const generated = generator.createSchema('*') as JsonObject;
    const definitions = (generated['definitions'] ?? {}) as Record<string, Json>;
    const typeOfRef = (ref: string): Json | undefined => {
      let target = definitions[decodeURIComponent(ref.replace('#/components/schemas/', '').replace('#/definitions/', ''))];
      // Through aliases (`type A = B`) to the named type.
      for (let hops = 0; isObject(target) && typeof target['$ref'] === 'string' && hops < 10; hops++) target = definitions[decodeURIComponent(target['$ref'].replace('#/definitions/', ''))];
      if (!isObject(target)) return undefined;
      if (typeof target['type'] === 'string') return target['type'];
      if (Array.isArray(target['type'])) return target['type'].find((t) => t !== 'null');
      return target['properties'] ? 'object' : undefined;
    };
    const schemas: Record<string, JsonObject> = {};
    for (const [name, schema] of Object.entries(definitions)) {
      if (aliases.includes(name)) continue;
      const key = componentName(name);
      if (schemas[key]) throw new Error(`two types make the schema name ${key}: rename one`);
      schemas[key] = toOpenApi30(schema, typeOfRef) as JsonObject;
    }
    for (const alias of aliases) {
      const schema = definitions[alias];
      if (!schema) throw new Error(`no schema for ${alias}`);
      operations[alias] = { kind: 'json', schema: toOpenApi30(schema, typeOfRef) as JsonObject };
    }
    // Only what a response reaches (the generator also lists types that others extend or that are inlined).
    const reached = new Set<string>();
    const visit = (schema: Json): void => {
      if (Array.isArray(schema)) return schema.forEach(visit);
      if (!isObject(schema)) return;
      for (const [key, value] of Object.entries(schema)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = value.replace('#/components/schemas/', '');
          if (!reached.has(name)) {
            reached.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    };
    visit({ $ref: '#/components/schemas/ApiErrorBody' });
    for (const body of Object.values(operations)) if (body.kind === 'json') visit(body.schema);
    for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
    const sorted = Object.fromEntries(Object.entries(operations).sort(([a], [b]) => a.localeCompare(b)));
    const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
    return {
      $comment: 'Generated by apps/api/src/app/openapi/response-schemas.generator.ts from the controllers’ return types and libs/contracts: do not edit, run `npm run openapi:schemas`.',
      operations: sorted,
      schemas: sortedSchemas,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function serializeResponseSchemas(schemas: ResponseSchemas): string {
  return `${JSON.stringify(schemas, null, 2)}\n`;
}

if (require.main === module) {
  const started = Date.now();
  const schemas = generateResponseSchemas();
  writeFileSync(RESPONSE_SCHEMAS_FILE, serializeResponseSchemas(schemas));
  console.log(
    `${relative(ROOT, RESPONSE_SCHEMAS_FILE)}: ${Object.keys(schemas.operations).length} operations, ${Object.keys(schemas.schemas).length} schemas (${Date.now() - started} ms)`,
  );
}
