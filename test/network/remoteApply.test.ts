import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { encodeHlc } from '../../shared/hlc.ts';
import { encodeBlock, type WireEvent } from '../../shared/replication.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { deliver, eventsOf, fingerprint, heldBy, reworked, testPcs, type Pc } from './replicas.ts';

/**
 * Another PC's events as the replication process hands them to the core
 * (core.applyRemoteBlocks): duplicates skipped, a different event in a place
 * already held raises an alarm and overwrites nothing, anything malformed is
 * set aside with its reason and never applied, and nothing throws.
 */

const WEDNESDAY = '2026-11-25T09:00:00Z';
const TODAY = '2026-11-25';
/** The join code of test/unit/network/joinCode.test.ts's worked example. */
const JOIN_CODE = 'ZZQD-VK5V-NACR-GXV6-8';

const pcs = testPcs('contactcap-remote-');
afterEach(() => pcs.closeAll());

const pc = (name: string, idPrefix: string, at: string | number = WEDNESDAY): Pc => pcs.pc(name, idPrefix, at);

function usedBy(core: Core, clinicianId: string): number {
  const row = must(core.call('board.today', {})).rows.find((each) => each.clinicianId === clinicianId);
  if (!row) throw new Error(`No row for ${clinicianId}`);
  return row.used;
}

function record(from: Pc, clinicianId: string, minutes = 1): string {
  from.clock.advance(minutes * 60_000);
  return must(from.core.call('contact.record', { clinicianId, typeId: 'telephone' })).id;
}

const setAsideRows = (core: Core) => core.db.prepare('SELECT origin, seq, reason FROM network_set_aside ORDER BY origin, seq').all();
const eventCount = (core: Core) => core.db.prepare('SELECT count(*) FROM events').pluck().get() as number;

/** Desk 1 with a GP (cap 10) and two contacts for her, and Desk 2, which has heard nothing yet. */
function twoDesks() {
  const a = pc('Desk 1', 'a');
  const b = pc('Desk 2', 'b');
  const amara = must(a.core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 10 })).id;
  record(a, amara);
  record(a, amara);
  return { a, b, amara };
}

