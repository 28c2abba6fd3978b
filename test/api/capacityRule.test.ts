import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusal, openCore, TODAY } from './apiHarness.ts';
import { addClinician, csvRows, MINUTE, recordSeries, rowOf } from './deskSafetyHarness.ts';

/**
 * One rule decides "at capacity" for the board, the record check and the
 * reports (DOMAIN.md §7: undercounting or double counting; an urgent patient
 * deterred by "at capacity"). Every figure below is worked out by hand from the
 * scenario. Days are in November 2026, when London is on GMT.
 */

afterEach(closeAllCores);

const LAST_MONDAY = '2026-11-16';

/** The ids of a day's contacts that are over the cap, from contact.listForDay. */
function overCapIds(core: Core, day: string): string[] {
  return must(core.call('contact.listForDay', { day }))
    .filter((contact) => contact.overCap)
    .map((contact) => contact.id)
    .sort();
}

/** contact_id → over_cap from the contacts CSV. */
async function csvOverCap(core: Core, day: string): Promise<Record<string, string>> {
  return Object.fromEntries((await csvRows(core, 'contacts', day, day)).map((row) => [row.contact_id ?? '', row.over_cap ?? '']));
}

function dayRow(core: Core, day: string, clinicianId: string) {
  const row = must(core.call('report.day', { day })).clinicians.find((candidate) => candidate.clinicianId === clinicianId);
  if (!row) throw new Error(`No report row for ${clinicianId} on ${day}`);
  return row;
}

function rangeRow(core: Core, from: string, to: string, clinicianId: string) {
  const row = must(core.call('report.range', { from, to })).clinicians.find((candidate) => candidate.clinicianId === clinicianId);
  if (!row) throw new Error(`No range row for ${clinicianId}`);
  return row;
}

describe('a voided contact frees its place for the board and the record check alike', () => {
  it('accepts a routine contact after one of 25 is voided: the board says 24 of 25 and the check agrees', async () => {
    const { core, clock } = openCore('2026-11-23T09:00:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor');
    const ids = recordSeries(core, clock, amara.id, 25, MINUTE);
    clock.set('2026-11-23T09:30:00Z');
    expectRefusal(await core.invoke('contact.record', { clinicianId: amara.id }), { code: 'at_capacity', phrase: 'Dr Amara Okafor is full (25 of 25 today)' });
    must(core.call('contact.void', { contactId: ids[9] ?? '', reason: 'Recorded twice' }));
    expect(rowOf(core, amara.id)).toMatchObject({ used: 24, cap: 25, remaining: 1, state: 'nearly_full' });

    const accepted = must(core.call('contact.record', { clinicianId: amara.id }));
    expect(accepted).toMatchObject({ overCap: false, overCapReason: null });
    expect(rowOf(core, amara.id)).toMatchObject({ used: 25, remaining: 0, state: 'full', urgentOverCap: 0 });
    expectRefusal(await core.invoke('contact.record', { clinicianId: amara.id }), { code: 'at_capacity', phrase: 'Dr Amara Okafor is full (25 of 25 today)' });
    expect(overCapIds(core, TODAY)).toEqual([]);
  });

  it('does the same in session mode: one of the morning’s 13 voided leaves 12 of 13, and the 13th is accepted', async () => {
    const { core, clock } = openCore('2026-11-23T09:00:00Z');
    must(core.call('settings.update', { capMode: 'session' }));
    const amara = addClinician(core, 'Dr Amara Okafor');
    const ids = recordSeries(core, clock, amara.id, 13, MINUTE);
    expectRefusal(await core.invoke('contact.record', { clinicianId: amara.id }), { code: 'at_capacity', phrase: 'Dr Amara Okafor is full (13 of 13 this morning)' });
    must(core.call('contact.void', { contactId: ids[0] ?? '', reason: 'Wrong clinician chosen' }));
    expect(rowOf(core, amara.id)).toMatchObject({ cap: 13, used: 12, remaining: 1 });
    must(core.call('contact.record', { clinicianId: amara.id }));
    expect(rowOf(core, amara.id)).toMatchObject({ cap: 13, used: 13, remaining: 0, state: 'full' });
  });
});

