import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_LINK_ALLOW_LIST, isAllowedExternal, isAppUrl, lockDownNavigation } from '../../../main/desktop-shell/navigation.ts';

type WindowOpenHandler = (details: { url: string }) => { action: string };
type NavigationHandler = (event: { preventDefault: () => void }, url: string) => void;

/** A WebContents stand-in that keeps the handlers lockDownNavigation installs. */
function fakeContents() {
  const handlers = new Map<string, NavigationHandler>();
  let windowOpen: WindowOpenHandler | undefined;
  const contents = {
    setWindowOpenHandler: vi.fn((handler: WindowOpenHandler) => {
      windowOpen = handler;
    }),
    on: vi.fn((name: string, handler: NavigationHandler) => {
      handlers.set(name, handler);
      return contents;
    }),
  };
  const openExternal = vi.fn((url: string) => Promise.resolve(url));
  lockDownNavigation(contents as unknown as WebContents, openExternal);

  const fire = (name: string, url: string) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`No ${name} handler was registered`);
    const event = { preventDefault: vi.fn() };
    handler(event, url);
    return event.preventDefault;
  };
  const openWindow = (url: string) => {
    if (!windowOpen) throw new Error('No window-open handler was registered');
    return windowOpen({ url });
  };
  return { contents, openExternal, fire, openWindow, handlerNames: () => [...handlers.keys()].sort() };
}

describe('navigation lock-down', () => {
  it('registers will-navigate, will-redirect and will-attach-webview handlers and a window-open handler', () => {
    const { contents, handlerNames } = fakeContents();
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(handlerNames()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
  });

  it('denies every new window, allow-listed or not', () => {
    const { openWindow } = fakeContents();
    for (const url of ['https://www.nhs.uk/pharmacy', 'https://evil.example/', 'app://contactcap/index.html', 'about:blank']) {
      expect(openWindow(url)).toEqual({ action: 'deny' });
    }
  });

  it('sends an allow-listed https link from window.open to the user’s browser', () => {
    const { openWindow, openExternal } = fakeContents();
    openWindow('https://www.nhs.uk/pharmacy');
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.nhs.uk/pharmacy');
  });

  it('opens nothing for a link that is not on the allow list', () => {
    const { openWindow, openExternal } = fakeContents();
    for (const url of ['http://www.nhs.uk/', 'https://evil.example/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://www.nhs.uk.evil.com/', 'not a url']) {
      openWindow(url);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets the window navigate within app://contactcap', () => {
    const { fire, openExternal } = fakeContents();
    expect(fire('will-navigate', 'app://contactcap/index.html')).not.toHaveBeenCalled();
    expect(fire('will-navigate', 'app://contactcap/index.html#/board')).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('stops navigation anywhere else', () => {
    const { fire, openExternal } = fakeContents();
    for (const url of ['https://evil.example/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://evil/index.html', 'app://contactcap.evil/index.html']) {
      expect(fire('will-navigate', url)).toHaveBeenCalledTimes(1);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('stops navigation to an allow-listed site but opens it in the user’s browser', () => {
    const { fire, openExternal } = fakeContents();
    expect(fire('will-navigate', 'https://111.nhs.uk/')).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://111.nhs.uk/');
  });

  it('stops redirects out of the app and allows redirects within it', () => {
    const { fire, openExternal } = fakeContents();
    expect(fire('will-redirect', 'https://evil.example/')).toHaveBeenCalledTimes(1);
    expect(fire('will-redirect', 'https://www.nhs.uk/')).toHaveBeenCalledTimes(1);
    expect(fire('will-redirect', 'app://contactcap/index.html')).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('prevents every webview from attaching', () => {
    const { fire } = fakeContents();
    expect(fire('will-attach-webview', 'app://contactcap/index.html')).toHaveBeenCalledTimes(1);
  });
});

describe('external link allow list', () => {
  it('allows https pages on the listed NHS and BMA sites', () => {
    expect(isAllowedExternal('https://www.nhs.uk/pharmacy')).toBe(true);
    expect(isAllowedExternal('https://111.nhs.uk/')).toBe(true);
    expect(isAllowedExternal('https://www.bma.org.uk/advice-and-support/gp-practices')).toBe(true);
    expect(isAllowedExternal('https://digital.nhs.uk/services')).toBe(true);
    expect(isAllowedExternal('https://www.england.nhs.uk/gp/')).toBe(true);
  });

  it('allows the bare site, upper-case hosts and the default port, which normalise to a listed prefix', () => {
    expect(isAllowedExternal('https://www.nhs.uk')).toBe(true);
    expect(isAllowedExternal('https://WWW.NHS.UK/conditions/')).toBe(true);
    expect(isAllowedExternal('https://www.nhs.uk:443/conditions/')).toBe(true);
  });

  it('refuses look-alike hosts', () => {
    expect(isAllowedExternal('https://www.nhs.uk.evil.com/')).toBe(false);
    expect(isAllowedExternal('https://www.nhs.uk@evil.com/')).toBe(false);
    expect(isAllowedExternal('https://www.nhs.uk%2f@evil.com/')).toBe(false);
    expect(isAllowedExternal('https://evilwww.nhs.uk/')).toBe(false);
    expect(isAllowedExternal('https://nhs.uk/')).toBe(false);
    expect(isAllowedExternal('https://www.nhs.uk./')).toBe(false);
  });

  it('refuses other ports, user info, plain http and non-web schemes', () => {
    expect(isAllowedExternal('https://www.nhs.uk:8443/')).toBe(false);
    expect(isAllowedExternal('https://someone@www.nhs.uk/')).toBe(false);
    expect(isAllowedExternal('http://www.nhs.uk/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(document.cookie)')).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternal('app://contactcap/index.html')).toBe(false);
  });

  it('refuses text that is not a URL', () => {
    expect(isAllowedExternal('')).toBe(false);
    expect(isAllowedExternal('www.nhs.uk/pharmacy')).toBe(false);
  });

  it('lists only https sites, each ending in a slash so the host cannot be extended', () => {
    expect(EXTERNAL_LINK_ALLOW_LIST.length).toBeGreaterThan(0);
    for (const prefix of EXTERNAL_LINK_ALLOW_LIST) expect(prefix).toMatch(/^https:\/\/[a-z0-9.-]+\/$/);
  });
});

describe('app URL check', () => {
  it('accepts the app origin and paths under it', () => {
    expect(isAppUrl('app://contactcap')).toBe(true);
    expect(isAppUrl('app://contactcap/')).toBe(true);
    expect(isAppUrl('app://contactcap/index.html')).toBe(true);
  });

  it('rejects other hosts, schemes and look-alikes', () => {
    expect(isAppUrl('app://contactcap.evil/index.html')).toBe(false);
    expect(isAppUrl('app://contactcapx/index.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://contactcap/index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});
