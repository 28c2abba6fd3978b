import { afterEach, describe, expect, it } from 'vitest';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusal, openCore, snapshot } from './apiHarness.ts';

/** Successful calls, pinned to what the contract promises, with the numbers worked out by hand. */

afterEach(closeAllCores);

describe('clinician.create', () => {
  it('defaults the daily cap to 25, trims the name and puts the clinician on the board', () => {
    const { core, pushes } = openCore();
    const created = must(core.call('clinician.create', { name: '  Dr Amara Okafor ', role: 'gp_partner' }));
    expect(created).toEqual({ id: 'id-0001', name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 25, active: true });
    expect(must(core.call('clinician.list', {}))).toEqual([created]);
    expect(pushes).toEqual([{ event: 'data.changed', payload: { topics: ['clinicians'] } }]);
  });

  it('accepts the edges of what is allowed: caps of 0 and 200, a name of 80 characters', () => {
    const { core } = openCore();
    const name80 = `Dr ${'A'.repeat(77)}`;
    expect(must(core.call('clinician.create', { name: name80, role: 'other', dailyCap: 0 }))).toMatchObject({ name: name80, dailyCap: 0 });
    expect(must(core.call('clinician.create', { name: 'Dr Busy', role: 'locum_gp', dailyCap: 200 }))).toMatchObject({ dailyCap: 200 });
  });
});

describe('contact.record', () => {
  it('files a contact under the Europe/London date: 23:30 UTC on 30 June is 1 July in BST', () => {
    const { core, pushes } = openCore('2026-06-30T23:30:00Z');
    const clinician = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    const contact = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'telephone' }));
    expect(contact).toEqual({
      id: 'id-0002',
      clinicianId: clinician.id,
      mode: 'telephone',
      occurredAt: '2026-06-30T23:30:00.000Z',
      practiceDay: '2026-07-01',
      voided: null,
    });
    expect(must(core.call('contact.listForDay', { day: '2026-07-01' }))).toEqual([contact]);
    expect(must(core.call('contact.listForDay', { day: '2026-06-30' }))).toEqual([]);
    expect(pushes.at(-1)).toEqual({ event: 'data.changed', payload: { topics: ['contacts'] } });
  });

  it('backdates to just after London midnight in summer, and refuses just before it', () => {
    const { core } = openCore('2026-06-30T23:30:00Z');
    const clinician = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    // 23:00 UTC is 00:00 BST on 1 July.
    const atMidnight = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'video', occurredAt: '2026-06-30T23:00:00Z' }));
    expect(atMidnight).toMatchObject({ occurredAt: '2026-06-30T23:00:00.000Z', practiceDay: '2026-07-01' });
    const withOffset = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'video', occurredAt: '2026-07-01T00:15:00+01:00' }));
    expect(withOffset).toMatchObject({ occurredAt: '2026-06-30T23:15:00.000Z', practiceDay: '2026-07-01' });
    const before = snapshot(core.db);
    expectRefusal(core.invoke('contact.record', { clinicianId: clinician.id, mode: 'video', occurredAt: '2026-06-30T22:59:59Z' }), {
      code: 'invalid_input',
      field: 'occurredAt',
      phrase: 'earlier today',
    });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('counts the whole 25-hour day when the clocks go back: 00:30 UTC and 23:30 UTC on 25 October are the same practice day', () => {
    const { core } = openCore('2026-10-25T23:30:00Z');
    const clinician = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    // 23:30 UTC on the 24th is 00:30 BST on the 25th: 24 hours ago, and still today.
    const early = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'face_to_face', occurredAt: '2026-10-24T23:30:00Z' }));
    const late = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'face_to_face' }));
    expect([early.practiceDay, late.practiceDay]).toEqual(['2026-10-25', '2026-10-25']);
    expect(must(core.call('board.today', {})).rows[0]).toMatchObject({ used: 2 });
  });

  it('keeps a contact recorded in winter on the UTC date, since London is on GMT', () => {
    const { core } = openCore('2026-11-21T00:30:00Z');
    const clinician = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    expect(must(core.call('contact.record', { clinicianId: clinician.id, mode: 'online' })).practiceDay).toBe('2026-11-21');
  });
});

