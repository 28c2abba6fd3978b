import type { WebContents } from 'electron';
import { APP_ORIGIN } from './windowOptions.ts';

/** Sites the app may open in the user's own browser; everything else is refused. */
export const EXTERNAL_LINK_ALLOW_LIST = [
  'https://www.nhs.uk/',
  'https://111.nhs.uk/',
  'https://www.bma.org.uk/',
  'https://digital.nhs.uk/',
  'https://www.england.nhs.uk/',
];

export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && EXTERNAL_LINK_ALLOW_LIST.some((prefix) => parsed.href.startsWith(prefix));
}

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * The window never navigates away from the app and never opens another window;
 * allow-listed links go to the user's browser instead.
 */
export function lockDownNavigation(contents: WebContents, openExternal: (url: string) => unknown): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isAllowedExternal(url)) void openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
