import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import type { InputOf, MethodName } from '../../shared/contract.ts';
import type { BoardRow } from '../../shared/domain.ts';
import { must } from '../helpers/fixtures.ts';
import { changed, closeAllCores, expectRefusal, openCore, openSeeded, recordMany, SERVICES, snapshot, TODAY, type OpenedCore } from './apiHarness.ts';

/**
 * Successful calls, pinned to what the contract promises, with the numbers
 * worked out by hand. Unless a test says otherwise the clock stands at 09:00
 * GMT on Monday 23 November 2026: London is on GMT, every clinician works
 * Mondays by default, and the morning session runs until 13:00.
 */

afterEach(closeAllCores);

const MINUTE = 60_000;

function rowOf(core: Core, clinicianId: string): BoardRow {
  const row = must(core.call('board.today', {})).rows.find((candidate) => candidate.clinicianId === clinicianId);
  if (!row) throw new Error(`No board row for ${clinicianId}`);
  return row;
}

function gp(core: Core, name = 'Dr Amara Okafor', extra: Partial<InputOf<'clinician.create'>> = {}): string {
  return must(core.call('clinician.create', { name, role: 'gp_partner', ...extra })).id;
}

function setDevice(core: Core): void {
  must(core.call('device.update', { deviceName: 'Reception 1', staffName: 'Sam Reed' }));
}

describe('clinician.create', () => {
  it('follows the role default when no cap is given: a GP partner is capped at 25, split 13 + 12, with initials from the name', () => {
    const { core, pushes } = openCore();
    const created = must(core.call('clinician.create', { name: '  Dr   Amara Okafor ', role: 'gp_partner' }));
    expect(created).toEqual({
      id: 'id-0001',
      name: 'Dr Amara Okafor',
      initials: 'AO',
      role: 'gp_partner',
      capped: null,
      dailyCap: null,
      amCap: null,
      pmCap: null,
      active: true,
      key: '1',
    });
    expect(must(core.call('clinician.list', {}))).toEqual([created]);
    expect(pushes).toEqual([changed('clinicians')]);
    expect(rowOf(core, created.id)).toMatchObject({
      capped: true,
      working: true,
      cap: 25,
      dayCap: 25,
      remaining: 25,
      state: 'available',
      bySession: { am: { cap: 13, remaining: 13 }, pm: { cap: 12, remaining: 12 } },
    });
  });

  it('counts a practice nurse but does not cap them: nothing is refused and nothing is over the cap', () => {
    const opened = openCore();
    const nurse = must(opened.core.call('clinician.create', { name: 'Nurse Ben Hale', role: 'practice_nurse', dailyCap: 1 }));
    recordMany(opened, nurse.id, 3);
    expect(rowOf(opened.core, nurse.id)).toMatchObject({ capped: false, cap: 1, used: 3, remaining: 0, state: 'not_capped', fullAt: null, urgentOverCap: 0 });
    expect(must(opened.core.call('contact.listForDay', { clinicianId: nurse.id })).map((contact) => contact.overCap)).toEqual([false, false, false]);
  });

  it('keeps the clinician’s own caps: 20 a day split 12 + 8, and initials given in lower case', () => {
    const { core } = openCore();
    const created = must(core.call('clinician.create', { name: 'Dr Priya Nair', role: 'salaried_gp', initials: ' pn ', dailyCap: 20, amCap: 12, pmCap: 8 }));
    expect(created).toMatchObject({ initials: 'PN', dailyCap: 20, amCap: 12, pmCap: 8, capped: null });
    expect(rowOf(core, created.id)).toMatchObject({ dayCap: 20, cap: 20, bySession: { am: { cap: 12 }, pm: { cap: 8 } } });
  });

  it('accepts the edges of what is allowed: caps of 0 and 200, a name of 80 characters, session caps of 0 + 0', () => {
    const { core } = openCore();
    const name80 = `Dr ${'A'.repeat(77)}`;
    expect(must(core.call('clinician.create', { name: name80, role: 'other', dailyCap: 0, amCap: 0, pmCap: 0 }))).toMatchObject({ name: name80, dailyCap: 0 });
    expect(must(core.call('clinician.create', { name: 'Dr Busy', role: 'locum_gp', dailyCap: 200 }))).toMatchObject({ dailyCap: 200 });
  });
});

describe('clinician.update and the role defaults', () => {
  it('changes only the fields given, and null returns the daily cap to the role default', () => {
    const { core } = openCore();
    const id = gp(core);
    expect(must(core.call('clinician.update', { clinicianId: id, dailyCap: 20 }))).toMatchObject({ name: 'Dr Amara Okafor', dailyCap: 20, role: 'gp_partner' });
    expect(rowOf(core, id)).toMatchObject({ cap: 20, bySession: { am: { cap: 10 }, pm: { cap: 10 } } });
    expect(must(core.call('clinician.update', { clinicianId: id, dailyCap: null }))).toMatchObject({ dailyCap: null });
    expect(rowOf(core, id)).toMatchObject({ cap: 25 });
  });

  it('uncaps a GP who is set to not capped, and caps practice nurses once the practice’s role default says so', () => {
    const opened = openCore();
    const { core } = opened;
    const doctor = gp(core);
    const nurse = must(core.call('clinician.create', { name: 'Nurse Ben Hale', role: 'practice_nurse' })).id;
    must(core.call('clinician.update', { clinicianId: doctor, capped: false }));
    expect(rowOf(core, doctor)).toMatchObject({ capped: false, state: 'not_capped' });
    const settings = must(core.call('settings.update', { roleDefaults: { practice_nurse: { capped: true, dailyCap: 18 } } }));
    expect(settings.roleDefaults.practice_nurse).toEqual({ capped: true, dailyCap: 18 });
    // Other roles are untouched.
    expect(settings.roleDefaults.gp_partner).toEqual({ capped: true, dailyCap: 25 });
    // 18 splits 9 + 9; 16 of 18 at 85% (ceil(15.3) = 16) is nearly full.
    recordMany(opened, nurse, 16);
    expect(rowOf(core, nurse)).toMatchObject({ capped: true, cap: 18, used: 16, remaining: 2, state: 'nearly_full', bySession: { am: { cap: 9 }, pm: { cap: 9 } } });
  });

  it('takes a clinician off the board and puts them back with today’s contacts still counted', () => {
    const opened = openCore();
    const id = gp(opened.core);
    recordMany(opened, id, 2);
    expect(must(opened.core.call('clinician.deactivate', { clinicianId: id }))).toMatchObject({ active: false });
    expect(must(opened.core.call('board.today', {})).rows).toEqual([]);
    expect(must(opened.core.call('clinician.list', {}))).toEqual([]);
    expect(must(opened.core.call('clinician.list', { includeInactive: true }))).toHaveLength(1);
    expect(must(opened.core.call('clinician.reactivate', { clinicianId: id }))).toMatchObject({ active: true });
    expect(rowOf(opened.core, id)).toMatchObject({ used: 2, remaining: 23 });
  });
});