describe('another PC’s events', () => {
  it('are applied into this PC’s database and counted on its board', () => {
    const { a, b, amara } = twoDesks();
    const held = heldBy(a.core, a.core.deviceId);
    expect(held).toBeGreaterThanOrEqual(3);
    expect(deliver(a.core, b.core)).toEqual({ applied: held, duplicates: 0, setAside: 0, alarms: 0, upTo: held });
    expect(usedBy(b.core, amara)).toBe(2);
    expect(eventsOf(b.core, a.core.deviceId)).toEqual(eventsOf(a.core, a.core.deviceId));
  });

  it('skips what is already held, in a batch sent again or overlapping one already applied', () => {
    const { a, b, amara } = twoDesks();
    const held = heldBy(a.core, a.core.deviceId);
    deliver(a.core, b.core);
    const before = eventCount(b.core);
    expect(deliver(a.core, b.core, a.core.deviceId, 0)).toEqual({ applied: 0, duplicates: held, setAside: 0, alarms: 0, upTo: held });
    expect(eventCount(b.core)).toBe(before);
    record(a, amara);
    // From one before what Desk 2 holds: one duplicate, one new.
    expect(deliver(a.core, b.core, a.core.deviceId, held - 1)).toEqual({ applied: 1, duplicates: 1, setAside: 0, alarms: 0, upTo: held + 1 });
    expect(usedBy(b.core, amara)).toBe(3);
    expect(setAsideRows(b.core)).toEqual([]);
    expect(b.core.db.prepare('SELECT count(*) FROM network_alarms').pluck().get()).toBe(0);
  });

  it('raise an alarm when a place already held comes with another event, keep the one held and apply the rest of the batch', () => {
    const { a, b, amara } = twoDesks();
    deliver(a.core, b.core);
    const origin = a.core.deviceId;
    const held = heldBy(a.core, origin);
    const last = eventsOf(a.core, origin, held - 1)[0];
    if (!last) throw new Error('Desk 1 has no events');
    expect(last.type).toBe('contact.recorded');
    const body = JSON.parse(last.body) as Record<string, unknown>;
    // The same place in Desk 1's record, signed over a different contact: a fork.
    const other = reworked(last, { body: JSON.stringify({ ...body, contactId: 'forged-1' }) });
    const next = record(a, amara);
    const genuineNext = eventsOf(a.core, origin, held)[0];
    if (!genuineNext) throw new Error('Desk 1 recorded nothing');
    const outcome = b.core.applyRemoteBlocks(origin, held - 1, [encodeBlock(other), encodeBlock(genuineNext)]);
    expect(outcome).toEqual({ applied: 1, duplicates: 0, setAside: 0, alarms: 1, upTo: held + 1 });
    expect(b.core.db.prepare('SELECT origin, seq, held_hash AS held, offered_hash AS offered FROM network_alarms').all()).toEqual([
      { origin, seq: held, held: last.hash, offered: other.hash },
    ]);
    // What was held stands, untouched.
    expect(eventsOf(b.core, origin, held - 1)[0]).toEqual(last);
    const listed = must(b.core.call('contact.listForDay', { day: TODAY })).map((contact) => contact.id);
    expect(listed).not.toContain('forged-1');
    expect(listed).toContain(next);
    expect(usedBy(b.core, amara)).toBe(3);
    expect(must(b.core.call('network.status', {})).problems).toContain(
      '1 record from other PCs disagreed with what this PC holds: this PC kept its own. Tell IT support.',
    );
  });

  it('set aside, with their reasons, blocks that are unreadable, misplaced, tampered with or not what their type says, and apply the rest', () => {
    const a = pc('Desk 1', 'a');
    const b = pc('Desk 2', 'b');
    const amara = must(a.core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 10 })).id;
    for (let i = 0; i < 7; i++) record(a, amara);
    const origin = a.core.deviceId;
    const all = eventsOf(a.core, origin);
    const start = all.length - 7;
    // Desk 2 holds everything before the seven contacts (the clinician).
    b.core.applyRemoteBlocks(origin, 0, all.slice(0, start).map(encodeBlock));
    const [first, , third, , fifth, sixth, seventh] = all.slice(start);
    if (!first || !third || !fifth || !sixth || !seventh) throw new Error('Desk 1 has fewer than seven contacts');
    const bodyOf = (event: WireEvent) => JSON.parse(event.body) as Record<string, unknown>;
    const blocks = [
      encodeBlock(first),
      '{"this is": not json',
      encodeBlock(reworked(third, { origin: 'f00df00df00df00d' })),
      // The fifth in the fourth's place.
      encodeBlock(fifth),
      // The fifth with another clinician written in, its fingerprint left as it was.
      encodeBlock({ ...fifth, body: JSON.stringify({ ...bodyOf(fifth), clinicianId: 'someone-else' }) }),
      encodeBlock(reworked(sixth, { body: JSON.stringify({ ...bodyOf(sixth), occurredAt: 'ten past nine' }) })),
      encodeBlock(seventh),
    ];
    let outcome: ReturnType<Core['applyRemoteBlocks']> | undefined;
    expect(() => {
      outcome = b.core.applyRemoteBlocks(origin, start, blocks);
    }).not.toThrow();
    expect(outcome).toEqual({ applied: 2, duplicates: 0, setAside: 5, alarms: 0, upTo: start + 7 });
    expect(setAsideRows(b.core)).toEqual([
      { origin, seq: start + 2, reason: 'it is not readable' },
      { origin, seq: start + 3, reason: 'it names another PC (f00df00df00df00d) than the one whose record it is in' },
      { origin, seq: start + 4, reason: `it is numbered ${start + 5} in place ${start + 4}` },
      { origin, seq: start + 5, reason: 'its contents do not match its fingerprint' },
      { origin, seq: start + 6, reason: 'its details are not those of a contact.recorded event' },
    ]);
    // Only the first and the seventh stand; nothing of the others reached the tables.
    expect(b.core.db.prepare('SELECT seq FROM events WHERE origin = ? AND seq > ? ORDER BY seq').pluck().all(origin, start)).toEqual([start + 1, start + 7]);
    expect(usedBy(b.core, amara)).toBe(2);
    expect(must(b.core.call('network.status', {})).problems).toContain('5 records from other PCs could not be read and were set aside, not applied. Tell IT support.');
  });

  it('never throw, whatever the blocks hold, and account for every block', () => {
    const { a, b } = twoDesks();
    deliver(a.core, b.core);
    const origin = 'abcdefabcdefabcd';
    const genuine: WireEvent = {
      origin,
      seq: 1,
      hlc: encodeHlc({ wall: Date.parse(WEDNESDAY), counter: 0, node: origin }),
      wallTime: Date.parse(WEDNESDAY),
      type: 'settings.updated',
      schemaVersion: 1,
      body: JSON.stringify({ changes: { practiceName: 'Riverside Surgery' } }),
      hash: '',
      actor: null,
      prevHash: '',
    };
    const block = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.array(fc.jsonValue(), { minLength: 8, maxLength: 8 }).map((value) => JSON.stringify(value)),
      fc.record({ seq: fc.integer({ min: -3, max: 40 }), body: fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value))), hlc: fc.oneof(fc.constant(genuine.hlc), fc.string()) }).map((change) =>
        encodeBlock(reworked(genuine, change)),
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(block, { maxLength: 6 }), (start, blocks) => {
        let outcome: ReturnType<Core['applyRemoteBlocks']> | undefined;
        expect(() => {
          outcome = b.core.applyRemoteBlocks(origin, start, blocks);
        }).not.toThrow();
        if (!outcome) throw new Error('no outcome');
        expect(outcome.applied + outcome.duplicates + outcome.setAside + outcome.alarms).toBe(blocks.length);
        expect(outcome.upTo).toBe(start + blocks.length);
      }),
      { numRuns: 150 },
    );
    // The desk still works.
    expect(must(b.core.call('board.today', {})).rows.length).toBe(1);
  });
});

