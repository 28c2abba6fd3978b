/**
 * The browser host's token, for this tab only.
 *
 * It arrives once in the address ContactCap printed (`/?token=…`). The page keeps
 * it in sessionStorage (this tab and this origin only: another port is another
 * origin, and the host never sets a cookie, which every port would be sent), and
 * takes it out of the address bar and the history at once. A reload finds it
 * again; a new tab opened without it has none, and says which address to open.
 */

const STORAGE_KEY = 'contactcap.hostToken';

type Scope = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

function stored(scope: Scope): string | null {
  try {
    return scope.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(scope: Scope, token: string | null): void {
  try {
    if (token === null) scope.sessionStorage.removeItem(STORAGE_KEY);
    else scope.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage switched off: the token lasts as long as the page, and a reload asks for the address again.
  }
}

/** The token from the address (kept for the tab, then hidden) or the one kept earlier in this tab; null when there is none. */
export function takeHostToken(scope: Scope = window): string | null {
  const url = new URL(scope.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress === null || fromAddress === '') return stored(scope);
  store(scope, fromAddress);
  url.searchParams.delete('token');
  scope.history.replaceState(scope.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return fromAddress;
}

/** Forgets the tab's token (the host refused it: it was restarted with a new one), so a reload asks for the address. */
export function forgetHostToken(scope: Scope = window): void {
  store(scope, null);
}