describe('voided admin work is not counted as “not counted” work either', () => {
  it('leaves a voided admin contact out of the board, the day report, the range report and the CSV files', async () => {
    const { core, clock } = openCore('2026-11-23T09:00:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor');
    const [firstAdmin] = recordSeries(core, clock, amara.id, 2, MINUTE, 'admin');
    recordSeries(core, clock, amara.id, 1, MINUTE, 'documents');
    recordSeries(core, clock, amara.id, 1, MINUTE, 'telephone');
    must(core.call('contact.void', { contactId: firstAdmin ?? '', reason: 'Recorded twice' }));
    // Left: 1 admin, 1 documents (not counted), 1 telephone (counted).
    expect(rowOf(core, amara.id)).toMatchObject({ used: 1, notCounted: 2 });
    expect(dayRow(core, TODAY, amara.id)).toMatchObject({ counted: 1, notCounted: 2, byType: { admin: 1, documents: 1, telephone: 1 } });
    expect(must(core.call('report.day', { day: TODAY })).totals).toMatchObject({ counted: 1, notCounted: 2 });
    expect(rangeRow(core, LAST_MONDAY, TODAY, amara.id)).toMatchObject({ counted: 1, notCounted: 2 });
    expect(must(core.call('report.range', { from: LAST_MONDAY, to: TODAY })).totals).toMatchObject({ counted: 1, notCounted: 2 });
    const [days] = await csvRows(core, 'clinician-days', TODAY, TODAY);
    expect(days).toMatchObject({ contacts_counted: '1', contacts_not_counted: '2' });
    const types = (await csvRows(core, 'clinician-day-types', TODAY, TODAY)).map((row) => [row.type_id, row.counts_toward_cap, row.contacts]);
    expect(types).toEqual([
      ['admin', 'false', '1'],
      ['documents', 'false', '1'],
      ['telephone', 'true', '1'],
    ]);
  });
});

describe('urgent over the cap means beyond the cap and with a reason', () => {
  it('counts a reason given with room to spare as a reason, not as urgent over the cap, in day mode: board, reports and CSV agree', async () => {
    const { core, clock } = openCore('2026-11-23T09:00:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor', 'gp_partner', { dailyCap: 4 });
    // 1st (09:00) with a reason while 4 were free; 2nd–4th routine; 5th (09:04) urgent, beyond the cap of 4.
    const cautious = must(core.call('contact.record', { clinicianId: amara.id, overCapReason: 'Sounded unwell on the phone' }));
    clock.advance(MINUTE);
    const routine = recordSeries(core, clock, amara.id, 3, MINUTE);
    clock.advance(MINUTE);
    const beyond = must(core.call('contact.record', { clinicianId: amara.id, overCapReason: 'Chest pain' }));

    expect(cautious).toMatchObject({ overCapReason: 'Sounded unwell on the phone', overCap: false });
    expect(beyond).toMatchObject({ overCapReason: 'Chest pain', overCap: true });
    expect(rowOf(core, amara.id)).toMatchObject({ used: 5, cap: 4, state: 'over_cap', urgentOverCap: 1 });
    expect(overCapIds(core, TODAY)).toEqual([beyond.id]);
    expect(dayRow(core, TODAY, amara.id)).toMatchObject({ counted: 5, cap: 4, urgentOverCap: 1, overCap: 1, fullAt: '2026-11-23T09:03:00.000Z' });
    expect(must(core.call('report.day', { day: TODAY })).totals).toMatchObject({ urgentOverCap: 1, overCap: 1 });
    expect(rangeRow(core, LAST_MONDAY, TODAY, amara.id)).toMatchObject({ counted: 5, urgentOverCap: 1 });
    expect(must(core.call('report.range', { from: LAST_MONDAY, to: TODAY })).totals.urgentOverCap).toBe(1);

    const contacts = Object.fromEntries((await csvRows(core, 'contacts', TODAY, TODAY)).map((row) => [row.contact_id ?? '', [row.over_cap, row.urgent_over_cap_reason]]));
    expect(contacts).toEqual({
      [cautious.id]: ['false', 'Sounded unwell on the phone'],
      [routine[0] ?? '']: ['false', ''],
      [routine[1] ?? '']: ['false', ''],
      [routine[2] ?? '']: ['false', ''],
      [beyond.id]: ['true', 'Chest pain'],
    });
    const [days] = await csvRows(core, 'clinician-days', TODAY, TODAY);
    expect(days).toMatchObject({ cap: '4', contacts_counted: '5', urgent_over_cap: '1', over_cap: '1' });
  });

  it('judges each contact against its own session in session mode: a reason with room in the afternoon is not urgent over the cap', async () => {
    const { core, clock } = openCore('2026-11-23T09:00:00Z');
    must(core.call('settings.update', { capMode: 'session' }));
    // 4 a day: 2 in the morning, 2 in the afternoon.
    const amara = addClinician(core, 'Dr Amara Okafor', 'gp_partner', { dailyCap: 4 });
    const morningReason = must(core.call('contact.record', { clinicianId: amara.id, overCapReason: 'Asked to be seen today' }));
    clock.advance(MINUTE);
    const second = must(core.call('contact.record', { clinicianId: amara.id }));
    clock.advance(MINUTE);
    const morningBeyond = must(core.call('contact.record', { clinicianId: amara.id, overCapReason: 'Child with a high fever' }));
    clock.set('2026-11-23T14:00:00Z');
    const afternoonReason = must(core.call('contact.record', { clinicianId: amara.id, overCapReason: 'Chest pain' }));

    expect(rowOf(core, amara.id)).toMatchObject({
      cap: 2,
      used: 1,
      dayUsed: 4,
      urgentOverCap: 1,
      bySession: { am: { cap: 2, used: 3, state: 'over_cap' }, pm: { cap: 2, used: 1, state: 'available' } },
    });
    expect(overCapIds(core, TODAY)).toEqual([morningBeyond.id]);
    expect(dayRow(core, TODAY, amara.id)).toMatchObject({ counted: 4, urgentOverCap: 1, overCap: 1 });
    expect(rangeRow(core, LAST_MONDAY, TODAY, amara.id)).toMatchObject({ urgentOverCap: 1 });
    expect(await csvOverCap(core, TODAY)).toEqual({ [morningReason.id]: 'false', [second.id]: 'false', [morningBeyond.id]: 'true', [afternoonReason.id]: 'false' });
  });
});