describe('contact.record', () => {
  it('files a contact under the Europe/London date: 23:30 UTC on 30 June is 00:30 on 1 July in BST, a morning', () => {
    const { core, pushes } = openCore('2026-06-30T23:30:00Z');
    setDevice(core);
    const clinicianId = gp(core);
    const contact = must(core.call('contact.record', { clinicianId, typeId: 'telephone' }));
    expect(contact).toEqual({
      id: 'id-0002',
      clinicianId,
      typeId: 'telephone',
      counts: true,
      occurredAt: '2026-06-30T23:30:00.000Z',
      recordedAt: '2026-06-30T23:30:00.000Z',
      practiceDay: '2026-07-01',
      session: 'am',
      overCapReason: null,
      overCap: false,
      // One PC, well under the cap: nothing to explain.
      overCommit: null,
      lateReason: null,
      recordedBy: 'Sam Reed',
      device: 'Reception 1',
      voided: null,
    });
    expect(must(core.call('contact.listForDay', { day: '2026-07-01' }))).toEqual([contact]);
    expect(must(core.call('contact.listForDay', { day: '2026-06-30' }))).toEqual([]);
    expect(pushes.at(-1)).toEqual(changed('contacts'));
  });

  it('backdates to just after London midnight in summer, and refuses just before it', async () => {
    const { core } = openCore('2026-06-30T23:30:00Z');
    const clinicianId = gp(core);
    // 23:00 UTC is 00:00 BST on 1 July.
    const atMidnight = must(core.call('contact.record', { clinicianId, typeId: 'video', occurredAt: '2026-06-30T23:00:00Z' }));
    expect(atMidnight).toMatchObject({ occurredAt: '2026-06-30T23:00:00.000Z', recordedAt: '2026-06-30T23:30:00.000Z', practiceDay: '2026-07-01' });
    const withOffset = must(core.call('contact.record', { clinicianId, typeId: 'video', occurredAt: '2026-07-01T00:15:00+01:00' }));
    expect(withOffset).toMatchObject({ occurredAt: '2026-06-30T23:15:00.000Z', practiceDay: '2026-07-01' });
    const before = snapshot(core.db);
    expectRefusal(await core.invoke('contact.record', { clinicianId, typeId: 'video', occurredAt: '2026-06-30T22:59:59Z' }), {
      code: 'invalid_input',
      field: 'occurredAt',
      phrase: 'earlier today',
    });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('counts the whole 25-hour day when the clocks go back: 00:30 BST and 23:30 GMT on Sunday 25 October are the same practice day', () => {
    const { core } = openCore('2026-10-25T23:30:00Z');
    const clinicianId = gp(core);
    // A Sunday: on the rota only because this date says so, with an evening that runs late.
    must(core.call('rota.setDay', { clinicianId, day: '2026-10-25', override: { am: true, pm: true } }));
    must(core.call('settings.update', { dayEnd: '23:45' }));
    // 23:30 UTC on the 24th is 00:30 BST on the 25th: 24 hours ago, and still today.
    const early = must(core.call('contact.record', { clinicianId, typeId: 'face_to_face', occurredAt: '2026-10-24T23:30:00Z' }));
    const late = must(core.call('contact.record', { clinicianId, typeId: 'face_to_face' }));
    expect([early.practiceDay, late.practiceDay]).toEqual(['2026-10-25', '2026-10-25']);
    expect([early.session, late.session]).toEqual(['am', 'pm']);
    expect(rowOf(core, clinicianId)).toMatchObject({ used: 2, bySession: { am: { used: 1 }, pm: { used: 1 } } });
  });

  it('keeps a contact recorded in winter on the UTC date, since London is on GMT', () => {
    const { core } = openCore('2026-11-23T00:30:00Z');
    const clinicianId = gp(core);
    expect(must(core.call('contact.record', { clinicianId, typeId: 'online' }))).toMatchObject({ practiceDay: '2026-11-23', session: 'am' });
  });

  it('uses face to face when the practice has no usual type and no history, and the practice’s usual type once it picks one', () => {
    const { core } = openCore();
    const clinicianId = gp(core);
    expect(must(core.call('contact.record', { clinicianId })).typeId).toBe('face_to_face');
    must(core.call('settings.update', { defaultContactType: 'telephone' }));
    expect(must(core.call('contact.record', { clinicianId })).typeId).toBe('telephone');
    expect(must(core.call('board.today', {})).defaultTypeId).toBe('telephone');
  });
});

describe('the cap', () => {
  it('refuses the 26th counted contact without a reason, then accepts it as urgent: counted, flagged and shown over the cap', async () => {
    const opened = openCore();
    const { core } = opened;
    const id = gp(core);
    // 25 contacts a minute apart: the 22nd at 09:21 reaches 85%, the 25th at 09:24 fills the day.
    recordMany(opened, id, 25, MINUTE);
    expect(rowOf(core, id)).toMatchObject({
      used: 25,
      cap: 25,
      remaining: 0,
      state: 'full',
      warnedAt: '2026-11-23T09:21:00.000Z',
      fullAt: '2026-11-23T09:24:00.000Z',
    });
    opened.clock.set('2026-11-23T09:30:00Z');
    const before = snapshot(core.db);
    expectRefusal(await core.invoke('contact.record', { clinicianId: id, typeId: 'telephone' }), {
      code: 'at_capacity',
      field: 'clinicianId',
      phrase: 'Dr Amara Okafor is full (25 of 25 today)',
    });
    expect(snapshot(core.db)).toEqual(before);

    const urgent = must(core.call('contact.record', { clinicianId: id, typeId: 'telephone', overCapReason: '  Suspected   sepsis ' }));
    expect(urgent).toMatchObject({ counts: true, overCapReason: 'Suspected sepsis', overCap: true, voided: null });
    expect(rowOf(core, id)).toMatchObject({
      used: 26,
      dayUsed: 26,
      cap: 25,
      remaining: 0,
      state: 'over_cap',
      urgentOverCap: 1,
      fullAt: '2026-11-23T09:24:00.000Z',
    });
    const listed = must(core.call('contact.listForDay', { clinicianId: id }));
    expect(listed.filter((contact) => contact.overCap).map((contact) => contact.id)).toEqual([urgent.id]);
  });

  it('always accepts an urgent contact for a clinician who is not on the rota: Saturday, cap 0, over the cap', async () => {
    // Saturday 21 November: nobody works by default.
    const { core } = openCore('2026-11-21T10:00:00Z');
    const id = gp(core);
    expect(rowOf(core, id)).toMatchObject({ working: false, sessions: { am: false, pm: false }, cap: 0, dayCap: 0 });
    expectRefusal(await core.invoke('contact.record', { clinicianId: id, typeId: 'home_visit' }), {
      code: 'at_capacity',
      field: 'clinicianId',
      phrase: 'Dr Amara Okafor is not on the rota today',
    });
    const urgent = must(core.call('contact.record', { clinicianId: id, typeId: 'home_visit', overCapReason: 'Palliative patient, family called' }));
    expect(urgent).toMatchObject({ overCap: true, overCapReason: 'Palliative patient, family called', counts: true });
    expect(rowOf(core, id)).toMatchObject({ working: false, cap: 0, used: 1, remaining: 0, state: 'over_cap', urgentOverCap: 1 });
  });

  it('always accepts an urgent contact for a clinician whose cap is 0', async () => {
    const { core } = openCore();
    const id = gp(core, 'Dr Gil Moss', { dailyCap: 0 });
    expect(rowOf(core, id)).toMatchObject({ cap: 0, state: 'full' });
    expect(await core.invoke('contact.record', { clinicianId: id, typeId: 'telephone' })).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    expect(must(core.call('contact.record', { clinicianId: id, typeId: 'telephone', overCapReason: 'Child with high fever' }))).toMatchObject({ overCap: true });
    expect(rowOf(core, id)).toMatchObject({ cap: 0, used: 1, state: 'over_cap', urgentOverCap: 1 });
  });

  it('records admin, documents and results for a full clinician without a reason, and they do not use the cap', () => {
    const opened = openCore();
    const id = gp(opened.core, 'Dr Dana Frost', { dailyCap: 2 });
    recordMany(opened, id, 2);
    const admin = must(opened.core.call('contact.record', { clinicianId: id, typeId: 'admin' }));
    expect(admin).toMatchObject({ typeId: 'admin', counts: false, overCap: false, overCapReason: null });
    must(opened.core.call('contact.record', { clinicianId: id, typeId: 'documents' }));
    must(opened.core.call('contact.record', { clinicianId: id, typeId: 'results' }));
    expect(rowOf(opened.core, id)).toMatchObject({ used: 2, dayUsed: 2, remaining: 0, state: 'full', notCounted: 3 });
  });

  it('never changes anyone’s used with a redirection or a deferral, even one from a full clinician', () => {
    const opened = openCore();
    const { core } = opened;
    const amara = gp(core);
    const dana = gp(core, 'Dr Dana Frost', { dailyCap: 2 });
    recordMany(opened, amara, 3);
    recordMany(opened, dana, 2);
    const before = must(core.call('board.today', {})).rows;
    // By surname: Frost, then Okafor.
    expect(before.map((row) => [row.used, row.remaining])).toEqual([
      [2, 0],
      [3, 22],
    ]);
    must(core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, fromClinicianId: dana }));
    must(core.call('redirection.record', { destinationId: SERVICES.selfCare, reason: 'more_appropriate_service', patientTold: true, fromClinicianId: amara }));
    must(core.call('redirection.record', { destinationId: SERVICES.pharmacy, reason: 'clinician_at_capacity', patientTold: true, fromClinicianId: dana, pharmacyFirst: { route: 'signposted' } }));
    must(core.call('deferral.record', { kind: 'later_date', patientTold: true, untilDay: '2026-11-24', clinicianId: dana }));
    expect(must(core.call('board.today', {})).rows).toEqual(before);
  });
});

