import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import type { ToReplicator, WireKey } from '../../shared/replication.ts';
import { must } from '../helpers/fixtures.ts';
import type { QuietChannel } from '../helpers/quietReplication.ts';
import { closeAllCores, openCore, SERVICES } from './apiHarness.ts';

/**
 * The keys of sealed identifiers between PCs (issue 10 §5), as the core hears
 * and answers the replication process: what it gives, what it asks for, and
 * which keys it refuses to keep. The real process and two PCs are in
 * test/network/identifiers.test.ts.
 */

afterEach(closeAllCores);

const NOTE = 'Itchy rash on the left forearm since Friday';

/** A core in a practice network, its replication stand-in ready. */
function networked(at = '2026-11-23T09:00:00Z') {
  const opened = openCore(at);
  must(opened.core.call('settings.update', { collectNhsNumber: true }));
  must(opened.core.call('network.create', {}));
  const channel = opened.replication.latest();
  channel.say({ kind: 'ready', coreKey: 'ab'.repeat(32), ownLength: 0, moved: false, listening: [] });
  return { ...opened, channel };
}

function redirect(core: Core) {
  return must(core.call('redirection.record', { destinationId: SERVICES.selfCare, reason: 'more_appropriate_service', patientTold: true, note: NOTE })).redirection;
}

const storedKey = (core: Core, id: string) => core.db.prepare('SELECT key FROM identifier_keys WHERE record_id = ?').pluck().get(id) as Buffer | undefined;
const sent = <K extends ToReplicator['kind']>(channel: QuietChannel, kind: K) => channel.sent.filter((message): message is Extract<ToReplicator, { kind: K }> => message.kind === kind);

/** The record as a PC that has its event but not yet its key would hold it. */
function withoutKey(core: Core, id: string): Buffer {
  const key = (storedKey(core, id) as Buffer).subarray(8);
  core.db.prepare('DELETE FROM identifier_keys WHERE record_id = ?').run(id);
  return Buffer.from(key);
}

const given = (recordId: string, key: Buffer, practiceDay = '2026-11-23'): WireKey => ({ recordId, key: key.toString('hex'), practiceDay });
const stateOf = (core: Core, id: string) => must(core.call('redirection.listForDay', {})).find((row) => row.id === id)?.identifiers;

describe('giving keys', () => {
  it('offers a new record’s key to every PC connected, once it is committed', () => {
    const { core, channel } = networked();
    const record = redirect(core);
    const key = (storedKey(core, record.id) as Buffer).subarray(8);
    expect(sent(channel, 'keys')).toEqual([{ kind: 'keys', to: null, keys: [given(record.id, key)] }]);
  });

  it('answers a PC that asks with the keys held here, and never one of an erased record', () => {
    const { core, channel } = networked();
    const kept = redirect(core);
    const erased = redirect(core);
    must(core.call('identifiers.erase', { recordIds: [erased.id], why: 'patient_request' }));
    channel.sent.length = 0;
    channel.say({ kind: 'keysWanted', from: 'c0ffee00c0ffee00', recordIds: [kept.id, erased.id, 'not-a-record', 42] });
    const key = (storedKey(core, kept.id) as Buffer).subarray(8);
    expect(sent(channel, 'keys')).toEqual([{ kind: 'keys', to: 'c0ffee00c0ffee00', keys: [given(kept.id, key)] }]);
  });

  it('gives no key of a record past the retention period', () => {
    const { core, clock, channel } = networked('2026-11-02T09:00:00Z');
    must(core.call('settings.update', { identifierRetentionDays: 7 }));
    const record = redirect(core);
    clock.set('2026-11-10T09:00:00Z');
    channel.sent.length = 0;
    channel.say({ kind: 'keysWanted', from: 'c0ffee00c0ffee00', recordIds: [record.id] });
    expect(sent(channel, 'keys')).toEqual([]);
  });
});

describe('taking keys', () => {
  it('asks for the keys it lacks, and keeps only the one that opens the record', () => {
    const { core, channel } = networked();
    const record = redirect(core);
    const key = withoutKey(core, record.id);
    expect(stateOf(core, record.id)).toBe('elsewhere');
    // A process (re)started asks for the keys this PC lacks.
    channel.say({ kind: 'ready', coreKey: 'ab'.repeat(32), ownLength: 0, moved: false, listening: [] });
    expect(sent(channel, 'wantKeys').at(-1)).toEqual({ kind: 'wantKeys', recordIds: [record.id] });

    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [given(record.id, randomBytes(32))] });
    expect(stateOf(core, record.id)).toBe('elsewhere');
    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [given(record.id, key, '2026-11-22')] });
    expect(stateOf(core, record.id)).toBe('elsewhere');
    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [{ recordId: record.id, key: 'zz', practiceDay: '2026-11-23' }, 'nonsense', null] });
    expect(stateOf(core, record.id)).toBe('elsewhere');
    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [given(record.id, key)] });
    expect(must(core.call('redirection.listForDay', {})).find((row) => row.id === record.id)).toMatchObject({ note: NOTE, identifiers: 'held' });
    // Nothing is lacking now: the process is told so.
    expect(sent(channel, 'wantKeys').at(-1)).toEqual({ kind: 'wantKeys', recordIds: [] });
  });

  it('never takes back the key of a record erased here', () => {
    const { core, channel } = networked();
    const record = redirect(core);
    const key = (storedKey(core, record.id) as Buffer).subarray(8);
    const copy = Buffer.from(key);
    must(core.call('identifiers.erase', { recordIds: [record.id], why: 'patient_request' }));
    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [given(record.id, copy)] });
    expect(storedKey(core, record.id)).toBeUndefined();
    expect(stateOf(core, record.id)).toBe('erased');
  });

  it('takes no key of a record past the retention period, even one it has not seen yet', () => {
    const { core, channel } = networked('2026-11-23T09:00:00Z');
    must(core.call('settings.update', { identifierRetentionDays: 7 }));
    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [given('from-another-pc-1', randomBytes(32), '2026-11-15'), given('from-another-pc-2', randomBytes(32), '2026-11-16')] });
    expect(storedKey(core, 'from-another-pc-1')).toBeUndefined();
    expect(storedKey(core, 'from-another-pc-2')?.length).toBe(40);
  });
});

describe('a key that comes before its record', () => {
  it('is checked when the record comes: one that does not open it is dropped, and the right one is still taken', () => {
    const { core, channel } = networked();
    // Ids here are given out in turn: the next record will be id-0001.
    const next = 'id-0001';
    channel.say({ kind: 'keysGiven', from: 'c0ffee00c0ffee00', keys: [given(next, randomBytes(32))] });
    expect(storedKey(core, next)?.length).toBe(40);
    const record = redirect(core);
    expect(record.id).toBe(next);
    // The PC that made the record keeps its own key, not what came before.
    expect(stateOf(core, record.id)).toBe('held');
  });

  it('cannot claim a day to come', () => {
    const { core, channel } = networked('2026-11-23T09:00:00Z');
    channel.say({
      kind: 'keysGiven',
      from: 'c0ffee00c0ffee00',
      keys: [given('from-another-pc-1', randomBytes(32), '2026-11-24'), given('from-another-pc-2', randomBytes(32), '2026-11-25')],
    });
    expect(storedKey(core, 'from-another-pc-1')?.length).toBe(40);
    expect(storedKey(core, 'from-another-pc-2')).toBeUndefined();
  });
});
