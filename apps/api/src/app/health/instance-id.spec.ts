import { healthInstanceId } from './instance-id';

describe('healthInstanceId', () => {
  it('echoes the nonce a launcher passes in MIZAN_INSTANCE_ID', () => {
    expect(healthInstanceId({ MIZAN_INSTANCE_ID: 'e2e-3f9a1c0d' })).toBe('e2e-3f9a1c0d');
  });

  it('draws a fresh random id per process when none is given', () => {
    const a = healthInstanceId({});
    const b = healthInstanceId({});
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('never echoes something that is not a short token (markup, long text)', () => {
    for (const bad of ['', '<script>x</script>', 'a'.repeat(65), 'id with spaces']) {
      const id = healthInstanceId({ MIZAN_INSTANCE_ID: bad });
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