describe('the warning level and the times it was reached', () => {
  it('marks 22 of 25 nearly full at the default 85% and 21 available; at 80%, 20 is nearly full', () => {
    const opened = openCore();
    const { core } = opened;
    const id = gp(core);
    recordMany(opened, id, 20);
    expect(rowOf(core, id)).toMatchObject({ used: 20, remaining: 5, state: 'available', warnedAt: null });
    must(core.call('settings.update', { warningPercent: 80 }));
    expect(must(core.call('board.today', {})).warningPercent).toBe(80);
    expect(rowOf(core, id)).toMatchObject({ used: 20, state: 'nearly_full', warnedAt: '2026-11-23T09:00:00.000Z' });
    must(core.call('settings.update', { warningPercent: 85 }));
    recordMany(opened, id, 1);
    expect(rowOf(core, id)).toMatchObject({ used: 21, state: 'available' });
    recordMany(opened, id, 1);
    expect(rowOf(core, id)).toMatchObject({ used: 22, remaining: 3, state: 'nearly_full' });
  });

  it('gives fullAt as the time the 25th counted contact was recorded, and moves it when an earlier contact is voided', () => {
    const opened = openCore();
    const { core, clock } = opened;
    const id = gp(core);
    // Two minutes apart from 09:00: contact n is recorded at 09:00 + 2(n − 1) minutes.
    const ids = recordMany(opened, id, 25, 2 * MINUTE);
    // A not-counted contact in between changes nothing.
    must(core.call('contact.record', { clinicianId: id, typeId: 'admin' }));
    clock.set('2026-11-23T09:50:00Z');
    const urgent = must(core.call('contact.record', { clinicianId: id, typeId: 'telephone', overCapReason: 'Severe abdominal pain' }));
    expect(rowOf(core, id)).toMatchObject({
      used: 26,
      state: 'over_cap',
      warnedAt: '2026-11-23T09:42:00.000Z', // the 22nd
      fullAt: '2026-11-23T09:48:00.000Z', // the 25th
    });
    clock.set('2026-11-23T09:55:00Z');
    must(core.call('contact.void', { contactId: ids[2] ?? '', reason: 'Recorded twice' }));
    // Without the 3rd, the 23rd (09:44) is the 22nd counted and the urgent one (09:50) the 25th: no longer over the cap.
    expect(rowOf(core, id)).toMatchObject({
      used: 25,
      remaining: 0,
      state: 'full',
      warnedAt: '2026-11-23T09:44:00.000Z',
      fullAt: '2026-11-23T09:50:00.000Z',
    });
    const listed = must(core.call('contact.listForDay', { clinicianId: id }));
    expect(listed.find((contact) => contact.id === urgent.id)).toMatchObject({ overCap: false, overCapReason: 'Severe abdominal pain' });
  });
});

