import type { ApiError, ErrorCode } from '../../shared/result.ts';

/** A broken rule inside the core. Turned into an error envelope at the boundary. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const STARTUP_FAILURES = [
  'locked',
  'disk_full',
  'read_only',
  'network_path',
  'newer_database',
  'migration_failed',
  'unsupported_runtime',
  'unreadable',
] as const;
export type StartupFailure = (typeof STARTUP_FAILURES)[number];

/** The core could not start. The message says what happened and what to do. */
export class StartupError extends Error {
  readonly failure: StartupFailure;

  constructor(failure: StartupFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
    this.failure = failure;
  }
}

/** SQLite and file-system error codes, read without caring which library threw. */
export function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (typeof code === 'string') return code;
  }
  return '';
}

export function isDiskFull(code: string): boolean {
  return code === 'ENOSPC' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL');
}

export function isReadOnly(code: string): boolean {
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY');
}

export function isBusy(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export function isCorrupt(code: string): boolean {
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}
