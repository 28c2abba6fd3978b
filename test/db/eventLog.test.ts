import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { rebuildProjections } from '../../main/core/events/rebuild.ts';
import { applyEvent, PROJECTION_TABLES } from '../../main/core/events/projector.ts';
import type { StoredEvent } from '../../main/core/events/eventTypes.ts';
import { insertEvent } from '../../main/core/repos/eventsRepo.ts';
import { FakeClock, must, openTestCore, sequentialIds, tempDir } from '../helpers/fixtures.ts';
import { dumpTables } from '../helpers/dbInspect.ts';

const open: { core: Core; remove: () => void }[] = [];
afterEach(() => {
  while (open.length > 0) {
    const entry = open.pop();
    entry?.core.close();
    entry?.remove();
  }
});

function newCore(clock = new FakeClock('2026-11-23T08:00:00Z'), idPrefix = 'id'): Core {
  const temp = tempDir();
  const core = openTestCore(temp.dir, { clock, ids: sequentialIds(idPrefix) });
  open.push({ core, remove: temp.remove });
  return core;
}

function allEvents(core: Core): StoredEvent[] {
  return core.db
    .prepare('SELECT origin, seq, hlc, wall_time AS wallTime, type, schema_version AS schemaVersion, body, hash, actor, prev_hash AS prevHash FROM events ORDER BY origin, seq')
    .all() as StoredEvent[];
}

function projections(core: Core): Record<string, unknown[]> {
  const dump = dumpTables(core.db);
  return Object.fromEntries(PROJECTION_TABLES.map((table) => [table, dump[table] ?? []]));
}

/** A morning's worth of changes of every kind. */
function seedMorning(core: Core, clock: FakeClock): void {
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
  const ben = must(core.call('clinician.create', { name: 'Ben Okafor', role: 'advanced_nurse_practitioner', dailyCap: 20 }));
  const cy = must(core.call('clinician.create', { name: 'Dr Cy Jones', role: 'locum_gp' }));
  const recorded: string[] = [];
  for (let i = 0; i < 7; i++) {
    clock.advance(60_000);
    recorded.push(must(core.call('contact.record', { clinicianId: i % 2 === 0 ? ada.id : ben.id, typeId: 'telephone' })).id);
  }
  must(core.call('contact.void', { contactId: recorded[2] ?? '', reason: 'Wrong clinician' }));
  must(core.call('clinician.rename', { clinicianId: ben.id, name: 'Ben Okafor ANP' }));
  must(core.call('contact.record', { clinicianId: cy.id, typeId: 'video' }));
  must(core.call('clinician.deactivate', { clinicianId: cy.id }));
}

describe('event log', () => {
  it('gives this device a gapless sequence and a hash over every field, chained to the event before it', () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const core = newCore(clock);
    seedMorning(core, clock);
    const events = allEvents(core);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(new Set(events.map((event) => event.origin))).toEqual(new Set([core.deviceId]));
    let previous = '';
    for (const event of events) {
      expect(event.prevHash).toBe(previous);
      expect(event.actor).toBeNull();
      const expected = createHash('sha256')
        .update(JSON.stringify([event.origin, event.seq, event.hlc, event.wallTime, event.type, event.schemaVersion, event.body, null, previous]))
        .digest('hex');
      expect(event.hash).toBe(expected);
      previous = event.hash;
    }
    const hlcs = events.map((event) => event.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
  });

  it('keeps the hybrid clock moving forward when the wall clock goes backwards', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const core = newCore(clock);
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
    clock.set('2026-11-23T09:00:00Z');
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    const [first, second] = allEvents(core);
    expect(second?.hlc.localeCompare(first?.hlc ?? '')).toBe(1);
  });

  it('refuses to change or delete an event', () => {
    const core = newCore();
    must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
    expect(() => core.db.prepare("UPDATE events SET body = '{}'").run()).toThrow(/immutable/);
    expect(() => core.db.prepare('DELETE FROM events').run()).toThrow(/immutable/);
    expect(allEvents(core)).toHaveLength(1);
  });

  it('never deletes a voided contact: it stays, marked with the reason', () => {
    const core = newCore();
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
    const contact = must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    must(core.call('contact.void', { contactId: contact.id, reason: 'Duplicate entry' }));
    const listed = must(core.call('contact.listForDay', {}));
    expect(listed).toHaveLength(1);
    expect(listed[0]?.voided?.reason).toBe('Duplicate entry');
    expect(must(core.call('board.today', {})).rows[0]?.used).toBe(0);
  });
});

describe('projections', () => {
  it('rebuild from the events to exactly what was there', () => {
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    const core = newCore(clock);
    seedMorning(core, clock);
    const before = projections(core);
    expect(before.contacts).toHaveLength(8);
    expect(before.voids).toHaveLength(1);
    expect(before.config?.filter((row) => (row as { entity: string }).entity === 'clinician')).toHaveLength(3);

    expect(rebuildProjections(core.store)).toBe(14);
    expect(projections(core)).toEqual(before);
  });

  it('give the same counts and rows whatever order the events arrive in', () => {
    // Two PCs, each writing its own events, as sync will deliver them.
    const clockA = new FakeClock('2026-11-23T08:00:00Z');
    const pcA = newCore(clockA, 'a');
    seedMorning(pcA, clockA);
    const clockB = new FakeClock('2026-11-23T08:30:00Z');
    const pcB = newCore(clockB, 'b');
    const eve = must(pcB.call('clinician.create', { name: 'Eve Shah', role: 'practice_nurse' }));
    for (let i = 0; i < 4; i++) must(pcB.call('contact.record', { clinicianId: eve.id, typeId: 'face_to_face' }));
    const events = [...allEvents(pcA), ...allEvents(pcB)];
    // PC B also voids the contact PC A voided, with an earlier clock: only the earliest void is kept.
    const target = events.find((event) => event.type === 'contact.voided' && event.origin === pcA.deviceId)?.body ?? '{}';
    const contactId = (JSON.parse(target) as { contactId: string }).contactId;
    const voidB: StoredEvent = {
      origin: pcB.deviceId,
      seq: allEvents(pcB).length + 1,
      hlc: '00000000000-00000-zz',
      wallTime: 0,
      type: 'contact.voided',
      schemaVersion: 1,
      body: JSON.stringify({ contactId, reason: 'Voided on the other PC' }),
      hash: 'not-checked-here',
      actor: null,
      prevHash: null,
    };
    events.push(voidB);

    // Ada had contacts 0, 2, 4, 6 of the seven and 2 was voided (on both PCs). Ben had 1, 3, 5. Cy is off the board.
    const expectedUsed: Record<string, number> = { 'Dr Ada Patel': 3, 'Ben Okafor ANP': 3, 'Eve Shah': 4 };

    let reference: Record<string, unknown[]> | null = null;
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
        const replica = newCore(new FakeClock('2026-11-23T12:00:00Z'), 'r');
        replica.db.transaction(() => {
          for (const event of shuffled) {
            insertEvent(replica.store, event);
            applyEvent(replica.store, event);
          }
        })();
        const board = must(replica.call('board.today', {}));
        expect(Object.fromEntries(board.rows.map((row) => [row.name, row.used]))).toEqual(expectedUsed);
        const rows = projections(replica);
        reference ??= rows;
        expect(rows).toEqual(reference);
        expect(rows.voids?.filter((row) => (row as { target_id: string }).target_id === contactId)).toEqual([
          expect.objectContaining({ reason: 'Voided on the other PC' }),
        ]);
        replica.close();
      }),
      { numRuns: 40 },
    );
  });
});
