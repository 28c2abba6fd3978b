import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc.ts';
import { practiceDayOf } from '../../shared/practiceDay.ts';
import type { Core } from '../../main/core/createCore.ts';
import { write, type CoreContext } from '../../main/core/context.ts';
import { EventLog } from '../../main/core/events/eventLog.ts';
import { EVENT_SCHEMA_VERSION, type StoredEvent } from '../../main/core/events/eventTypes.ts';
import { applyEvent } from '../../main/core/events/projector.ts';
import { insertEvent } from '../../main/core/repos/eventsRepo.ts';
import { FakeClock, must, openTestCore, sequentialIds, tempDir } from '../helpers/fixtures.ts';
import { newDeskSession } from '../../main/core/context.ts';

/** These writes never touch the practice network: any call to it fails the test. */
const noNetwork: CoreContext['network'] = new Proxy({} as CoreContext['network'], {
  get: () => () => {
    throw new Error('This test does not use the practice network.');
  },
});

/**
 * The board and the record check keep each clinician's day in memory between
 * calls (services/dayUsageCache.ts). Whatever path a change takes into the
 * database, the very next board and record check must see it.
 */

const NOON = '2026-11-23T12:00:00Z';
const open: { core: Core; remove: () => void }[] = [];
afterEach(() => {
  while (open.length > 0) {
    const entry = open.pop();
    entry?.core.close();
    entry?.remove();
  }
});

function newCore(clock: FakeClock): Core {
  const temp = tempDir();
  const core = openTestCore(temp.dir, { clock, ids: sequentialIds('here') });
  open.push({ core, remove: temp.remove });
  return core;
}

function usedBy(core: Core, clinicianId: string): { used: number; state: string; notCounted: number } {
  const row = must(core.call('board.today', {})).rows.find((candidate) => candidate.clinicianId === clinicianId);
  if (!row) throw new Error('The clinician is not on the board');
  return { used: row.used, state: row.state, notCounted: row.notCounted };
}

/** Another PC's events, as sync will hand them over: its own origin, sequence and clock. */
function otherPc(clock: FakeClock) {
  let seq = 0;
  return (type: 'contact.recorded' | 'contact.voided' | 'clinician.updated' | 'settings.updated' | 'contactType.created' | 'directory.updated' | 'rota.daySet', body: object, at = clock.now() - 60_000): StoredEvent => {
    seq++;
    return {
      origin: 'other-pc',
      seq,
      hlc: encodeHlc({ wall: at, counter: seq, node: 'other-pc' }),
      wallTime: clock.now(),
      type,
      schemaVersion: EVENT_SCHEMA_VERSION[type],
      body: JSON.stringify(body),
      actor: null,
      prevHash: null,
      hash: 'not-checked-here',
    };
  };
}

/** The lowest-level path: the event goes into the log and through the projector, nothing else. */
function applyDirectly(core: Core, event: StoredEvent): void {
  core.db.transaction(() => {
    insertEvent(core.store, event);
    applyEvent(core.store, event);
  })();
}