describe('contact.void', () => {
  it('keeps the contact, marks it voided with the tidied reason and the time, and stops it counting', () => {
    const { core, clock } = openCore();
    const clinicianId = gp(core);
    const contact = must(core.call('contact.record', { clinicianId, typeId: 'telephone' }));
    clock.set('2026-11-23T09:05:00Z');
    const voided = must(core.call('contact.void', { contactId: contact.id, reason: '  Wrong   patient  ' }));
    expect(voided).toEqual({ ...contact, voided: { reason: 'Wrong patient', voidedAt: '2026-11-23T09:05:00.000Z' } });
    expect(must(core.call('contact.listForDay', {}))).toEqual([voided]);
    expect(rowOf(core, clinicianId)).toMatchObject({ used: 0, remaining: 25 });
  });

  it('accepts reasons of exactly 3 and exactly 200 characters', () => {
    const { core } = openCore();
    const clinicianId = gp(core);
    const first = must(core.call('contact.record', { clinicianId, typeId: 'telephone' }));
    const second = must(core.call('contact.record', { clinicianId, typeId: 'telephone' }));
    expect(must(core.call('contact.void', { contactId: first.id, reason: 'Dup' })).voided?.reason).toBe('Dup');
    expect(must(core.call('contact.void', { contactId: second.id, reason: 'x'.repeat(200) })).voided?.reason).toHaveLength(200);
  });
});

describe('the rota', () => {
  it('moves a clinician marked absent today to not working with a cap of 0, and keeps the contacts already recorded, within the cap', () => {
    const opened = openCore();
    const { core, pushes } = opened;
    const id = gp(core);
    recordMany(opened, id, 3, MINUTE);
    opened.clock.set('2026-11-23T11:00:00Z');
    expect(must(core.call('rota.setDay', { clinicianId: id, day: TODAY, override: { absent: true } }))).toEqual({ absent: true });
    expect(pushes.at(-1)).toEqual(changed('rota'));
    expect(rowOf(core, id)).toMatchObject({ working: false, sessions: { am: false, pm: false }, cap: 0, dayCap: 0, dayUsed: 3, used: 3 });
    // The morning's three were within the cap when they were recorded, and stay so.
    const listed = must(core.call('contact.listForDay', { clinicianId: id }));
    expect(listed.map((contact) => [contact.voided, contact.overCap])).toEqual([
      [null, false],
      [null, false],
      [null, false],
    ]);
    // One more after the change is over the day's cap of 0: it needs a reason, and is flagged.
    opened.clock.set('2026-11-23T11:05:00Z');
    expect(must(core.call('contact.record', { clinicianId: id, typeId: 'telephone', overCapReason: 'Urgent, seen before leaving' }))).toMatchObject({ overCap: true });
    expect(rowOf(core, id)).toMatchObject({ dayUsed: 4, urgentOverCap: 1 });
    expect(must(core.call('contact.listForDay', { clinicianId: id })).map((contact) => contact.overCap)).toEqual([true, false, false, false]);
    expect(must(core.call('rota.get', { from: TODAY, to: TODAY }))).toEqual({ patterns: {}, days: [{ day: TODAY, clinicianId: id, override: { absent: true } }] });
    // Clearing the date puts the weekly pattern back.
    expect(must(core.call('rota.setDay', { clinicianId: id, day: TODAY, override: null }))).toBeNull();
    expect(rowOf(core, id)).toMatchObject({ working: true, cap: 25, used: 4 });
  });

  it('flags an urgent contact recorded after the clinician was marked absent, even when the board was read before the change', () => {
    const opened = openCore();
    const { core } = opened;
    const id = gp(core);
    recordMany(opened, id, 3, MINUTE);
    expect(rowOf(core, id)).toMatchObject({ working: true, cap: 25, dayUsed: 3 });
    opened.clock.set('2026-11-23T11:00:00Z');
    must(core.call('rota.setDay', { clinicianId: id, day: TODAY, override: { absent: true } }));
    opened.clock.set('2026-11-23T11:05:00Z');
    must(core.call('contact.record', { clinicianId: id, typeId: 'telephone', overCapReason: 'Urgent, seen before leaving' }));
    expect(must(core.call('contact.listForDay', { clinicianId: id })).map((contact) => contact.overCap)).toEqual([true, false, false, false]);
  });

  it('shows the duty flag on the board without changing the cap', () => {
    const { core } = openCore();
    const id = gp(core);
    must(core.call('rota.setDay', { clinicianId: id, day: TODAY, override: { duty: true } }));
    expect(rowOf(core, id)).toMatchObject({ duty: true, working: true, cap: 25 });
  });

  it('keeps the daily cap for a half day in day mode, gives only the worked session’s in session mode, and takes a date’s own cap', () => {
    const { core } = openCore();
    const id = gp(core);
    must(core.call('rota.setDay', { clinicianId: id, day: TODAY, override: { pm: false } }));
    expect(rowOf(core, id)).toMatchObject({ sessions: { am: true, pm: false }, working: true, dayCap: 25, cap: 25, bySession: { am: { cap: 13 }, pm: { cap: 0, working: false } } });
    must(core.call('settings.update', { capMode: 'session' }));
    expect(rowOf(core, id)).toMatchObject({ dayCap: 13, cap: 13 });
    must(core.call('settings.update', { capMode: 'day' }));
    must(core.call('rota.setDay', { clinicianId: id, day: TODAY, override: { cap: 15 } }));
    // 15 splits AM-first: 8 + 7.
    expect(rowOf(core, id)).toMatchObject({ dayCap: 15, cap: 15, bySession: { am: { cap: 8 }, pm: { cap: 7 } } });
  });

  it('sets a weekly pattern, and a date change treats a change that changes nothing as none', () => {
    const { core } = openCore();
    const id = gp(core);
    const off = { am: false, pm: false };
    const pattern = { mon: { am: true, pm: false }, tue: off, wed: off, thu: off, fri: off, sat: off, sun: off };
    expect(must(core.call('rota.setPattern', { clinicianId: id, pattern }))).toEqual(pattern);
    expect(must(core.call('rota.get', { from: '2026-11-01', to: '2027-01-01' }))).toEqual({ patterns: { [id]: pattern }, days: [] });
    expect(rowOf(core, id)).toMatchObject({ sessions: { am: true, pm: false }, working: true });
    expect(must(core.call('rota.setDay', { clinicianId: id, day: '2026-11-24', override: {} }))).toBeNull();
    expect(must(core.call('rota.get', { from: '2026-11-24', to: '2026-11-24' })).days).toEqual([]);
  });
});

