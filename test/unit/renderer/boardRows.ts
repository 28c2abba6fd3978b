import type { Board, BoardRow, Contact } from '../../../shared/domain.ts';
import type { DeskPress } from '../../../renderer/src/stores/deskFlow.ts';

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
    overCommitted: 0,
    notCounted: 0,
  };
}

export function board(version: string, rows: BoardRow[]): Board {
  return { day: '2026-11-23', version, now: '2026-11-23T10:00:00.000Z', capMode: 'day', session: 'am', warningPercent: 85, defaultTypeId: 'face_to_face', rows };
}

/** A contact as the core answers contact.record with withBoard: the contact, and the board after it. */
export function recordedContact(id: string, clinicianId: string, typeId: string, after: Board): Contact & { board: Board } {
  return {
    id,
    clinicianId,
    typeId,
    counts: true,
    occurredAt: '2026-11-23T10:00:00.000Z',
    recordedAt: '2026-11-23T10:00:00.000Z',
    practiceDay: '2026-11-23',
    session: 'am',
    overCapReason: null,
    overCap: false,
    overCommit: null,
    lateReason: null,
    recordedBy: 'Sam',
    device: 'Desk 1',
    voided: null,
    board: after,
  };
}

/** A key press at the desk, with the focus on the board (not in a field, not on another button). */
export function keyPress(key: string, code = key, modifiers: { ctrlKey?: boolean } = {}): DeskPress {
  return { key, code, shiftKey: false, ctrlKey: modifiers.ctrlKey ?? false, altKey: false, metaKey: false, inField: false, onOtherButton: false };
}
