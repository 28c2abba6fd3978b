import path from 'node:path';
import type Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain.ts';
import { giveNewDeviceId } from './identity.ts';
import { INSERT_SALVAGED, salvageFromPages, type EventRules } from './salvage.ts';
import type { WalReading } from './wal.ts';

/**
 * After SQLite has read the part of a damaged log it trusts, the events in
 * the rest (every page image in the kept copy, each checked against its
 * fingerprint) go into the database, and the projections are made again.
 */
export function salvageLog(db: Database.Database, kept: string, reading: WalReading | null, rules: EventRules, now: number): StartupNotice {
  const copy = path.join(kept, `${path.basename(db.name)}-wal`);
  const insert = db.prepare(INSERT_SALVAGED);
  let added = 0;
  const identity = { renewed: false };
  db.transaction(() => {
    salvageFromPages(db.name, copy, { event: (event) => (added += insert.run(event).changes) }, rules, false);
    if (added > 0) rules.reproject(db);
    // In a practice network a record cut off with the log may already be on the other PCs: no sequence number is given out twice.
    if (db.prepare('SELECT 1 FROM network_self').get()) {
      giveNewDeviceId(db, now, 'This PC before its log was damaged');
      identity.renewed = true;
    }
  }).immediate();
  const what = !reading || !reading.headerOk ? 'its header was damaged' : reading.partialBytes > 0 && reading.framesIgnored === 0 ? 'it was cut short' : 'part of it was damaged';
  return {
    kind: 'log_recovered',
    file: kept,
    message:
      `ContactCap did not stop cleanly last time, and its log of the most recent changes was damaged (${what}), so part of it would have been left out. ` +
      `A copy is kept in “${kept}”. ContactCap read back ${added === 1 ? '1 record' : `${added} records`} from it` +
      (identity.renewed ? ', and this PC now has a new identity in the practice’s records so no record number is used twice; the other PCs send back anything else they hold.' : '.') +
      ' Check the last few contacts recorded before ContactCap stopped, and tell IT support.',
  };
}
