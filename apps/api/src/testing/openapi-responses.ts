import Ajv from 'ajv';
import type { OpenAPIObject } from '@nestjs/swagger';

type ResponseEntry = { $ref?: string; content?: Record<string, { schema?: object }> };

/**
 * Checks an answer of the api against what its OpenAPI document says for that
 * operation and status: the status must be listed, and a JSON body must match
 * the schema (ajv; OpenAPI 3.0's `nullable` is understood, formats are not checked).
 */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  private readonly compiled = new Map<string, ReturnType<Ajv['compile']>>();

  constructor(private readonly document: OpenAPIObject) {
    this.ajv.addSchema(document as object, 'mizan');
  }

  /** A problem, or undefined when the answer is what the document says. `path` is the document's path (`/api/v1/programs/{id}`). */
  check(method: string, path: string, status: number, body: string): string | undefined {
    const operation = this.document.paths[path]?.[method.toLowerCase() as 'get'];
    if (!operation) return 'no such operation in the document';
    let documented = operation.responses[String(status)] as ResponseEntry | undefined;
    if (documented?.$ref) documented = this.document.components?.responses?.[documented.$ref.split('/').pop() ?? ''] as ResponseEntry | undefined;
    if (!documented) return `status ${status} is not in the document (${Object.keys(operation.responses).join(', ')})`;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) return status === 204 || (documented.content && Object.keys(documented.content).length) ? undefined : 'no body documented';
    const key = `${method} ${path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"mizan#/components')) as object);
      this.compiled.set(key, validate);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return 'the body is not JSON';
    }
    return validate(parsed) ? undefined : this.ajv.errorsText(validate.errors, { separator: '; ' });
  }
}
