#!/usr/bin/env node
// A local SMTP server for development: accepts every message on 127.0.0.1:2525
// (the default SMTP_URL), stores it as an .eml file under var/mail/ and prints
// one line per message. Nothing leaves the machine. `npm start` runs it when
// SMTP_URL is not set; run it alone with `node tools/dev/mail-server.mjs [port]`.
// Open a stored message with any mail client, or read it as text. MAIL_DIR
// stores the messages elsewhere (the browser tests use one folder per run).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DEFAULT_MAIL_DIR = join(ROOT, 'var', 'mail');
export const DEFAULT_MAIL_PORT = 2525;

/** The Subject header without a full parser (mailparser is a development dependency and may be absent). */
function subjectOf(raw) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const match = /^subject:[ \t]*(.*)$/im.exec(head);
  return match ? match[1].trim() : '(no subject)';
}

async function decodedSubject(raw) {
  try {
    const { simpleParser } = await import('mailparser');
    return (await simpleParser(raw)).subject ?? '(no subject)';
  } catch {
    return subjectOf(raw.toString('utf8'));
  }
}

/**
 * Starts the server; resolves with `close()`. Rejects when the port is taken
 * (for example by a mail server started earlier), so the caller can say so.
 */
export async function startMailServer({ host = '127.0.0.1', port = DEFAULT_MAIL_PORT, dir = DEFAULT_MAIL_DIR, log = console.log } = {}) {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Development credentials in SMTP_URL are accepted as they come.
    onAuth: (_auth, _session, callback) => callback(null, { user: 'dev' }),
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks);
          const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
          const file = join(dir, `${stamp}-${String(++count).padStart(4, '0')}-${session.id}.eml`);
          writeFileSync(file, raw);
          const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
          log(`mail to ${to}: "${await decodedSubject(raw)}" → ${relative(process.cwd(), file)}`);
          callback();
        } catch (error) {
          callback(error);
        }
      });
    },
  });
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      server.on('error', (error) => log(`mail server error: ${error.message}`));
      resolvePromise();
    });
  });
  // Port 0 lets the OS choose: report the port actually bound.
  const bound = server.server.address();
  return {
    url: `smtp://${host}:${typeof bound === 'object' && bound ? bound.port : port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || process.env.MAIL_PORT || DEFAULT_MAIL_PORT);
  try {
    const dir = process.env.MAIL_DIR ? resolve(process.env.MAIL_DIR) : DEFAULT_MAIL_DIR;
    const server = await startMailServer({ port, dir });
    console.log(`Development mail server on ${server.url}; messages are stored in ${relative(process.cwd(), dir) || '.'}/`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`mail server: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  }
}
