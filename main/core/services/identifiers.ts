import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { ErasureOutcome, IdentifierRecord, IdentifierSummary } from '../../../shared/identifiers.ts';
import { checkNhsNumber } from '../../../shared/nhsNumber.ts';
import type { WireKey } from '../../../shared/replication.ts';
import { addPracticeDays, isPracticeDay, practiceDayOf } from '../../../shared/practiceDay.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { CacheSlot } from '../db/caches.ts';
import { KEY_BYTES, newKey, seal, unseal, type Identifiers } from '../db/sealedIdentifiers.ts';
import { deferralsBetween } from '../repos/deferralsRepo.ts';
import {
  eraseIdentifiers,
  identifierCounts,
  isErased,
  keepKey,
  keyFor,
  keysToShare,
  keysToDrop,
  recordsBefore,
  recordWithIdentifiers,
  sealedRecord,
  wantedKeys,
} from '../repos/identifiersRepo.ts';
import { redirectionsBetween } from '../repos/redirectionsRepo.ts';
import { readSettings } from './settings.ts';

/**
 * Patient identifiers (issue 10 §5): sealed when recorded, shared with the
 * practice's other PCs key by key, erased on request or after the practice's
 * retention period on every PC. Counting never depends on them.
 */

/** A key on its way to or from another PC. */
type SharedKey = WireKey;

/** Keys made on this connection since the network last took them (offered to connected PCs once committed). */
const MADE_KEYS = new CacheSlot<string[]>('madeIdentifierKeys', [], () => []);

/** Seals a new record's identifiers under a key of its own, kept here; null when there are none. */
export function sealIdentifiers(ctx: CoreContext, recordId: string, practiceDay: string, identifiers: Identifiers): string | null {
  if (identifiers.note === '' && identifiers.nhsNumber === null) return null;
  const key = newKey();
  keepKey(ctx, recordId, key, practiceDay, true);
  ctx.caches.slot(MADE_KEYS).push(recordId);
  return seal(key, recordId, identifiers);
}

/** The first day whose records keep their identifiers: anything before it is past the retention period. */
export function keptFrom(ctx: CoreContext): string {
  return addPracticeDays(practiceDayOf(ctx.clock.now()), -readSettings(ctx).identifierRetentionDays);
}

/**
 * Erases here what is past the practice's retention period, and any key a
 * restored backup holds overwritten. Every PC does this for itself, so a PC
 * that was off when the others did it catches up when it starts.
 */
export function eraseExpired(ctx: CoreContext): number {
  return write(ctx, () => {
    const due = [...new Set([...recordsBefore(ctx, keptFrom(ctx)), ...keysToDrop(ctx)])];
    if (due.length === 0) return 0;
    return eraseIdentifiers(ctx, due, 'retention', ctx.clock.now()).erased.length;
  });
}

export function identifierSummary(ctx: CoreContext): IdentifierSummary {
  const settings = readSettings(ctx);
  return { collecting: settings.collectNhsNumber, retentionDays: settings.identifierRetentionDays, ...identifierCounts(ctx), keptFrom: keptFrom(ctx) };
}

const FIND_LIMIT = 500;

export function findIdentifiers(ctx: CoreContext, input: ParsedInputOf<'identifiers.find'>): IdentifierRecord[] {
  const today = practiceDayOf(ctx.clock.now());
  const from = input.from ?? '0000-01-01';
  const to = input.to ?? today;
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    throw new DomainError('invalid_input', 'The first day is after the last day. Swap them, or choose the days again.', 'from');
  }
  let wantedNumber: string | null = null;
  if (input.nhsNumber !== undefined && input.nhsNumber.trim() !== '') {
    const checked = checkNhsNumber(input.nhsNumber);
    if (!checked.valid) throw new DomainError('invalid_input', checked.message, 'nhsNumber');
    wantedNumber = checked.formatted;
  }
  const text = input.text?.toLocaleLowerCase('en-GB') ?? '';
  const matches = (record: { nhsNumber: string | null; note: string }) =>
    (wantedNumber === null || record.nhsNumber === wantedNumber) && (text === '' || record.note.toLocaleLowerCase('en-GB').includes(text));
  const found: IdentifierRecord[] = [];
  for (const record of redirectionsBetween(ctx, from, to)) {
    if (record.identifiers === 'none' || !matches(record)) continue;
    found.push({
      recordId: record.id,
      kind: 'redirection',
      practiceDay: record.practiceDay,
      occurredAt: new Date(record.occurredAt).toISOString(),
      what: record.destinationName,
      nhsNumber: record.nhsNumber,
      note: record.note,
      state: record.identifiers,
      legacy: record.sealed === null,
    });
  }
  for (const record of deferralsBetween(ctx, from, to)) {
    if (record.identifiers === 'none' || !matches({ nhsNumber: null, note: record.note })) continue;
    found.push({
      recordId: record.id,
      kind: 'deferral',
      practiceDay: record.practiceDay,
      occurredAt: new Date(record.occurredAt).toISOString(),
      what: record.kind === 'later_date' ? `Later date: ${record.untilDay ?? ''}` : 'Waiting list',
      nhsNumber: null,
      note: record.note,
      state: record.identifiers,
      legacy: record.sealed === null,
    });
  }
  // Searching for identifiers finds only records that still hold some.
  const searching = wantedNumber !== null || text !== '';
  const shown = found
    .filter((record) => !searching || record.state === 'held')
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0))
    .slice(0, FIND_LIMIT);
  // Who looked at patients' identifiers is in the audit trail (DSPT); what they looked for is not kept.
  // The page reads again as records change: the same look by the same person is written once in ten minutes.
  const by = wantedNumber !== null ? (text !== '' ? 'nhs_number_and_note' : 'nhs_number') : text !== '' ? 'note' : 'all';
  const seen = ctx.caches.slot(LOOKS);
  const look = `${ctx.session.staffId ?? ''}|${by}|${wantedNumber ?? ''}|${text}`;
  const now = ctx.clock.now();
  if (now - (seen.get(look) ?? -Infinity) >= LOOK_AGAIN_MS) {
    write(ctx, () => ctx.log.append('identifiers.viewed', { by, shown: shown.length }));
    seen.set(look, now);
  }
  return shown;
}

