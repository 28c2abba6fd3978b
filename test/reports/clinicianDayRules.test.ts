import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import type { ClinicianRangeReport } from '../../shared/reports.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, closeCore, openCore, type OpenedCore } from '../api/apiHarness.ts';
import { csvRows } from '../api/deskSafetyHarness.ts';

/**
 * The rules every report takes its clinician-day figures from, pinned on a
 * small practice whose every figure is worked out by hand below. November
 * 2026: London is on GMT, so the times are London times.
 *
 * Set-up: Dr Ada Lowe (GP partner, cap 4) and Dr Ben Shah (salaried GP, cap 4,
 * absent on Tuesday) work Monday and Tuesday; Nurse Cleo Diaz (practice nurse:
 * counted, not capped) too; Dr Dev Rao (locum) is on no rota this week. The
 * warning level is 50%: nearly full at 2 of 4.
 *
 * Monday 16 November
 * - Ada: calls at 09:00, 09:10, 09:20; at 09:40 a call that happened at 08:50
 *   is entered (earlier today). By when they happened: 08:50, 09:00, 09:10,
 *   09:20, so nearly full (the 2nd) at 09:00 and full (the 4th) at 09:20 —
 *   not 09:10 and 09:40, the times of entry. At 10:00 an urgent face-to-face
 *   ("Chest pain"): the 5th, over the cap. At 10:10 admin work with a reason
 *   given: does not count, so never over the cap. On Wednesday a late entry for
 *   a 17:00 call: the 6th, over the cap with no reason (a late entry is never
 *   refused). Counted 6 of 4 (150%), not counted 1, over the cap 2, urgent 1.
 * - Ben: a call at 09:00, and at 09:30 a call given an urgent reason by a
 *   cautious receptionist while he had room: counted 2, over the cap 0, urgent 0.
 * - Cleo: 5 calls, 09:00–09:40. Not capped.
 * - Dev: not on the rota; an urgent call at 11:00 ("Came in to help"). A day
 *   off has a cap of 0: counted 1, over the cap 1, urgent 1, not working.
 * - The practice: counted 6 + 2 + 5 + 1 = 14; cap 4 + 4 = 8 (Ada and Ben);
 *   their contacts 6 + 2 = 8 (100%); the rest 5 + 1 = 6 (Cleo, and Dev's day off).
 *
 * Tuesday 17 November
 * - Ada: calls at 09:00 and 09:10: counted 2 of 4.
 * - Ben: absent; an urgent call at 10:00 ("Palliative patient"): a day off,
 *   cap 0, counted 1, urgent 1.
 * - Cleo: 3 calls.
 * - Deferrals: a later date at 11:00, another at 11:05 voided at 11:10, the
 *   waiting list at 11:20: 2 standing, 1 for a later date.
 * - The practice: counted 2 + 1 + 3 = 6; cap 4 (Ada alone: Ben is absent);
 *   under it 2 (50%); the rest 1 + 3 = 4.
 */

let opened: OpenedCore;
let core: Core;
const ids = { ada: '', ben: '', cleo: '', dev: '' };
const contactIds: Record<string, string> = {};

const MONDAY = '2026-11-16';
const TUESDAY = '2026-11-17';
const NONE = { am: false, pm: false };

