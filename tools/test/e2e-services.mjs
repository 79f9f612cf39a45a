// Helpers of the browser-test layer (tools/test/run-all.mjs) that decide where
// the api and the mail server listen and whether the server answering there is
// ours. Kept apart so tools/test/e2e-services.test.mjs can test them against
// real sockets: a run must never test someone else's server.
import { createServer } from 'node:net';

export const HEALTH_PATH = '/api/v1/health';

/** A port the OS says is free now: listen on port 0, read the port, close. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves when `port` can be bound on `host`; otherwise rejects with a message naming the port. */
export function assertPortFree(port, host = '127.0.0.1', what = 'the port') {
  return new Promise((resolveFree, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `${what}: ${host}:${port} is already in use by another process; stop it or leave the variable unset so a free port is picked`
            : `${what}: cannot listen on ${host}:${port} (${error.code ?? error.message})`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolveFree()));
  });
}

/**
 * The port to use: the one asked for in `requested` (an environment variable's
 * value), checked to be free, or else one the OS picks.
 */
export async function choosePort(requested, what, host = '127.0.0.1') {
  if (requested === undefined || requested === '') return freePort(host);
  const port = Number(requested);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${what}: "${requested}" is not a port number`);
  await assertPortFree(port, host, what);
  return port;
}

/** The server on the port is not the one we started. */
export class ForeignServerError extends Error {}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Waits until `url` answers the health check as the api process `child`, which
 * was started with MIZAN_INSTANCE_ID=`instance`. Rejects at once when that
 * process exits, or when the server answering is another one (its health does
 * not echo our nonce): then the port is someone else's.
 */
export async function waitForHealth({ url, instance, child, log = () => '', timeoutMs = 60_000, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (exited(child)) {
      throw new Error(`the api exited before it answered on ${url} (exit ${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    try {
      const response = await fetch(`${url}${HEALTH_PATH}`, { signal: AbortSignal.timeout(2_000) });
      const text = await response.text();
      let answer;
      try {
        answer = JSON.parse(text);
      } catch {
        answer = undefined;
      }
      if (response.ok && answer?.instance === instance) return answer;
      if (response.ok || !(answer && typeof answer === 'object' && 'statusCode' in answer)) {
        // A healthy answer without our nonce, or something that is not a Mizan error body.
        throw new ForeignServerError(
          `${url} is answered by another server, not the api started for this run (health said ${JSON.stringify(text.slice(0, 200))}); ` +
            `port ${new URL(url).port} is taken by another process`,
        );
      }
      last = `health answered ${response.status}`;
    } catch (error) {
      if (error instanceof ForeignServerError) throw error;
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`the api did not become healthy on ${url} within ${timeoutMs / 1000} s (${last}):\n${log()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Calls `onExit(name, code)` when one of the processes stops before `stop()`
 * is called (for example the worker dying in the middle of the browser run).
 */
export function watchProcesses(processes, onExit) {
  let stopping = false;
  for (const [name, child] of Object.entries(processes)) {
    const report = () => {
      if (!stopping) onExit(name, child.exitCode ?? child.signalCode);
    };
    if (exited(child)) report();
    else child.once('exit', report);
  }
  return {
    stop() {
      stopping = true;
    },
  };
}

/**
 * One port per entry of `requests` ([what, requested] pairs, as for
 * choosePort), all different: two picks by the OS may repeat once closed.
 */
export async function choosePorts(requests, host = '127.0.0.1') {
  const ports = [];
  for (const [what, requested] of requests) {
    let port = await choosePort(requested, what, host);
    for (let tries = 0; ports.includes(port); tries++) {
      if ((requested !== undefined && requested !== '') || tries > 20) throw new Error(`${what}: port ${port} is already used for another service of this run`);
      port = await freePort(host);
    }
    ports.push(port);
  }
  return ports;
}
