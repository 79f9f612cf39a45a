import { connect } from 'node:net';

export interface RawResponse {
  /** 0 when the server closed the connection without an answer. */
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Exactly the bytes written after the head: the spec decides whether they are complete. */
  body?: Buffer | string;
  /** End our side of the connection after the body (a client that stops sending); default true. */
  endAfterBody?: boolean;
  timeoutMs?: number;
}

/**
 * One HTTP/1.1 request over a plain socket, so a body can really stop short of
 * what it announces (fetch and inject always send the whole of it). Reads the
 * answer until the server closes the connection (`Connection: close`).
 */
export function rawHttp(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${request.timeoutMs ?? 15_000} ms to ${request.method} ${request.path}`));
    }, request.timeoutMs ?? 15_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after we stopped sending is an answer too (the server gave up on us): report what arrived.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(chunks)));
    });
    socket.on('connect', () => {
      const head = [`${request.method} ${request.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
      socket.write(head);
      if (request.body !== undefined) socket.write(request.body);
      if (request.endAfterBody ?? true) socket.end();
    });
  });
}

function parse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (!raw.subarray(0, 9).equals(Buffer.from('HTTP/1.1 ')) || split < 0) return { statusCode: 0, headers: {}, body: raw.toString('utf8') };
  const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) break;
    const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
    if (!size) break;
    out.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
  return Buffer.concat(out);
}
