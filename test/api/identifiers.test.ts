import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { rebuildProjections } from '../../main/core/events/rebuild.ts';
import { filesHolding, filesUnder } from '../helpers/bytesOnDisk.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { closeAllCores, openCore, SERVICES } from './apiHarness.ts';

/**
 * Patient identifiers (issue 10 §5): a redirection's NHS number and note and a
 * deferral's note are never written to the record log in plain text; erasing
 * them, on request or after the practice's retention period, deletes the key
 * that opens them, so that nothing of them can be read again, backups included.
 */

afterEach(closeAllCores);

const NHS_NUMBER = '943 476 5919';
const NOTE = 'Itchy rash on the left forearm since Friday';
/** The forms a number could be found in: spaced as shown, as typed, and as bare digits. */
const NUMBER_FORMS = ['943 476 5919', '9434765919', '943-476-5919'];

function collecting(core: Core, retentionDays = 30) {
  must(core.call('settings.update', { collectNhsNumber: true, identifierRetentionDays: retentionDays }));
}

function redirect(core: Core, note = NOTE, nhsNumber: string | undefined = NHS_NUMBER) {
  return must(
    core.call('redirection.record', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', patientTold: true, pharmacyFirst: { route: 'signposted' }, note, ...(nhsNumber ? { nhsNumber } : {}) }),
  ).redirection;
}

const dataDirOf = (core: Core) => path.dirname(core.databasePath);


const storedKeyOf = (core: Core, recordId: string) => core.db.prepare('SELECT key FROM identifier_keys WHERE record_id = ?').pluck().get(recordId) as Buffer | undefined;

describe('identifiers are sealed in the record log', () => {
  it('keeps no NHS number or note in plain text in any event, yet shows them on this PC', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const shown = redirect(core);
    expect(shown).toMatchObject({ note: NOTE, nhsNumber: NHS_NUMBER, identifiers: 'held' });
    const deferral = must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true, note: 'Wants Dr Okafor only, mornings' }));
    expect(deferral).toMatchObject({ note: 'Wants Dr Okafor only, mornings', identifiers: 'held' });
    const bodies = (core.db.prepare('SELECT body FROM events').pluck().all() as string[]).join('\n');
    for (const text of [...NUMBER_FORMS, NOTE, 'Itchy rash', 'Dr Okafor only']) expect(bodies).not.toContain(text);
    const listed = must(core.call('redirection.listForDay', {}));
    expect(listed[0]).toMatchObject({ id: shown.id, note: NOTE, nhsNumber: NHS_NUMBER, identifiers: 'held' });
  });

  it('writes the plain text to no file of the data folder, the write-ahead log included', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    redirect(core);
    core.db.pragma('wal_checkpoint(PASSIVE)');
    for (const text of [...NUMBER_FORMS, NOTE]) expect(filesHolding(dataDirOf(core), Buffer.from(text))).toEqual([]);
  });

  it('a record without identifiers has no key and says so', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const plain = redirect(core, '', '');
    expect(plain).toMatchObject({ note: '', nhsNumber: null, identifiers: 'none' });
    expect(storedKeyOf(core, plain.id)).toBeUndefined();
  });
});

