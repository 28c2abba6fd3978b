import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HostTokenError, startHost, type RunningHost } from '../../main/web-shell/server.ts';
import { MAX_CONNECTIONS, MAX_EVENT_STREAMS, MIN_TOKEN_LENGTH } from '../../main/web-shell/requestGuard.ts';
import { ROOT, tempDir } from '../helpers/fixtures.ts';
import { spawnHost } from '../helpers/host.ts';
import { closeAllCores, openCore, snapshot, type OpenedCore } from './apiHarness.ts';

/**
 * What the browser host refuses before a request reaches the core, one rule at a
 * time: a cookie alone, another page's Origin or Sec-Fetch-Site, a write that is
 * not JSON, a short token, too many connections or event streams. Every refusal
 * is checked to have written nothing.
 */

const TOKEN = 'host-guard-test-token-0123456789abcdef';
const RENDERER = path.join(ROOT, 'out', 'renderer');
const CREATE = JSON.stringify({ name: 'Dr Mallory Intruder', role: 'gp_partner' });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so the test controls every header. */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function errorOf(answer: Answer): { code: string; message: string } {
  return (JSON.parse(answer.body) as { error: { code: string; message: string } }).error;
}

describe('the browser host’s guard', () => {
  let opened: OpenedCore;
  let host: RunningHost;
  let before: ReturnType<typeof snapshot>;
  const post = (pathname: string, headers: Record<string, string>, body = CREATE) => raw(host.port, { method: 'POST', path: pathname, headers, body });
  const JSON_WITH_TOKEN = { 'Content-Type': 'application/json', 'X-ContactCap-Token': TOKEN };
  const expectNothingWritten = () => {
    expect(snapshot(opened.core.db)).toEqual(before);
    expect(opened.pushes).toEqual([]);
  };

  beforeAll(async () => {
    opened = openCore();
    host = await startHost({ core: opened.core, rendererDir: RENDERER, port: 0, token: TOKEN });
  });
  // Each test against the database as it found it, so one rule that fails does not fail the others.
  beforeEach(() => {
    before = snapshot(opened.core.db);
    opened.pushes.length = 0;
  });
  afterAll(async () => {
    await host.close();
    closeAllCores();
  });

  it('refuses a request that carries the token only as a cookie, the way the old host took it', async () => {
    const cookie = `contactcap_token_${host.port}=${TOKEN}`;
    for (const pathname of ['/api/clinician.create', '/api/export.configureEndOfDay', '/download', '/api']) {
      const answer = await post(pathname, { 'Content-Type': 'application/json', Cookie: cookie });
      expect(answer.status, pathname).toBe(401);
      expect(errorOf(answer)).toMatchObject({ code: 'unauthorised', message: expect.stringContaining('Nothing was changed') as unknown });
    }
    const stream = await raw(host.port, { path: '/api/events', headers: { Cookie: cookie } });
    expect(stream.status).toBe(401);
    expectNothingWritten();
  });

  it('does not take the token from the address of an API call: only the event stream has that', async () => {
    const answer = await post(`/api/clinician.create?token=${TOKEN}`, { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(401);
    expectNothingWritten();
  });

  it('refuses a request from another page’s Origin, even with the right token, and says so', async () => {
    for (const origin of ['http://127.0.0.1:9', `http://localhost:${host.port}`, `https://127.0.0.1:${host.port}`, 'null', 'http://attacker.example']) {
      const answer = await post('/api/clinician.create', { ...JSON_WITH_TOKEN, Origin: origin });
      expect(answer.status, origin).toBe(403);
      expect(errorOf(answer)).toEqual({
        code: 'unauthorised',
        message: 'ContactCap only takes requests from its own page, and this one came from another page or web site, so it was refused. Nothing was changed.',
      });
    }
    const stream = await raw(host.port, { path: `/api/events?token=${TOKEN}`, headers: { Origin: 'http://127.0.0.1:9' } });
    expect(stream.status).toBe(403);
    expectNothingWritten();
  });

  it('refuses a request a browser marks cross-site or same-site (another port on 127.0.0.1 is same-site), even with the right token', async () => {
    for (const site of ['cross-site', 'same-site', 'something-new']) {
      const answer = await post('/api/clinician.create', { ...JSON_WITH_TOKEN, 'Sec-Fetch-Site': site });
      expect(answer.status, site).toBe(403);
      expect(errorOf(answer).message).toContain('from its own page');
      const download = await post('/download', { ...JSON_WITH_TOKEN, 'Sec-Fetch-Site': site }, JSON.stringify({ format: 'csv', table: 'contacts', from: '2026-11-23', to: '2026-11-23' }));
      expect(download.status, site).toBe(403);
      expect(download.headers['content-disposition']).toBeUndefined();
    }
    expectNothingWritten();
  });

  it('refuses a write that is not JSON with 415, even with the right token, and writes nothing', async () => {
    const kinds = ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', ''];
    for (const type of kinds) {
      const headers: Record<string, string> = { 'X-ContactCap-Token': TOKEN, ...(type === '' ? {} : { 'Content-Type': type }) };
      for (const pathname of ['/api/clinician.create', '/download']) {
        const answer = await post(pathname, headers);
        expect(answer.status, `${pathname} as ${type || 'nothing'}`).toBe(415);
        expect(errorOf(answer)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Content-Type: application\/json.*Nothing was changed\.$/) as unknown });
      }
    }
    expectNothingWritten();
  });

  it('accepts the page’s own requests, a script’s (no Origin, no Sec-Fetch-Site) and JSON with a charset', async () => {
    const ownPage = { ...JSON_WITH_TOKEN, Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin' };
    expect((await post('/api/board.today', ownPage, '{}')).status).toBe(200);
    expect((await post('/api/board.today', { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${TOKEN}` }, '{}')).status).toBe(200);
    const viaLocalhost = await raw(host.port, {
      method: 'POST',
      path: '/api/board.today',
      headers: { ...JSON_WITH_TOKEN, Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` },
      body: '{}',
    });
    expect(viaLocalhost.status).toBe(200);
    expectNothingWritten();
  });

  it('opens the event stream with the token in its address, from the page itself', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${TOKEN}`, headers: { 'Sec-Fetch-Site': 'same-origin' }, agent: false },
        (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (error) => (error.message.includes('aborted') || error.message.includes('socket hang up') ? undefined : reject(error)));
      req.end();
    });
    expect(status).toBe(200);
  });

  it('refuses __proto__, constructor and prototype anywhere in the body, in words for a person, and writes nothing', async () => {
    const bodies: [string, string, string][] = [
      ['settings.update', '{"roleDefaults":{"__proto__":{}}}', '__proto__'],
      ['settings.update', '{"roleDefaults":{"gp_partner":{"capped":true,"constructor":{"prototype":{}}}}}', 'constructor'],
      ['clinician.create', '{"name":"Dr Ada Patel","role":"gp_partner","__proto__":{"active":false}}', '__proto__'],
      ['rota.setPattern', '{"clinicianId":"x","pattern":[{"prototype":1}]}', 'prototype'],
    ];
    for (const [method, body, key] of bodies) {
      const answer = await post(`/api/${method}`, JSON_WITH_TOKEN, body);
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: `This request has a detail called “${key}”, which ContactCap never accepts. Nothing was changed.` },
      });
    }
    expectNothingWritten();
  });
});

describe('the browser host’s limits', () => {
  let opened: OpenedCore;
  let host: RunningHost;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    opened = openCore();
    host = await startHost({ core: opened.core, rendererDir: RENDERER, port: 0, token: TOKEN, limits: { connections: 3, eventStreams: 2 } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await host.close();
    closeAllCores();
  });

  /** A kept-alive socket that has had one answer, so the host has certainly counted it. */
  function answeredSocket(): Promise<{ socket: Socket; answer: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1');
      sockets.push(socket);
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\r\n\r\n')) resolve({ socket, answer: text });
      });
      socket.on('error', reject);
      socket.on('close', () => resolve({ socket, answer: text }));
      socket.write(`GET /api HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-ContactCap-Token: ${TOKEN}\r\nConnection: keep-alive\r\n\r\n`);
    });
  }

  it('closes a connection over the cap at once, and takes new ones again when one closes', async () => {
    for (let i = 0; i < 3; i++) expect((await answeredSocket()).answer).toMatch(/^HTTP\/1\.1 200/);
    expect((await answeredSocket()).answer).toBe('');
    for (const socket of sockets.splice(0)) socket.destroy();
    await expect.poll(async () => (await answeredSocket()).answer, { timeout: 5000 }).toMatch(/^HTTP\/1\.1 200/);
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  it('refuses an event stream over the cap with 503 and a message, and opens one again when one closes', async () => {
    await expect.poll(async () => (await raw(host.port, { path: '/api', headers: { 'X-ContactCap-Token': TOKEN } })).status, { timeout: 5000 }).toBe(200);
    const open = () =>
      new Promise<{ status: number; body: string; close: () => void }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${TOKEN}`, agent: false }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
            resolve({ status: res.statusCode ?? 0, body, close: () => req.destroy() });
          });
        });
        req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
        req.end();
      });
    const first = await open();
    const second = await open();
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await open();
    expect(third.status).toBe(503);
    expect(JSON.parse(third.body)).toMatchObject({ ok: false, error: { code: 'not_available', message: expect.stringContaining('Close a ContactCap tab') as unknown } });
    first.close();
    await expect.poll(async () => {
      const again = await open();
      again.close();
      return again.status;
    }).toBe(200);
    second.close();
  });

  it('documents the limits it sets by default', () => {
    const docs = readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');
    expect(docs).toContain(`${MAX_CONNECTIONS} connections`);
    expect(docs).toContain(`${MAX_EVENT_STREAMS} event streams`);
    expect(docs).toContain(`${MIN_TOKEN_LENGTH} characters`);
  });
});

