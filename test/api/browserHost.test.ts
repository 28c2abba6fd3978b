import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import type { Core } from '../../main/core/createCore.ts';
import { startHost, type RunningHost } from '../../main/web-shell/server.ts';
import { FakeClock, ROOT, openTestCore, tempDir } from '../helpers/fixtures.ts';
import { spawnHost, stopHost } from '../helpers/host.ts';

const TOKEN = 'browser-host-test-token-0123456789';

/** A raw HTTP request, so the test controls every header (fetch would set Host itself). */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser host over HTTP', () => {
  const data = tempDir();
  let core: Core;
  let host: RunningHost;
  const api = (method: string, body: string, headers: Record<string, string> = { 'X-ContactCap-Token': TOKEN }) =>
    raw(host.port, { method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    core = openTestCore(data.dir, { clock: new FakeClock('2026-11-21T09:00:00Z') });
    host = await startHost({ core, rendererDir: path.join(ROOT, 'out', 'renderer'), port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await host.close();
    core.close();
    data.remove();
  });

  it('prints an address on 127.0.0.1 that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('answers a method call with the envelope', async () => {
    const response = await api('clinician.create', JSON.stringify({ name: 'Dr Ada Patel', role: 'gp_partner' }));
    expect(response.status).toBe(200);
    // No cap given: the clinician follows the GP role default (null here, 25 on the board).
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { name: 'Dr Ada Patel', initials: 'AP', capped: null, dailyCap: null, active: true } });
  });

  it('refuses calls without the token, or with the wrong one', async () => {
    const none = await api('board.today', '{}', {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    const wrong = await api('board.today', '{}', { 'X-ContactCap-Token': `${TOKEN}x` });
    expect(wrong.status).toBe(401);
    // The page itself holds no secret and is served without a token (the tab brings its own);
    // opened with a wrong one, it says at once which address to open.
    const page = await raw(host.port, { path: `/?token=${TOKEN}x` });
    expect(page.status).toBe(401);
    expect(page.body).toContain('open the full address');
  });

  it('accepts the token as a bearer header too', async () => {
    const response = await api('board.today', '{}', { Authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
  });

  it('refuses requests addressed to another host name', async () => {
    const response = await raw(host.port, { path: `/?token=${TOKEN}`, headers: { Host: `attacker.example:${host.port}` } });
    expect(response.status).toBe(403);
  });

  it('serves the page with the Content-Security-Policy and no cookie, with or without the token, and never the token itself', async () => {
    for (const address of [`/?token=${TOKEN}`, '/']) {
      const page = await raw(host.port, { path: address });
      expect(page.status, address).toBe(200);
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(page.body).toContain('<div id="root">');
      // A cookie set by this port would be sent to every other port on 127.0.0.1.
      expect(page.headers['set-cookie'], address).toBeUndefined();
      expect(page.body).not.toContain(TOKEN);
    }
  });

  it('turns errors into envelopes with matching HTTP statuses', async () => {
    const badJson = await api('clinician.create', '{not json');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The request body must be JSON. Nothing was changed.' } });

    const unknown = await api('clinician.explode', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const invalid = await api('clinician.create', JSON.stringify({ name: '', role: 'gp_partner' }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });

    const missing = await api('contact.void', JSON.stringify({ contactId: 'no-such-contact', reason: 'Wrong person' }));
    expect(missing.status).toBe(404);

    const get = await raw(host.port, { path: '/api/board.today', headers: { 'X-ContactCap-Token': TOKEN } });
    expect(get.status).toBe(405);

    const huge = await api('clinician.create', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), role: 'gp_partner' }));
    expect(huge.status).toBe(413);
  });

  it('answers a full clinician with 409 at_capacity, and a method only the desktop shell has with 404 unknown_method', async () => {
    // The clock stands on Saturday 21 November: nobody is on the rota, so a GP's cap today is 0.
    const created = JSON.parse((await api('clinician.create', JSON.stringify({ name: 'Dr Ben Weekend', role: 'salaried_gp' }))).body) as { value: { id: string } };
    const full = await api('contact.record', JSON.stringify({ clinicianId: created.value.id, typeId: 'telephone' }));
    expect(full.status).toBe(409);
    expect(JSON.parse(full.body)).toMatchObject({ ok: false, error: { code: 'at_capacity', field: 'clinicianId', message: expect.stringContaining('not on the rota today') as unknown } });
    const urgent = await api('contact.record', JSON.stringify({ clinicianId: created.value.id, typeId: 'telephone', overCapReason: 'Urgent home visit' }));
    expect(urgent.status).toBe(200);
    expect(JSON.parse(urgent.body)).toMatchObject({ ok: true, value: { overCap: true } });

    // The desktop shell adds its own methods to the dispatcher; the browser host adds none, and the core's contract has none of them.
    const compact = await api('desktop.setCompact', JSON.stringify({ on: true }));
    expect(compact.status).toBe(404);
    expect(JSON.parse(compact.body)).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('“desktop.setCompact”') as unknown } });
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await raw(host.port, { path: '/..%2Fpackage.json', headers: { 'X-ContactCap-Token': TOKEN } });
    expect(response.status).toBe(404);
    const dotdot = await raw(host.port, { path: '/assets/../../package.json', headers: { 'X-ContactCap-Token': TOKEN } });
    expect(dotdot.body).not.toContain('"name": "contactcap"');
  });

  it('lists the methods with a summary each', async () => {
    const response = await raw(host.port, { path: '/api', headers: { 'X-ContactCap-Token': TOKEN } });
    const body = JSON.parse(response.body) as { value: { method: string; summary: string }[] };
    expect(body.value.map((entry) => entry.method)).toContain('contact.record');
    expect(body.value.every((entry) => entry.summary.length > 10)).toBe(true);
  });

  it('pushes a change event to every open event stream after a write', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { 'X-ContactCap-Token': TOKEN } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: data.changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
      req.end();
      setTimeout(() => {
        void api('clinician.create', JSON.stringify({ name: 'Ben Okafor', role: 'practice_nurse' }));
      }, 100);
    });
    expect(await received).toContain('data: {"topics":["clinicians"],"version":"');
  });

  it('listens on the loopback address only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    const targets = ['::1', ...(external ? [external.address] : [])];
    for (const target of targets) {
      await expect(fetch(`http://${target.includes(':') ? `[${target}]` : target}:${host.port}/api`)).rejects.toThrow();
    }
  });
});

describe('browser host command line', () => {
  it('takes the port, data folder and token from its options and environment', async () => {
    const data = tempDir();
    const host = await spawnHost({ dataDir: data.dir, token: 'from-the-environment-0123456789abcdef' });
    try {
      expect(host.token).toBe('from-the-environment-0123456789abcdef');
      expect(host.output()).toContain(`Data folder: ${data.dir}`);
    } finally {
      await stopHost(host);
      data.remove();
    }
  });

  it('explains a start-up failure and exits', async () => {
    const data = tempDir();
    await expect(spawnHost({ dataDir: '\\\\server\\share\\ContactCap' })).rejects.toThrow(/could not start[\s\S]*local disk/);
    data.remove();
  });
});
