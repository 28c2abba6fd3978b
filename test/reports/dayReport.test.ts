import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicianDayReport, DayReport } from '../../shared/reports.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, closeCore, openCore, snapshot, type OpenedCore } from '../api/apiHarness.ts';
import {
  COUNTED_TYPES,
  counts,
  expectedRedirections,
  liveContacts,
  liveDeferrals,
  liveRedirections,
  NAMES,
  oneDecimal,
  ROLES,
  ROTA,
  SERVICES,
  seedWeek,
  tally,
  TODAY,
  WEEK,
  WHO,
  type Week,
  type Who,
} from './week.ts';

/**
 * report.day over the seeded week (Monday 19 – Sunday 25 October 2026, and
 * today, Monday 26 October). Every expected figure comes from the week's own
 * record of what was sent and the hand-written rota table, never from the core.
 */

let opened: OpenedCore;
let week: Week;

beforeAll(() => {
  opened = openCore('2026-10-19T06:00:00Z');
  week = seedWeek(opened.core, opened.clock);
});
afterAll(closeAllCores);

const dayReport = (day: string): DayReport => must(opened.core.call('report.day', { day }));

/** The clinicians a day's report must list: those on the rota that day, and anyone who saw a patient. */
function expectedWho(day: string): Who[] {
  return WHO.filter((who) => ROTA[day]?.[who] !== undefined || liveContacts(week, [day], who).length > 0);
}

function expectedRow(day: string, who: Who): Omit<ClinicianDayReport, 'warnedAt' | 'fullAt'> {
  const rota = ROTA[day]?.[who];
  if (!rota) throw new Error(`${who} is not on the rota table for ${day}`);
  const live = liveContacts(week, [day], who);
  const counted = live.filter(counts).length;
  // Every urgent contact in the week was recorded with the clinician already full, so each is over the cap.
  const urgent = live.filter((contact) => counts(contact) && contact.overCapReason !== undefined).length;
  return {
    clinicianId: week.ids[who],
    name: NAMES[who],
    role: ROLES[who],
    sessions: { am: rota.am, pm: rota.pm },
    working: rota.am || rota.pm,
    duty: rota.duty,
    capped: rota.capped,
    cap: rota.cap,
    counted,
    notCounted: live.length - counted,
    byType: tally(live, (contact) => contact.typeId),
    percentOfCap: rota.capped && rota.cap > 0 ? oneDecimal((counted / rota.cap) * 100) : null,
    urgentOverCap: urgent,
    overCap: urgent,
  };
}

const byDestinationId = <T extends { destinationId: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.destinationId.localeCompare(b.destinationId));
const byClinicianId = <T extends { clinicianId: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.clinicianId.localeCompare(b.clinicianId));
/** A row without warnedAt and fullAt, which have a test of their own. */
const withoutTimes = (row: ClinicianDayReport) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'warnedAt' && key !== 'fullAt'));

