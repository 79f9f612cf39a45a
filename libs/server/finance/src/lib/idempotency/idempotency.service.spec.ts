import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { canonicalJson, idempotencyHash, parseIdempotencyKey } from './idempotency.service';

describe('idempotency: canonical request hash', () => {
  it('writes objects with sorted keys at every level, arrays in order, undefined members left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('é"')).toBe('"é\\""');
  });

  it('hashes alike what differs only in key order, and differently whatever else differs', () => {
    const base = { method: 'POST', route: '/api/v1/ledger/entries/:id/reverse', params: { id: 'x' }, body: { reason: 'r', n: 1 } };
    const h = idempotencyHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyHash({ ...base, method: 'post', body: { n: 1, reason: 'r' } })).toBe(h);
    expect(idempotencyHash({ ...base, body: { reason: 'r', n: 2 } })).not.toBe(h);
    expect(idempotencyHash({ ...base, params: { id: 'y' } })).not.toBe(h);
    expect(idempotencyHash({ ...base, route: '/api/v1/payments/:id/paid' })).not.toBe(h);
    // The body's "1" and 1 are different requests.
    expect(idempotencyHash({ ...base, body: { reason: 'r', n: '1' } })).not.toBe(h);
  });
});

describe('idempotency: the header', () => {
  const code = (value: string | string[] | undefined) => {
    try {
      parseIdempotencyKey(value);
      return 'ok';
    } catch (error) {
      return (error as MizanException).code;
    }
  };

  it('is optional', () => {
    expect(parseIdempotencyKey(undefined)).toBeNull();
  });

  it('takes 1 to 200 visible ASCII characters', () => {
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('~!'.repeat(100))).toHaveLength(200);
    expect(parseIdempotencyKey('3f1c9a2e-7b8d-4c1e-9f0a-5d6b7c8e9f00')).toBe('3f1c9a2e-7b8d-4c1e-9f0a-5d6b7c8e9f00');
  });

  it.each([[''], ['a b'], ['k'.repeat(201)], ['tab\there'], ['é'], ['\u202e'], [['a', 'b']]])('refuses %j', (value) => {
    expect(code(value as string | string[])).toBe(ErrorCode.IdempotencyKeyInvalid);
  });
});
