import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { registerAppScheme, serveRenderer } from '../../../main/desktop-shell/appProtocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp.ts';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

const RENDERER_DIR = path.resolve('/srv/contactcap/out/renderer');
const fileUrl = (...parts: string[]) => pathToFileURL(path.join(RENDERER_DIR, ...parts)).toString();

function serve(fetchResponse: () => Response = () => new Response('hello', { headers: { 'Content-Type': 'text/html' } })) {
  const handlers = new Map<string, ProtocolHandler>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
      handlers.set(scheme, handler);
    }),
  };
  const net = { fetch: vi.fn<(url: string) => Promise<Response>>(() => Promise.resolve(fetchResponse())) };
  serveRenderer(protocol as unknown as Protocol, net as unknown as Net, RENDERER_DIR);
  const request = async (url: string) => {
    const handler = handlers.get('app');
    if (!handler) throw new Error('No handler for the app scheme');
    return handler(new Request(url));
  };
  return { protocol, net, request };
}

describe('app scheme registration', () => {
  it('registers app as a standard, secure, fetch-capable scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol as unknown as Protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('renderer protocol handler', () => {
  it('handles the app scheme', () => {
    const { protocol } = serve();
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves index.html from the renderer folder with the Content-Security-Policy', async () => {
    const { net, request } = serve();
    const response = await request('app://contactcap/index.html');
    expect(net.fetch).toHaveBeenCalledTimes(1);
    expect(net.fetch).toHaveBeenCalledWith(fileUrl('index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toBe('text/html');
  });

  it('uses a policy that keeps everything on the app’s own origin', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('serves index.html for the bare origin', async () => {
    const { net, request } = serve();
    const response = await request('app://contactcap/');
    expect(net.fetch).toHaveBeenCalledWith(fileUrl('index.html'));
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves nested and percent-encoded asset paths from inside the renderer folder', async () => {
    const { net, request } = serve();
    await request('app://contactcap/assets/index-3f9a.js');
    await request('app://contactcap/assets/font%20file.woff2');
    expect(net.fetch.mock.calls.map(([url]) => url)).toEqual([fileUrl('assets', 'index-3f9a.js'), fileUrl('assets', 'font file.woff2')]);
  });

  it('passes on the file’s status and adds the policy to it too', async () => {
    const { request } = serve(() => new Response('missing', { status: 404 }));
    const response = await request('app://contactcap/nothing-here.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for encoded traversal out of the renderer folder without reading anything', async () => {
    const { net, request } = serve();
    for (const url of [
      'app://contactcap/..%2F..%2Fetc%2Fpasswd',
      'app://contactcap/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://contactcap/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'app://contactcap/..%2Frenderer-other%2Findex.html',
    ]) {
      const response = await request(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('Not found');
    }
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it('resolves literal dot segments inside the renderer folder, never above it', async () => {
    const { net, request } = serve();
    await request('app://contactcap/../../etc/passwd');
    expect(net.fetch).toHaveBeenCalledTimes(1);
    expect(net.fetch).toHaveBeenCalledWith(fileUrl('etc', 'passwd'));
  });

  it('answers 404 for any other host or a port, without reading anything', async () => {
    const { net, request } = serve();
    for (const url of ['app://evil/index.html', 'app://contactcap.evil/index.html', 'app://contactcap:8080/index.html']) {
      const response = await request(url);
      expect(response.status, url).toBe(404);
    }
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it('answers 404 for a malformed percent-escape', async () => {
    const { net, request } = serve();
    const response = await request('app://contactcap/%E0%A4%A');
    expect(response.status).toBe(404);
    expect(net.fetch).not.toHaveBeenCalled();
  });
});
