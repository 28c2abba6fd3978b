import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusedUnchanged, openCore, TODAY } from './apiHarness.ts';
import { addClinician, applyForeignEvent, board, closeRestartables, keysOnBoard, openRestartable, rowOf } from './deskSafetyHarness.ts';

/**
 * DOMAIN.md §7, "the wrong clinician selected" and "keys that move when someone
 * is absent": each clinician's desk key is their own. Keys are written out by
 * hand from the hand-out order in the README (1–9, 0, then the letters with S,
 * L and U left out, then the same with Shift). Monday 23 November 2026, GMT.
 */

afterEach(() => {
  closeAllCores();
  closeRestartables();
});

/** The key each clinician holds now, by name, from clinician.list (inactive ones too). */
function keysByName(core: Core): Record<string, string | null> {
  return Object.fromEntries(must(core.call('clinician.list', { includeInactive: true })).map((clinician) => [clinician.name, clinician.key]));
}

function eventCount(core: Core): number {
  return core.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
}

describe('a key names the same clinician all day', () => {
  it('keeps every key on the same person when one is marked absent and another is added mid-morning, and a contact through each key’s row is for that person', () => {
    const opened = openCore('2026-11-23T08:00:00Z');
    const { core, clock } = opened;
    const amara = addClinician(core, 'Dr Amara Okafor');
    const ben = addClinician(core, 'Nurse Ben Hale', 'practice_nurse');
    const cara = addClinician(core, 'Dr Cara Lund', 'locum_gp');
    const dev = addClinician(core, 'Dr Dev Shah', 'salaried_gp');
    expect([amara.key, ben.key, cara.key, dev.key]).toEqual(['1', '2', '3', '4']);
    // By surname: Hale, Lund, Okafor, Shah.
    expect(keysOnBoard(core)).toEqual([
      ['2', 'Nurse Ben Hale'],
      ['3', 'Dr Cara Lund'],
      ['1', 'Dr Amara Okafor'],
      ['4', 'Dr Dev Shah'],
    ]);

    clock.set('2026-11-23T09:30:00Z');
    must(core.call('rota.setDay', { clinicianId: cara.id, day: TODAY, override: { absent: true } }));
    clock.set('2026-11-23T10:15:00Z');
    const ana = addClinician(core, 'Dr Ana Baker', 'salaried_gp');
    expect(ana.key).toBe('5');

    // Baker sorts first, so every row moves down one; no key moves. Cara stays, labelled absent.
    const rows = board(core).rows;
    expect(rows.map((row) => [row.key, row.name, row.status])).toEqual([
      ['5', 'Dr Ana Baker', 'working'],
      ['2', 'Nurse Ben Hale', 'working'],
      ['3', 'Dr Cara Lund', 'absent'],
      ['1', 'Dr Amara Okafor', 'working'],
      ['4', 'Dr Dev Shah', 'working'],
    ]);

    const expected: Record<string, string> = { '1': 'Dr Amara Okafor', '2': 'Nurse Ben Hale', '3': 'Dr Cara Lund', '4': 'Dr Dev Shah', '5': 'Dr Ana Baker' };
    const names = new Map(must(core.call('clinician.list', {})).map((clinician) => [clinician.id, clinician.name]));
    for (const [key, name] of Object.entries(expected)) {
      clock.advance(60_000);
      const row = rows.find((candidate) => candidate.key === key);
      if (!row) throw new Error(`No row with key ${key}`);
      // Cara is absent: her key opens the at-capacity step, and an urgent contact is still hers.
      const input = row.status === 'working' ? { clinicianId: row.clinicianId } : { clinicianId: row.clinicianId, overCapReason: 'Chest pain, seen by duty team' };
      const contact = must(core.call('contact.record', { ...input, typeId: 'telephone' }));
      expect(names.get(contact.clinicianId)).toBe(name);
    }
    expect(Object.fromEntries(board(core).rows.map((row) => [row.key, [row.name, row.dayUsed]]))).toEqual({
      '1': ['Dr Amara Okafor', 1],
      '2': ['Nurse Ben Hale', 1],
      '3': ['Dr Cara Lund', 1],
      '4': ['Dr Dev Shah', 1],
      '5': ['Dr Ana Baker', 1],
    });
  });

  it('hands keys out as 1–9, 0, then letters without S, L or U, then the same with Shift', () => {
    const { core } = openCore();
    const keys: (string | null)[] = [];
    for (let i = 1; i <= 35; i++) keys.push(addClinician(core, `Dr Test Person ${String(i).padStart(2, '0')}`).key);
    expect(keys).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
      ...['Q', 'W', 'E', 'R', 'T', 'Y', 'I', 'O', 'P'],
      ...['A', 'D', 'F', 'G', 'H', 'J', 'K'],
      ...['Z', 'X', 'C', 'V', 'B', 'N', 'M'],
      '⇧1',
      '⇧2',
    ]);
  });

  it('takes a chosen key when it is free, written as a person types it', () => {
    const { core } = openCore();
    expect(addClinician(core, 'Dr Amara Okafor', 'gp_partner', { key: 'q' }).key).toBe('Q');
    expect(addClinician(core, 'Dr Cara Lund', 'gp_partner', { key: 'shift 3' }).key).toBe('⇧3');
    // The next free in hand-out order is still 1.
    expect(addClinician(core, 'Dr Dev Shah').key).toBe('1');
  });
});

