import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, mainWindowOptions } from '../../../main/desktop-shell/windowOptions.ts';

describe('main window options', () => {
  const options = mainWindowOptions('/opt/contactcap/out/preload/index.cjs', true);
  const web = options.webPreferences ?? {};

  it('isolates the page from the preload and sandboxes it', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
  });

  it('gives the page, its workers and its sub-frames no Node', () => {
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on, insecure content off and webview tags disabled', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
  });

  it('turns DevTools off in an installed (packaged) app and leaves them on in a development run', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions('/opt/contactcap/out/preload/index.cjs', false).webPreferences?.devTools).toBe(true);
  });

  it('loads the preload from the path it is given', () => {
    expect(web.preload).toBe('/opt/contactcap/out/preload/index.cjs');
    expect(mainWindowOptions('C:\\ContactCap\\preload\\index.cjs', true).webPreferences?.preload).toBe('C:\\ContactCap\\preload\\index.cjs');
  });

  it('opens at 1366×768, hidden until ready, no smaller than 1024×600', () => {
    expect(options.width).toBe(1366);
    expect(options.height).toBe(768);
    expect(options.minWidth).toBe(1024);
    expect(options.minHeight).toBe(600);
    expect(options.show).toBe(false);
    expect(options.title).toBe('ContactCap');
  });

  it('names the app origin app://contactcap with index.html as the entry page', () => {
    expect(APP_ORIGIN).toBe('app://contactcap');
    expect(APP_ENTRY_URL).toBe('app://contactcap/index.html');
  });
});