describe('session mode', () => {
  it('splits 25 into 13 + 12: the 14th morning contact is refused at 09:00, and the afternoon after 13:00 starts afresh', async () => {
    const opened = openCore();
    const { core, clock } = opened;
    must(core.call('settings.update', { capMode: 'session' }));
    const id = gp(core);
    recordMany(opened, id, 13);
    expect(must(core.call('board.today', {}))).toMatchObject({ capMode: 'session', session: 'am' });
    expect(rowOf(core, id)).toMatchObject({ cap: 13, used: 13, remaining: 0, state: 'full', dayCap: 25, dayUsed: 13 });
    expectRefusal(await core.invoke('contact.record', { clinicianId: id, typeId: 'telephone' }), { code: 'at_capacity', phrase: '(13 of 13 this morning)' });
    clock.set('2026-11-23T12:59:00Z');
    expect(await core.invoke('contact.record', { clinicianId: id, typeId: 'telephone' })).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    clock.set('2026-11-23T13:00:00Z');
    expect(must(core.call('board.today', {})).session).toBe('pm');
    expect(rowOf(core, id)).toMatchObject({ cap: 12, used: 0, remaining: 12, state: 'available', dayUsed: 13 });
    expect(must(core.call('contact.record', { clinicianId: id, typeId: 'telephone' }))).toMatchObject({ session: 'pm', overCap: false });
    expect(rowOf(core, id)).toMatchObject({ cap: 12, used: 1, remaining: 11, bySession: { am: { used: 13, state: 'full' }, pm: { used: 1 } } });
  });

  it('moves the session split with the practice’s setting: at 12:30 the afternoon has begun', () => {
    const { core } = openCore('2026-11-23T12:45:00Z');
    must(core.call('settings.update', { capMode: 'session', sessionSplit: '12:30' }));
    const id = gp(core);
    expect(must(core.call('board.today', {})).session).toBe('pm');
    expect(must(core.call('contact.record', { clinicianId: id, typeId: 'video' })).session).toBe('pm');
  });
});