describe('erasure on request', () => {
  it('finds a patient’s records by NHS number, however it is typed, and only theirs', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const theirs = redirect(core);
    redirect(core, 'Asked for a call back', '401 023 2137');
    const found = must(core.call('identifiers.find', { nhsNumber: '9434765919' }));
    expect(found.map((record) => record.recordId)).toEqual([theirs.id]);
    expect(found[0]).toMatchObject({ kind: 'redirection', nhsNumber: NHS_NUMBER, note: NOTE, state: 'held', what: 'Community pharmacy – Pharmacy First', legacy: false });
    expect(must(core.call('identifiers.find', { text: 'itchy RASH' })).map((record) => record.recordId)).toEqual([theirs.id]);
  });

  it('erases the NHS number and note for good, leaves the count, and names no patient in the log', async () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const record = redirect(core);
    const kept = redirect(core, 'Prefers a phone call', '401 023 2137');
    const key = storedKeyOf(core, record.id);
    expect(key?.length).toBe(40);
    const report = must(core.call('report.day', { day: '2026-11-23' }));
    const outcome = must(core.call('identifiers.erase', { recordIds: [record.id], why: 'patient_request' }));
    expect(outcome).toEqual({ erased: 1, already: 0, legacy: 0 });
    const listed = must(core.call('redirection.listForDay', {}));
    expect(listed.find((row) => row.id === record.id)).toMatchObject({ note: '', nhsNumber: null, identifiers: 'erased', destinationName: 'Community pharmacy – Pharmacy First' });
    expect(listed.find((row) => row.id === kept.id)).toMatchObject({ note: 'Prefers a phone call', identifiers: 'held' });
    expect(must(core.call('identifiers.find', { nhsNumber: NHS_NUMBER }))).toEqual([]);
    expect(must(core.call('report.day', { day: '2026-11-23' }))).toEqual(report);
    const erasedEvent = core.db.prepare("SELECT body FROM events WHERE type = 'identifiers.erased'").pluck().get() as string;
    expect(JSON.parse(erasedEvent)).toEqual({ recordIds: [record.id], why: 'patient_request' });
    // Again: nothing more to erase.
    expect(must(core.call('identifiers.erase', { recordIds: [record.id], why: 'patient_request' }))).toEqual({ erased: 0, already: 1, legacy: 0 });
    await core.identifiers.settled();
    expect(storedKeyOf(core, record.id)).toBeUndefined();
    expect(filesHolding(dataDirOf(core), (key as Buffer).subarray(8))).toEqual([]);
  });

  it('overwrites the erased key in a backup made before the erasure, and the backup still checks as sound', async () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const record = redirect(core);
    const other = redirect(core, 'Prefers a phone call', '401 023 2137');
    const key = (storedKeyOf(core, record.id) as Buffer).subarray(8);
    const otherKey = (storedKeyOf(core, other.id) as Buffer).subarray(8);
    const backup = must(await core.call('backup.now', {})).backups[0];
    const backupFile = filesUnder(dataDirOf(core)).find((file) => path.basename(file) === backup?.name) as string;
    expect(readFileSync(backupFile).includes(key)).toBe(true);
    must(core.call('identifiers.erase', { recordIds: [record.id], why: 'entered_in_error' }));
    await core.identifiers.settled();
    expect(readFileSync(backupFile).includes(key)).toBe(false);
    expect(readFileSync(backupFile).includes(otherKey)).toBe(true);
    expect(must(core.call('backup.status', {})).backups.map((each) => each.name)).toContain(backup?.name);
    expect(filesHolding(dataDirOf(core), key)).toEqual([]);
  });

  it('refuses records it does not know, and erases nothing of a list with one of them', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const record = redirect(core);
    const answer = core.call('identifiers.erase', { recordIds: [record.id, 'no-such-record'], why: 'patient_request' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found', field: 'recordIds' } });
    expect(!answer.ok && answer.error.message).toMatch(/1 of those records is not in ContactCap’s records.*Nothing was erased/);
    expect(must(core.call('redirection.listForDay', {}))[0]).toMatchObject({ note: NOTE, identifiers: 'held' });
  });

  it('refuses an NHS number that is not valid when looking one up', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    const answer = core.call('identifiers.find', { nhsNumber: '943 476 5918' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'nhsNumber' } });
    expect(!answer.ok && answer.error.message).toBe('That NHS number is not valid: check the digits with the patient.');
  });

  it('stays erased after the projections are rebuilt from the log', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const record = redirect(core);
    must(core.call('identifiers.erase', { recordIds: [record.id], why: 'patient_request' }));
    rebuildProjections(core.store);
    expect(must(core.call('redirection.listForDay', {}))[0]).toMatchObject({ identifiers: 'erased' });
  });
});

describe('erasure after the retention period', () => {
  it('keeps a record’s identifiers for the whole period and erases them the day after', () => {
    const { core, clock, pushes } = openCore('2026-11-02T09:00:00Z');
    collecting(core, 7);
    const record = redirect(core);
    // 2026-11-09: seven days after, still kept.
    clock.set('2026-11-09T09:00:00Z');
    core.identifiers.eraseExpired();
    expect(must(core.call('redirection.listForDay', { day: '2026-11-02' }))[0]).toMatchObject({ note: NOTE, identifiers: 'held' });
    clock.set('2026-11-10T00:30:00Z');
    pushes.length = 0;
    core.identifiers.eraseExpired();
    // The desk and the Identifiers page are told to read again.
    expect(pushes).toEqual([{ event: 'data.changed', payload: { topics: ['redirections', 'reports'] } }]);
    expect(must(core.call('redirection.listForDay', { day: '2026-11-02' }))[0]).toMatchObject({ note: '', nhsNumber: null, identifiers: 'erased' });
    expect(core.db.prepare('SELECT why FROM identifier_erasures WHERE record_id = ?').pluck().get(record.id)).toBe('retention');
    expect(must(core.call('identifiers.summary', {}))).toMatchObject({ held: 0, erased: 1, retentionDays: 7, keptFrom: '2026-11-03', oldestDay: null });
  });

  it('a shorter period set by the manager erases at once what it leaves out', () => {
    const { core, clock } = openCore('2026-11-02T09:00:00Z');
    collecting(core, 30);
    const old = redirect(core);
    clock.set('2026-11-20T09:00:00Z');
    const recent = redirect(core, 'Prefers a phone call', '401 023 2137');
    expect(must(core.call('identifiers.summary', {}))).toMatchObject({ held: 2, oldestDay: '2026-11-02' });
    must(core.call('settings.update', { identifierRetentionDays: 10 }));
    expect(must(core.call('identifiers.summary', {}))).toMatchObject({ held: 1, erased: 1, oldestDay: '2026-11-20' });
    // Listed without a search: the erased record with its state, and no identifiers.
    expect(must(core.call('identifiers.find', {})).map((row) => [row.recordId, row.state, row.note])).toEqual([
      [recent.id, 'held', 'Prefers a phone call'],
      [old.id, 'erased', ''],
    ]);
  });

  it('erases a restored backup’s overwritten keys when it starts', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const record = redirect(core);
    // As a scrubbed backup holds it: the marker, then zeros.
    core.db.prepare('UPDATE identifier_keys SET key = ? WHERE record_id = ?').run(Buffer.concat([Buffer.from('CCIDKEY1'), Buffer.alloc(32)]), record.id);
    core.identifiers.eraseExpired();
    expect(must(core.call('redirection.listForDay', {}))[0]).toMatchObject({ identifiers: 'erased' });
    expect(storedKeyOf(core, record.id)).toBeUndefined();
  });
});