describe('the browser host’s token', () => {
  it('refuses to start with a token shorter than the minimum, or one that cannot go into an address', async () => {
    const opened = openCore();
    try {
      for (const token of ['bench-token', 'x'.repeat(MIN_TOKEN_LENGTH - 1), `${'x'.repeat(MIN_TOKEN_LENGTH)} with spaces`]) {
        await expect(startHost({ core: opened.core, rendererDir: RENDERER, port: 0, token })).rejects.toBeInstanceOf(HostTokenError);
      }
      const host = await startHost({ core: opened.core, rendererDir: RENDERER, port: 0, token: 'x'.repeat(MIN_TOKEN_LENGTH) });
      await host.close();
    } finally {
      closeAllCores();
    }
  });

  it('makes a random token of the minimum length when none is given', async () => {
    const opened = openCore();
    try {
      const host = await startHost({ core: opened.core, rendererDir: RENDERER, port: 0 });
      expect(host.token).toMatch(new RegExp(`^[A-Za-z0-9_-]{${MIN_TOKEN_LENGTH}}$`));
      await host.close();
    } finally {
      closeAllCores();
    }
  });

  it('will not start from the command line with a short CONTACTCAP_TOKEN, and says why', async () => {
    const data = tempDir();
    try {
      await expect(spawnHost({ dataDir: data.dir, token: 'bench-token' })).rejects.toThrow(
        /could not start\.\nCONTACTCAP_TOKEN is 11 characters long; it must be at least 32/,
      );
    } finally {
      data.remove();
    }
  });
});
