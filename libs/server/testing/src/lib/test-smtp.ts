import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  /** Envelope recipients (RCPT TO), as the server saw them. */
  envelopeTo: string[];
  /** The To header's addresses. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  messageId: string | null;
  raw: string;
}

export interface TestSmtpOptions {
  /** Answer the first N deliveries with "451 try again later", as a busy or greylisting server does. */
  failFirst?: number;
}

/**
 * A real SMTP server on a random local port for integration specs: messages
 * are parsed and kept in memory, so a spec can assert on what a recipient
 * would really get. It can refuse the first deliveries with a temporary error
 * to prove that the worker retries.
 */
export class TestSmtpServer {
  readonly messages: ReceivedEmail[] = [];
  /** Every delivery attempt that reached DATA, accepted or refused. */
  attempts = 0;
  private failuresLeft: number;
  private failureCode = 451;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    failFirst: number,
  ) {
    this.failuresLeft = failFirst;
  }

  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    // The server's handler needs the instance, which needs the server's port: filled in once listening.
    const ref: { instance?: TestSmtpServer } = {};
    const server = new SMTPServer({
      authOptional: true,
      // No TLS on a loopback test server: nodemailer would otherwise try STARTTLS against a self-signed certificate.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (!ref.instance) return callback(new Error('server not ready'));
          ref.instance.received(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address)).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.server.address() as AddressInfo).port;
    ref.instance = new TestSmtpServer(server, port, options.failFirst ?? 0);
    return ref.instance;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Refuse the next `count` deliveries: 451 (try again later) by default, or e.g. 550 (refused for good). */
  failNext(count: number, responseCode = 451): void {
    this.failuresLeft = count;
    this.failureCode = responseCode;
  }

  private async received(raw: Buffer, envelopeTo: string[]): Promise<void> {
    this.attempts++;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      const message = this.failureCode >= 500 ? '5.1.1 Mailbox unavailable' : '4.3.0 Mailbox temporarily unavailable, try again later';
      throw Object.assign(new Error(message), { responseCode: this.failureCode });
    }
    const parsed = await simpleParser(raw);
    const addresses = (parsed.to ? (Array.isArray(parsed.to) ? parsed.to : [parsed.to]) : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
    this.messages.push({
      envelopeTo,
      to: addresses,
      from: parsed.from?.text ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      messageId: parsed.messageId ?? null,
      raw: raw.toString('utf8'),
    });
  }

  /** Resolves once `count` messages have arrived; fails after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 30_000): Promise<ReceivedEmail[]> {
    const started = Date.now();
    while (this.messages.length < count) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`expected ${count} email(s) within ${timeoutMs} ms, got ${this.messages.length} after ${this.attempts} attempt(s)`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