beforeAll(() => {
  opened = openCore('2026-11-16T07:00:00Z');
  core = opened.core;
  const { clock } = opened;
  must(core.call('settings.update', { warningPercent: 50 }));
  ids.ada = must(core.call('clinician.create', { name: 'Dr Ada Lowe', role: 'gp_partner', dailyCap: 4 })).id;
  ids.ben = must(core.call('clinician.create', { name: 'Dr Ben Shah', role: 'salaried_gp', dailyCap: 4 })).id;
  ids.cleo = must(core.call('clinician.create', { name: 'Nurse Cleo Diaz', role: 'practice_nurse' })).id;
  ids.dev = must(core.call('clinician.create', { name: 'Dr Dev Rao', role: 'locum_gp' })).id;
  must(core.call('rota.setPattern', { clinicianId: ids.dev, pattern: { mon: NONE, tue: NONE, wed: NONE, thu: NONE, fri: NONE, sat: NONE, sun: NONE } }));
  must(core.call('rota.setDay', { clinicianId: ids.ben, day: TUESDAY, override: { absent: true } }));

  const record = (at: string, who: keyof typeof ids, extra: { typeId?: string; overCapReason?: string; occurredAt?: string; lateReason?: string } = {}, label?: string) => {
    clock.set(at);
    const contact = must(core.call('contact.record', { clinicianId: ids[who], typeId: 'telephone', ...extra }));
    if (label) contactIds[label] = contact.id;
  };

  // Monday.
  for (const time of ['09:00', '09:10', '09:20']) record(`${MONDAY}T${time}:00Z`, 'ada');
  record(`${MONDAY}T09:40:00Z`, 'ada', { occurredAt: `${MONDAY}T08:50:00Z` }, 'ada-entered-later');
  record(`${MONDAY}T10:00:00Z`, 'ada', { typeId: 'face_to_face', overCapReason: 'Chest pain' }, 'ada-urgent');
  record(`${MONDAY}T10:10:00Z`, 'ada', { typeId: 'admin', overCapReason: 'Asked to fit in' }, 'ada-admin');
  record(`${MONDAY}T09:00:00Z`, 'ben', {}, 'ben-first');
  record(`${MONDAY}T09:30:00Z`, 'ben', { overCapReason: 'Sounded unwell' }, 'ben-cautious');
  for (const time of ['09:00', '09:10', '09:20', '09:30', '09:40']) record(`${MONDAY}T${time}:00Z`, 'cleo');
  record(`${MONDAY}T11:00:00Z`, 'dev', { overCapReason: 'Came in to help' }, 'dev-day-off');

  // Tuesday.
  record(`${TUESDAY}T09:00:00Z`, 'ada');
  record(`${TUESDAY}T09:10:00Z`, 'ada');
  record(`${TUESDAY}T10:00:00Z`, 'ben', { overCapReason: 'Palliative patient' }, 'ben-absent');
  for (const time of ['09:00', '09:10', '09:20']) record(`${TUESDAY}T${time}:00Z`, 'cleo');
  clock.set(`${TUESDAY}T11:00:00Z`);
  must(core.call('deferral.record', { kind: 'later_date', patientTold: true, untilDay: '2026-11-24' }));
  clock.set(`${TUESDAY}T11:05:00Z`);
  const voided = must(core.call('deferral.record', { kind: 'later_date', patientTold: true, untilDay: '2026-11-25' })).id;
  clock.set(`${TUESDAY}T11:10:00Z`);
  must(core.call('deferral.void', { deferralId: voided, reason: 'Booked twice' }));
  clock.set(`${TUESDAY}T11:20:00Z`);
  must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true }));

  // Wednesday: the late entry for Monday 17:00.
  record('2026-11-18T09:00:00Z', 'ada', { occurredAt: `${MONDAY}T17:00:00Z`, lateReason: 'Tally sheet found' }, 'ada-late');
});
afterAll(closeAllCores);

const dayRow = (day: string, who: keyof typeof ids) => must(core.call('report.day', { day })).clinicians.find((row) => row.clinicianId === ids[who]);
const rangeRows = () => new Map(must(core.call('report.range', { from: MONDAY, to: TUESDAY })).clinicians.map((row) => [row.clinicianId, row]));

describe('a clinician’s day: the one rule behind every report', () => {
  it('gives Monday’s rows as worked out by hand', () => {
    expect(dayRow(MONDAY, 'ada')).toMatchObject({ working: true, capped: true, cap: 4, counted: 6, notCounted: 1, percentOfCap: 150, overCap: 2, urgentOverCap: 1 });
    expect(dayRow(MONDAY, 'ben')).toMatchObject({ working: true, capped: true, cap: 4, counted: 2, overCap: 0, urgentOverCap: 0, percentOfCap: 50 });
    expect(dayRow(MONDAY, 'cleo')).toMatchObject({ working: true, capped: false, counted: 5, percentOfCap: null, overCap: 0 });
    expect(dayRow(MONDAY, 'dev')).toMatchObject({ working: false, sessions: NONE, cap: 0, counted: 1, overCap: 1, urgentOverCap: 1 });
  });

  it('never counts work that does not count toward the cap as urgent over the cap, whatever reason was given', () => {
    // Ada's admin at 10:10 came after she was over the cap, with a reason: still only the 10:00 face-to-face is urgent over the cap.
    expect(dayRow(MONDAY, 'ada')).toMatchObject({ notCounted: 1, urgentOverCap: 1 });
    expect(rangeRows().get(ids.ada)).toMatchObject({ notCounted: 1, urgentOverCap: 1 });
    const listed = must(core.call('contact.listForDay', { day: MONDAY, clinicianId: ids.ada }));
    expect(listed.find((contact) => contact.id === contactIds['ada-admin'])).toMatchObject({ counts: false, overCapReason: 'Asked to fit in', overCap: false });
  });

  it('gives nearly full and full by when the contacts happened, not when they were entered', () => {
    expect(dayRow(MONDAY, 'ada')).toMatchObject({ warnedAt: '2026-11-16T09:00:00.000Z', fullAt: '2026-11-16T09:20:00.000Z' });
    // Tuesday: 2 of 4 is nearly full at 50%, at the second call (09:10); never full.
    expect(dayRow(TUESDAY, 'ada')).toMatchObject({ warnedAt: '2026-11-17T09:10:00.000Z', fullAt: null });
  });

  it('adds up each day with the capped clinicians apart from the rest: the cap covers only them', () => {
    expect(must(core.call('report.day', { day: MONDAY })).totals).toMatchObject({
      counted: 14,
      cap: 8,
      cappedCounted: 8,
      uncappedCounted: 6,
      percentOfCap: 100,
      cliniciansWorking: 3,
      atOrOverCap: 1,
      overCap: 3,
      urgentOverCap: 2,
      lateEntries: 1,
    });
    expect(must(core.call('report.day', { day: TUESDAY })).totals).toMatchObject({ counted: 6, cap: 4, cappedCounted: 2, uncappedCounted: 4, percentOfCap: 50, cliniciansWorking: 2 });
  });
});