describe('report.day over a seeded week', () => {
  it.each([...WEEK, TODAY])('lists on %s each clinician on the rota or with a contact, with their sessions, cap and contacts', (day) => {
    const report = dayReport(day);
    expect(report.day).toBe(day);
    expect(byClinicianId(report.clinicians).map(withoutTimes)).toEqual(byClinicianId(expectedWho(day).map((who) => expectedRow(day, who))));
  });

  it.each([...WEEK, TODAY])('adds up the day on %s: counted, not counted, urgent, working and full clinicians, and contacts by type', (day) => {
    const rows = expectedWho(day).map((who) => expectedRow(day, who));
    const live = liveContacts(week, [day]);
    const cappedWorking = rows.filter((row) => row.working && row.capped);
    const capTotal = cappedWorking.reduce((sum, row) => sum + row.cap, 0);
    const cappedCounted = cappedWorking.reduce((sum, row) => sum + row.counted, 0);
    expect(dayReport(day).totals).toEqual({
      counted: live.filter(counts).length,
      notCounted: live.filter((contact) => !counts(contact)).length,
      urgentOverCap: rows.reduce((sum, row) => sum + row.urgentOverCap, 0),
      overCap: rows.reduce((sum, row) => sum + row.overCap, 0),
      cliniciansWorking: rows.filter((row) => row.working).length,
      atOrOverCap: rows.filter((row) => row.working && row.capped && row.cap > 0 && row.counted >= row.cap).length,
      cap: capTotal,
      cappedCounted,
      // Not capped, or counted on a day off: outside the practice's cap.
      uncappedCounted: rows.filter((row) => !(row.working && row.capped)).reduce((sum, row) => sum + row.counted, 0),
      percentOfCap: capTotal > 0 ? oneDecimal((cappedCounted / capTotal) * 100) : null,
      byType: tally(live, (contact) => contact.typeId),
      // The seeded week has no late entries.
      lateEntries: 0,
    });
  });

  it.each([...WEEK, TODAY])('summarises the redirections and deferrals of %s, voided ones left out', (day) => {
    const report = dayReport(day);
    const expected = expectedRedirections(liveRedirections(week, [day]));
    expect({ ...report.redirections, byDestination: byDestinationId(report.redirections.byDestination) }).toEqual({
      ...expected,
      byDestination: byDestinationId(expected.byDestination),
    });
    const deferrals = liveDeferrals(week, [day]);
    expect(report.deferrals).toEqual({
      total: deferrals.length,
      laterDate: deferrals.filter((deferral) => deferral.deferralKind === 'later_date').length,
      waitingList: deferrals.filter((deferral) => deferral.deferralKind === 'waiting_list').length,
    });
  });

  it('shows Monday as worked out by hand: Amara 26 of 25 (104%) with one urgent, Ben 19 after a void, Cleo 14 uncapped plus 3 results', () => {
    const report = dayReport('2026-10-19');
    const row = (who: Who) => report.clinicians.find((candidate) => candidate.clinicianId === week.ids[who]);
    expect(row('amara')).toMatchObject({ counted: 26, notCounted: 2, cap: 25, percentOfCap: 104, urgentOverCap: 1, overCap: 1, byType: { face_to_face: 16, telephone: 10, admin: 2 } });
    expect(row('ben')).toMatchObject({ counted: 19, notCounted: 0, percentOfCap: 76, byType: { telephone: 17, video: 2 } });
    expect(row('cleo')).toMatchObject({ counted: 14, notCounted: 3, cap: 20, capped: false, percentOfCap: null, byType: { face_to_face: 14, results: 3 } });
    expect(row('dev')).toBeUndefined();
    expect(report.totals).toMatchObject({ counted: 59, notCounted: 5, cliniciansWorking: 3, atOrOverCap: 1 });
    expect(report.redirections).toMatchObject({ total: 3, byReason: { clinician_at_capacity: 3, more_appropriate_service: 0 }, nhs111: { total: 1, icbInformed: 1 }, pharmacyFirst: { referred: 1, signposted: 0 } });
    expect(report.deferrals).toEqual({ total: 2, laterDate: 1, waitingList: 1 });
  });

  it('shows Tuesday’s date cap and duty: Ben 17 of 15 (113.3%) with two urgent contacts, the refused one not counted', () => {
    const ben = dayReport('2026-10-20').clinicians.find((row) => row.clinicianId === week.ids.ben);
    expect(ben).toMatchObject({ cap: 15, duty: true, counted: 17, percentOfCap: 113.3, urgentOverCap: 2, overCap: 2, byType: { telephone: 16, home_visit: 1 } });
  });

  it('leaves an absent clinician with no contacts off the day, and shows a locum full at 12 with one urgent (108.3%)', () => {
    const report = dayReport('2026-10-21');
    expect(report.clinicians.map((row) => row.clinicianId)).not.toContain(week.ids.amara);
    expect(report.clinicians.find((row) => row.clinicianId === week.ids.dev)).toMatchObject({ cap: 12, counted: 13, percentOfCap: 108.3, urgentOverCap: 1 });
    expect(report.redirections.byDestination.map((row) => row.kind).sort()).toEqual(['nhs_111', 'pharmacy_first', 'self_care']);
  });

  it('shows half days with the whole day cap (day mode), a backdated contact on its own day, and duty', () => {
    const thursday = dayReport('2026-10-22');
    const row = (report: DayReport, who: Who) => report.clinicians.find((candidate) => candidate.clinicianId === week.ids[who]);
    expect(row(thursday, 'cleo')).toMatchObject({ sessions: { am: true, pm: false }, working: true, cap: 20, counted: 6 });
    expect(row(thursday, 'eve')).toMatchObject({ name: '=Dr Eve Equals', sessions: { am: true, pm: false }, capped: false, cap: 25, counted: 2, percentOfCap: null });
    // 5 in the afternoon and one entered at 16:00 for 09:30; the 2 documents do not count.
    expect(row(thursday, 'ben')).toMatchObject({ counted: 6, notCounted: 2, byType: { telephone: 6, documents: 2 } });
    const friday = dayReport('2026-10-23');
    expect(row(friday, 'amara')).toMatchObject({ duty: true, counted: 7 });
    expect(row(friday, 'ben')).toMatchObject({ sessions: { am: true, pm: false }, cap: 25, counted: 9, duty: false });
  });

  it('records the times the warning level and the cap were reached, against the cap that applied that day', () => {
    const timesOf = (day: string, who: Who) => {
      const row = dayReport(day).clinicians.find((candidate) => candidate.clinicianId === week.ids[who]);
      return { warnedAt: row?.warnedAt, fullAt: row?.fullAt };
    };
    // 85% of 25 is the 22nd contact (11:30 BST), 25 the 25th (12:00 BST).
    expect(timesOf('2026-10-19', 'amara')).toEqual({ warnedAt: '2026-10-19T10:30:00.000Z', fullAt: '2026-10-19T11:00:00.000Z' });
    // Ben's date cap of 15: the 13th contact (11:00 BST) and the 15th (11:30 BST).
    expect(timesOf('2026-10-20', 'ben')).toEqual({ warnedAt: '2026-10-20T10:00:00.000Z', fullAt: '2026-10-20T10:30:00.000Z' });
    // Dev's 12: the 11th (12:20 BST) and the 12th (12:40 BST).
    expect(timesOf('2026-10-21', 'dev')).toEqual({ warnedAt: '2026-10-21T11:20:00.000Z', fullAt: '2026-10-21T11:40:00.000Z' });
    // 19 of 25, and an uncapped nurse: neither time.
    expect(timesOf('2026-10-19', 'ben')).toEqual({ warnedAt: null, fullAt: null });
    expect(timesOf('2026-10-19', 'cleo')).toEqual({ warnedAt: null, fullAt: null });
  });

  it('never counts a voided record: contact, redirection or deferral', () => {
    // Monday: Ben recorded 18 calls and voided one.
    expect(dayReport('2026-10-19').clinicians.find((row) => row.clinicianId === week.ids.ben)?.byType.telephone).toBe(17);
    // Tuesday: 4 redirections were recorded and the one to the UTC voided; 1 deferral, voided.
    const tuesday = dayReport('2026-10-20');
    expect(tuesday.redirections.total).toBe(3);
    expect(tuesday.redirections.byDestination.map((row) => row.destinationId)).not.toContain(SERVICES.utc);
    expect(tuesday.deferrals).toEqual({ total: 0, laterDate: 0, waitingList: 0 });
    // Thursday: the referral to the pharmacy was voided, the signposting stands.
    expect(dayReport('2026-10-22').redirections.pharmacyFirst).toEqual({ referred: 0, signposted: 1 });
    // Wednesday: Cleo's 10 calls less the one voided.
    expect(dayReport('2026-10-21').clinicians.find((row) => row.clinicianId === week.ids.cleo)?.counted).toBe(9);
  });

  it('never counts a refused request: the record shows five, and no figure includes them', () => {
    const refused = week.ledger.filter((entry) => !entry.ok);
    expect(refused.map((entry) => [entry.kind, entry.at, entry.code])).toEqual([
      ['contact', '2026-10-19T10:00:00+01:00', 'at_capacity'],
      ['contact', '2026-10-19T12:10:00+01:00', 'at_capacity'],
      ['contact', '2026-10-20T12:00:00+01:00', 'at_capacity'],
      ['contact', '2026-10-21T09:00:00+01:00', 'at_capacity'],
      ['contact', '2026-10-21T13:00:00+01:00', 'at_capacity'],
    ]);
    expect(must(opened.core.call('contact.listForDay', { day: '2026-10-21', clinicianId: week.ids.amara }))).toEqual([]);
  });

  it('puts the clock-change Sunday’s contacts on 25 October: 00:40 BST and 23:30 GMT both belong to it', () => {
    expect(dayReport('2026-10-24').totals.counted).toBe(0);
    expect(dayReport('2026-10-25').clinicians).toEqual([
      expect.objectContaining({ clinicianId: week.ids.dev, counted: 5, byType: { telephone: 5 }, sessions: { am: true, pm: true } }) as unknown,
    ]);
    expect(dayReport('2026-10-25').redirections).toMatchObject({ total: 4, emergencies: 1, nhs111: { total: 1, icbInformed: 1 } });
    expect(dayReport('2026-10-24').redirections).toMatchObject({ total: 2, pharmacyFirst: { referred: 0, signposted: 1 } });
  });

  it('shows today as far as it has gone, with today’s rota', () => {
    const report = dayReport(TODAY);
    expect(report.totals).toMatchObject({ counted: 2, cliniciansWorking: 3 });
    expect(report.clinicians.find((row) => row.clinicianId === week.ids.amara)).toMatchObject({ counted: 2, percentOfCap: 8 });
  });

  it('labels the types with the practice’s list, saying which count toward the cap', () => {
    const types = dayReport('2026-10-19').types;
    expect(new Set(types.filter((type) => type.counts).map((type) => type.id))).toEqual(COUNTED_TYPES);
    expect(types.filter((type) => !type.counts).map((type) => type.id).sort()).toEqual(['admin', 'documents', 'results']);
  });

  it('changes nothing and tells no window to refresh', () => {
    const before = snapshot(opened.core.db);
    opened.pushes.length = 0;
    for (const day of WEEK) dayReport(day);
    expect(snapshot(opened.core.db)).toEqual(before);
    expect(opened.pushes).toEqual([]);
  });
});