/** When each person at this desk last had each look written in the audit trail (kept in memory only). */
const LOOKS = new CacheSlot<Map<string, number>>('identifierLooks', [], () => new Map());
const LOOK_AGAIN_MS = 10 * 60_000;

/** Erasure on request: an event every PC applies, naming the records and why, never the patient. */
export function eraseOnRequest(ctx: CoreContext, input: ParsedInputOf<'identifiers.erase'>): ErasureOutcome {
  return write(ctx, () => {
    const recordIds = [...new Set(input.recordIds)];
    const unknown = recordIds.filter((id) => recordWithIdentifiers(ctx, id) === null);
    if (unknown.length > 0) {
      throw new DomainError(
        'not_found',
        unknown.length === recordIds.length
          ? 'None of those records is in ContactCap’s records. Look them up again and choose them from the list.'
          : `${unknown.length} of those records ${unknown.length === 1 ? 'is' : 'are'} not in ContactCap’s records. Look them up again and choose them from the list. Nothing was erased.`,
        'recordIds',
      );
    }
    const fresh = recordIds.filter((id) => !isErased(ctx, id));
    const legacy = fresh.filter((id) => recordWithIdentifiers(ctx, id)?.plain === true).length;
    if (fresh.length > 0) ctx.log.append('identifiers.erased', { recordIds: fresh, why: input.why });
    return { erased: fresh.length, already: recordIds.length - fresh.length, legacy };
  });
}


// ---- between PCs (network/supervisor.ts) ----

/** The keys made here since the last call that were committed: offered at once to the PCs connected. */
export function takeKeysToOffer(ctx: CoreContext): SharedKey[] {
  const ids = ctx.caches.slot(MADE_KEYS).splice(0);
  return ids.length === 0 ? [] : keysToShare(ctx, ids).map(shared);
}

/** The sealed records whose keys this PC still lacks, within the retention period: asked of every PC it meets. */
export function keysWanted(ctx: CoreContext): string[] {
  return wantedKeys(ctx, keptFrom(ctx), 2_000);
}

/** Another PC asks for keys: those held here and still within the retention period. */
export function keysAsked(ctx: CoreContext, recordIds: readonly unknown[]): SharedKey[] {
  const ids = recordIds.slice(0, 2_000).filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 64);
  const from = keptFrom(ctx);
  return keysToShare(ctx, ids).filter((key) => key.practiceDay >= from).map(shared);
}

function shared(key: { recordId: string; key: Buffer; practiceDay: string }): SharedKey {
  return { recordId: key.recordId, key: key.key.toString('hex'), practiceDay: key.practiceDay };
}

/**
 * Keys from another PC of the practice. One is kept only if its record is
 * not erased here and within the retention period, and, where the record is
 * held here, only if it opens the record's sealed identifiers. Answers how many were kept.
 */
export function keysReceived(ctx: CoreContext, keys: readonly unknown[]): number {
  const from = keptFrom(ctx);
  const latestDay = addPracticeDays(practiceDayOf(ctx.clock.now()), 1);
  return write(ctx, () => {
    let kept = 0;
    for (const value of keys.slice(0, 2_000)) {
      const key = sharedKeyOf(value);
      if (!key || key.practiceDay < from || keyFor(ctx, key.recordId) !== null) continue;
      const bytes = Buffer.from(key.key, 'hex');
      const record = sealedRecord(ctx, key.recordId);
      if (record !== null && (record.practiceDay !== key.practiceDay || unseal(bytes, key.recordId, record.sealed) === null)) continue;
      // One that comes before its record is checked when the record is projected; it cannot claim a day to come.
      if (record === null && key.practiceDay > latestDay) continue;
      if (keepKey(ctx, key.recordId, bytes, key.practiceDay)) kept++;
    }
    return kept;
  });
}

function sharedKeyOf(value: unknown): SharedKey | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.recordId !== 'string' || v.recordId.length === 0 || v.recordId.length > 64) return null;
  if (typeof v.key !== 'string' || !new RegExp(`^[0-9a-f]{${KEY_BYTES * 2}}$`).test(v.key)) return null;
  if (typeof v.practiceDay !== 'string' || !isPracticeDay(v.practiceDay)) return null;
  return { recordId: v.recordId, key: v.key, practiceDay: v.practiceDay };
}
