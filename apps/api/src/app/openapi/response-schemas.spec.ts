import { componentName, toOpenApi30 } from './response-schemas.generator';

/** The JSON Schema → OpenAPI 3.0 adaptation of the generated response schemas (response-schemas.generator.ts). */
describe('response schemas in OpenAPI 3.0', () => {
  const typeOf = (ref: string) => ({ '#/components/schemas/GrantView': 'object', '#/components/schemas/CurrencyCode': 'string' })[ref];

  it('names generic instances with the characters OpenAPI allows', () => {
    expect(componentName('Page<ActivityRecordView>')).toBe('Page_ActivityRecordView');
    expect(componentName('Record<string,number>')).toBe('Record_string_number');
  });

  it('turns a nullable type, enum and reference into what 3.0 and its linters accept', () => {
    expect(toOpenApi30({ type: ['string', 'null'] })).toEqual({ type: 'string', nullable: true });
    expect(toOpenApi30({ type: ['string', 'null'], enum: ['a', 'b'] })).toEqual({ type: 'string', nullable: true, enum: ['a', 'b', null] });
    expect(toOpenApi30({ anyOf: [{ $ref: '#/definitions/GrantView' }, { type: 'null' }] }, typeOf)).toEqual({
      anyOf: [{ $ref: '#/components/schemas/GrantView' }, { type: 'object', nullable: true, enum: [null] }],
    });
    expect(toOpenApi30({ anyOf: [{ $ref: '#/definitions/CurrencyCode' }, { type: 'null' }] }, typeOf)).toEqual({
      anyOf: [{ $ref: '#/components/schemas/CurrencyCode' }, { type: 'string', nullable: true, enum: [null] }],
    });
    expect(toOpenApi30({ anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'null' }] })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      nullable: true,
    });
    expect(() => toOpenApi30({ anyOf: [{ $ref: '#/definitions/Unknown' }, { type: 'null' }] }, typeOf)).toThrow(/cannot tell the type/);
  });

  it('writes constants as one-value enums, references to components, and lets objects grow', () => {
    expect(toOpenApi30({ type: 'string', const: 'ok' })).toEqual({ type: 'string', enum: ['ok'] });
    expect(toOpenApi30({ const: 3 })).toEqual({ enum: [3], type: 'number' });
    expect(toOpenApi30({ $ref: '#/definitions/Page%3CGrantView%3E' })).toEqual({ $ref: '#/components/schemas/Page_GrantView' });
    expect(toOpenApi30({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, properties: {} })).toEqual({ type: 'object', properties: {} });
  });
});
