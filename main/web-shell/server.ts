import { randomBytes } from 'node:crypto';
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
import { rendererFile } from '../core/rendererFile.ts';
import { CONTENT_TYPES, HTTP_STATUS_BY_CODE, MAX_BODY_BYTES } from './httpApi.ts';
import {
  checkHost,
  checkJsonBody,
  checkSameOrigin,
  checkToken,
  MAX_CONNECTIONS,
  MAX_EVENT_STREAMS,
  sameToken,
  tokenProblem,
  type Refusal,
} from './requestGuard.ts';

export const TOKEN_ENV = 'CONTACTCAP_TOKEN';

export interface HostOptions {
  core: Core;
  /** Built renderer (index.html and assets). */
  rendererDir: string;
  port: number;
  /** At least MIN_TOKEN_LENGTH URL-safe characters; a random one when left out. */
  token?: string;
  /** Lower limits, for tests; the defaults are MAX_CONNECTIONS and MAX_EVENT_STREAMS. */
  limits?: { connections?: number; eventStreams?: number };
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

/** Thrown by startHost for a token that is too short or cannot go into an address. */
export class HostTokenError extends Error {}

const EVENTS_PATH = '/api/events';

/** Paths that reach the core: everything else is the built renderer, which holds no secret. */
function reachesCore(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname === '/download';
}

/**
 * The browser host: the same core and renderer as the desktop app, over HTTP on
 * 127.0.0.1 only. A request that reaches the core must come from ContactCap's own
 * page or from a script (requestGuard.ts), carry this start's token in a header
 * (the event stream: in its address), and, when it writes, be JSON.
 */
export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const problem = tokenProblem(token, 'The token');
  if (problem) return Promise.reject(new HostTokenError(problem));
  const rendererDir = path.resolve(options.rendererDir);
  const maxStreams = options.limits?.eventStreams ?? MAX_EVENT_STREAMS;
  const streams = new Set<ServerResponse>();
  let port = options.port;

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
    const wrongHost = checkHost(req, port);
    if (wrongHost) return refuse(res, wrongHost);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? ''}`);
    if (!reachesCore(url.pathname)) return serveRenderer(req, res, url);

    const isEventStream = url.pathname === EVENTS_PATH && req.method === 'GET';
    const refusal = checkSameOrigin(req) ?? checkToken(req, url, token, { inAddress: isEventStream });
    if (refusal) return refuse(res, refusal);
    if (isEventStream) return openEventStream(res);
    if (url.pathname === '/api' && req.method === 'GET') return listMethods(res);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, fail('invalid_input', 'Send API requests with POST and a JSON body. Nothing was changed.'));
      return;
    }
    const notJson = checkJsonBody(req);
    if (notJson) return refuse(res, notJson);
    if (url.pathname === '/download') return download(req, res);
    return callMethod(req, res, safeDecodeURIComponent(url.pathname.slice('/api/'.length)) ?? '');
  }

  /** The page and its files: no token needed, but a wrong token in the address is told so at once. */
  function serveRenderer(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const inAddress = url.searchParams.get('token');
    if (inAddress !== null && !sameToken(inAddress, token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ContactCap: open the full address that was printed when ContactCap started; it includes a token.\n');
      return;
    }
    serveFile(res, url.pathname);
  }

  async function callMethod(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const input = await readJson(req, res, 'The request body must be JSON. Nothing was changed.');
    if (input === NOT_READ) return;
    const envelope = await options.core.invoke(method, input);
    sendJson(res, envelope.ok ? 200 : HTTP_STATUS_BY_CODE[envelope.error.code], envelope);
  }

  /**
   * POST /download with export.build's input as the JSON body: the same export,
   * answered as a file the page saves (the browser's download folder stands in for
   * the desktop app's dialog). A POST with the token header, so no other page can ask.
   */
  async function download(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const input = await readJson(req, res, 'The export’s details were not understood. Nothing was saved.');
    if (input === NOT_READ) return;
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
    if (streams.size >= maxStreams) {
      sendJson(
        res,
        503,
        fail(
          'not_available',
          `ContactCap already has ${maxStreams} pages open on this PC, so this one cannot show changes as they happen. Close a ContactCap tab you no longer use, then reload this one.`,
        ),
      );
      return;
    }
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
      // Past this many open sockets a new one is closed at once: a runaway page or script cannot starve the desk.
      server.maxConnections = options.limits?.connections ?? MAX_CONNECTIONS;
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

const NOT_READ = Symbol('not read');

/** The JSON body (undefined when empty), or NOT_READ once a refusal has been sent. */
async function readJson(req: IncomingMessage, res: ServerResponse, notJson: string): Promise<unknown> {
  const body = await readBody(req);
  if (body === null) {
    sendJson(res, 413, fail('invalid_input', 'That request is too large. Nothing was changed.'));
    return NOT_READ;
  }
  try {
    return body.length === 0 ? undefined : (JSON.parse(body) as unknown);
  } catch {
    sendJson(res, 400, fail('invalid_input', notJson));
    return NOT_READ;
  }
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  sendJson(res, refusal.status, fail(refusal.code, refusal.message));
}

function sendJson(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const text = JSON.stringify(envelope);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
