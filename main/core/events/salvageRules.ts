import type { EventRules, SeenRow, WriteAgainAs } from '../db/salvage.ts';
import { createStore } from '../db/store.ts';
import { EventLog, hashEvent } from './eventLog.ts';
import { EVENT_BODIES } from './eventTypes.ts';
import { rebuildProjections } from './rebuild.ts';

/** A contacts row as a `contact.recorded` body: the same contact id and fields, so a peer holding the original counts it once. */
function contactBody(row: SeenRow) {
  const parsed = EVENT_BODIES['contact.recorded'].safeParse({
    contactId: row.contactId,
    clinicianId: row.clinicianId,
    occurredAt: row.occurredAt,
    practiceDay: row.practiceDay,
    typeId: row.typeId,
    counts: row.counts === 1 ? true : row.counts === 0 ? false : row.counts,
    session: row.session,
    overCapReason: row.overCapReason ?? null,
    lateReason: row.lateReason ?? null,
    recordedBy: row.recordedBy,
    device: row.device,
    requestId: row.requestId ?? null,
  });
  return parsed.success ? parsed.data : null;
}

function writeAgain(db: Parameters<EventRules['writeAgain']>[0], as: WriteAgainAs, seen: { contacts: readonly SeenRow[]; voids: readonly SeenRow[] }): { contacts: number; voids: number } {
  const log = new EventLog(createStore(db), as.origin, () => as.now);
  log.usedThrough(as.usedThrough);
  const written = { contacts: 0, voids: 0 };
  for (const row of seen.contacts) {
    const body = contactBody(row);
    if (!body) continue;
    log.append('contact.recorded', body);
    written.contacts++;
  }
  for (const row of seen.voids) {
    const parsed = EVENT_BODIES['contact.voided'].safeParse({ contactId: row.contactId, reason: row.reason });
    if (!parsed.success) continue;
    log.append('contact.voided', parsed.data);
    written.voids++;
  }
  return written;
}

/** What rebuilding a damaged database needs from the event log: fingerprints to trust a salvaged event by, the projections made again, and lost records written again. */
export const eventRules: EventRules = {
  fingerprint: (event) => hashEvent(event),
  reproject: (db) => {
    rebuildProjections(createStore(db));
  },
  writeAgain,
};