describe('redirections', () => {
  it('warns when a patient is sent to NHS 111 and the ICB has not been told, and records the tick when it has', () => {
    const { core, clock } = openCore();
    setDevice(core);
    const id = gp(core);
    const first = must(core.call('redirection.record', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', patientTold: true, fromClinicianId: id }));
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toContain('ICB');
    expect(first.redirection).toEqual({
      id: 'id-0002',
      destinationId: SERVICES.nhs111,
      destinationName: 'NHS 111',
      destinationKind: 'nhs_111',
      reason: 'clinician_at_capacity',
      fromClinicianId: id,
      pharmacyFirst: null,
      icbInformed: false,
      emergency: false,
      note: '',
      nhsNumber: null,
      identifiers: 'none',
      occurredAt: '2026-11-23T09:00:00.000Z',
      practiceDay: TODAY,
      lateReason: null,
      recordedBy: 'Sam Reed',
      device: 'Reception 1',
      voided: null,
    });
    clock.set('2026-11-23T09:10:00Z');
    const second = must(core.call('redirection.record', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', patientTold: true, icbInformed: true }));
    expect(second).toMatchObject({ warnings: [], redirection: { icbInformed: true } });
    expect(must(core.call('redirection.listForDay', {})).map((redirection) => redirection.id)).toEqual([second.redirection.id, first.redirection.id]);
  });

  it('marks 999 as an emergency, keeps Pharmacy First’s route and condition, and has no ICB tick elsewhere', () => {
    const { core } = openCore();
    // A note is kept only while the practice collects identifiers.
    must(core.call('settings.update', { collectNhsNumber: true }));
    const emergency = must(core.call('redirection.record', { destinationId: SERVICES.emergency, reason: 'more_appropriate_service', patientTold: true, note: '  Chest   pain ' }));
    expect(emergency).toMatchObject({ warnings: [], redirection: { emergency: true, icbInformed: null, note: 'Chest pain' } });
    const pharmacy = must(
      core.call('redirection.record', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', patientTold: true, pharmacyFirst: { route: 'referred', condition: 'sore_throat' } }),
    );
    expect(pharmacy.redirection).toMatchObject({ destinationKind: 'pharmacy_first', emergency: false, pharmacyFirst: { route: 'referred', condition: 'sore_throat' } });
    const signposted = must(core.call('redirection.record', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', patientTold: true, pharmacyFirst: { route: 'signposted' } }));
    expect(signposted.redirection.pharmacyFirst).toEqual({ route: 'signposted', condition: null });
  });

  it('stores an NHS number 3-3-4 once the practice collects them, and warns about the never-issued 999 range', () => {
    const { core } = openCore();
    must(core.call('settings.update', { collectNhsNumber: true }));
    const redirect = (nhsNumber: string) => must(core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, nhsNumber }));
    expect(redirect('9434765919')).toMatchObject({ warnings: [], redirection: { nhsNumber: '943 476 5919' } });
    // 9×10 + 9×9 + 9×8 + 1×2 = 245; 245 mod 11 = 3; 11 − 3 = 8: a valid number in the test range.
    const test = redirect('999-000-0018');
    expect(test.redirection.nhsNumber).toBe('999 000 0018');
    expect(test.warnings).toHaveLength(1);
    expect(test.warnings[0]).toContain('starting 999 are test numbers');
    expect(redirect('   ').redirection.nhsNumber).toBeNull();
  });

  it('keeps the name a service had when the patient was sent there, after the directory changes', () => {
    const { core } = openCore();
    const before = must(core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true }));
    expect(must(core.call('directory.update', { entryId: SERVICES.utc, name: '  Riverside   UTC ', phone: '01632 960 002' }))).toMatchObject({ name: 'Riverside UTC', phone: '01632 960 002', builtin: true });
    const after = must(core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true }));
    expect([before.redirection.destinationName, after.redirection.destinationName]).toEqual(['Urgent treatment centre', 'Riverside UTC']);
  });

  it('voids a redirection with the reason and the time, and keeps it in the day’s list', () => {
    const { core, clock } = openCore();
    const recorded = must(core.call('redirection.record', { destinationId: SERVICES.selfCare, reason: 'more_appropriate_service', patientTold: true }));
    clock.set('2026-11-23T09:20:00Z');
    const voided = must(core.call('redirection.void', { redirectionId: recorded.redirection.id, reason: 'Patient stayed to be seen' }));
    expect(voided).toEqual({ ...recorded.redirection, voided: { reason: 'Patient stayed to be seen', voidedAt: '2026-11-23T09:20:00.000Z' } });
    expect(must(core.call('redirection.listForDay', { day: TODAY }))).toEqual([voided]);
  });
});

describe('deferrals', () => {
  it('records a later date from tomorrow and a waiting list without a date, newest first, and voids one', () => {
    const { core, clock } = openCore();
    setDevice(core);
    const id = gp(core);
    // A note is kept only while the practice collects identifiers.
    must(core.call('settings.update', { collectNhsNumber: true }));
    const later = must(core.call('deferral.record', { kind: 'later_date', patientTold: true, untilDay: '2026-11-24', clinicianId: id, note: ' Usual GP ' }));
    expect(later).toEqual({
      id: 'id-0002',
      clinicianId: id,
      kind: 'later_date',
      untilDay: '2026-11-24',
      note: 'Usual GP',
      identifiers: 'held',
      occurredAt: '2026-11-23T09:00:00.000Z',
      practiceDay: TODAY,
      lateReason: null,
      recordedBy: 'Sam Reed',
      device: 'Reception 1',
      voided: null,
    });
    clock.set('2026-11-23T09:15:00Z');
    const waiting = must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true }));
    expect(waiting).toMatchObject({ kind: 'waiting_list', untilDay: null, clinicianId: null, note: '' });
    expect(must(core.call('deferral.listForDay', {})).map((deferral) => deferral.id)).toEqual([waiting.id, later.id]);
    clock.set('2026-11-23T09:30:00Z');
    expect(must(core.call('deferral.void', { deferralId: later.id, reason: 'Booked in error' })).voided).toEqual({ reason: 'Booked in error', voidedAt: '2026-11-23T09:30:00.000Z' });
  });
});

describe('contact types', () => {
  it('adds a type with its shortcut in capitals, and a not-counted type that leaves the cap alone', () => {
    const opened = openCore();
    const { core } = opened;
    const id = gp(core);
    const group = must(core.call('contactType.create', { name: 'Group consultation', counts: true, key: 'g' }));
    expect(group).toEqual({ id: 'id-0002', name: 'Group consultation', counts: true, key: 'G', builtin: false, active: true });
    const letters = must(core.call('contactType.create', { name: 'Letters', counts: false }));
    expect(letters).toMatchObject({ key: null, counts: false });
    recordMany(opened, id, 2, 0, group.id);
    recordMany(opened, id, 3, 0, letters.id);
    expect(rowOf(core, id)).toMatchObject({ used: 2, notCounted: 3 });
    expect(must(core.call('contactType.list', {})).map((type) => type.id)).toEqual([
      'face_to_face',
      'telephone',
      'video',
      'online',
      'home_visit',
      'care_home_visit',
      'admin',
      'documents',
      'results',
      group.id,
      letters.id,
    ]);
  });

  it('lets contacts already recorded keep whether they counted when a type stops counting', () => {
    const opened = openCore();
    const { core } = opened;
    const id = gp(core);
    recordMany(opened, id, 2, 0, 'telephone');
    expect(must(core.call('contactType.update', { typeId: 'telephone', counts: false }))).toMatchObject({ counts: false, builtin: true });
    recordMany(opened, id, 4, 0, 'telephone');
    expect(rowOf(core, id)).toMatchObject({ used: 2, notCounted: 4 });
  });

  it('hides a type taken out of use unless asked, and frees its shortcut for another', () => {
    const { core } = openCore();
    must(core.call('contactType.update', { typeId: 'video', active: false }));
    expect(must(core.call('contactType.list', {})).some((type) => type.id === 'video')).toBe(false);
    expect(must(core.call('contactType.list', { includeInactive: true })).find((type) => type.id === 'video')).toMatchObject({ active: false, key: 'V' });
    expect(must(core.call('contactType.create', { name: 'Visit by nurse', counts: true, key: 'V' }))).toMatchObject({ key: 'V' });
  });
});