describe('a day off with contacts, in the range summary', () => {
  it('counts the contacts but never the day: no day or session worked, and the averages leave those contacts out', () => {
    const rows = rangeRows();
    const expected: Record<keyof typeof ids, Partial<ClinicianRangeReport>> = {
      // 6 + 2 = 8 over 2 days and 4 sessions.
      ada: { daysWorked: 2, sessionsWorked: 4, counted: 8, countedOnDaysOff: 0, daysAtOrOverCap: 1, averagePerDay: 4, averagePerSession: 2, urgentOverCap: 1 },
      // Monday worked (2 contacts); Tuesday absent with 1: 3 counted, 1 day, 2 sessions, 2 a day.
      ben: { daysWorked: 1, sessionsWorked: 2, counted: 3, countedOnDaysOff: 1, daysAtOrOverCap: 0, averagePerDay: 2, averagePerSession: 1, urgentOverCap: 1 },
      cleo: { daysWorked: 2, sessionsWorked: 4, counted: 8, countedOnDaysOff: 0, daysAtOrOverCap: 0, averagePerDay: 4, averagePerSession: 2, urgentOverCap: 0 },
      // On no rota all week: 1 contact, no day worked, no average.
      dev: { daysWorked: 0, sessionsWorked: 0, counted: 1, countedOnDaysOff: 1, daysAtOrOverCap: 0, averagePerDay: null, averagePerSession: null, urgentOverCap: 1 },
    };
    for (const who of Object.keys(ids) as (keyof typeof ids)[]) expect(rows.get(ids[who]), who).toMatchObject(expected[who]);
  });

  it('adds up the practice the same way: 20 counted, 2 of them on days off; 18 over 5 days and 10 sessions', () => {
    expect(must(core.call('report.range', { from: MONDAY, to: TUESDAY })).totals).toMatchObject({
      counted: 20,
      countedOnDaysOff: 2,
      notCounted: 1,
      urgentOverCap: 3,
      daysWorked: 5,
      sessionsWorked: 10,
      daysAtOrOverCap: 1,
      averagePerDay: 3.6,
      averagePerSession: 1.8,
    });
  });

  it('shows the day off on the day’s chart figures as not worked, with its contacts', () => {
    const tuesday = must(core.call('report.range', { from: TUESDAY, to: TUESDAY })).daily[0];
    expect(tuesday?.byClinician[ids.ben]).toEqual({ counted: 1, cap: 0, working: false, capped: true });
    expect(tuesday?.counted).toBe(6);
  });
});

describe('deferrals voided', () => {
  it('are left out of "later date": one standing of the two recorded on Tuesday', () => {
    expect(must(core.call('report.day', { day: TUESDAY })).deferrals).toEqual({ total: 2, laterDate: 1, waitingList: 1 });
    expect(must(core.call('report.range', { from: MONDAY, to: TUESDAY })).deferrals).toEqual({ total: 2, laterDate: 1, waitingList: 1 });
  });
});

