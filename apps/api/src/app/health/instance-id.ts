import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Which api process answers the health check. A launcher that starts the api
 * (the browser-test layer) passes a nonce in MIZAN_INSTANCE_ID and waits until
 * /health echoes it, so a foreign server already on the port is never taken for
 * ours. Without it each process draws a random id. Either way the value is a
 * public, meaningless token: no secret, no pid, no host detail.
 */
export function healthInstanceId(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['MIZAN_INSTANCE_ID'];
  return given !== undefined && SAFE_ID.test(given) ? given : randomUUID();
}