describe('events from a newer version', () => {
  const NEWER = 'beefbeefbeefbeef';
  function newerEvent(seq: number, type: string, body: unknown, minutes: number): WireEvent {
    const wall = Date.parse(WEDNESDAY) + minutes * 60_000;
    const unsigned = { origin: NEWER, seq, hlc: encodeHlc({ wall, counter: 0, node: NEWER }), wallTime: wall, type, schemaVersion: 1, body: JSON.stringify(body), actor: null, prevHash: null };
    return { ...unsigned, hash: fingerprint(unsigned) };
  }
  function contactFor(clinicianId: string, contactId: string) {
    return { contactId, clinicianId, typeId: 'telephone', counts: true, occurredAt: Date.parse(WEDNESDAY) + 60_000, practiceDay: TODAY, session: 'am', overCapReason: null, recordedBy: 'Sam', device: 'Desk 9' };
  }

  it('are stored and listed as not yet applied when their type is unknown, and the events after them are applied', () => {
    const { a, b, amara } = twoDesks();
    deliver(a.core, b.core);
    const blocks = [newerEvent(1, 'rota.templateSet', { week: 'A', pattern: [1, 2] }, 1), newerEvent(2, 'contact.recorded', contactFor(amara, 'newer-1'), 2)].map(encodeBlock);
    expect(b.core.applyRemoteBlocks(NEWER, 0, blocks)).toEqual({ applied: 2, duplicates: 0, setAside: 0, alarms: 0, upTo: 2 });
    expect(b.core.db.prepare('SELECT type FROM events WHERE origin = ? ORDER BY seq').pluck().all(NEWER)).toEqual(['rota.templateSet', 'contact.recorded']);
    expect(b.core.db.prepare('SELECT origin, seq FROM unprojected_events').all()).toEqual([{ origin: NEWER, seq: 1 }]);
    expect(usedBy(b.core, amara)).toBe(3);
    // And the next batch from that PC is taken as usual.
    expect(b.core.applyRemoteBlocks(NEWER, 2, [encodeBlock(newerEvent(3, 'contact.recorded', contactFor(amara, 'newer-2'), 3))])).toMatchObject({ applied: 1 });
    expect(usedBy(b.core, amara)).toBe(3 + 1);
  });

  it('with an unknown type are still set aside when their details are not a set of named values', () => {
    const { b } = twoDesks();
    expect(b.core.applyRemoteBlocks(NEWER, 0, [encodeBlock(newerEvent(1, 'rota.templateSet', [1, 2], 1))])).toEqual({ applied: 0, duplicates: 0, setAside: 1, alarms: 0, upTo: 1 });
    expect(setAsideRows(b.core)).toEqual([{ origin: NEWER, seq: 1, reason: 'its details are not a set of named values' }]);
  });

  it('are applied at the first start of a version that knows their type', () => {
    const { a, b, amara } = twoDesks();
    deliver(a.core, b.core);
    const dir = b.dir;
    pcs.close(b);
    // What an older version left: a contact stored with a type it did not know, marked as not yet applied,
    // and an event whose type this version does not know either.
    const file = path.join(dir, 'contactcap.db');
    const db = new Database(file);
    const insert = db.prepare('INSERT INTO events (origin, seq, hlc, wall_time, type, schema_version, body, hash) VALUES (@origin, @seq, @hlc, @wallTime, @type, @schemaVersion, @body, @hash)');
    const stored = [newerEvent(1, 'contact.recorded', contactFor(amara, 'newer-1'), 1), newerEvent(2, 'rota.templateSet', { week: 'B' }, 2)];
    for (const event of stored) {
      insert.run(event);
      db.prepare('INSERT INTO unprojected_events (origin, seq) VALUES (?, ?)').run(event.origin, event.seq);
    }
    db.close();
    const reopened = pcs.reopen(dir, 'Desk 2', 'b2', WEDNESDAY);
    expect(must(reopened.core.call('contact.listForDay', { day: TODAY })).map((contact) => contact.id)).toContain('newer-1');
    expect(usedBy(reopened.core, amara)).toBe(3);
    // The one it still does not know waits for a later version.
    expect(reopened.core.db.prepare('SELECT origin, seq FROM unprojected_events').all()).toEqual([{ origin: NEWER, seq: 2 }]);
  });

  it('of a newer schema version of a known type are counted at once, and marked as applied only in part', () => {
    const { a, b, amara } = twoDesks();
    deliver(a.core, b.core);
    const newer = { ...newerEvent(1, 'contact.recorded', { ...contactFor(amara, 'newer-v9'), pronounsOfTheFuture: 'x' }, 1), schemaVersion: 9 };
    const block = encodeBlock({ ...newer, hash: fingerprint(newer) });
    expect(b.core.applyRemoteBlocks(NEWER, 0, [block])).toMatchObject({ applied: 1, setAside: 0 });
    expect(usedBy(b.core, amara)).toBe(3);
    expect(b.core.db.prepare('SELECT origin, seq, partly FROM unprojected_events').all()).toEqual([{ origin: NEWER, seq: 1, partly: 1 }]);
  });

  it('applied only in part by an older version are applied in full, by a rebuild, at the first start of a version that knows them', () => {
    const { a, b, amara } = twoDesks();
    deliver(a.core, b.core);
    const dir = b.dir;
    pcs.close(b);
    // What an older version left: a contact whose late reason it did not know, so its row has none.
    const db = new Database(path.join(dir, 'contactcap.db'));
    const event = newerEvent(1, 'contact.recorded', { ...contactFor(amara, 'partly-1'), lateReason: 'Entered the next morning', practiceDay: TODAY }, 1);
    db.prepare('INSERT INTO events (origin, seq, hlc, wall_time, type, schema_version, body, hash) VALUES (@origin, @seq, @hlc, @wallTime, @type, @schemaVersion, @body, @hash)').run(event);
    db.prepare(
      `INSERT INTO contacts (id, clinician_id, type_id, counts, occurred_at, recorded_at, practice_day, session, over_cap_reason, late_reason, recorded_by, device, hlc, order_key, origin, seq)
       VALUES ('partly-1', ?, 'telephone', 1, ?, ?, ?, 'am', NULL, NULL, 'Sam', 'Desk 9', ?, ?, ?, 1)`,
    ).run(amara, Date.parse(WEDNESDAY) + 60_000, event.wallTime, TODAY, event.hlc, event.hlc, NEWER);
    db.prepare('INSERT INTO unprojected_events (origin, seq, partly) VALUES (?, ?, 1)').run(NEWER, 1);
    db.close();
    const reopened = pcs.reopen(dir, 'Desk 2', 'b2', WEDNESDAY);
    const contact = must(reopened.core.call('contact.listForDay', { day: TODAY })).find((each) => each.id === 'partly-1');
    expect(contact?.lateReason).toBe('Entered the next morning');
    expect(reopened.core.db.prepare('SELECT count(*) FROM unprojected_events').pluck().get()).toBe(0);
    expect(usedBy(reopened.core, amara)).toBe(3);
  });
});

