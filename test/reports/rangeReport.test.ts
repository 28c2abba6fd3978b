import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeReport } from '../../shared/reports.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, closeCore, openCore, type OpenedCore } from '../api/apiHarness.ts';
import {
  counts,
  expectedRedirections,
  hourOf,
  liveContacts,
  liveDeferrals,
  liveRedirections,
  NAMES,
  oneDecimal,
  ROLES,
  ROTA,
  SERVICES,
  seedWeek,
  TODAY,
  WEEK,
  WHO,
  type Week,
  type Who,
} from './week.ts';

/**
 * report.range over the seeded week, with every figure worked out from the
 * week's record and the hand-written rota table. The week ends on Sunday 25
 * October 2026, when the clocks go back, and every redirection's hour is its
 * London hour (BST until 02:00 that Sunday).
 */

let opened: OpenedCore;
let week: Week;

beforeAll(() => {
  opened = openCore('2026-10-19T06:00:00Z');
  must(opened.core.call('settings.update', { practiceName: 'Our practice' }));
  week = seedWeek(opened.core, opened.clock);
});
afterAll(closeAllCores);

const range = (from: string, to: string): RangeReport => must(opened.core.call('report.range', { from, to }));

/** A clinician's week from the record: days and sessions on the rota up to today, contacts, averages. */
function expectedClinician(who: Who, days: readonly string[]) {
  const worked = days.filter((day) => day <= TODAY && ROTA[day]?.[who] !== undefined);
  const sessions = worked.reduce((sum, day) => sum + (ROTA[day]?.[who]?.am ? 1 : 0) + (ROTA[day]?.[who]?.pm ? 1 : 0), 0);
  const live = liveContacts(week, days, who);
  const counted = live.filter(counts).length;
  const countedOnDaysWorked = liveContacts(week, worked, who).filter(counts).length;
  const atOrOver = worked.filter((day) => {
    const plan = ROTA[day]?.[who];
    return plan !== undefined && plan.capped && plan.cap > 0 && liveContacts(week, [day], who).filter(counts).length >= plan.cap;
  }).length;
  return {
    clinicianId: week.ids[who],
    name: NAMES[who],
    role: ROLES[who],
    daysWorked: worked.length,
    sessionsWorked: sessions,
    daysAtOrOverCap: atOrOver,
    counted,
    countedOnDaysOff: counted - countedOnDaysWorked,
    notCounted: live.length - counted,
    averagePerDay: worked.length > 0 ? oneDecimal(countedOnDaysWorked / worked.length) : null,
    averagePerSession: sessions > 0 ? oneDecimal(countedOnDaysWorked / sessions) : null,
    urgentOverCap: live.filter((contact) => counts(contact) && contact.overCapReason !== undefined).length,
  };
}

const byClinicianId = <T extends { clinicianId: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.clinicianId.localeCompare(b.clinicianId));
const byDestinationId = <T extends { destinationId: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.destinationId.localeCompare(b.destinationId));

