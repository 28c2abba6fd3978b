import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A record's patient identifiers, sealed for the record log (issue 10 §5):
 * AES-256-GCM under a key of the record's own, with the record's id bound in,
 * so a sealed value cannot be read with another record's key nor moved onto
 * another record. The log and every PC's Hypercore keep only the sealed text;
 * the key lives in identifier_keys, outside the log, and erasing deletes it.
 */

import type { IdentifierState } from '../../../shared/identifiers.ts';
// Stored before each key, so that an erased key can be found and overwritten in copies of the database.
import { KEY_BYTES, KEY_MARKER } from './keyScrub.ts';

export { KEY_BYTES };
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 's1.';

export interface Identifiers {
  note: string;
  nhsNumber: string | null;
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The key as identifier_keys stores it: the marker, then the key. */
export function storedKey(key: Buffer): Buffer {
  return Buffer.concat([KEY_MARKER, key]);
}

/** The key in a stored value, or null when it is not one (or has been overwritten with zeros). */
export function keyOfStored(stored: Buffer): Buffer | null {
  if (stored.length !== KEY_MARKER.length + KEY_BYTES || !stored.subarray(0, KEY_MARKER.length).equals(KEY_MARKER)) return null;
  const key = stored.subarray(KEY_MARKER.length);
  return key.every((byte) => byte === 0) ? null : Buffer.from(key);
}

export function seal(key: Buffer, recordId: string, identifiers: Identifiers): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(recordId, 'utf8'));
  const text = Buffer.concat([cipher.update(JSON.stringify({ n: identifiers.note, h: identifiers.nhsNumber }), 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), text]).toString('base64');
}

/** The identifiers sealed for this record with this key, or null when the key or the record is not theirs. */
export function unseal(key: Buffer, recordId: string, sealed: string): Identifiers | null {
  if (!sealed.startsWith(VERSION)) return null;
  const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(recordId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const value = JSON.parse(text) as { n?: unknown; h?: unknown };
    return { note: typeof value.n === 'string' ? value.n : '', nhsNumber: typeof value.h === 'string' ? value.h : null };
  } catch {
    return null;
  }
}

/** Whether a sealed value is well formed (a remote event's is checked before it is taken). */
export function isSealed(value: string): boolean {
  if (!value.startsWith(VERSION) || value.length > 4096) return false;
  const body = value.slice(VERSION.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) && Buffer.from(body, 'base64').length > IV_BYTES + TAG_BYTES;
}

/** A record's row as read, before its identifiers are opened. */
export interface SealedColumns {
  id: string;
  note: string;
  nhsNumber?: string | null;
  sealed: string | null;
  storedKey: Buffer | null;
  erased: 0 | 1;
}

export interface OpenedIdentifiers {
  note: string;
  nhsNumber: string | null;
  identifiers: IdentifierState;
}

/**
 * The note and NHS number as this PC can read them: unsealed with the record's
 * key where it is held; empty where they were erased (a key overwritten in a
 * restored backup counts as erased) or have not yet come from the PC that
 * recorded them. A plain note from before sealing reads as it was kept.
 */
export function openIdentifiers(row: SealedColumns): OpenedIdentifiers {
  if (row.sealed !== null) {
    const key = row.storedKey ? keyOfStored(row.storedKey) : null;
    const opened = key ? unseal(key, row.id, row.sealed) : null;
    if (opened) return { ...opened, identifiers: 'held' };
    // A key overwritten with zeros (in a restored backup) is an erased one; one that does not open the record is not its key.
    const overwritten = row.storedKey !== null && key === null;
    return { note: '', nhsNumber: null, identifiers: row.erased === 1 || overwritten ? 'erased' : 'elsewhere' };
  }
  if (row.erased === 1) return { note: '', nhsNumber: null, identifiers: 'erased' };
  const nhsNumber = row.nhsNumber ?? null;
  return { note: row.note, nhsNumber, identifiers: row.note !== '' || nhsNumber !== null ? 'held' : 'none' };
}
