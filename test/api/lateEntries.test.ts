import { afterEach, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../main/core/events/rebuild.ts';
import type { Core } from '../../main/core/createCore.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusedUnchanged, openCore, SERVICES, snapshot, TODAY, type OpenedCore, type Refusal } from './apiHarness.ts';
import { addClinician, csvRows, rowOf } from './deskSafetyHarness.ts';

/**
 * Late entries (DOMAIN.md §7 and §8: clock and day-boundary errors): an earlier
 * day only with a reason and within the practice's limit (7 days by default),
 * never the future, and each on its own day. Now is Monday 23 November 2026,
 * 09:00 GMT; "seven days back" is Monday 16 November.
 */

afterEach(closeAllCores);

const WEDNESDAY = '2026-11-18';
const REASON = 'Tally sheet found';

type Kind = 'contact' | 'redirection' | 'deferral';

/** A record of each kind at `extra.occurredAt` (and with `extra.lateReason`), for the same checks on all three. */
function input(kind: Kind, clinicianId: string, extra: { occurredAt?: string; lateReason?: string }): [string, object] {
  if (kind === 'contact') return ['contact.record', { clinicianId, typeId: 'telephone', ...extra }];
  if (kind === 'redirection') return ['redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, fromClinicianId: clinicianId, ...extra }];
  return ['deferral.record', { kind: 'waiting_list', patientTold: true, clinicianId, ...extra }];
}

async function refusedForEveryKind(opened: OpenedCore, clinicianId: string, extra: { occurredAt?: string; lateReason?: string }, expected: Refusal): Promise<void> {
  for (const kind of ['contact', 'redirection', 'deferral'] as const) {
    const [method, body] = input(kind, clinicianId, extra);
    await expectRefusedUnchanged(opened, method, body, expected);
  }
}

describe('late entries that are refused, with nothing changed', () => {
  it('refuses an entry older than the practice allows, naming the earliest day, and takes one exactly seven days back', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-15T23:59:00Z', lateReason: REASON }, {
      code: 'invalid_input',
      field: 'occurredAt',
      phrase: 'Late entries can go back 7 days at most (to Monday 16 November; a practice setting). Nothing was recorded.',
    });
    for (const kind of ['contact', 'redirection', 'deferral'] as const) {
      const [method, body] = input(kind, amara.id, { occurredAt: '2026-11-16T00:00:00Z', lateReason: REASON });
      expect(await opened.core.invoke(method, body)).toMatchObject({ ok: true });
    }
  });

  it('refuses a time in the future, even by a minute', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-23T09:01:00Z' }, { code: 'invalid_input', field: 'occurredAt', phrase: 'That time is in the future' });
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-24T09:00:00Z', lateReason: REASON }, { code: 'invalid_input', field: 'occurredAt', phrase: 'That time is in the future' });
  });

  it('refuses an earlier day without a reason, asking for one', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-22T23:59:00Z' }, {
      code: 'invalid_input',
      field: 'occurredAt',
      phrase: 'For an earlier day, enter it as a late entry and say why',
    });
  });

  it('refuses a late-entry reason for earlier today', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-23T00:00:00Z', lateReason: REASON }, {
      code: 'invalid_input',
      field: 'lateReason',
      phrase: 'A late entry is for an earlier day',
    });
    await refusedForEveryKind(opened, amara.id, { lateReason: REASON }, { code: 'invalid_input', field: 'lateReason', phrase: 'A late entry is for an earlier day' });
  });

  it('refuses every earlier day when the practice allows no late entries, and only yesterday when it allows one day', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    must(opened.core.call('settings.update', { lateEntryDays: 0 }));
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-22T12:00:00Z', lateReason: REASON }, {
      code: 'invalid_input',
      field: 'occurredAt',
      phrase: 'This practice does not allow late entries for earlier days (Settings, late entries).',
    });
    // Earlier today is not a late entry, and is still allowed.
    expect(must(opened.core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-23T08:00:00Z' })).lateReason).toBeNull();

    must(opened.core.call('settings.update', { lateEntryDays: 1 }));
    await refusedForEveryKind(opened, amara.id, { occurredAt: '2026-11-21T12:00:00Z', lateReason: REASON }, {
      code: 'invalid_input',
      field: 'occurredAt',
      phrase: 'Late entries can go back 1 day at most (to Sunday 22 November; a practice setting).',
    });
    expect(must(opened.core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-22T12:00:00Z', lateReason: REASON })).practiceDay).toBe('2026-11-22');
  });

  it('refuses a late “later date” that is not after the day it was agreed', async () => {
    const opened = openCore();
    await expectRefusedUnchanged(
      opened,
      'deferral.record',
      { kind: 'later_date', untilDay: WEDNESDAY, patientTold: true, occurredAt: '2026-11-18T10:00:00Z', lateReason: REASON },
      { code: 'invalid_input', field: 'untilDay', phrase: 'A later date must be after the day it was agreed.' },
    );
    // The day after it was agreed is fine, though that is before today.
    expect(must(opened.core.call('deferral.record', { kind: 'later_date', untilDay: '2026-11-19', patientTold: true, occurredAt: '2026-11-18T10:00:00Z', lateReason: REASON }))).toMatchObject({
      practiceDay: WEDNESDAY,
      untilDay: '2026-11-19',
    });
  });
});

