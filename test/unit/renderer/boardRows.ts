import type { Board, BoardRow } from '../../../shared/domain.ts';

/** A board row as the core sends it, for renderer tests. */
export function boardRow(clinicianId: string, used: number, cap = 25): BoardRow {
  return {
    clinicianId,
    name: `Clinician ${clinicianId}`,
    initials: 'CC',
    role: 'salaried_gp',
    key: '1',
    status: 'working',
    working: true,
    sessions: { am: true, pm: true },
    duty: false,
    capped: true,
    cap,
    used,
    remaining: Math.max(0, cap - used),
    state: 'available',
    dayCap: cap,
    dayUsed: used,
    bySession: {
      am: { working: true, cap: 13, used, remaining: Math.max(0, 13 - used), state: 'available' },
      pm: { working: true, cap: 12, used: 0, remaining: 12, state: 'available' },
    },
    warnedAt: null,
    fullAt: null,
    urgentOverCap: 0,
    notCounted: 0,
  };
}

export function board(version: string, rows: BoardRow[]): Board {
  return { day: '2026-11-23', version, now: '2026-11-23T10:00:00.000Z', capMode: 'day', session: 'am', warningPercent: 85, defaultTypeId: 'face_to_face', rows };
}
