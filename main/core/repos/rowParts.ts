import type { IdentifierState } from '../../../shared/identifiers.ts';

/** The void a record carries when it is read back: both null while it stands. */
export interface VoidColumns {
  voidReason: string | null;
  voidedAt: number | null;
}

/** Where the event that wrote a row sits in the log; stored with every projected record. */
export interface LogPlace {
  hlc: string;
  origin: string;
  seq: number;
}

/** A record's identifiers as this PC can read them (db/sealedIdentifiers.ts). */
export interface IdentifierColumns {
  /** Readable here, erased, or not yet come from the PC that recorded it; note and nhsNumber are as read. */
  identifiers: IdentifierState;
}

/** The columns that db/sealedIdentifiers.ts needs besides the record's own: its stored key and whether it was erased. */
export function identifierColumns(alias: string): string {
  return `(SELECT key FROM identifier_keys WHERE record_id = ${alias}.id) AS storedKey,
  EXISTS (SELECT 1 FROM identifier_erasures WHERE record_id = ${alias}.id) AS erased`;
}