describe('contact.void', () => {
  it('keeps the contact, marks it voided with the trimmed reason and the time, and stops it counting', () => {
    const { core, clock } = openCore('2026-11-21T09:00:00Z');
    const clinician = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    const contact = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'telephone' }));
    clock.set('2026-11-21T09:05:00Z');
    const voided = must(core.call('contact.void', { contactId: contact.id, reason: '  Wrong patient  ' }));
    expect(voided).toEqual({ ...contact, voided: { reason: 'Wrong patient', voidedAt: '2026-11-21T09:05:00.000Z' } });
    expect(must(core.call('contact.listForDay', {}))).toEqual([voided]);
  });

  it('accepts reasons of exactly 3 and exactly 200 characters', () => {
    const { core } = openCore();
    const clinician = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    const first = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'telephone' }));
    const second = must(core.call('contact.record', { clinicianId: clinician.id, mode: 'telephone' }));
    expect(must(core.call('contact.void', { contactId: first.id, reason: 'Dup' })).voided?.reason).toBe('Dup');
    expect(must(core.call('contact.void', { contactId: second.id, reason: 'x'.repeat(200) })).voided?.reason).toHaveLength(200);
  });
});

describe('board.today', () => {
  it('shows used, cap and remaining for each active clinician in name order, counting only today’s unvoided contacts', () => {
    const { core, clock } = openCore('2026-11-20T15:00:00Z');
    const ben = must(core.call('clinician.create', { name: 'Nurse Ben Hale', role: 'practice_nurse', dailyCap: 3 }));
    const amara = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    const cara = must(core.call('clinician.create', { name: 'Dr Cara Lund', role: 'locum_gp', dailyCap: 10 }));
    // Yesterday: does not count today.
    must(core.call('contact.record', { clinicianId: amara.id, mode: 'telephone' }));

    clock.set('2026-11-21T09:00:00Z');
    const amaraContacts = [1, 2, 3].map(() => must(core.call('contact.record', { clinicianId: amara.id, mode: 'face_to_face' })));
    // Ben goes over his cap of 3: a patient is never turned away, and remaining stops at 0.
    for (let i = 0; i < 4; i++) must(core.call('contact.record', { clinicianId: ben.id, mode: 'telephone' }));
    must(core.call('contact.record', { clinicianId: cara.id, mode: 'video' }));
    must(core.call('contact.void', { contactId: amaraContacts[1]?.id ?? '', reason: 'Recorded twice' }));
    must(core.call('clinician.deactivate', { clinicianId: cara.id }));

    expect(must(core.call('board.today', {}))).toEqual({
      day: '2026-11-21',
      rows: [
        // Amara: 3 recorded today, 1 voided → used 2 of 25, 23 remaining.
        { clinicianId: amara.id, name: 'Dr Amara Okafor', role: 'gp_partner', cap: 25, used: 2, remaining: 23 },
        // Ben: 4 recorded against a cap of 3 → used 4, remaining 0 (never negative).
        { clinicianId: ben.id, name: 'Nurse Ben Hale', role: 'practice_nurse', cap: 3, used: 4, remaining: 0 },
        // Cara is off the board, so she has no row even though she saw a patient today.
      ],
    });
  });

  it('starts each practice day at zero', () => {
    const { core, clock } = openCore('2026-11-21T23:59:00Z');
    const amara = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 2 }));
    must(core.call('contact.record', { clinicianId: amara.id, mode: 'telephone' }));
    expect(must(core.call('board.today', {})).rows).toEqual([expect.objectContaining({ used: 1, cap: 2, remaining: 1 })]);
    clock.set('2026-11-22T00:00:00Z');
    expect(must(core.call('board.today', {}))).toEqual({
      day: '2026-11-22',
      rows: [{ clinicianId: amara.id, name: 'Dr Amara Okafor', role: 'gp_partner', cap: 2, used: 0, remaining: 2 }],
    });
  });

  it('is a read: it changes nothing and tells no window to refresh', () => {
    const { core, pushes } = openCore();
    must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
    pushes.length = 0;
    const before = snapshot(core.db);
    must(core.call('board.today', {}));
    must(core.call('system.status', {}));
    must(core.call('clinician.list', { includeInactive: true }));
    must(core.call('contact.listForDay', { day: '2026-11-21' }));
    expect(snapshot(core.db)).toEqual(before);
    expect(pushes).toEqual([]);
  });
});
