import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '../../shared/result.ts';

/**
 * The checks the browser host makes before it lets a request near the core.
 * Each answers null (the request may go on) or the refusal to send.
 *
 * Why these: any page in the PC's browser can send requests to 127.0.0.1, and a
 * cookie set by one port is sent to every other port. So the token never rides
 * on a cookie, a browser request must come from ContactCap's own page (Origin,
 * Sec-Fetch-Site), and writes must be JSON (which a form or a no-cors fetch from
 * another page cannot send without the browser asking first, and being refused).
 */

export interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

/** Shortest CONTACTCAP_TOKEN accepted; a generated token is 32 characters (24 random bytes). */
export const MIN_TOKEN_LENGTH = 32;
/** Most sockets open to the host at once: a few tabs at the desk use well under ten. */
export const MAX_CONNECTIONS = 64;
/** Most event streams open at once: one per open tab. */
export const MAX_EVENT_STREAMS = 16;

const TOKEN_CHARACTERS = /^[A-Za-z0-9._~-]+$/;

/** Why a token given to the host cannot be used, in words for whoever set it, or null. */
export function tokenProblem(token: string, source: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) {
    return (
      `${source} is ${token.length} characters long; it must be at least ${MIN_TOKEN_LENGTH}, so that nobody can guess it. ` +
      `Set a longer one, or leave it unset and ContactCap makes a new random one at each start.`
    );
  }
  if (!TOKEN_CHARACTERS.test(token)) {
    return `${source} may only contain letters, digits and - _ . ~ (it goes into the address ContactCap prints).`;
  }
  return null;
}

/** Refuses other host names, so a web page elsewhere cannot reach the host by DNS rebinding. */
export function checkHost(req: IncomingMessage, port: number): Refusal | null {
  const host = req.headers.host ?? '';
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null;
  return { status: 403, code: 'unauthorised', message: 'ContactCap only answers on 127.0.0.1. Nothing was changed.' };
}

const OTHER_PAGE =
  'ContactCap only takes requests from its own page, and this one came from another page or web site, so it was refused. Nothing was changed.';

/**
 * A browser says where a request comes from (Origin, Sec-Fetch-Site): it must be
 * ContactCap's own page. A script outside a browser sends neither, and is let on
 * to the token check.
 */
export function checkSameOrigin(req: IncomingMessage): Refusal | null {
  const site = req.headers['sec-fetch-site'];
  // "none" is a person opening an address themselves; no other page can cause it.
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { status: 403, code: 'unauthorised', message: OTHER_PAGE };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return { status: 403, code: 'unauthorised', message: OTHER_PAGE };
  return null;
}

const NO_TOKEN = 'This address needs the link ContactCap printed when it started (it includes a token). Nothing was changed.';

/**
 * The token in a header (X-ContactCap-Token, or Authorization: Bearer), or for
 * the event stream only, in the address: EventSource cannot send headers, and
 * another page does not know the token to put there. Never a cookie.
 */
export function checkToken(req: IncomingMessage, url: URL, expected: string, options: { inAddress: boolean }): Refusal | null {
  const presented = tokenPresented(req, url, options.inAddress);
  if (presented !== null && sameToken(presented, expected)) return null;
  return { status: 401, code: 'unauthorised', message: NO_TOKEN };
}

function tokenPresented(req: IncomingMessage, url: URL, inAddress: boolean): string | null {
  const header = req.headers['x-contactcap-token'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
  return inAddress ? url.searchParams.get('token') : null;
}

export function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request that writes must say it is JSON: a form or a no-cors fetch from another page cannot. */
export function checkJsonBody(req: IncomingMessage): Refusal | null {
  const declared = req.headers['content-type'];
  const type = (declared ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return null;
  const sent = declared === undefined || declared === '' ? 'without a Content-Type' : 'as something else';
  return {
    status: 415,
    code: 'invalid_input',
    message: `ContactCap only takes requests sent as JSON (Content-Type: application/json). This one was sent ${sent}, so it was refused. Nothing was changed.`,
  };
}
