import type { WebError } from './api-error';
import { IdempotencyKey } from './idempotency';

const webError = (over: Partial<WebError>): WebError => ({
  status: 400,
  code: 'UNKNOWN_ERROR',
  message: 'x',
  fields: [],
  ...over,
});

describe('IdempotencyKey', () => {
  let n = 0;
  const attempt = () => new IdempotencyKey(() => `key-${++n}`);

  it('gives each new click a new key', () => {
    const a = attempt();
    const first = a.key(false);
    a.succeeded();
    expect(a.key(false)).not.toBe(first);
  });

  it('keeps the key for a retry when the answer never came (network, 5xx, re-authentication)', () => {
    for (const error of [
      webError({ status: 0, code: 'NETWORK_ERROR' }),
      webError({ status: 502 }),
      webError({ status: 403, code: 'REAUTH_REQUIRED' as WebError['code'] }),
    ]) {
      const a = attempt();
      const first = a.key(false);
      a.failed(error);
      expect(a.unanswered).toBe(true);
      expect(a.key(true)).toBe(first);
    }
  });

  it('spends the key once the server answered with a 4xx naming the problem', () => {
    const a = attempt();
    const first = a.key(false);
    a.failed(webError({ status: 422, code: 'RELEASE_CONDITIONS_UNMET' as WebError['code'] }));
    expect(a.unanswered).toBe(false);
    expect(a.key(true)).not.toBe(first);
  });
});
