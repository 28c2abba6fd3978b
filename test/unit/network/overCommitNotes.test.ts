import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../../main/core/repos/contactsRepo.ts';
import { overCommitNotes } from '../../../main/core/services/contacts.ts';

/** One contact of a day, in the day's order by its position in the list. */
function contact(id: string, device: string, change: Partial<ContactRecord> = {}): ContactRecord {
  return {
    id,
    clinicianId: 'amara',
    typeId: 'telephone',
    counts: true,
    occurredAt: 0,
    recordedAt: 0,
    practiceDay: '2026-11-25',
    session: 'am',
    overCapReason: null,
    lateReason: null,
    recordedBy: 'Sam',
    device,
    hlc: id,
    orderKey: id,
    voidReason: null,
    voidedAt: null,
    ...change,
  };
}

const named = (device: string, others: string) =>
  `Over the cap: recorded on ${device} while it could not see ${others}, which had recorded contacts for the same clinician. Redirect the patient, or void it with a reason.`;
const UNEXPLAINED = 'Over the cap with no urgent reason: the cap or the contacts before it changed after it was recorded. Redirect the patient, or void it with a reason.';

describe('why a contact is over the cap', () => {
  it('names the PCs whose contacts within the cap came before it', () => {
    const records = [contact('1', 'Desk 1'), contact('2', 'Desk 3'), contact('3', 'Desk 1'), contact('4', 'Desk 2'), contact('5', 'Desk 2')];
    const notes = overCommitNotes(records, new Set(['4', '5']));
    expect([...notes]).toEqual([
      ['4', named('Desk 2', 'Desk 1 and Desk 3')],
      ['5', named('Desk 2', 'Desk 1 and Desk 3')],
    ]);
  });

  it('explains nothing for contacts within the cap, or over it with an urgent reason or as a late entry', () => {
    const records = [
      contact('1', 'Desk 1'),
      contact('2', 'Desk 2', { overCapReason: 'Chest pain' }),
      contact('3', 'Desk 2', { lateReason: 'Tally sheet found' }),
      contact('4', 'Desk 2'),
    ];
    expect([...overCommitNotes(records, new Set(['2', '3', '4']))]).toEqual([['4', named('Desk 2', 'Desk 1')]]);
  });

  it('leaves out voided and uncounted contacts, other clinicians’ and the PC’s own, and then cannot name another PC', () => {
    const records = [
      contact('1', 'Desk 1', { voidReason: 'Wrong clinician', voidedAt: 1 }),
      contact('2', 'Desk 3', { counts: false, typeId: 'admin' }),
      contact('3', 'Desk 4', { clinicianId: 'ben' }),
      contact('4', 'Desk 2'),
      contact('5', 'Desk 2'),
    ];
    expect([...overCommitNotes(records, new Set(['5']))]).toEqual([['5', UNEXPLAINED]]);
  });

  it('does not name a PC whose earlier contacts are over the cap themselves', () => {
    const records = [contact('1', 'Desk 2'), contact('2', 'Desk 1'), contact('3', 'Desk 2')];
    expect([...overCommitNotes(records, new Set(['2', '3']))]).toEqual([
      ['2', named('Desk 1', 'Desk 2')],
      ['3', UNEXPLAINED],
    ]);
  });

  it('speaks of “a PC” and “another PC” when a contact carries no PC name', () => {
    expect([...overCommitNotes([contact('1', ''), contact('2', '')], new Set(['2']))]).toEqual([['2', UNEXPLAINED]]);
    expect([...overCommitNotes([contact('1', ''), contact('2', 'Desk 2')], new Set(['2']))]).toEqual([['2', named('Desk 2', 'another PC')]]);
    expect([...overCommitNotes([contact('1', 'Desk 1'), contact('2', '')], new Set(['2']))]).toEqual([['2', named('a PC', 'Desk 1')]]);
  });
});