describe('one key, one clinician', () => {
  it('refuses a new clinician a key someone has, naming the holder, and changes nothing', async () => {
    const opened = openCore();
    addClinician(opened.core, 'Dr Amara Okafor');
    addClinician(opened.core, 'Dr Cara Lund', 'locum_gp', { key: 'Shift+Q' });
    await expectRefusedUnchanged(
      opened,
      'clinician.create',
      { name: 'Dr Dev Shah', role: 'salaried_gp', key: '1' },
      { code: 'conflict', field: 'key', phrase: 'Key 1 is already Dr Amara Okafor’s' },
    );
    await expectRefusedUnchanged(
      opened,
      'clinician.create',
      { name: 'Dr Dev Shah', role: 'salaried_gp', key: '⇧Q' },
      { code: 'conflict', field: 'key', phrase: 'Key Shift+Q is already Dr Cara Lund’s' },
    );
  });

  it('refuses clinician.update with a taken key, naming the holder, and nothing changes', async () => {
    const opened = openCore();
    const { core } = opened;
    addClinician(core, 'Dr Amara Okafor');
    const ben = addClinician(core, 'Nurse Ben Hale', 'practice_nurse');
    await expectRefusedUnchanged(opened, 'clinician.update', { clinicianId: ben.id, key: '1' }, { code: 'conflict', field: 'key', phrase: 'Key 1 is already Dr Amara Okafor’s' });
    // Along with another change: the whole update is refused.
    await expectRefusedUnchanged(opened, 'clinician.update', { clinicianId: ben.id, dailyCap: 20, key: '1' }, { code: 'conflict', field: 'key', phrase: 'Dr Amara Okafor' });
    expect(keysByName(core)).toEqual({ 'Dr Amara Okafor': '1', 'Nurse Ben Hale': '2' });
    // Giving a clinician the key they already have is no change at all.
    const before = eventCount(core);
    expect(must(core.call('clinician.update', { clinicianId: ben.id, key: '2' })).key).toBe('2');
    expect(eventCount(core)).toBe(before);
  });

  it('frees a key with null: the clinician shows none, and the key can then go to a colleague or to the next one added', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    const ben = addClinician(core, 'Nurse Ben Hale', 'practice_nurse');
    expect(must(core.call('clinician.update', { clinicianId: amara.id, key: null })).key).toBeNull();
    expect(rowOf(core, amara.id).key).toBeNull();
    expect(must(core.call('clinician.update', { clinicianId: ben.id, key: '1' })).key).toBe('1');
    // Ben's old 2 is free now, and is the lowest free key.
    expect(addClinician(core, 'Dr Dev Shah').key).toBe('2');
    expect(keysByName(core)).toEqual({ 'Dr Amara Okafor': null, 'Nurse Ben Hale': '1', 'Dr Dev Shah': '2' });
  });

  it('holds no key for a clinician off the board; the key goes to the next one added, and reactivation gives the next free key', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    addClinician(core, 'Nurse Ben Hale', 'practice_nurse');
    expect(must(core.call('clinician.deactivate', { clinicianId: amara.id })).key).toBeNull();
    expect(keysByName(core)).toEqual({ 'Dr Amara Okafor': null, 'Nurse Ben Hale': '2' });
    expect(addClinician(core, 'Dr Dev Shah').key).toBe('1');
    // Her old 1 is Dev's now: she comes back with the next free key, and Dev keeps his.
    expect(must(core.call('clinician.reactivate', { clinicianId: amara.id })).key).toBe('3');
    expect(keysByName(core)).toEqual({ 'Dr Amara Okafor': '3', 'Nurse Ben Hale': '2', 'Dr Dev Shah': '1' });
  });

  it('gives a clinician back their old key on reactivation when nobody has taken it', () => {
    const { core } = openCore();
    addClinician(core, 'Dr Amara Okafor');
    const ben = addClinician(core, 'Nurse Ben Hale', 'practice_nurse', { key: 'W' });
    must(core.call('clinician.deactivate', { clinicianId: ben.id }));
    // W is not the next free key, so nobody added meanwhile takes it.
    expect(addClinician(core, 'Dr Dev Shah').key).toBe('2');
    expect(must(core.call('clinician.reactivate', { clinicianId: ben.id })).key).toBe('W');
    expect(keysOnBoard(core)).toEqual([
      ['W', 'Nurse Ben Hale'],
      ['1', 'Dr Amara Okafor'],
      ['2', 'Dr Dev Shah'],
    ]);
  });

  it('lets a clinician take a key freed by a colleague who left the board', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    const ben = addClinician(core, 'Nurse Ben Hale', 'practice_nurse');
    must(core.call('clinician.deactivate', { clinicianId: amara.id }));
    expect(must(core.call('clinician.update', { clinicianId: ben.id, key: '1' })).key).toBe('1');
    expect(must(core.call('clinician.reactivate', { clinicianId: amara.id })).key).toBe('2');
  });
});

