import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import type { Contact } from '../../shared/domain.ts';
import { must } from '../helpers/fixtures.ts';
import { deliver, testPcs, type Pc } from './replicas.ts';

/**
 * Two desks that cannot see each other both book a clinician's last places.
 * Once they meet, both show the same count over the cap and flag the same
 * contacts, the later ones in hybrid-clock order, saying why.
 */

const TODAY = '2026-11-25';
const pcs = testPcs('contactcap-overcommit-');
afterEach(() => pcs.closeAll());

function recordAt(desk: Pc, clinicianId: string, at: string, overCapReason?: string): Contact {
  desk.clock.set(at);
  return must(desk.core.call('contact.record', { clinicianId, typeId: 'telephone', ...(overCapReason ? { overCapReason } : {}) }));
}

/** Both ways, until neither has anything new for the other. */
function meet(...cores: Core[]): void {
  for (let round = 0; round < cores.length; round++) {
    for (const from of cores) for (const to of cores) if (from !== to) for (const origin of cores.map((core) => core.deviceId)) deliver(from, to, origin);
  }
}

type Flag = Pick<Contact, 'id' | 'overCap' | 'overCommit'>;
const byId = (a: Flag, b: Flag) => a.id.localeCompare(b.id);
const flags = (core: Core): Flag[] =>
  must(core.call('contact.listForDay', { day: TODAY }))
    .map((contact) => ({ id: contact.id, overCap: contact.overCap, overCommit: contact.overCommit }))
    .sort(byId);

/** Each desk lists the day's contacts with these flags: within the cap (null), or over it with this note (or with none). */
function expectFlags(desks: Pc[], expected: [Contact, string | null | false][]): void {
  const flagged = expected.map(([contact, note]) => ({ id: contact.id, overCap: note !== null, overCommit: note === false ? null : note })).sort(byId);
  for (const desk of desks) expect(flags(desk.core)).toEqual(flagged);
}

const NOTE = 'Over the cap: recorded on Desk 2 while it could not see Desk 1, which had recorded contacts for the same clinician. Redirect the patient, or void it with a reason.';

function twoDesksApart() {
  const desk1 = pcs.pc('Desk 1', 'one', '2026-11-25T08:00:00Z');
  const desk2 = pcs.pc('Desk 2', 'two', '2026-11-25T08:00:00Z');
  const amara = must(desk1.core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner', dailyCap: 2 })).id;
  deliver(desk1.core, desk2.core);
  return { desk1, desk2, amara };
}

describe('over-commit between two desks that could not see each other', () => {
  it('flags the later two on both desks, naming the desk that had recorded first', () => {
    const { desk1, desk2, amara } = twoDesksApart();
    const a1 = recordAt(desk1, amara, '2026-11-25T09:00:00Z');
    const a2 = recordAt(desk1, amara, '2026-11-25T09:01:00Z');
    // Desk 2 sees only its own: both are within the cap there.
    const b1 = recordAt(desk2, amara, '2026-11-25T09:02:00Z');
    const b2 = recordAt(desk2, amara, '2026-11-25T09:03:00Z');
    expect([b1.overCap, b2.overCap, b1.overCommit, b2.overCommit]).toEqual([false, false, null, null]);

    meet(desk1.core, desk2.core);
    expectFlags([desk1, desk2], [
      [a1, null],
      [a2, null],
      [b1, NOTE],
      [b2, NOTE],
    ]);
    for (const desk of [desk1, desk2]) {
      desk.clock.set('2026-11-25T10:00:00Z');
      const row = must(desk.core.call('board.today', {})).rows.find((each) => each.clinicianId === amara);
      expect(row).toMatchObject({ used: 4, cap: 2, remaining: 0, state: 'over_cap', overCommitted: 2, urgentOverCap: 0 });
    }
  });

  it('flags the later one whichever desk recorded it, when their times interleave', () => {
    const { desk1, desk2, amara } = twoDesksApart();
    const b1 = recordAt(desk2, amara, '2026-11-25T09:00:00Z');
    const a1 = recordAt(desk1, amara, '2026-11-25T09:01:00Z');
    const b2 = recordAt(desk2, amara, '2026-11-25T09:02:00Z');
    const a2 = recordAt(desk1, amara, '2026-11-25T09:03:00Z');
    meet(desk1.core, desk2.core);
    const deskOneNote = 'Over the cap: recorded on Desk 1 while it could not see Desk 2, which had recorded contacts for the same clinician. Redirect the patient, or void it with a reason.';
    expectFlags([desk1, desk2], [
      [b1, null],
      [a1, null],
      [b2, NOTE],
      [a2, deskOneNote],
    ]);
  });

  it('does not flag an urgent contact recorded over the cap with a reason, though it is over the cap', () => {
    const { desk1, desk2, amara } = twoDesksApart();
    recordAt(desk1, amara, '2026-11-25T09:00:00Z');
    recordAt(desk1, amara, '2026-11-25T09:01:00Z');
    recordAt(desk2, amara, '2026-11-25T09:02:00Z');
    recordAt(desk2, amara, '2026-11-25T09:03:00Z');
    // Desk 2 is full in its own view: only an urgent contact with a reason goes in.
    const refused = desk2.core.call('contact.record', { clinicianId: amara, typeId: 'telephone' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    const urgent = recordAt(desk2, amara, '2026-11-25T09:04:00Z', 'Chest pain, seen today');
    meet(desk1.core, desk2.core);
    for (const desk of [desk1, desk2]) {
      expect(flags(desk.core).find((each) => each.id === urgent.id)).toEqual({ id: urgent.id, overCap: true, overCommit: null });
      expect(flags(desk.core).filter((each) => each.overCommit === NOTE)).toHaveLength(2);
      desk.clock.set('2026-11-25T10:00:00Z');
      const row = must(desk.core.call('board.today', {})).rows.find((each) => each.clinicianId === amara);
      expect(row).toMatchObject({ used: 5, cap: 2, state: 'over_cap', overCommitted: 2, urgentOverCap: 1 });
    }
  });

  it('stops flagging once an earlier contact is voided and the later ones fit again', () => {
    const { desk1, desk2, amara } = twoDesksApart();
    const a1 = recordAt(desk1, amara, '2026-11-25T09:00:00Z');
    recordAt(desk1, amara, '2026-11-25T09:01:00Z');
    const b1 = recordAt(desk2, amara, '2026-11-25T09:02:00Z');
    meet(desk1.core, desk2.core);
    expect(flags(desk2.core).find((each) => each.id === b1.id)).toEqual({ id: b1.id, overCap: true, overCommit: NOTE });
    desk1.clock.set('2026-11-25T09:30:00Z');
    must(desk1.core.call('contact.void', { contactId: a1.id, reason: 'Recorded against the wrong clinician' }));
    meet(desk1.core, desk2.core);
    for (const desk of [desk1, desk2]) expect(flags(desk.core).find((each) => each.id === b1.id)).toEqual({ id: b1.id, overCap: false, overCommit: null });
  });
});