describe('a PC removed from the network', () => {
  it('keeps the events it sent before its removal, and has every later one set aside, on every PC', () => {
    const { a, b, amara } = twoDesks();
    const c = pc('Desk 3', 'c');
    deliver(a.core, c.core);
    for (let i = 0; i < 4; i++) record(c, amara);
    const gone = c.core.deviceId;
    // Desk 3's own record: its four contacts.
    expect(heldBy(c.core, gone)).toBe(4);
    // Desk 1 is in a network, hears of Desk 3, holds its first two events, then removes it.
    must(a.core.call('network.join', { code: JOIN_CODE }));
    a.replication.latest().say({ kind: 'member', member: { deviceId: gone, coreKey: 'cd'.repeat(32), name: 'Desk 3' } });
    expect(a.core.applyRemoteBlocks(gone, 0, eventsOf(c.core, gone).slice(0, 2).map(encodeBlock))).toMatchObject({ applied: 2 });
    must(a.core.call('network.remove', { deviceId: gone }));
    expect(a.core.applyRemoteBlocks(gone, 2, eventsOf(c.core, gone, 2).map(encodeBlock))).toEqual({ applied: 0, duplicates: 0, setAside: 2, alarms: 0, upTo: 4 });

    // Desk 2 hears of the removal from Desk 1, then gets all four from Desk 3.
    deliver(a.core, b.core);
    expect(c.core.deviceId).toBe(gone);
    expect(b.core.applyRemoteBlocks(gone, 0, eventsOf(c.core, gone).map(encodeBlock))).toEqual({ applied: 2, duplicates: 0, setAside: 2, alarms: 0, upTo: 4 });
    expect(setAsideRows(b.core)).toEqual([
      { origin: gone, seq: 3, reason: 'Desk 3 was removed from the practice network' },
      { origin: gone, seq: 4, reason: 'Desk 3 was removed from the practice network' },
    ]);
    expect(b.core.db.prepare('SELECT seq FROM events WHERE origin = ? ORDER BY seq').pluck().all(gone)).toEqual([1, 2]);
    expect(usedBy(b.core, amara)).toBe(2 + 2);
    expect(usedBy(a.core, amara)).toBe(2 + 2);
  });
});