describe('directory', () => {
  it('starts with the built-in services and adds the practice’s own with tidied details', () => {
    const { core } = openCore();
    const builtins = must(core.call('directory.list', {}));
    expect(builtins.map((entry) => entry.id)).toEqual([
      'builtin-pharmacy-first',
      'builtin-utc',
      'builtin-hub',
      'builtin-111',
      'builtin-999',
      'builtin-self-care',
      'builtin-minor-eye',
      'builtin-msk',
      'builtin-sexual-health',
      'builtin-mental-health-crisis',
    ]);
    const podiatry = must(core.call('directory.create', { kind: 'self_referral', name: ' Podiatry ', hint: 'Foot  problems.' }));
    expect(podiatry).toEqual({ id: 'id-0001', kind: 'self_referral', name: 'Podiatry', phone: '', address: '', hours: '', hint: 'Foot problems.', active: true, builtin: false });
    must(core.call('directory.update', { entryId: podiatry.id, active: false }));
    expect(must(core.call('directory.list', {}))).toHaveLength(10);
    expect(must(core.call('directory.list', { includeInactive: true }))).toHaveLength(11);
  });
});

describe('settings and this PC', () => {
  it('starts with the practice defaults: day caps, 85%, 13:00, GPs capped at 25, nurses not, no NHS numbers (kept 30 days once collected), 10 idle minutes, 5 PIN tries', () => {
    const { core } = openCore();
    const settings = must(core.call('settings.get', {}));
    const capped = { capped: true, dailyCap: 25 };
    const counted = { capped: false, dailyCap: 25 };
    expect(settings).toEqual({
      practiceName: '',
      capBasis: expect.stringContaining('25') as unknown,
      capMode: 'day',
      warningPercent: 85,
      sessionSplit: '13:00',
      dayEnd: '18:30',
      boardOrder: 'surname',
      lateEntryDays: 7,
      roleDefaults: {
        gp_partner: capped,
        salaried_gp: capped,
        locum_gp: capped,
        gp_registrar: capped,
        advanced_nurse_practitioner: capped,
        paramedic: capped,
        physician_associate: capped,
        practice_nurse: counted,
        clinical_pharmacist: counted,
        healthcare_assistant: counted,
        other: counted,
      },
      defaultContactType: 'auto',
      collectNhsNumber: false,
      identifierRetentionDays: 30,
      listSize: null,
      noticeWhy: expect.stringContaining('safe-working guidance') as unknown,
      receptionScript: expect.stringContaining('If you think this is urgent, tell me now') as unknown,
      setup: 'not_done',
      // Issue 10 §1: a desk idle for 10 minutes asks again who is there; 5 wrong PINs in a row lock a person out.
      idleMinutes: 10,
      pinAttempts: 5,
    });
  });

  it('changes only the settings given, and clears the list size with null', () => {
    const { core } = openCore();
    expect(must(core.call('settings.update', { practiceName: ' Riverside  Surgery ', listSize: 9500 }))).toMatchObject({ practiceName: 'Riverside Surgery', listSize: 9500, warningPercent: 85 });
    expect(must(core.call('settings.update', { listSize: null }))).toMatchObject({ practiceName: 'Riverside Surgery', listSize: null });
  });

  it('changes the notice’s “why” and the reception script, tidied, leaving the rest as it was', () => {
    const { core } = openCore();
    must(core.call('settings.update', { practiceName: 'Our practice' }));
    const why = 'We limit each clinician’s patients so that care stays safe.';
    const script = 'I’m sorry, Dr [name] is full today. I can offer you the pharmacy or a later appointment.';
    const changed = must(core.call('settings.update', { noticeWhy: `  ${why.replace(' so ', '   so ')} `, receptionScript: script }));
    expect(changed).toMatchObject({ noticeWhy: why, receptionScript: script, practiceName: 'Our practice', warningPercent: 85 });
    expect(must(core.call('settings.get', {}))).toMatchObject({ noticeWhy: why, receptionScript: script });
  });

  it('keeps this PC’s name, who is at the desk, and whose clinician view it shows', () => {
    const { core, pushes } = openCore();
    expect(must(core.call('device.get', {}))).toEqual({ deviceName: hostname(), staffName: '', clinicianViewId: null });
    const id = gp(core);
    expect(must(core.call('device.update', { deviceName: ' Reception  2 ', staffName: 'Jo', clinicianViewId: id }))).toEqual({ deviceName: 'Reception 2', staffName: 'Jo', clinicianViewId: id });
    expect(must(core.call('device.update', { clinicianViewId: null }))).toEqual({ deviceName: 'Reception 2', staffName: 'Jo', clinicianViewId: null });
    expect(pushes.at(-1)).toEqual(changed('device'));
  });
});