describe('report.range for the week of 19 October 2026', () => {
  it('gives each clinician’s days and sessions worked, days at or over the cap, contacts and averages', () => {
    expect(byClinicianId(range(WEEK[0], WEEK[6]).clinicians)).toEqual(byClinicianId(WHO.map((who) => expectedClinician(who, WEEK))));
  });

  it('matches the figures worked out by hand, averages rounded to one decimal place', () => {
    const rows = new Map(range(WEEK[0], WEEK[6]).clinicians.map((row) => [row.clinicianId, row]));
    // Amara: 26 + 10 + 12 + 7 = 55 over 4 days (absent Wednesday), 8 sessions: 13.75 → 13.8 and 6.875 → 6.9.
    expect(rows.get(week.ids.amara)).toMatchObject({ daysWorked: 4, sessionsWorked: 8, daysAtOrOverCap: 1, counted: 55, notCounted: 4, averagePerDay: 13.8, averagePerSession: 6.9, urgentOverCap: 1 });
    // Ben: 19 + 17 + 12 + 6 + 9 = 63 over 5 days, 9 sessions (Friday mornings only): 12.6 and 7.
    expect(rows.get(week.ids.ben)).toMatchObject({ daysWorked: 5, sessionsWorked: 9, daysAtOrOverCap: 1, counted: 63, averagePerDay: 12.6, averagePerSession: 7, urgentOverCap: 2 });
    // Cleo is not capped, so never at the cap: 42 over 5 days, 9 sessions (Thursday morning only): 8.4 and 4.7.
    expect(rows.get(week.ids.cleo)).toMatchObject({ daysWorked: 5, sessionsWorked: 9, daysAtOrOverCap: 0, counted: 42, averagePerDay: 8.4, averagePerSession: 4.7 });
    // Dev: Wednesday, Thursday and the extra Sunday: 13 + 4 + 5 = 22 over 3 days, 6 sessions: 7.3 and 3.7.
    expect(rows.get(week.ids.dev)).toMatchObject({ daysWorked: 3, sessionsWorked: 6, daysAtOrOverCap: 1, counted: 22, averagePerDay: 7.3, averagePerSession: 3.7 });
    expect(rows.get(week.ids.eve)).toMatchObject({ daysWorked: 1, sessionsWorked: 1, counted: 2, averagePerDay: 2, averagePerSession: 2 });
  });

  it('adds up the week: contacts, urgent ones, redirections per 100 counted contacts, deferrals', () => {
    const live = liveContacts(week, WEEK);
    const counted = live.filter(counts).length;
    const standing = liveRedirections(week, WEEK);
    const redirections = standing.length;
    // 999 is an emergency escalation, not a diversion: it is left out of the rate.
    const diversions = standing.filter((record) => record.destinationKind !== 'emergency_999').length;
    const everyone = WHO.map((who) => expectedClinician(who, WEEK));
    const daysWorked = everyone.reduce((sum, row) => sum + row.daysWorked, 0);
    const sessionsWorked = everyone.reduce((sum, row) => sum + row.sessionsWorked, 0);
    const report = range(WEEK[0], WEEK[6]);
    expect(report).toMatchObject({ from: WEEK[0], to: WEEK[6], days: 7, practiceName: 'Our practice' });
    expect(report.totals).toEqual({
      counted,
      // Nobody saw a patient on a day off this week.
      countedOnDaysOff: 0,
      notCounted: live.length - counted,
      urgentOverCap: live.filter((contact) => counts(contact) && contact.overCapReason !== undefined).length,
      redirections,
      deferrals: liveDeferrals(week, WEEK).length,
      redirectionsPer100Contacts: oneDecimal((diversions / counted) * 100),
      daysWorked,
      sessionsWorked,
      daysAtOrOverCap: everyone.reduce((sum, row) => sum + row.daysAtOrOverCap, 0),
      averagePerDay: oneDecimal(counted / daysWorked),
      averagePerSession: oneDecimal(counted / sessionsWorked),
    });
    // By hand: 184 counted, 21 redirections standing (23 recorded, 2 voided), 3 of them 999: 18 / 184 = 9.78 → 9.8.
    expect(report.totals).toMatchObject({ counted: 184, notCounted: 10, urgentOverCap: 4, redirections: 21, deferrals: 5, redirectionsPer100Contacts: 9.8 });
    // Days worked 4 + 5 + 5 + 3 + 1 = 18: 184 / 18 = 10.22 → 10.2 a clinician-day.
    expect(report.totals).toMatchObject({ daysWorked: 18, averagePerDay: 10.2 });
    // Sessions 8 + 9 + 9 + 6 + 1 = 33: 184 / 33 = 5.58 → 5.6 a session.
    expect(report.totals).toMatchObject({ sessionsWorked: 33, averagePerSession: 5.6 });
  });

  it('summarises the week’s redirections and deferrals, voided ones left out', () => {
    const report = range(WEEK[0], WEEK[6]);
    const expected = expectedRedirections(liveRedirections(week, WEEK));
    expect({ ...report.redirections, byDestination: byDestinationId(report.redirections.byDestination) }).toEqual({
      ...expected,
      byDestination: byDestinationId(expected.byDestination),
    });
    expect(report.redirections).toMatchObject({ total: 21, emergencies: 3, nhs111: { total: 6, icbInformed: 4 }, pharmacyFirst: { referred: 2, signposted: 3 } });
    expect(report.deferrals).toEqual({ total: 5, laterDate: 3, waitingList: 2 });
  });

  it('counts redirections by London hour: BST in the week, both 01:30s of the clock-change night in hour 1', () => {
    const expected = Array.from({ length: 24 }, () => 0);
    for (const record of liveRedirections(week, WEEK)) expected[hourOf(record.at)] = (expected[hourOf(record.at)] ?? 0) + 1;
    const report = range(WEEK[0], WEEK[6]);
    expect(report.redirectionsByHour).toEqual(expected);
    // By hand. In UTC, Monday's 12:15 and 12:40 BST would be hour 11, and Sunday's 00:30 BST hour 23.
    expect(report.redirectionsByHour).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 2, 2, 4, 3, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1]);
  });

  it('gives each day’s figures: contacts, redirections by kind, and each clinician’s count against the cap', () => {
    const report = range(WEEK[0], WEEK[6]);
    expect(report.daily.map((day) => day.day)).toEqual([...WEEK]);
    for (const day of report.daily) {
      const redirections = liveRedirections(week, [day.day]);
      const byKind: Record<string, number> = {};
      for (const record of redirections) byKind[record.destinationKind] = (byKind[record.destinationKind] ?? 0) + 1;
      const byClinician: Record<string, { counted: number; cap: number; working: boolean; capped: boolean }> = {};
      for (const who of WHO) {
        const plan = ROTA[day.day]?.[who];
        if (plan) byClinician[week.ids[who]] = { counted: liveContacts(week, [day.day], who).filter(counts).length, cap: plan.cap, working: plan.am || plan.pm, capped: plan.capped };
      }
      expect(day, day.day).toEqual({
        day: day.day,
        counted: liveContacts(week, [day.day]).filter(counts).length,
        redirections: redirections.length,
        byClinician,
        redirectionsByKind: byKind,
      });
    }
    expect(report.daily.map((day) => day.counted)).toEqual([59, 35, 34, 30, 21, 0, 5]);
  });

  it('counts the days after today (the clock stands on Monday 26 October) as not worked', () => {
    const twoWeeks = range('2026-10-19', '2026-11-01');
    const rows = new Map(twoWeeks.clinicians.map((row) => [row.clinicianId, row]));
    // Today counts: Amara, Ben and Cleo work Mondays. Tuesday 27 October onwards has not happened.
    expect(rows.get(week.ids.amara)).toMatchObject({ daysWorked: 5, sessionsWorked: 10, counted: 57, averagePerDay: 11.4 });
    expect(rows.get(week.ids.ben)).toMatchObject({ daysWorked: 6, sessionsWorked: 11 });
    expect(rows.get(week.ids.dev)).toMatchObject({ daysWorked: 3, sessionsWorked: 6 });
    expect(rows.get(week.ids.eve)).toMatchObject({ daysWorked: 1, sessionsWorked: 1 });
    for (const day of twoWeeks.daily.filter((candidate) => candidate.day > TODAY)) {
      expect(day, day.day).toEqual({ day: day.day, counted: 0, redirections: 0, byClinician: {}, redirectionsByKind: {} });
    }
    expect(twoWeeks.days).toBe(14);
  });

  it('covers a single day the same as report.day does', () => {
    const single = range('2026-10-20', '2026-10-20');
    const day = must(opened.core.call('report.day', { day: '2026-10-20' }));
    expect(single.totals.counted).toBe(day.totals.counted);
    expect(single.totals.counted).toBe(35);
    expect(single.redirections).toEqual(day.redirections);
  });
});

