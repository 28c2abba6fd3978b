import { afterEach, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import type { Redirection } from '../../shared/domain.ts';
import { filesHolding } from '../helpers/bytesOnDisk.ts';
import { must } from '../helpers/fixtures.ts';
import { Practice, waitUntil } from './cluster.ts';

/**
 * Erasure of patient identifiers end to end across two networked PCs (issue 10
 * §5): a note and NHS number recorded on one PC reach the other (the key over
 * the practice network, the record through the Hypercores); erased on either,
 * they are gone on both, and no file of either PC's data folder, the
 * Hypercores and the backups included, holds them or their key afterwards.
 */

let practice: Practice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

const NHS_NUMBER = '943 476 5919';
const NOTE = 'Itchy rash on the left forearm since Friday';
const SECOND_NOTE = 'Asked for a call back after 4pm';


const recordOn = (core: Core, id: string): Redirection | undefined => must(core.call('redirection.listForDay', {})).find((row) => row.id === id);
const keyOn = (core: Core, id: string) => (core.db.prepare('SELECT key FROM identifier_keys WHERE record_id = ?').pluck().get(id) as Buffer | undefined)?.subarray(8);

function redirect(core: Core, note: string, nhsNumber?: string): Redirection {
  return must(
    core.call('redirection.record', {
      destinationId: 'builtin-pharmacy-first',
      reason: 'more_appropriate_service',
      patientTold: true,
      pharmacyFirst: { route: 'signposted' },
      note,
      ...(nhsNumber ? { nhsNumber } : {}),
    }),
  ).redirection;
}

it('erases a patient’s identifiers on both PCs and leaves them readable nowhere, events, Hypercores and backups included', async () => {
  practice = await new Practice().start(2, ['Reception 1', 'Reception 2']);
  const a = practice.pc(0);
  const b = practice.pc(1);
  must(a.core.call('settings.update', { collectNhsNumber: true }));

  // Recorded on A while both are connected: the key is offered at once.
  const first = redirect(a.core, NOTE, NHS_NUMBER);
  await waitUntil(() => recordOn(b.core, first.id)?.identifiers === 'held', 20_000, () => JSON.stringify(recordOn(b.core, first.id)));
  expect(recordOn(b.core, first.id)).toMatchObject({ note: NOTE, nhsNumber: NHS_NUMBER });

  // Recorded on A while B is cut off: B asks for the key when they meet again.
  practice.split([0], [1]);
  const second = redirect(a.core, SECOND_NOTE);
  practice.heal();
  await waitUntil(() => recordOn(b.core, second.id)?.identifiers === 'held', 30_000, () => JSON.stringify(recordOn(b.core, second.id)));
  expect(recordOn(b.core, second.id)?.note).toBe(SECOND_NOTE);

  // Backups on both PCs from before the erasure hold the key.
  must(await a.core.call('backup.now', {}));
  must(await b.core.call('backup.now', {}));
  const key = keyOn(a.core, first.id) as Buffer;
  expect(keyOn(b.core, first.id)?.equals(key)).toBe(true);
  const secondKey = keyOn(a.core, second.id) as Buffer;
  expect(filesHolding([a.dir, b.dir], key).length).toBeGreaterThanOrEqual(2);

  // The patient asks at B's desk; A follows.
  expect(must(b.core.call('identifiers.find', { nhsNumber: '9434765919' })).map((row) => row.recordId)).toEqual([first.id]);
  must(b.core.call('identifiers.erase', { recordIds: [first.id], why: 'patient_request' }));
  expect(recordOn(b.core, first.id)).toMatchObject({ note: '', nhsNumber: null, identifiers: 'erased' });
  await waitUntil(() => recordOn(a.core, first.id)?.identifiers === 'erased', 20_000, () => JSON.stringify(recordOn(a.core, first.id)));
  expect(recordOn(a.core, first.id)).toMatchObject({ note: '', nhsNumber: null });
  // The count is untouched, and the other record keeps its note on both.
  for (const core of [a.core, b.core]) {
    expect(must(core.call('redirection.listForDay', {})).length).toBe(2);
    expect(recordOn(core, second.id)).toMatchObject({ note: SECOND_NOTE, identifiers: 'held' });
  }

  await a.core.identifiers.settled();
  await b.core.identifiers.settled();
  await practice.stop(0);
  await practice.stop(1);
  const folders = [a.dir, b.dir];
  // Nowhere readable: neither the erased key (raw or as hex) nor the identifiers in plain text, in any file of either PC.
  expect(filesHolding(folders, key)).toEqual([]);
  expect(filesHolding(folders, Buffer.from(key.toString('hex')))).toEqual([]);
  for (const text of [NHS_NUMBER, '9434765919', NOTE, 'Itchy rash']) expect(filesHolding(folders, Buffer.from(text))).toEqual([]);
  // The record kept: its key is still in both databases and their backups.
  expect(filesHolding(folders, secondKey).length).toBeGreaterThanOrEqual(2);
}, 120_000);
