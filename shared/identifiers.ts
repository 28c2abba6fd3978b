/**
 * Patient identifiers (DOMAIN.md §7, issue 10 §5): a redirection's NHS number and
 * note, a deferral's note. Collected only when the practice turns identifiers on,
 * sealed in the record log under a key per record, and erased (the key deleted on
 * every PC) on request or once older than the practice's retention period.
 */

/** Days a record's identifiers are kept after the day it was recorded. */
export const IDENTIFIER_RETENTION_DAYS = { min: 1, max: 3650, default: 30 } as const;

/** Why identifiers were erased on request; never free text, which the log would keep for good. */
export const ERASURE_REASONS = ['patient_request', 'entered_in_error', 'no_longer_needed'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export const ERASURE_REASON_WORDS: Record<ErasureReason | 'retention', string> = {
  patient_request: 'the patient asked',
  entered_in_error: 'entered in error',
  no_longer_needed: 'no longer needed',
  retention: 'older than the retention period',
};

/**
 * What a record's identifiers are on this PC:
 * - none: it never had any;
 * - held: readable here;
 * - erased: erased (on request or by the retention period), here and everywhere;
 * - elsewhere: recorded on another PC whose key has not reached this one yet.
 */
export type IdentifierState = 'none' | 'held' | 'erased' | 'elsewhere';

/** A record that holds (or held) identifiers, as the Identifiers page lists it. */
export interface IdentifierRecord {
  recordId: string;
  kind: 'redirection' | 'deferral';
  practiceDay: string;
  occurredAt: string;
  /** Where the patient went, or what was agreed: "Pharmacy First: High Street", "Later date 2026-12-10". */
  what: string;
  nhsNumber: string | null;
  note: string;
  state: IdentifierState;
  /** Recorded before identifiers were sealed: erasing it clears the screens and exports, and its note stays in the record log. */
  legacy: boolean;
}

export interface IdentifierSummary {
  collecting: boolean;
  retentionDays: number;
  /** Records whose identifiers are readable on this PC. */
  held: number;
  /** Records recorded on another PC whose identifiers have not reached this one. */
  elsewhere: number;
  erased: number;
  /** The oldest day with identifiers held here, or null. */
  oldestDay: string | null;
  /** The day from which identifiers are kept: anything recorded before it is erased. */
  keptFrom: string;
}

export interface ErasureOutcome {
  /** Records whose identifiers were erased now. */
  erased: number;
  /** Already erased before. */
  already: number;
  /** Of those erased now, records from before sealing: their note stays in the record log. */
  legacy: number;
}