describe('the exports', () => {
  it('mark over_cap for contacts beyond the cap, not for an urgent reason: a late entry over it has none, a cautious reason with room is not over', async () => {
    const rows = new Map((await csvRows(core, 'contacts', MONDAY, MONDAY)).map((row) => [row.contact_id ?? '', row]));
    const cells = (label: string) => {
      const row = rows.get(contactIds[label] ?? '');
      return [row?.over_cap, row?.urgent_over_cap_reason];
    };
    expect(cells('ada-urgent')).toEqual(['true', 'Chest pain']);
    expect(cells('ada-late')).toEqual(['true', '']);
    expect(cells('ben-cautious')).toEqual(['false', 'Sounded unwell']);
    expect(cells('ada-admin')).toEqual(['false', 'Asked to fit in']);
    expect(cells('dev-day-off')).toEqual(['true', 'Came in to help']);
    // Entered at 09:40 for 08:50: the 4th of Ada's day by entry, within the cap.
    expect(cells('ada-entered-later')).toEqual(['false', '']);
    expect([...rows.values()].filter((row) => row.over_cap === 'true')).toHaveLength(3);
  });

  it('leave the cap empty for a clinician who is not capped, and give the times the cap was reached by when contacts happened', async () => {
    const rows = new Map((await csvRows(core, 'clinician-days', MONDAY, MONDAY)).map((row) => [row.clinician_id ?? '', row]));
    expect(rows.get(ids.cleo)).toMatchObject({ capped: 'false', cap: '', percent_of_cap: '', contacts_counted: '5' });
    expect(rows.get(ids.ada)).toMatchObject({ capped: 'true', cap: '4', warning_reached_at: '2026-11-16T09:00:00+00:00', cap_reached_at: '2026-11-16T09:20:00+00:00', over_cap: '2', urgent_over_cap: '1' });
    expect(rows.get(ids.dev)).toMatchObject({ working: 'false', capped: 'true', cap: '0', contacts_counted: '1', over_cap: '1', urgent_over_cap: '1' });
  });
});

describe('the workbook’s Summary sheet', () => {
  it('fills in the All clinicians line: days and sessions worked, days at the cap, averages, days off, redirections and deferrals', async () => {
    const file = must(await core.call('export.build', { format: 'xlsx', from: MONDAY, to: TUESDAY }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const summary = book.getWorksheet('Summary');
    const last = (summary?.getRow(summary.rowCount).values as unknown[] | undefined)?.slice(1);
    // 5 days, 10 sessions, 1 at the cap (Ada Monday); 20 counted, 1 not; 18 / 5 = 3.6 and 18 / 10 = 1.8; 3 urgent; 2 on days off;
    // no redirections, so 0 per 100 contacts and none to 111; 2 deferrals standing, 1 for a later date, 1 on the waiting list.
    expect(last).toEqual(['All clinicians', undefined, 5, 10, 1, 20, 1, 3.6, 1.8, 3, 2, 0, 0, 0, 0, 2, 1, 1]);
  });
});

describe('the board', () => {
  it('says full since when the contact that filled the cap happened', () => {
    const local = openCore('2026-11-23T09:00:00Z');
    try {
      const id = must(local.core.call('clinician.create', { name: 'Dr Ada Lowe', role: 'gp_partner', dailyCap: 2 })).id;
      must(local.core.call('contact.record', { clinicianId: id, typeId: 'telephone' }));
      local.clock.set('2026-11-23T09:30:00Z');
      // Entered at 09:30 for a call at 09:10: the second call, and the cap of 2 was reached at 09:10.
      must(local.core.call('contact.record', { clinicianId: id, typeId: 'telephone', occurredAt: '2026-11-23T09:10:00Z' }));
      expect(must(local.core.call('board.today', {})).rows.find((row) => row.clinicianId === id)).toMatchObject({ used: 2, state: 'full', fullAt: '2026-11-23T09:10:00.000Z' });
    } finally {
      closeCore(local);
    }
  });
});

describe('the GPAS figure', () => {
  it('says "so far" while its Monday is not over, and not once it is', () => {
    const local = openCore('2026-11-23T09:00:00Z');
    try {
      const id = must(local.core.call('clinician.create', { name: 'Dr Ada Lowe', role: 'gp_partner' })).id;
      must(local.core.call('contact.record', { clinicianId: id, typeId: 'telephone' }));
      // Monday 23 November is today; the 16th is over; the 30th is still to come.
      expect(must(local.core.call('report.gpas', { monday: '2026-11-23' }))).toMatchObject({ totalContacts: 1, soFar: true });
      expect(must(local.core.call('report.gpas', { monday: '2026-11-16' }))).toMatchObject({ totalContacts: 0, soFar: false });
      expect(must(local.core.call('report.gpas', { monday: '2026-11-30' }))).toMatchObject({ totalContacts: 0, soFar: true });
      // Just after midnight, Tuesday: Monday is over.
      local.clock.set('2026-11-24T00:00:01Z');
      expect(must(local.core.call('report.gpas', { monday: '2026-11-23' }))).toMatchObject({ totalContacts: 1, soFar: false });
    } finally {
      closeCore(local);
    }
  });
});