describe('the board and the record check see every change at once', () => {
  it('sees contacts and voids applied straight through the projector, and refuses by them', () => {
    const clock = new FakeClock(NOON);
    const core = newCore(clock);
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
    const ben = must(core.call('clinician.create', { name: 'Ben Okafor', role: 'practice_nurse', dailyCap: 3 }));
    must(core.call('contact.record', { clinicianId: ben.id, typeId: 'telephone' }));
    // Both clinicians' days are now held in memory.
    expect(usedBy(core, ada.id).used).toBe(0);
    expect(usedBy(core, ben.id).used).toBe(1);

    const event = otherPc(clock);
    const day = practiceDayOf(clock.now());
    const recorded = (n: number, typeId = 'telephone', counts = true) =>
      event('contact.recorded', { contactId: `there-${n}`, clinicianId: ada.id, typeId, counts, occurredAt: clock.now() - 60_000, practiceDay: day, session: 'am' });

    for (let n = 1; n <= 3; n++) {
      applyDirectly(core, recorded(n));
      expect(usedBy(core, ada.id).used).toBe(n);
    }
    applyDirectly(core, recorded(4, 'admin', false));
    expect(usedBy(core, ada.id)).toEqual({ used: 3, state: 'full', notCounted: 1 });
    expect(usedBy(core, ben.id).used).toBe(1);
    // The record check decides by the same figures: Ada is full.
    const refused = core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' });
    expect(refused.ok ? null : refused.error.code).toBe('at_capacity');
    expect(usedBy(core, ada.id).used).toBe(3);

    applyDirectly(core, event('contact.voided', { contactId: 'there-2', reason: 'Recorded against the wrong clinician' }));
    expect(usedBy(core, ada.id)).toEqual({ used: 2, state: 'available', notCounted: 1 });
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    expect(usedBy(core, ada.id).used).toBe(3);
  });

  it('forgets what it saw inside a write that rolled back', () => {
    const clock = new FakeClock(NOON);
    const core = newCore(clock);
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    expect(usedBy(core, ada.id).used).toBe(1);

    const ctx: CoreContext = { ...core.store, log: new EventLog(core.store, core.deviceId, () => clock.now()), clock, ids: sequentialIds('rolled-back'), session: newDeskSession(clock.now()), network: noNetwork };
    expect(() =>
      write(ctx, () => {
        must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
        must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
        // Seen (and kept) before the transaction ends…
        expect(usedBy(core, ada.id)).toMatchObject({ used: 3, state: 'full' });
        throw new Error('The disk went away before the commit');
      }),
    ).toThrow(/disk went away/);

    // …and gone with it: neither the board nor the record check still counts those two.
    expect(usedBy(core, ada.id)).toMatchObject({ used: 1, state: 'available' });
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    expect(usedBy(core, ada.id).used).toBe(2);
  });

  it('sees a cap change from another PC that alters how the morning’s contacts counted, though today’s cap ends the same', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const core = newCore(clock);
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 25 }));
    for (let minute = 0; minute < 22; minute++) {
      clock.set(Date.parse('2026-11-23T09:00:30Z') + minute * 60_000);
      must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    }
    clock.set('2026-11-23T11:00:00Z');
    expect(must(core.call('board.today', {})).rows[0]).toMatchObject({ used: 22, cap: 25, fullAt: null });

    // The other PC had lowered Ada's cap to 20 from 09:20 to 09:25: the 21st and 22nd contacts came while she was full.
    const event = otherPc(clock);
    applyDirectly(core, event('clinician.updated', { clinicianId: ada.id, changes: { dailyCap: 20 } }, Date.parse('2026-11-23T09:20:00Z')));
    applyDirectly(core, event('clinician.updated', { clinicianId: ada.id, changes: { dailyCap: 25 } }, Date.parse('2026-11-23T09:25:00Z')));

    expect(must(core.call('board.today', {})).rows[0]).toMatchObject({ used: 22, cap: 25, fullAt: '2026-11-23T09:20:30.000Z' });
    expect(must(core.call('contact.listForDay', { clinicianId: ada.id })).filter((contact) => contact.overCap)).toHaveLength(2);
  });

  it('sees configuration from another PC at once in every cached view: clinicians, settings, types, the directory and the rota', () => {
    const clock = new FakeClock(NOON);
    const core = newCore(clock);
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 25 }));
    const day = practiceDayOf(clock.now());
    // Read every view once, so each is held in memory before the other PC's changes arrive.
    expect(must(core.call('clinician.list', {})).map((clinician) => clinician.name)).toEqual(['Dr Ada Patel']);
    expect(must(core.call('settings.get', {})).practiceName).toBe('');
    expect(must(core.call('contactType.list', {})).some((type) => type.name === 'Care home round')).toBe(false);
    const pharmacy = must(core.call('directory.list', {})).find((entry) => entry.kind === 'pharmacy_first');
    if (!pharmacy) throw new Error('The starting directory has a Pharmacy First entry');
    expect(usedBy(core, ada.id).state).toBe('available');

    const event = otherPc(clock);
    // Made on the other PC after this one's own edits, so they are the newest values.
    const later = clock.now() + 1_000;
    applyDirectly(core, event('clinician.updated', { clinicianId: ada.id, changes: { name: 'Dr Ada Patel-Jones', dailyCap: 2 } }, later));
    applyDirectly(core, event('settings.updated', { changes: { practiceName: 'Riverside Surgery' } }, later));
    applyDirectly(core, event('contactType.created', { typeId: 'care-home', name: 'Care home round', counts: true, key: null }, later));
    applyDirectly(core, event('directory.updated', { entryId: pharmacy.id, changes: { phone: '0161 496 0000' } }, later));

    expect(must(core.call('clinician.list', {})).map((clinician) => [clinician.name, clinician.dailyCap])).toEqual([['Dr Ada Patel-Jones', 2]]);
    expect(must(core.call('settings.get', {})).practiceName).toBe('Riverside Surgery');
    expect(must(core.call('contactType.list', {})).find((type) => type.id === 'care-home')?.name).toBe('Care home round');
    expect(must(core.call('directory.list', {})).find((entry) => entry.id === pharmacy.id)?.phone).toBe('0161 496 0000');
    expect(must(core.call('board.today', {})).rows.find((row) => row.clinicianId === ada.id)).toMatchObject({ name: 'Dr Ada Patel-Jones', cap: 2 });

    // The other PC marks her absent today: the board and the record check know at once.
    applyDirectly(core, event('rota.daySet', { clinicianId: ada.id, day, override: { absent: true } }, later));
    expect(usedBy(core, ada.id).state).not.toBe('available');
    expect(must(core.call('board.today', {})).rows.find((row) => row.clinicianId === ada.id)?.status).toBe('absent');
  });

  it('forgets what it saw inside a transaction opened outside write() that rolled back', () => {
    const clock = new FakeClock(NOON);
    const core = newCore(clock);
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
    const event = otherPc(clock);
    const day = practiceDayOf(clock.now());
    expect(() =>
      core.db.transaction(() => {
        const contact = event('contact.recorded', { contactId: 'there-1', clinicianId: ada.id, typeId: 'telephone', counts: true, occurredAt: clock.now() - 60_000, practiceDay: day, session: 'am' });
        const rename = event('clinician.updated', { clinicianId: ada.id, changes: { name: 'Renamed inside' } }, clock.now() + 1_000);
        for (const each of [contact, rename]) {
          insertEvent(core.store, each);
          applyEvent(core.store, each);
        }
        // Seen inside the transaction…
        expect(usedBy(core, ada.id).used).toBe(2);
        expect(must(core.call('clinician.list', {}))[0]?.name).toBe('Renamed inside');
        throw new Error('The batch from the other PC was refused half way');
      })(),
    ).toThrow(/half way/);
    // …and gone with it.
    expect(usedBy(core, ada.id).used).toBe(1);
    expect(must(core.call('clinician.list', {}))[0]?.name).toBe('Dr Ada Patel');
  });

  describe('after a write that rolled back, when the next call is itself a write', () => {
    function withOuterContext(clock: FakeClock) {
      const core = newCore(clock);
      const ctx: CoreContext = { ...core.store, log: new EventLog(core.store, core.deviceId, () => clock.now()), clock, ids: sequentialIds('outer'), session: newDeskSession(clock.now()), network: noNetwork };
      return { core, ctx };
    }

    it('does not count the rolled-back contacts against the very next record', () => {
      const { core, ctx } = withOuterContext(new FakeClock(NOON));
      const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
      must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
      expect(() =>
        write(ctx, () => {
          must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
          // The board is read inside the write, as a record with the board does.
          must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone', withBoard: true }));
          throw new Error('The disk went away before the commit');
        }),
      ).toThrow(/disk went away/);
      // 1 of 3 used: the retry at the desk must be recorded, not refused as full.
      const retry = core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' });
      expect(retry.ok ? 'recorded' : retry.error.code).toBe('recorded');
      expect(usedBy(core, ada.id).used).toBe(2);
    });

    it('forgets a rolled-back settings change though the next write commits', () => {
      const { core, ctx } = withOuterContext(new FakeClock(NOON));
      const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
      expect(must(core.call('settings.get', {})).practiceName).toBe('');
      expect(() =>
        write(ctx, () => {
          must(core.call('settings.update', { practiceName: 'Never saved' }));
          throw new Error('The disk went away before the commit');
        }),
      ).toThrow(/disk went away/);
      must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
      expect(must(core.call('settings.get', {})).practiceName).toBe('');
    });

    it('does not count contacts from a rolled-back batch of another PC’s events against the next record', () => {
      const clock = new FakeClock(NOON);
      const { core } = withOuterContext(clock);
      const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
      must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
      const event = otherPc(clock);
      const day = practiceDayOf(clock.now());
      expect(() =>
        core.db.transaction(() => {
          for (const n of [1, 2]) {
            const contact = event('contact.recorded', { contactId: `there-${n}`, clinicianId: ada.id, typeId: 'telephone', counts: true, occurredAt: clock.now() - 60_000, practiceDay: day, session: 'am' });
            insertEvent(core.store, contact);
            applyEvent(core.store, contact);
          }
          expect(usedBy(core, ada.id).state).toBe('full');
          throw new Error('The batch was refused half way');
        })(),
      ).toThrow(/half way/);
      const next = core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' });
      expect(next.ok ? 'recorded' : next.error.code).toBe('recorded');
    });

    it('forgets a nested write rolled back to its savepoint when the outer write commits', () => {
      const { core, ctx } = withOuterContext(new FakeClock(NOON));
      const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 }));
      expect(must(core.call('settings.get', {})).practiceName).toBe('');
      write(ctx, () => {
        expect(() =>
          write(ctx, () => {
            must(core.call('settings.update', { practiceName: 'Rolled back to the savepoint' }));
            throw new Error('The inner step was refused');
          }),
        ).toThrow(/inner step/);
        must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
      });
      expect(core.db.prepare("SELECT count(*) AS n FROM field_history WHERE entity = 'settings'").get()).toEqual({ n: 0 });
      expect(must(core.call('settings.get', {})).practiceName).toBe('');
    });
  });
});
