import { describe, expect, it } from 'vitest';
import type { BoardRow, ClinicianRole, ClinicianStatus } from '../../../shared/domain.ts';
import { alternativesFor } from '../../../shared/routing.ts';

/** Where a patient can go inside the practice when their clinician is full (shared/routing.ts). */

/** A board row with the fields the routing looks at; the rest are filler. */
function row(
  clinicianId: string,
  name: string,
  figures: { capped?: boolean; working?: boolean; cap?: number; used?: number; status?: ClinicianStatus; role?: ClinicianRole },
): BoardRow {
  const capped = figures.capped ?? true;
  const working = figures.working ?? true;
  const cap = figures.cap ?? 25;
  const used = figures.used ?? 0;
  const remaining = Math.max(0, cap - used);
  const session = { working, cap, used, remaining, state: 'available' as const };
  return {
    clinicianId,
    name,
    initials: '?',
    role: figures.role ?? (capped ? 'salaried_gp' : 'practice_nurse'),
    key: null,
    status: figures.status ?? (working ? 'working' : 'not_working'),
    working,
    sessions: { am: working, pm: working },
    duty: false,
    capped,
    cap,
    used,
    remaining,
    state: 'available',
    dayCap: cap,
    dayUsed: used,
    bySession: { am: session, pm: session },
    warnedAt: null,
    fullAt: null,
    urgentOverCap: 0,
    overCommitted: 0,
    notCounted: 0,
  };
}

const ids = (rows: readonly BoardRow[]) => rows.map((candidate) => candidate.clinicianId);

describe('alternativesFor', () => {
  it('leaves out the full clinician, clinicians not working and other full or over-cap clinicians', () => {
    const rows = [
      row('full', 'Dr Full', { used: 25 }),
      row('away', 'Dr Away', { working: false, cap: 0 }),
      row('alsoFull', 'Dr Also Full', { cap: 10, used: 10 }),
      row('over', 'Dr Over', { cap: 10, used: 12 }),
      row('free', 'Dr Free', { used: 5 }),
      row('nurseAway', 'Nurse Away', { capped: false, working: false }),
    ];
    expect(ids(alternativesFor(rows, 'full'))).toEqual(['free']);
  });

  it('puts capped clinicians with the most remaining first, ties by name, then uncapped ones by name', () => {
    const rows = [
      row('zed', 'Dr Zed', { used: 15 }), // 10 left
      row('nurseYvonne', 'Nurse Yvonne', { capped: false }),
      row('abe', 'Dr Abe', { used: 15 }), // 10 left
      row('full', 'Dr Full', { used: 25 }),
      row('mo', 'Dr Mo', { used: 10 }), // 15 left
      row('hcaBob', 'HCA Bob', { capped: false }),
      row('one', 'Dr One', { used: 24 }), // 1 left
    ];
    expect(ids(alternativesFor(rows, 'full'))).toEqual(['mo', 'abe', 'zed', 'one', 'hcaBob', 'nurseYvonne']);
  });

  it('offers an uncapped clinician however many patients they have seen', () => {
    const rows = [row('full', 'Dr Full', { used: 25 }), row('busyNurse', 'Nurse Busy', { capped: false, cap: 10, used: 30 })];
    expect(ids(alternativesFor(rows, 'full'))).toEqual(['busyNurse']);
  });

  it('offers nobody when everyone else is full or away, and leaves the rows it was given in their order', () => {
    const rows = [row('full', 'Dr Full', { used: 25 }), row('away', 'Dr Away', { working: false }), row('alsoFull', 'Dr Also', { cap: 3, used: 3 })];
    const before = ids(rows);
    expect(alternativesFor(rows, 'full')).toEqual([]);
    expect(ids(rows)).toEqual(before);
  });

  it('never offers a clinician who has finished for today or is absent, however much room they had', () => {
    const rows = [
      row('full', 'Dr Full', { used: 25 }),
      row('done', 'Dr Done', { used: 3, status: 'finished' }),
      row('absent', 'Dr Absent', { used: 0, status: 'absent', working: false }),
      row('here', 'Dr Here', { used: 20 }),
    ];
    expect(ids(alternativesFor(rows, 'full'))).toEqual(['here']);
  });

  it('offers clinicians of the same kind first: a full GP’s patient goes to a GP with less room before a nurse with more', () => {
    const rows = [
      row('fullGp', 'Dr Full', { used: 25, role: 'gp_partner' }),
      row('anp', 'Ann Practitioner', { used: 0, role: 'advanced_nurse_practitioner' }), // 25 left, a nurse
      row('locum', 'Dr Locum', { used: 22, role: 'locum_gp' }), // 3 left, a GP
      row('registrar', 'Dr Registrar', { used: 15, role: 'gp_registrar' }), // 10 left, a GP
      row('pharmacist', 'Phil Pharmacist', { used: 5, role: 'clinical_pharmacist' }), // 20 left
      row('nurse', 'Nora Nurse', { capped: false, role: 'practice_nurse' }),
    ];
    expect(ids(alternativesFor(rows, 'fullGp'))).toEqual(['registrar', 'locum', 'anp', 'pharmacist', 'nurse']);
  });

  it('offers a full nurse’s patient to the other nurses first, capped before uncapped', () => {
    const rows = [
      row('fullAnp', 'Ann Full', { cap: 20, used: 20, role: 'advanced_nurse_practitioner' }),
      row('gp', 'Dr Roomy', { used: 0, role: 'salaried_gp' }),
      row('nurse', 'Nora Nurse', { capped: false, role: 'practice_nurse' }),
      row('anp2', 'Ann Second', { cap: 20, used: 18, role: 'advanced_nurse_practitioner' }),
    ];
    expect(ids(alternativesFor(rows, 'fullAnp'))).toEqual(['anp2', 'nurse', 'gp']);
  });

  it('works for a clinician who is not on the board at all: everyone with room is offered', () => {
    expect(ids(alternativesFor([row('b', 'Dr B', { used: 20 }), row('a', 'Dr A', { used: 1 })], 'someone-else'))).toEqual(['a', 'b']);
  });
});