describe('clinicians from before keys were their own', () => {
  it('have no key until the next start, which gives each one the next free key in board order, once', () => {
    const opened = openRestartable('2026-11-23T08:00:00Z');
    const ada = addClinician(opened.core, 'Dr Ada Patel');
    expect(ada.key).toBe('1');
    // Written by the older app (clinician.created version 2, no key).
    const legacy = (seq: number, clinicianId: string, name: string) =>
      applyForeignEvent(opened.core, {
        origin: '00000000000000a2',
        seq,
        atMs: Date.parse('2026-11-20T09:00:00Z') + seq * 1000,
        type: 'clinician.created',
        schemaVersion: 2,
        body: { clinicianId, name, role: 'salaried_gp', dailyCap: null, initials: 'XX', capped: null, amCap: null, pmCap: null },
      });
    legacy(1, 'legacy-young', 'Dr Zara Young');
    legacy(2, 'legacy-baker', 'Mr Tom Baker');
    expect(keysOnBoard(opened.core)).toEqual([
      [null, 'Mr Tom Baker'],
      ['1', 'Dr Ada Patel'],
      [null, 'Dr Zara Young'],
    ]);

    const core = opened.restart();
    // Board order is by surname: Baker before Young, so Baker gets 2 and Young 3.
    expect(keysOnBoard(core)).toEqual([
      ['2', 'Mr Tom Baker'],
      ['1', 'Dr Ada Patel'],
      ['3', 'Dr Zara Young'],
    ]);
    const events = eventCount(core);
    expect(eventCount(opened.restart())).toBe(events);
    expect(keysOnBoard(opened.core)).toEqual([
      ['2', 'Mr Tom Baker'],
      ['1', 'Dr Ada Patel'],
      ['3', 'Dr Zara Young'],
    ]);
  });

  it('are given keys in the practice’s board order: by first name when the practice says so', () => {
    const opened = openRestartable('2026-11-23T08:00:00Z');
    must(opened.core.call('settings.update', { boardOrder: 'first_name' }));
    ['Dr Zara Young', 'Mr Tom Baker'].forEach((name, index) =>
      applyForeignEvent(opened.core, {
        origin: '00000000000000a3',
        seq: index + 1,
        atMs: Date.parse('2026-11-20T09:00:00Z') + index * 1000,
        type: 'clinician.created',
        schemaVersion: 1,
        body: { clinicianId: `legacy-${index}`, name, role: 'salaried_gp', dailyCap: 25 },
      }),
    );
    expect(keysOnBoard(opened.restart())).toEqual([
      ['1', 'Mr Tom Baker'],
      ['2', 'Dr Zara Young'],
    ]);
  });
});

