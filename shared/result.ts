/**
 * The envelope every API call returns, on every transport.
 * Errors are values at the boundary: a call never throws across it.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'at_capacity',
  'not_available',
  'unknown_method',
  'unauthorised',
  /** Nobody is signed in at the desk, and this needs a named member of staff. */
  'not_signed_in',
  /** The person signed in has a role that may not do this. */
  'not_allowed',
  'storage_full',
  'storage_read_only',
  'storage_busy',
  'internal',
  /**
   * The renderer could not reach the core, or its answer was lost: whether the
   * request was carried out is not known. Only the transport says this; a retry
   * with the same request id is safe.
   */
  'unreachable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** Written for the person at the desk, not for a developer. */
  message: string;
  /** The input field the message is about, when there is one. */
  field?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): Envelope<never> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
