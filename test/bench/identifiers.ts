import { statSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../../main/core/createCore.ts';
import { FakeClock, must, openTestCore, sequentialIds } from '../helpers/fixtures.ts';
import { percentile, row, timeEach, type Row } from './stats.ts';

const RECORDS = 300;

/**
 * Patient identifiers (issue 10 §5) on the database in `dataDir`: a
 * redirection with a note and NHS number, sealed as it is saved; an erasure
 * on request with its follow-up (the write-ahead log emptied and the key
 * overwritten in a backup of the whole database); and the retention sweep.
 */
export async function measureIdentifiers(dataDir: string): Promise<Row[]> {
  const clock = new FakeClock(Date.now());
  const core: Core = openTestCore(dataDir, { clock, ids: sequentialIds('bench-id') });
  try {
    must(core.call('settings.update', { collectNhsNumber: true, identifierRetentionDays: 3650 }));
    const redirect = (withIdentifiers: boolean) =>
      must(
        core.call('redirection.record', {
          destinationId: 'builtin-self-care',
          reason: 'more_appropriate_service',
          patientTold: true,
          ...(withIdentifiers ? { note: 'Itchy rash on the left forearm since Friday', nhsNumber: '943 476 5919' } : {}),
        }),
      ).redirection.id;
    const ids: string[] = [];
    const sealed = timeEach(RECORDS, () => ids.push(redirect(true)));
    const plain = timeEach(RECORDS, () => redirect(false));
    const backups = must(await core.call('backup.now', {}));
    const backupBytes = statSync(path.join(backups.folder, backups.backups[0]?.name ?? '')).size;
    const started = performance.now();
    must(core.call('identifiers.erase', { recordIds: [ids[0] ?? ''], why: 'patient_request' }));
    const committed = performance.now() - started;
    await core.identifiers.settled();
    const followedUp = performance.now() - started;
    // Two days on, a retention period of one day leaves them all out.
    clock.set(clock.now() + 2 * 86_400_000);
    const sweepStart = performance.now();
    must(core.call('settings.update', { identifierRetentionDays: 1 }));
    const sweep = performance.now() - sweepStart;
    const left = must(core.call('identifiers.summary', {})).held;
    if (left !== 0) throw new Error(`The retention period left ${left} records with identifiers`);
    await core.identifiers.settled();
    const sweepFollowUp = performance.now() - sweepStart;
    const mb = (backupBytes / 2 ** 20).toFixed(0);
    return [
      row(`redirection with a note and NHS number (sealed), p99 of ${RECORDS}`, percentile(sealed, 99), null),
      row(`redirection without, p99 of ${RECORDS}`, percentile(plain, 99), null),
      row('erase one record on request: committed', committed, null),
      row(`  and followed up (log emptied, key overwritten in a ${mb} MB backup)`, followedUp, null),
      row(`retention shortened: ${RECORDS - 1} records erased, committed`, sweep, null),
      row('  and followed up', sweepFollowUp, null),
    ];
  } finally {
    core.close();
  }
}