describe('two PCs apart give the same key to two new clinicians', () => {
  const otherPc = '00000000000000b7';
  const createdOnOtherPc = (core: Core, at: string, key: string) =>
    applyForeignEvent(core, {
      origin: otherPc,
      seq: 1,
      atMs: Date.parse(at),
      type: 'clinician.created',
      schemaVersion: 3,
      body: { clinicianId: 'pcb-0001', name: 'Dr Ben Cole', role: 'salaried_gp', dailyCap: null, initials: 'BC', capped: null, amCap: null, pmCap: null, key },
    });

  it('lets the one added first keep it, shows none for the other, and the next start gives the other a new key', () => {
    const opened = openRestartable('2026-11-23T08:00:00Z');
    const ada = addClinician(opened.core, 'Dr Ada Patel');
    addClinician(opened.core, 'Dr Eve Shah');
    expect(ada.key).toBe('1');
    // Added on the other PC five minutes later, also with key 1 (the first free key there).
    createdOnOtherPc(opened.core, '2026-11-23T08:05:00Z', '1');
    expect(keysOnBoard(opened.core)).toEqual([
      [null, 'Dr Ben Cole'],
      ['1', 'Dr Ada Patel'],
      ['2', 'Dr Eve Shah'],
    ]);
    // Key 1 still records for Ada, and only for her.
    const withKey1 = board(opened.core).rows.filter((row) => row.key === '1');
    expect(withKey1.map((row) => row.clinicianId)).toEqual([ada.id]);

    const core = opened.restart();
    expect(keysOnBoard(core)).toEqual([
      ['3', 'Dr Ben Cole'],
      ['1', 'Dr Ada Patel'],
      ['2', 'Dr Eve Shah'],
    ]);
  });

  it('decides by when each was added, not by which event arrived last', () => {
    const opened = openRestartable('2026-11-23T08:00:00Z');
    const ada = addClinician(opened.core, 'Dr Ada Patel');
    // The other PC added Ben at 07:55, before Ada, though his event arrives after hers.
    createdOnOtherPc(opened.core, '2026-11-23T07:55:00Z', '1');
    expect(keysOnBoard(opened.core)).toEqual([
      ['1', 'Dr Ben Cole'],
      [null, 'Dr Ada Patel'],
    ]);
    // While Ada has no key, the free key 2 is not hers to take by accident: nobody holds it.
    expect(rowOf(opened.core, ada.id).key).toBeNull();
    expect(keysOnBoard(opened.restart())).toEqual([
      ['1', 'Dr Ben Cole'],
      ['2', 'Dr Ada Patel'],
    ]);
  });

  it('refuses a local change to the key the other PC’s clinician kept', async () => {
    const opened = openRestartable('2026-11-23T08:00:00Z');
    addClinician(opened.core, 'Dr Ada Patel');
    const eve = addClinician(opened.core, 'Dr Eve Shah');
    createdOnOtherPc(opened.core, '2026-11-23T07:55:00Z', '2');
    // Ben was added first with 2: Eve shows none, and cannot be given 2 back while Ben has it.
    expect(rowOf(opened.core, eve.id).key).toBeNull();
    const refused = await opened.core.invoke('clinician.update', { clinicianId: eve.id, key: '2' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'key' } });
    expect(refused.ok ? '' : refused.error.message).toContain('Key 2 is already Dr Ben Cole’s');
  });
});

