import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { API_PREFIX, ApiPaths, SESSION_COOKIE, TwoFactorPaths } from '@mizan/contracts';
import { MizanConfig } from '@mizan/server/core';
import { TEST_PASSWORD, TestEnvironment, TestEnvironmentOptions, createTestEnvironment } from '@mizan/server/testing';
import { createApiApp } from '../app/create-app';

export interface InjectResult {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  rawPayload: Buffer;
  json<T = unknown>(): T;
}

/** The real api (Fastify, guards, pipes, filters) on a test database, called in-process. */
export class ApiHarness {
  private constructor(
    readonly env: TestEnvironment,
    readonly app: NestFastifyApplication,
  ) {}

  static async start(label: string, overrides: Partial<MizanConfig> = {}, options: TestEnvironmentOptions = {}): Promise<ApiHarness> {
    const env = await createTestEnvironment(label, overrides, options);
    const app = await createApiApp(env.config, { logger: process.env['TEST_API_LOG'] ? undefined : false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new ApiHarness(env, app);
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: { cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<InjectResult> {
    const url = path.startsWith('/') ? path : `${API_PREFIX}/${path}`;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.cookie) headers['cookie'] = `${SESSION_COOKIE}=${options.cookie}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload });
    return response as unknown as InjectResult;
  }

  /**
   * POSTs a multipart/form-data body built by hand (text fields, then at most one
   * file), so uploads are tested through the real parser with exact bytes.
   */
  async postMultipart(
    path: string,
    options: { cookie?: string; fields?: Record<string, string>; file?: { field?: string; name: string; contentType: string; content: Buffer } },
  ): Promise<InjectResult> {
    const boundary = `----mizan-test-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const [name, value] of Object.entries(options.fields ?? {})) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    if (options.file) {
      const { field = 'file', name, contentType, content } = options.file;
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`));
      chunks.push(content, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const url = path.startsWith('/') ? path : `${API_PREFIX}/${path}`;
    const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (options.cookie) headers['cookie'] = `${SESSION_COOKIE}=${options.cookie}`;
    const response = await this.app.inject({ method: 'POST', url, headers, payload: Buffer.concat(chunks) });
    return response as unknown as InjectResult;
  }

  /** Signs in and returns the session token from the Set-Cookie header. */
  async signIn(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await this.request('POST', ApiPaths.signIn, { body: { email, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
    const token = cookieValue(response, SESSION_COOKIE);
    if (!token) throw new Error('no session cookie set');
    return token;
  }

  /** Gives the password again, so routes marked @RequireRecentAuth() let this session through for the next minutes. */
  async reauth(token: string, password = TEST_PASSWORD, code?: string): Promise<void> {
    const response = await this.request('POST', TwoFactorPaths.reauth, { cookie: token, body: code === undefined ? { password } : { password, code } });
    if (response.statusCode !== 200) throw new Error(`re-authentication failed: ${response.statusCode} ${response.body}`);
  }

  async stop(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      await this.env.teardown();
    }
  }
}

export function cookieValue(response: InjectResult, name: string): string | undefined {
  const raw = response.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  for (const cookie of list) {
    const [pair] = cookie.split(';');
    const [key, value] = pair.split('=');
    if (key.trim() === name) return value;
  }
  return undefined;
}