describe('the hybrid clock', () => {
  it('puts this PC’s next event after another PC’s whose clock is a day ahead', () => {
    const ahead = pc('Desk 1', 'a', Date.parse(WEDNESDAY) + 24 * 3_600_000);
    const here = pc('Desk 2', 'b');
    const amara = must(ahead.core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 3 })).id;
    record(ahead, amara);
    deliver(ahead.core, here.core);
    const theirs = here.core.db.prepare('SELECT max(hlc) FROM events WHERE origin = ?').pluck().get(ahead.core.deviceId) as string;
    const mine = record(here, amara);
    const hlc = here.core.db.prepare("SELECT hlc FROM events WHERE origin = ? AND json_extract(body, '$.contactId') = ?").pluck().get(here.core.deviceId, mine) as string;
    expect(hlc > theirs).toBe(true);
    // It still happened today here: the desk's own day, whatever the other clock says.
    expect(must(here.core.call('contact.listForDay', { day: TODAY })).map((contact) => contact.id)).toEqual([mine]);
  });

  it('does so after a restart too, from what the log holds', () => {
    const ahead = pc('Desk 1', 'a', Date.parse(WEDNESDAY) + 24 * 3_600_000);
    const dir = pcs.dir();
    const amara = must(ahead.core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 3 })).id;
    record(ahead, amara);
    const first = openTestCore(dir);
    deliver(ahead.core, first);
    first.close();
    const here = pcs.reopen(dir, 'Desk 2', 'b', WEDNESDAY);
    const theirs = here.core.db.prepare('SELECT max(hlc) FROM events WHERE origin = ?').pluck().get(ahead.core.deviceId) as string;
    record(here, amara);
    const latest = here.core.db.prepare('SELECT max(hlc) FROM events WHERE origin = ?').pluck().get(here.core.deviceId) as string;
    expect(latest > theirs).toBe(true);
  });
});