describe('the board’s order is the practice’s choice, never who is working', () => {
  function practice(core: Core) {
    const zoe = addClinician(core, 'Dr Zoe Adams');
    const bob = addClinician(core, 'Mr Bob Young', 'practice_nurse');
    const ian = addClinician(core, 'Prof Ian Moss');
    addClinician(core, 'Dr Mary Jane-Smith');
    const ann = addClinician(core, 'Ann Cole', 'paramedic');
    must(core.call('clinician.update', { clinicianId: ian.id, key: 'Q' }));
    must(core.call('clinician.update', { clinicianId: ann.id, key: '⇧1' }));
    return { zoe, bob };
  }
  const BY_SURNAME = ['Dr Zoe Adams', 'Ann Cole', 'Dr Mary Jane-Smith', 'Prof Ian Moss', 'Mr Bob Young'];
  const BY_FIRST_NAME = ['Ann Cole', 'Mr Bob Young', 'Prof Ian Moss', 'Dr Mary Jane-Smith', 'Dr Zoe Adams'];
  const BY_KEY: [string, string][] = [
    ['1', 'Dr Zoe Adams'],
    ['2', 'Mr Bob Young'],
    ['4', 'Dr Mary Jane-Smith'],
    ['Q', 'Prof Ian Moss'],
    ['⇧1', 'Ann Cole'],
  ];
  const names = (core: Core) => board(core).rows.map((row) => row.name);

  it('orders by surname (titles ignored, a double-barrelled surname whole), by first name, or by key', () => {
    const { core } = openCore();
    practice(core);
    expect(names(core)).toEqual(BY_SURNAME);
    must(core.call('settings.update', { boardOrder: 'first_name' }));
    expect(names(core)).toEqual(BY_FIRST_NAME);
    must(core.call('settings.update', { boardOrder: 'key' }));
    expect(keysOnBoard(core)).toEqual(BY_KEY);
  });

  it('keeps the same order when a clinician is absent, off their pattern today, or finished', () => {
    const { core, clock } = openCore();
    const { zoe, bob } = practice(core);
    must(core.call('rota.setDay', { clinicianId: zoe.id, day: TODAY, override: { absent: true } }));
    const off = { am: false, pm: false };
    const both = { am: true, pm: true };
    must(core.call('rota.setPattern', { clinicianId: bob.id, pattern: { mon: off, tue: both, wed: both, thu: both, fri: both, sat: off, sun: off } }));
    const statuses = Object.fromEntries(board(core).rows.map((row) => [row.name, row.status]));
    expect(statuses).toMatchObject({ 'Dr Zoe Adams': 'absent', 'Mr Bob Young': 'not_working', 'Prof Ian Moss': 'working' });
    expect(names(core)).toEqual(BY_SURNAME);
    clock.set('2026-11-23T19:00:00Z');
    expect(board(core).rows.find((row) => row.name === 'Prof Ian Moss')?.status).toBe('finished');
    expect(names(core)).toEqual(BY_SURNAME);
    must(core.call('settings.update', { boardOrder: 'first_name' }));
    expect(names(core)).toEqual(BY_FIRST_NAME);
    must(core.call('settings.update', { boardOrder: 'key' }));
    expect(keysOnBoard(core)).toEqual(BY_KEY);
  });

  it('puts clinicians without a key last when ordered by key', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    addClinician(core, 'Dr Zed Brown');
    must(core.call('clinician.update', { clinicianId: amara.id, key: null }));
    must(core.call('settings.update', { boardOrder: 'key' }));
    expect(keysOnBoard(core)).toEqual([
      ['2', 'Dr Zed Brown'],
      [null, 'Dr Amara Okafor'],
    ]);
  });
});