describe('a follow-up cut short', () => {
  it('overwrites at the next start an erased key that a backup still holds', async () => {
    const opened = openCore('2026-11-23T09:00:00Z');
    const { core } = opened;
    collecting(core);
    const record = redirect(core);
    const key = (storedKeyOf(core, record.id) as Buffer).subarray(8);
    const backup = must(await core.call('backup.now', {})).backups[0];
    const backupFile = path.join(dataDirOf(core), 'backups', backup?.name ?? '');
    const asItWas = readFileSync(backupFile);
    must(core.call('identifiers.erase', { recordIds: [record.id], why: 'patient_request' }));
    await core.identifiers.settled();
    // As if ContactCap had stopped before the backup was seen to: the file holds the key again.
    writeFileSync(backupFile, asItWas);
    expect(filesHolding(dataDirOf(core), key)).toEqual([backupFile]);
    const dir = dataDirOf(core);
    core.close();
    const again = openTestCore(dir, { clock: opened.clock });
    try {
      await again.identifiers.settled();
      expect(filesHolding(dir, key)).toEqual([]);
      expect(must(again.call('backup.status', {})).backups.map((each) => each.name)).toContain(backup?.name);
    } finally {
      again.close();
    }
  });
});

describe('the audit trail', () => {
  it('shows who looked up and who erased identifiers, how many records and why, without naming the patient', async () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    must(await core.call('staff.add', { name: 'Ann Admin', role: 'admin', pin: '2580' }));
    const first = redirect(core);
    const second = redirect(core, 'Prefers a phone call', '401 023 2137');
    must(core.call('identifiers.find', { nhsNumber: NHS_NUMBER }));
    // The page reading the same search again as records change is not written again.
    must(core.call('identifiers.find', { nhsNumber: NHS_NUMBER }));
    must(core.call('identifiers.erase', { recordIds: [first.id, second.id], why: 'patient_request' }));
    const trail = must(core.call('audit.list', { from: '2026-11-23', to: '2026-11-23', kind: 'identifiers' }));
    expect(trail.rows.map(({ staff, kind, summary }) => ({ staff, kind, summary }))).toEqual([
      { staff: 'Ann Admin', kind: 'identifiers', summary: 'Erased the NHS number and note of 2 records (the patient asked)' },
      { staff: 'Ann Admin', kind: 'identifiers', summary: 'Looked up patient identifiers by NHS number: 1 record shown' },
    ]);
    // What was looked for is not kept.
    const bodies = (core.db.prepare("SELECT body FROM events WHERE type LIKE 'identifiers.%'").pluck().all() as string[]).join('\n');
    for (const form of NUMBER_FORMS) expect(bodies).not.toContain(form);
  });
});

describe('keys that must not stay', () => {
  it('drops at start a key salvaged from a backup for a record erased here', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const record = redirect(core);
    const stored = storedKeyOf(core, record.id) as Buffer;
    must(core.call('identifiers.erase', { recordIds: [record.id], why: 'patient_request' }));
    // As a rebuild after damage could bring it back from an older backup.
    core.db.prepare("INSERT INTO identifier_keys (record_id, key, practice_day) VALUES (?, ?, '2026-11-23')").run(record.id, stored);
    core.identifiers.eraseExpired();
    expect(storedKeyOf(core, record.id)).toBeUndefined();
    expect(must(core.call('redirection.listForDay', {}))[0]).toMatchObject({ identifiers: 'erased', note: '' });
  });
});

describe('records from before sealing', () => {
  it('counts as kept in the log only a record that held a plain note, and clears it from what is shown', () => {
    const { core } = openCore('2026-11-23T09:00:00Z');
    collecting(core);
    const none = redirect(core, '', '');
    const old = redirect(core, '', '');
    // As a record of schema 5 was projected: the note in plain text, nothing sealed.
    core.db.prepare("UPDATE redirections SET note = 'Old plain note', sealed = NULL WHERE id = ?").run(old.id);
    expect(must(core.call('identifiers.find', { text: 'old plain' }))).toMatchObject([{ recordId: old.id, legacy: true, state: 'held' }]);
    expect(must(core.call('identifiers.erase', { recordIds: [none.id], why: 'entered_in_error' }))).toEqual({ erased: 1, already: 0, legacy: 0 });
    expect(must(core.call('identifiers.erase', { recordIds: [old.id], why: 'patient_request' }))).toEqual({ erased: 1, already: 0, legacy: 1 });
    expect(must(core.call('redirection.listForDay', {})).find((row) => row.id === old.id)).toMatchObject({ note: '', identifiers: 'erased' });
  });
});