describe('a range over the 25 October 2026 clock change', () => {
  it('puts late-evening and small-hours records on the right practice day and London hour', () => {
    const report = range('2026-10-24', '2026-10-26');
    // 00:40 BST on the 25th (23:40 UTC on the 24th) and 23:30 GMT on the 25th both belong to Sunday.
    expect(report.daily.map((day) => [day.day, day.counted, day.redirections])).toEqual([
      ['2026-10-24', 0, 2],
      ['2026-10-25', 5, 4],
      ['2026-10-26', 2, 0],
    ]);
    const hours = report.redirectionsByHour;
    // Saturday 11:00 and 22:50 BST; Sunday 00:30 BST, 01:30 BST, 01:30 GMT and 23:45 GMT.
    expect(hours.flatMap((count, hour) => (count > 0 ? [[hour, count]] : []))).toEqual([
      [0, 1],
      [1, 2],
      [11, 1],
      [22, 1],
      [23, 1],
    ]);
    expect(report.daily[1]?.redirectionsByKind).toEqual({ emergency_999: 1, nhs_111: 1, urgent_treatment_centre: 1, self_care: 1 });
  });

  it('lists the clock-change night’s contacts on Sunday with the times entered', () => {
    const sunday = must(opened.core.call('contact.listForDay', { day: '2026-10-25', clinicianId: week.ids.dev }));
    expect(sunday.map((contact) => contact.occurredAt)).toEqual([
      '2026-10-25T23:30:00.000Z',
      '2026-10-25T10:40:00.000Z',
      '2026-10-25T10:20:00.000Z',
      '2026-10-25T10:00:00.000Z',
      '2026-10-24T23:40:00.000Z',
    ]);
    expect(sunday.map((contact) => contact.session)).toEqual(['pm', 'am', 'am', 'am', 'am']);
  });
});

