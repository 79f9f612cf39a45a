// Tests of the browser layer's port and health helpers against real sockets
// and processes. Run with `node --test tools/test/` (the unit layer of
// `npm test` does).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { HEALTH_PATH, assertPortFree, choosePort, choosePorts, freePort, waitForHealth, watchProcesses } from './e2e-services.mjs';

/** An HTTP server that is not our api: it answers every health check "ok", as the foreign server in issue 8 did. */
async function foreignServer(port = 0, body = { status: 'ok', database: 'ok', redis: 'ok' }) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: server.address().port, close: () => new Promise((r) => server.close(r)) };
}

/** A real child process that stays alive until killed (stands in for the api while another server answers). */
function idleChild() {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

async function stopChild(child) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

describe('ports of the browser-test layer', () => {
  let foreign;
  before(async () => {
    foreign = await foreignServer();
  });
  after(() => foreign.close());

  it('a free port from the OS can be bound, and is never the one a dummy server holds', async () => {
    for (let i = 0; i < 20; i++) {
      const port = await freePort();
      assert.notEqual(port, foreign.port);
      await assertPortFree(port);
    }
  });

  it('without E2E_API_PORT the layer picks a free port, never the taken one', async () => {
    const [api, mail] = await choosePorts([
      ['api', undefined],
      ['mail', ''],
    ]);
    assert.notEqual(api, foreign.port);
    assert.notEqual(mail, foreign.port);
    assert.notEqual(api, mail);
  });

  it('an E2E_API_PORT already in use stops the run at once, naming the port', async () => {
    await assert.rejects(() => choosePort(String(foreign.port), 'E2E_API_PORT'), (error) => {
      assert.match(error.message, new RegExp(`^E2E_API_PORT: 127\\.0\\.0\\.1:${foreign.port} is already in use`));
      return true;
    });
  });

  it('a free E2E_API_PORT is used as given; nonsense is refused', async () => {
    const port = await freePort();
    assert.equal(await choosePort(String(port), 'E2E_API_PORT'), port);
    await assert.rejects(() => choosePort('31OO', 'E2E_API_PORT'), /"31OO" is not a port number/);
  });

  it('the same explicit port for two services is refused', async () => {
    const port = await freePort();
    await assert.rejects(
      () => choosePorts([
        ['api', String(port)],
        ['mail', String(port)],
      ]),
      new RegExp(`mail: port ${port} is already used for another service`),
    );
  });
});

describe('health check of the browser-test layer', () => {
  it('refuses a healthy server that does not echo our nonce: the port is someone else\'s', async () => {
    const foreign = await foreignServer();
    const child = idleChild();
    try {
      await assert.rejects(
        () => waitForHealth({ url: `http://127.0.0.1:${foreign.port}`, instance: 'e2e-ours', child, timeoutMs: 5_000 }),
        new RegExp(`another server.*port ${foreign.port} is taken by another process`),
      );
    } finally {
      await stopChild(child);
      await foreign.close();
    }
  });

  it('refuses a server echoing another instance id (a second Mizan api)', async () => {
    const other = await foreignServer(0, { status: 'ok', database: 'ok', redis: 'ok', instance: 'e2e-theirs' });
    const child = idleChild();
    try {
      await assert.rejects(
        () => waitForHealth({ url: `http://127.0.0.1:${other.port}`, instance: 'e2e-ours', child, timeoutMs: 5_000 }),
        /another server/,
      );
    } finally {
      await stopChild(child);
      await other.close();
    }
  });

  it('accepts the server that echoes our nonce', async () => {
    const ours = await foreignServer(0, { status: 'ok', database: 'ok', redis: 'ok', instance: 'e2e-ours' });
    const child = idleChild();
    try {
      const answer = await waitForHealth({ url: `http://127.0.0.1:${ours.port}`, instance: 'e2e-ours', child, timeoutMs: 5_000 });
      assert.equal(answer.instance, 'e2e-ours');
    } finally {
      await stopChild(child);
      await ours.close();
    }
  });

  it('notices the api process dying at start (the one watched is the api, not another child)', async () => {
    const port = await freePort();
    const api = spawn(process.execPath, ['-e', 'console.error("mizan api: cannot listen"); process.exit(1)'], { stdio: 'ignore' });
    const started = Date.now();
    await assert.rejects(
      () => waitForHealth({ url: `http://127.0.0.1:${port}`, instance: 'e2e-ours', child: api, log: () => 'api log', timeoutMs: 30_000, intervalMs: 50 }),
      /the api exited before it answered .*\(exit 1\):\napi log/,
    );
    assert.ok(Date.now() - started < 10_000, 'stopped at once, not at the timeout');
  });

  it('gives up after the timeout when nothing answers, saying what it last saw', async () => {
    const port = await freePort();
    const child = idleChild();
    try {
      await assert.rejects(
        () => waitForHealth({ url: `http://127.0.0.1:${port}`, instance: 'e2e-ours', child, timeoutMs: 300, intervalMs: 50 }),
        /did not become healthy on .* within 0\.3 s/,
      );
    } finally {
      await stopChild(child);
    }
  });

  it('a Mizan error body (api up, database not yet) means wait, not foreign', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      assert.equal(req.url, HEALTH_PATH);
      calls += 1;
      if (calls < 3) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 503, code: 'INTERNAL', message: 'not ready' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', instance: 'e2e-ours' }));
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const child = idleChild();
    try {
      await waitForHealth({ url: `http://127.0.0.1:${server.address().port}`, instance: 'e2e-ours', child, timeoutMs: 5_000, intervalMs: 20 });
      assert.equal(calls, 3);
    } finally {
      await stopChild(child);
      await new Promise((r) => server.close(r));
    }
  });
});

describe('watching the api and worker during the run', () => {
  it('reports a process that exits before stop(), with its exit code', async () => {
    const worker = spawn(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 50)'], { stdio: 'ignore' });
    const reported = new Promise((resolveReport) => watchProcesses({ worker }, (name, code) => resolveReport({ name, code })));
    assert.deepEqual(await reported, { name: 'worker', code: 3 });
  });

  it('stays quiet about processes stopped on purpose after stop()', async () => {
    const worker = idleChild();
    const seen = [];
    const watcher = watchProcesses({ worker }, (name) => seen.push(name));
    watcher.stop();
    await stopChild(worker);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen, []);
  });
});