describe('a clinician taken off the board', () => {
  it('is not shown as working on the days after, though their weekly pattern still says so', () => {
    const local = openCore('2026-11-23T08:00:00Z');
    try {
      const stays = must(local.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
      const leaves = must(local.core.call('clinician.create', { name: 'Dr Leo Marsh', role: 'locum_gp' })).id;
      must(local.core.call('contact.record', { clinicianId: leaves, typeId: 'telephone' }));
      must(local.core.call('clinician.deactivate', { clinicianId: leaves }));
      local.clock.set('2026-11-25T10:00:00Z');
      // Monday: Leo saw a patient, so he stays on Monday's report.
      expect(must(local.core.call('report.day', { day: '2026-11-23' })).clinicians.map((row) => row.clinicianId).sort()).toEqual([stays, leaves].sort());
      // Tuesday and today: only Ada works.
      for (const day of ['2026-11-24', '2026-11-25']) {
        const report = must(local.core.call('report.day', { day }));
        expect(report.clinicians.map((row) => row.clinicianId)).toEqual([stays]);
        expect(report.totals.cliniciansWorking).toBe(1);
      }
      const range = must(local.core.call('report.range', { from: '2026-11-23', to: '2026-11-25' }));
      expect(range.clinicians.find((row) => row.clinicianId === leaves)).toMatchObject({ daysWorked: 1, sessionsWorked: 2, counted: 1 });
    } finally {
      closeCore(local);
    }
  });
});

describe('a day when caps change part-way through', () => {
  it('judges every clinician’s contacts against the cap in force when each was recorded', () => {
    const local = openCore('2026-11-23T08:00:00Z');
    try {
      const ids = ['Dr Ada Patel', 'Dr Ben Okafor'].map((name) => must(local.core.call('clinician.create', { name, role: 'gp_partner', dailyCap: 2 })).id);
      // 09:00: two each within the cap of 2, then a third each, urgent, over it.
      local.clock.set('2026-11-23T09:00:00Z');
      for (const clinicianId of ids) {
        for (let i = 0; i < 2; i++) must(local.core.call('contact.record', { clinicianId, typeId: 'telephone' }));
        must(local.core.call('contact.record', { clinicianId, typeId: 'telephone', overCapReason: 'Chest pain, needs seeing today' }));
      }
      // 10:00: both caps go up to 10; 11:00: one more each, well within it.
      local.clock.set('2026-11-23T10:00:00Z');
      for (const clinicianId of ids) must(local.core.call('clinician.update', { clinicianId, dailyCap: 10 }));
      local.clock.set('2026-11-23T11:00:00Z');
      for (const clinicianId of ids) must(local.core.call('contact.record', { clinicianId, typeId: 'telephone' }));

      const report = must(local.core.call('report.day', { day: '2026-11-23' }));
      expect(report.clinicians.map((row) => ({ name: row.name, cap: row.cap, counted: row.counted, overCap: row.overCap, urgentOverCap: row.urgentOverCap }))).toEqual([
        { name: 'Dr Ada Patel', cap: 10, counted: 4, overCap: 1, urgentOverCap: 1 },
        { name: 'Dr Ben Okafor', cap: 10, counted: 4, overCap: 1, urgentOverCap: 1 },
      ]);
      const flags = must(local.core.call('contact.listForDay', { day: '2026-11-23' })).filter((contact) => contact.overCap);
      expect(flags).toHaveLength(2);
    } finally {
      closeCore(local);
    }
  });
});

describe('a past day when the configuration changes afterwards', () => {
  it('keeps the clinician’s cap as it stood that day when the cap is changed the day after', () => {
    const local = openCore('2026-11-23T08:00:00Z');
    try {
      const ada = must(local.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 4 })).id;
      for (let i = 0; i < 3; i++) {
        local.clock.advance(60_000);
        must(local.core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
      }
      local.clock.set('2026-11-24T09:00:00Z');
      must(local.core.call('clinician.update', { clinicianId: ada, dailyCap: 2 }));
      // Monday: 3 of 4 (75%); today: the new cap of 2.
      expect(must(local.core.call('report.day', { day: '2026-11-23' })).clinicians).toEqual([expect.objectContaining({ cap: 4, counted: 3, percentOfCap: 75, overCap: 0 }) as unknown]);
      expect(must(local.core.call('report.day', { day: '2026-11-24' })).clinicians).toEqual([expect.objectContaining({ cap: 2, counted: 0 }) as unknown]);
    } finally {
      closeCore(local);
    }
  });

  it('refuses to change a past day’s rota, and keeps the day as it stood', () => {
    const local = openCore('2026-11-23T08:00:00Z');
    try {
      const ada = must(local.core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 3 })).id;
      for (let i = 0; i < 3; i++) {
        local.clock.advance(60_000);
        must(local.core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
      }
      local.clock.set('2026-11-24T09:00:00Z');
      expect(local.core.call('rota.setDay', { clinicianId: ada, day: '2026-11-23', override: { absent: true } })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: 'day', message: 'A day that has passed cannot be changed: reports show each day as it was. Choose today or a later date.' },
      });
      expect(must(local.core.call('contact.listForDay', { day: '2026-11-23' })).map((contact) => contact.overCap)).toEqual([false, false, false]);
      expect(must(local.core.call('report.day', { day: '2026-11-23' })).clinicians).toEqual([
        expect.objectContaining({ working: true, sessions: { am: true, pm: true }, cap: 3, counted: 3, percentOfCap: 100 }) as unknown,
      ]);
    } finally {
      closeCore(local);
    }
  });
});