describe('a late entry takes its place in its day by when it happened', () => {
  /**
   * Monday 16 November: 25 telephone contacts six minutes apart, 08:36 to 11:00,
   * the 25th filling the day. Nothing is over the cap.
   */
  function fullMonday(capMode: 'day' | 'session') {
    const opened = openCore('2026-11-16T08:00:00Z');
    const { core, clock } = opened;
    if (capMode === 'session') must(core.call('settings.update', { capMode: 'session' }));
    const amara = addClinician(core, 'Dr Amara Okafor');
    clock.set('2026-11-16T08:36:00Z');
    return { ...opened, amara, ids: recordSeries(core, clock, amara.id, capMode === 'session' ? 13 : 25, capMode === 'session' ? 12 * MINUTE : 6 * MINUTE) };
  }

  it('pushes the 11:00 contact over the cap when a forgotten 09:03 contact is entered a week later; the list, report and CSV agree', async () => {
    const { core, clock, amara, ids } = fullMonday('day');
    expect(overCapIds(core, LAST_MONDAY)).toEqual([]);
    expect(dayRow(core, LAST_MONDAY, amara.id)).toMatchObject({ counted: 25, overCap: 0, fullAt: '2026-11-16T11:00:00.000Z', warnedAt: '2026-11-16T10:42:00.000Z' });
    const eleven = ids[24] ?? '';

    clock.set('2026-11-23T09:00:00Z');
    const late = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T09:03:00Z', lateReason: 'Tally sheet found' }));
    expect(late).toMatchObject({ practiceDay: LAST_MONDAY, occurredAt: '2026-11-16T09:03:00.000Z', lateReason: 'Tally sheet found', overCap: false });
    // Sixth in the day's order (after 08:36, 08:42, 08:48, 08:54, 09:00): the 11:00 contact is now the 26th.
    expect(overCapIds(core, LAST_MONDAY)).toEqual([eleven]);
    // The 25th is now the 10:54 contact, and the 22nd the 10:36 one.
    expect(dayRow(core, LAST_MONDAY, amara.id)).toMatchObject({ counted: 26, overCap: 1, urgentOverCap: 0, fullAt: '2026-11-16T10:54:00.000Z', warnedAt: '2026-11-16T10:36:00.000Z' });
    const csv = await csvOverCap(core, LAST_MONDAY);
    expect(Object.entries(csv).filter(([, over]) => over === 'true')).toEqual([[eleven, 'true']]);
    expect(csv[late.id]).toBe('false');
    const [days] = await csvRows(core, 'clinician-days', LAST_MONDAY, LAST_MONDAY);
    expect(days).toMatchObject({ contacts_counted: '26', over_cap: '1', urgent_over_cap: '0', cap_reached_at: '2026-11-16T10:54:00+00:00' });
  });

  it('changes nothing before it when the forgotten contact was at 17:00: it is the one over the cap', async () => {
    const { core, clock, amara } = fullMonday('day');
    clock.set('2026-11-23T09:00:00Z');
    // Never refused for capacity: it already happened.
    const late = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T17:00:00Z', lateReason: 'Found on the duty list' }));
    expect(late).toMatchObject({ overCap: true, overCapReason: null, lateReason: 'Found on the duty list' });
    expect(overCapIds(core, LAST_MONDAY)).toEqual([late.id]);
    expect(dayRow(core, LAST_MONDAY, amara.id)).toMatchObject({ counted: 26, overCap: 1, urgentOverCap: 0, fullAt: '2026-11-16T11:00:00.000Z', warnedAt: '2026-11-16T10:42:00.000Z' });
    const csv = await csvOverCap(core, LAST_MONDAY);
    expect(Object.entries(csv).filter(([, over]) => over === 'true')).toEqual([[late.id, 'true']]);
  });

  it('gives the time the cap was reached as when a late 25th contact happened, not when it was entered', async () => {
    const { core, clock, amara, ids } = fullMonday('day');
    must(core.call('contact.void', { contactId: ids[24] ?? '', reason: 'Recorded twice' }));
    // 24 left, 08:36 to 10:54. The forgotten one at 11:30 is the 25th.
    clock.set('2026-11-23T09:00:00Z');
    must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T11:30:00Z', lateReason: 'Tally sheet found' }));
    expect(dayRow(core, LAST_MONDAY, amara.id)).toMatchObject({ counted: 25, overCap: 0, fullAt: '2026-11-16T11:30:00.000Z', warnedAt: '2026-11-16T10:42:00.000Z' });
    const [days] = await csvRows(core, 'clinician-days', LAST_MONDAY, LAST_MONDAY);
    expect(days).toMatchObject({ contacts_counted: '25', cap_reached_at: '2026-11-16T11:30:00+00:00' });
  });

  it('does the same in session mode: a late 09:03 contact pushes the morning’s 11:00 one over, and a late 14:00 one changes nothing in the morning', async () => {
    // 13 morning contacts, 08:36 to 11:00, twelve minutes apart: the morning's cap of 13, full.
    const { core, clock, amara, ids } = fullMonday('session');
    expect(overCapIds(core, LAST_MONDAY)).toEqual([]);
    clock.set('2026-11-23T09:00:00Z');
    const afternoon = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T14:00:00Z', lateReason: 'Tally sheet found' }));
    expect(afternoon).toMatchObject({ session: 'pm', overCap: false });
    expect(overCapIds(core, LAST_MONDAY)).toEqual([]);
    const morning = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T09:03:00Z', lateReason: 'Tally sheet found' }));
    expect(morning).toMatchObject({ session: 'am', overCap: false });
    // Fourth in the morning (after 08:36, 08:48, 09:00): the 11:00 contact is the morning's 14th.
    expect(overCapIds(core, LAST_MONDAY)).toEqual([ids[12]]);
    expect(dayRow(core, LAST_MONDAY, amara.id)).toMatchObject({ counted: 15, overCap: 1, urgentOverCap: 0 });
    const csv = await csvOverCap(core, LAST_MONDAY);
    expect(Object.entries(csv).filter(([, over]) => over === 'true')).toEqual([[ids[12], 'true']]);
  });

  it('is judged against the cap as it stood when it happened, when the cap changed during that day', () => {
    const { core, clock } = openCore('2026-11-16T09:00:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor');
    // Six contacts from 09:00, then at noon the day's cap drops to 5 (a shortened day), then an urgent one at 12:30.
    recordSeries(core, clock, amara.id, 6, MINUTE);
    clock.set('2026-11-16T12:00:00Z');
    must(core.call('rota.setDay', { clinicianId: amara.id, day: LAST_MONDAY, override: { cap: 5 } }));
    clock.set('2026-11-16T12:30:00Z');
    const urgent = must(core.call('contact.record', { clinicianId: amara.id, overCapReason: 'Chest pain' }));
    expect(urgent.overCap).toBe(true);

    clock.set('2026-11-23T09:00:00Z');
    // At 09:30 the cap was 25: the 7th contact then is within it. At 12:45 it was 5: the 9th is over it.
    const morning = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T09:30:00Z', lateReason: 'Tally sheet found' }));
    const afternoon = must(core.call('contact.record', { clinicianId: amara.id, occurredAt: '2026-11-16T12:45:00Z', lateReason: 'Tally sheet found' }));
    expect(morning.overCap).toBe(false);
    expect(afternoon.overCap).toBe(true);
    expect(overCapIds(core, LAST_MONDAY)).toEqual([urgent.id, afternoon.id].sort());
    expect(dayRow(core, LAST_MONDAY, amara.id)).toMatchObject({ counted: 9, cap: 5, overCap: 2, urgentOverCap: 1 });
    expect(rangeRow(core, LAST_MONDAY, LAST_MONDAY, amara.id)).toMatchObject({ counted: 9, urgentOverCap: 1 });
  });
});
