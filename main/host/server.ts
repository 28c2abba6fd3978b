import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contract, METHOD_NAMES } from '../../shared/contract.ts';
import type { ExportFile } from '../../shared/reports.ts';
import { fail, type Envelope } from '../../shared/result.ts';
import type { Core } from '../core/createCore.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { safeDecodeURIComponent } from '../../shared/text.ts';
import { rendererFile } from './rendererFile.ts';
import { CONTENT_TYPES, HTTP_STATUS_BY_CODE, MAX_BODY_BYTES } from './httpApi.ts';

export const TOKEN_ENV = 'CONTACTCAP_TOKEN';

export interface HostOptions {
  core: Core;
  /** Built renderer (index.html and assets). */
  rendererDir: string;
  port: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The browser host: the same core and renderer as the desktop app, over HTTP on
 * 127.0.0.1 only. Every request must carry this start's token, as a header, a
 * query parameter, or the cookie set when the page is first opened with it.
 */
export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const rendererDir = path.resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = options.port;
  const cookieName = () => `contactcap_token_${port}`;

  const unsubscribe = options.core.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('ContactCap host: request failed', error);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'Something went wrong. Nothing was changed.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const host = req.headers.host ?? '';
    // Refuse other host names so a web page elsewhere cannot reach the API by DNS rebinding.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(res, 403, fail('unauthorised', 'ContactCap only answers on 127.0.0.1.'));
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const presented = tokenPresented(req, url, cookieName());
    if (!presented || !sameToken(presented, token)) {
      if (url.pathname.startsWith('/api/')) {
        sendJson(res, 401, fail('unauthorised', 'This address needs the link ContactCap printed when it started (it includes a token).'));
      } else {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ContactCap: open the full address that was printed when ContactCap started; it includes a token.\n');
      }
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
    if (url.pathname === '/api' && req.method === 'GET') return listMethods(res);
    if (url.pathname === '/download' && req.method === 'GET') return download(res, url);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        sendJson(res, 405, fail('invalid_input', 'Send API requests with POST and a JSON body.'));
        return;
      }
      return callMethod(req, res, safeDecodeURIComponent(url.pathname.slice('/api/'.length)) ?? '');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (url.searchParams.has('token')) {
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    serveFile(res, url.pathname);
  }

  async function callMethod(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const body = await readBody(req);
    if (body === null) {
      sendJson(res, 413, fail('invalid_input', 'That request is too large. Nothing was changed.'));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      sendJson(res, 400, fail('invalid_input', 'The request body must be JSON. Nothing was changed.'));
      return;
    }
    const envelope = await options.core.invoke(method, input);
    sendJson(res, envelope.ok ? 200 : HTTP_STATUS_BY_CODE[envelope.error.code], envelope);
  }

  /**
   * GET /download?input={…}: the same export.build call, answered as a file the
   * browser saves (its download folder stands in for the desktop app's dialog).
   */
  async function download(res: ServerResponse, url: URL): Promise<void> {
    let input: unknown;
    try {
      input = JSON.parse(url.searchParams.get('input') ?? '{}');
    } catch {
      sendJson(res, 400, fail('invalid_input', 'The export’s details were not understood. Nothing was saved.'));
      return;
    }
    const envelope = await options.core.invoke('export.build', input);
    if (!envelope.ok) {
      sendJson(res, HTTP_STATUS_BY_CODE[envelope.error.code], envelope);
      return;
    }
    const file = envelope.value as ExportFile;
    const bytes = Buffer.from(file.base64, 'base64');
    res.writeHead(200, {
      'Content-Type': file.mimeType,
      'Content-Length': bytes.length,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    });
    res.end(bytes);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': still here\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  function listMethods(res: ServerResponse): void {
    const methods = METHOD_NAMES.map((name) => ({ method: name, summary: contract[name].summary, path: `/api/${name}` }));
    sendJson(res, 200, { ok: true, value: methods });
  }

  function serveFile(res: ServerResponse, pathname: string): void {
    const file = rendererFile(rendererDir, pathname);
    if (file === null) {
      res.writeHead(404);
      res.end();
      return;
    }
    let size: number;
    try {
      const stats = statSync(file);
      if (!stats.isFile()) throw new Error('not a file');
      size = stats.size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found.\n');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string | number> = { 'Content-Type': type, 'Content-Length': size };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      server.keepAliveTimeout = 60_000;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const stream of streams) stream.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function tokenPresented(req: IncomingMessage, url: URL, cookieName: string): string | null {
  const header = req.headers['x-contactcap-token'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
  const query = url.searchParams.get('token');
  if (query) return query;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return null;
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request body as text, or null when it is larger than the limit. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const text = JSON.stringify(envelope);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
