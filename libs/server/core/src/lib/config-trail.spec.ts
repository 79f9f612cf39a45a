import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('trail checkpoint configuration', () => {
  it('defaults: the key pair in var/keys, the public key beside the private one, a checkpoint every 10 minutes', () => {
    const config = loadConfig({});
    expect(config.trailSigningKeyFile).toBe(resolve('var/keys/trail-signing-key.pem'));
    expect(config.trailPublicKeyFile).toBe(resolve('var/keys/trail-signing-key.pub.pem'));
    expect(config.trailCheckpointSeconds).toBe(600);
  });

  it('the public key follows a configured private key unless named itself', () => {
    expect(loadConfig({ TRAIL_SIGNING_KEY_FILE: '/etc/mizan/signing.pem' }).trailPublicKeyFile).toBe('/etc/mizan/signing.pub.pem');
    expect(loadConfig({ TRAIL_SIGNING_KEY_FILE: '/etc/mizan/signing.key' }).trailPublicKeyFile).toBe('/etc/mizan/signing.key.pub.pem');
    const both = loadConfig({ TRAIL_SIGNING_KEY_FILE: '/secret/k.pem', TRAIL_PUBLIC_KEY_FILE: '/public/k.pem' });
    expect(both).toMatchObject({ trailSigningKeyFile: '/secret/k.pem', trailPublicKeyFile: '/public/k.pem' });
  });

  it('TRAIL_CHECKPOINT_SECONDS: 0 turns the interval off; anything but a whole number is refused, naming the variable', () => {
    expect(loadConfig({ TRAIL_CHECKPOINT_SECONDS: '0' }).trailCheckpointSeconds).toBe(0);
    expect(loadConfig({ TRAIL_CHECKPOINT_SECONDS: '30' }).trailCheckpointSeconds).toBe(30);
    expect(() => loadConfig({ TRAIL_CHECKPOINT_SECONDS: 'often' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRAIL_CHECKPOINT_SECONDS: '-5' })).toThrow(/TRAIL_CHECKPOINT_SECONDS/);
  });
});