describe('a late entry belongs to its own day', () => {
  function enterWednesdayLate(core: Core, clinicianId: string) {
    const contact = must(core.call('contact.record', { clinicianId, typeId: 'face_to_face', occurredAt: '2026-11-18T10:15:00Z', lateReason: REASON }));
    const { redirection } = must(
      core.call('redirection.record', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', patientTold: true, pharmacyFirst: { route: 'referred' }, occurredAt: '2026-11-18T10:20:00Z', lateReason: 'Written on the day sheet' }),
    );
    const deferral = must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true, clinicianId, occurredAt: '2026-11-18T10:25:00Z', lateReason: 'Left on a sticky note' }));
    return { contact, redirection, deferral };
  }

  it('lists a late contact, redirection and deferral on their own day with the reason, and not today', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    const { contact, redirection, deferral } = enterWednesdayLate(core, amara.id);
    expect(contact).toMatchObject({ practiceDay: WEDNESDAY, occurredAt: '2026-11-18T10:15:00.000Z', recordedAt: '2026-11-23T09:00:00.000Z', session: 'am', lateReason: REASON, overCap: false });
    expect(redirection).toMatchObject({ practiceDay: WEDNESDAY, occurredAt: '2026-11-18T10:20:00.000Z', lateReason: 'Written on the day sheet' });
    expect(deferral).toMatchObject({ practiceDay: WEDNESDAY, occurredAt: '2026-11-18T10:25:00.000Z', lateReason: 'Left on a sticky note' });

    expect(must(core.call('contact.listForDay', { day: WEDNESDAY }))).toEqual([contact]);
    expect(must(core.call('redirection.listForDay', { day: WEDNESDAY }))).toEqual([redirection]);
    expect(must(core.call('deferral.listForDay', { day: WEDNESDAY }))).toEqual([deferral]);
    const desk = must(core.call('desk.today', {}));
    expect([desk.contacts, desk.redirections, desk.deferrals]).toEqual([[], [], []]);
  });

  it('counts them in that day’s report and exports, not today’s, and the export says when each was really recorded', async () => {
    const { core, clock } = openCore('2026-11-18T08:00:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor');
    clock.set('2026-11-23T09:00:00Z');
    const { contact, redirection, deferral } = enterWednesdayLate(core, amara.id);
    const wednesday = must(core.call('report.day', { day: WEDNESDAY }));
    expect(wednesday.totals).toMatchObject({ counted: 1, notCounted: 0 });
    expect(wednesday.redirections).toMatchObject({ total: 1, pharmacyFirst: { referred: 1, signposted: 0 } });
    expect(wednesday.deferrals).toEqual({ total: 1, laterDate: 0, waitingList: 1 });
    const today = must(core.call('report.day', { day: TODAY }));
    expect([today.totals.counted, today.redirections.total, today.deferrals.total]).toEqual([0, 0, 0]);
    expect(must(core.call('report.range', { from: WEDNESDAY, to: WEDNESDAY })).totals).toMatchObject({ counted: 1, redirections: 1, deferrals: 1 });

    expect(await csvRows(core, 'contacts', WEDNESDAY, WEDNESDAY)).toEqual([
      expect.objectContaining({ contact_id: contact.id, day: WEDNESDAY, occurred_at: '2026-11-18T10:15:00+00:00', recorded_at: '2026-11-23T09:00:00+00:00', over_cap: 'false' }),
    ]);
    expect((await csvRows(core, 'redirections', WEDNESDAY, WEDNESDAY)).map((row) => [row.redirection_id, row.day, row.occurred_at])).toEqual([
      [redirection.id, WEDNESDAY, '2026-11-18T10:20:00+00:00'],
    ]);
    expect((await csvRows(core, 'deferrals', WEDNESDAY, WEDNESDAY)).map((row) => [row.deferral_id, row.day, row.occurred_at])).toEqual([[deferral.id, WEDNESDAY, '2026-11-18T10:25:00+00:00']]);
    expect(await csvRows(core, 'contacts', TODAY, TODAY)).toEqual([]);
    const [days] = await csvRows(core, 'clinician-days', WEDNESDAY, WEDNESDAY);
    expect(days).toMatchObject({ clinician: 'Dr Amara Okafor', working: 'true', cap: '25', contacts_counted: '1' });
  });

  it('counts the late entries of a clinician added to ContactCap after that day: on no rota then and not capped, named as now', async () => {
    // A locum worked last Monday; the practice adds them today and enters their tally sheet.
    const { core } = openCore();
    const lou = addClinician(core, 'Dr Lou Fern', 'locum_gp');
    const monday = '2026-11-16';
    must(core.call('contact.record', { clinicianId: lou.id, typeId: 'telephone', occurredAt: '2026-11-16T09:10:00Z', lateReason: REASON }));
    must(core.call('contact.record', { clinicianId: lou.id, typeId: 'admin', occurredAt: '2026-11-16T09:20:00Z', lateReason: REASON }));
    const report = must(core.call('report.day', { day: monday }));
    expect(report.clinicians).toEqual([
      expect.objectContaining({ clinicianId: lou.id, name: 'Dr Lou Fern', role: 'locum_gp', working: false, capped: false, cap: 0, counted: 1, notCounted: 1, overCap: 0, urgentOverCap: 0 }),
    ]);
    expect(report.totals).toMatchObject({ counted: 1, notCounted: 1, cliniciansWorking: 0, overCap: 0 });
    expect(must(core.call('report.gpas', { monday })).totalContacts).toBe(1);
    expect(must(core.call('report.range', { from: monday, to: monday })).clinicians).toEqual([
      expect.objectContaining({ clinicianId: lou.id, name: 'Dr Lou Fern', role: 'locum_gp', daysWorked: 0, counted: 1, notCounted: 1 }),
    ]);
    expect((await csvRows(core, 'clinician-days', monday, monday)).map((row) => [row.clinician, row.working, row.capped, row.contacts_counted, row.contacts_not_counted])).toEqual([
      ['Dr Lou Fern', 'false', 'false', '1', '1'],
    ]);
    expect((await csvRows(core, 'contacts', monday, monday)).map((row) => [row.clinician, row.over_cap])).toEqual([
      ['Dr Lou Fern', 'false'],
      ['Dr Lou Fern', 'false'],
    ]);
    // Not on any earlier day: a clinician added later is not made to look as if they worked then.
    expect(must(core.call('report.day', { day: '2026-11-17' })).clinicians).toEqual([]);
    expect(must(core.call('report.range', { from: '2026-11-09', to: '2026-11-13' })).clinicians).toEqual([]);
  });

  it('leaves today’s board as it was', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor', 'gp_partner', { dailyCap: 2 });
    must(core.call('contact.record', { clinicianId: amara.id }));
    // Everything but the version (the newest change anywhere) stays as it was.
    const boardNow = () => ({ ...must(core.call('board.today', {})), version: '' });
    const before = boardNow();
    enterWednesdayLate(core, amara.id);
    expect(boardNow()).toEqual(before);
    expect(rowOf(core, amara.id)).toMatchObject({ used: 1, remaining: 1, notCounted: 0, urgentOverCap: 0 });
  });

  it('is never refused for capacity: one for a day the clinician was absent is recorded, over that day’s cap of 0', () => {
    const { core, clock } = openCore('2026-11-18T08:00:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor');
    must(core.call('rota.setDay', { clinicianId: amara.id, day: WEDNESDAY, override: { absent: true } }));
    clock.set('2026-11-23T09:00:00Z');
    const late = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-18T11:00:00Z', lateReason: 'Seen at home, written up late' }));
    expect(late).toMatchObject({ practiceDay: WEDNESDAY, overCap: true, overCapReason: null });
    expect(must(core.call('report.day', { day: WEDNESDAY })).clinicians).toEqual([
      expect.objectContaining({ clinicianId: amara.id, working: false, cap: 0, counted: 1, overCap: 1, urgentOverCap: 0 }),
    ]);
  });

  it('keeps its reason and its place in the day when the projections are rebuilt from the event log', () => {
    const { core } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    enterWednesdayLate(core, amara.id);
    const before = snapshot(core.db).tables;
    rebuildProjections(core.store);
    const after = snapshot(core.db).tables;
    for (const table of ['contacts', 'redirections', 'deferrals']) expect(after[table]).toEqual(before[table]);
    // Its place in the day is 10:15 on the 18th (1794996900000 ms, in base 36), not when it was entered.
    expect(before.contacts).toEqual([expect.objectContaining({ late_reason: REASON, order_key: '000mwlyt480-00000-' })]);
  });
});
