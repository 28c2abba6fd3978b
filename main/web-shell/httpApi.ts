import type { ErrorCode } from '../../shared/result.ts';

/** HTTP status for each error code; the body is always the JSON envelope. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorised: 401,
  not_signed_in: 401,
  not_allowed: 403,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  at_capacity: 409,
  not_available: 501,
  storage_full: 507,
  storage_read_only: 503,
  storage_busy: 503,
  internal: 500,
  unreachable: 503,
};

export const MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};