describe('a range over the 29 March 2026 clock change', () => {
  let spring: OpenedCore;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    spring = openCore('2026-03-28T20:00:00Z');
    const { core, clock } = spring;
    ids.ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    // Calls at 23:30: this practice's sessions run until 23:59.
    must(core.call('settings.update', { dayEnd: '23:59' }));
    for (const day of ['2026-03-28', '2026-03-29']) must(core.call('rota.setDay', { clinicianId: ids.ada, day, override: { am: true, pm: true } }));
    const contact = (at: string) => {
      clock.set(at);
      must(core.call('contact.record', { clinicianId: ids.ada ?? '', typeId: 'telephone' }));
    };
    const redirect = (at: string) => {
      clock.set(at);
      must(core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true }));
    };
    // Saturday 28 March, GMT.
    contact('2026-03-28T23:30:00+00:00');
    // Sunday 29 March: GMT until 01:00, then BST (01:00–01:59 never happens).
    contact('2026-03-29T00:30:00+00:00');
    redirect('2026-03-29T00:59:00+00:00');
    redirect('2026-03-29T03:00:00+01:00');
    contact('2026-03-29T23:30:00+01:00');
    // 23:15 UTC on the 29th is 00:15 BST on Monday 30 March.
    contact('2026-03-30T00:15:00+01:00');
    redirect('2026-03-30T00:20:00+01:00');
    clock.set('2026-03-30T09:00:00+01:00');
  });
  afterAll(() => closeCore(spring));

  it('puts 23:15 UTC on 29 March on Monday 30 March, hour 0, and the Sunday’s records on Sunday', () => {
    const report = must(spring.core.call('report.range', { from: '2026-03-28', to: '2026-03-30' }));
    expect(report.daily.map((day) => [day.day, day.counted, day.redirections])).toEqual([
      ['2026-03-28', 1, 0],
      ['2026-03-29', 2, 2],
      ['2026-03-30', 1, 1],
    ]);
    expect(report.redirectionsByHour.flatMap((count, hour) => (count > 0 ? [[hour, count]] : []))).toEqual([
      [0, 2],
      [3, 1],
    ]);
    expect(report.clinicians).toEqual([expect.objectContaining({ clinicianId: ids.ada, daysWorked: 3, sessionsWorked: 6, counted: 4 }) as unknown]);
  });

  it('gives Monday 30 March the contact entered just after local midnight, and Sunday the one just before', () => {
    expect(must(spring.core.call('report.day', { day: '2026-03-30' })).totals.counted).toBe(1);
    expect(must(spring.core.call('contact.listForDay', { day: '2026-03-29' })).map((contact) => contact.occurredAt)).toEqual([
      '2026-03-29T22:30:00.000Z',
      '2026-03-29T00:30:00.000Z',
    ]);
  });
});