describe('board.today', () => {
  it('shows every active clinician in surname order (titles ignored), with their own keys and today’s counted, unvoided contacts', () => {
    const opened = openCore('2026-11-20T15:00:00Z');
    const { core, clock } = opened;
    const ben = must(core.call('clinician.create', { name: 'Nurse Ben Hale', role: 'practice_nurse', dailyCap: 3 })).id;
    const amara = gp(core);
    const cara = must(core.call('clinician.create', { name: 'Dr Cara Lund', role: 'locum_gp', dailyCap: 10 })).id;
    // Friday: does not count on Monday.
    must(core.call('contact.record', { clinicianId: amara, typeId: 'telephone' }));

    clock.set(Date.parse('2026-11-23T09:00:00Z'));
    const amaraContacts = recordMany(opened, amara, 3, 0, 'face_to_face');
    // Ben is counted but not capped: 4 against his 3, and remaining stops at 0.
    recordMany(opened, ben, 4, 0, 'telephone');
    must(core.call('contact.record', { clinicianId: cara, typeId: 'video' }));
    must(core.call('contact.void', { contactId: amaraContacts[1] ?? '', reason: 'Recorded twice' }));
    must(core.call('clinician.deactivate', { clinicianId: cara }));

    const board = must(core.call('board.today', {}));
    expect(board).toMatchObject({ day: TODAY, now: '2026-11-23T09:00:00.000Z', capMode: 'day', session: 'am', warningPercent: 85 });
    // In surname order, titles ignored: Hale, then Okafor. Each keeps the key they were given when added.
    // Amara: 3 recorded today, 1 voided → 2 of 25, all in the morning (13 of the 25).
    expect(board.rows).toEqual([
      // Ben's 3 splits 2 + 1; Cara is off the board, so she has no row though she saw a patient today.
      expect.objectContaining({
        clinicianId: ben,
        name: 'Nurse Ben Hale',
        key: '1',
        status: 'working',
        capped: false,
        cap: 3,
        used: 4,
        remaining: 0,
        state: 'not_capped',
        bySession: {
          am: { working: true, cap: 2, used: 4, remaining: 0, state: 'not_capped' },
          pm: { working: true, cap: 1, used: 0, remaining: 1, state: 'not_capped' },
        },
      }) as unknown,
      {
        clinicianId: amara,
        name: 'Dr Amara Okafor',
        initials: 'AO',
        role: 'gp_partner',
        key: '2',
        status: 'working',
        working: true,
        sessions: { am: true, pm: true },
        duty: false,
        capped: true,
        cap: 25,
        used: 2,
        remaining: 23,
        state: 'available',
        dayCap: 25,
        dayUsed: 2,
        bySession: {
          am: { working: true, cap: 13, used: 2, remaining: 11, state: 'available' },
          pm: { working: true, cap: 12, used: 0, remaining: 12, state: 'available' },
        },
        warnedAt: null,
        fullAt: null,
        urgentOverCap: 0,
        overCommitted: 0,
        notCounted: 0,
      },
    ]);
  });

  it('starts each practice day at zero', () => {
    const { core, clock } = openCore('2026-11-23T17:00:00Z');
    const amara = gp(core, 'Dr Amara Okafor', { dailyCap: 2 });
    must(core.call('contact.record', { clinicianId: amara, typeId: 'telephone' }));
    clock.set('2026-11-23T23:59:00Z');
    expect(rowOf(core, amara)).toMatchObject({ used: 1, cap: 2, remaining: 1, state: 'available', status: 'finished' });
    clock.set('2026-11-24T00:00:00Z');
    expect(must(core.call('board.today', {})).day).toBe('2026-11-24');
    expect(rowOf(core, amara)).toMatchObject({ used: 0, cap: 2, remaining: 2, dayUsed: 0 });
  });
});

describe('reads and pushes', () => {
  it('changes nothing and tells no window to refresh on a read', async () => {
    const seeded = openSeeded();
    const reads: { [M in MethodName]?: InputOf<M> } = {
      'system.status': {},
      'device.get': {},
      'settings.get': {},
      'board.today': {},
      'desk.today': {},
      'clinician.list': { includeInactive: true },
      'contact.listForDay': { day: TODAY },
      'rota.get': { from: TODAY, to: '2026-12-31' },
      'contactType.list': { includeInactive: true },
      'directory.list': {},
      'redirection.listForDay': { day: TODAY },
      'deferral.listForDay': {},
      'report.day': { day: TODAY },
      'report.range': { from: '2026-11-16', to: TODAY },
      'report.gpas': { monday: TODAY },
      'action.list': {},
      // With identifiers an export is written in the audit trail (test/api/audit.test.ts): without, it is a read.
      'export.build': { format: 'xlsx', from: '2026-11-16', to: TODAY },
      'export.endOfDayStatus': {},
      'staff.list': { includeInactive: true },
      'session.get': {},
      'audit.list': { from: '2026-11-16', to: TODAY },
      'audit.csv': { from: '2026-11-16', to: TODAY },
    };
    for (const [method, input] of Object.entries(reads)) expect(await seeded.core.invoke(method, input)).toMatchObject({ ok: true });
    expect(snapshot(seeded.core.db)).toEqual(seeded.before);
    expect(seeded.pushes).toEqual([]);
  });

  it('tells windows which part changed after each kind of write', async () => {
    const opened: OpenedCore = openSeeded();
    const { core, pushes } = opened;
    const topicsAfter = async (method: MethodName, input: unknown) => {
      pushes.length = 0;
      expect(await core.invoke(method, input)).toMatchObject({ ok: true });
      return pushes.map((push) => ({ topics: (push.payload as { topics: string[] }).topics }));
    };
    const clinician = gp(core, 'Dr Ivo Marsh');
    expect(await topicsAfter('device.update', { staffName: 'Jo' })).toEqual([{ topics: ['device'] }]);
    expect(await topicsAfter('settings.update', { warningPercent: 90 })).toEqual([{ topics: ['settings'] }]);
    expect(await topicsAfter('clinician.update', { clinicianId: clinician, dailyCap: 20 })).toEqual([{ topics: ['clinicians'] }]);
    expect(await topicsAfter('rota.setDay', { clinicianId: clinician, day: TODAY, override: { duty: true } })).toEqual([{ topics: ['rota'] }]);
    expect(await topicsAfter('contactType.create', { name: 'Group consultation', counts: true })).toEqual([{ topics: ['settings'] }]);
    expect(await topicsAfter('directory.create', { kind: 'other', name: 'Food bank' })).toEqual([{ topics: ['settings'] }]);
    expect(await topicsAfter('contact.record', { clinicianId: clinician, typeId: 'telephone' })).toEqual([{ topics: ['contacts'] }]);
    expect(await topicsAfter('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true })).toEqual([{ topics: ['redirections'] }]);
    expect(await topicsAfter('deferral.record', { kind: 'waiting_list', patientTold: true })).toEqual([{ topics: ['redirections'] }]);
    expect(await topicsAfter('gpas.assess', { monday: TODAY, status: 'green' })).toEqual([{ topics: ['reports'] }]);
    expect(await topicsAfter('action.create', { title: 'Limit home visits' })).toEqual([{ topics: ['reports'] }]);
    expect(await topicsAfter('action.update', { actionId: 'bma-2024-02', taking: true, from: TODAY })).toEqual([{ topics: ['reports'] }]);
    expect(await topicsAfter('export.configureEndOfDay', { enabled: false, time: '19:00' })).toEqual([{ topics: ['device'] }]);
  });
});
