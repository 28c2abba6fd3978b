import { describe, expect, it } from 'vitest';
import type { NetworkStatus } from '../../../shared/network.ts';
import { catchingUpNote, mayBeBehind, quietBoardNote, quietWarning } from '../../../renderer/src/components/reception/networkNotes.ts';
import {
  behindText,
  catchUpProgress,
  joinCodeGroups,
  joinCodeNote,
  networkLineIsProblem,
  networkLinePlacement,
  seenText,
  skewText,
  stateText,
} from '../../../renderer/src/components/settings/network/networkText.ts';
import { boardRow } from './boardRows.ts';
import { networkMember, networkStatus } from '../../helpers/networkStatus.ts';

/** What the practice network's screens say, in words, and when the desk warns. Expected words are written out here. */

const member = networkMember;
const status = (patch: Partial<NetworkStatus>) => networkStatus({ members: [networkMember()], ...patch });

// 10:31 in London on a winter's day (GMT), and ten minutes later.
const SEEN = '2026-12-02T10:31:00.000Z';
const NOW = Date.parse('2026-12-02T10:41:00.000Z');

describe('another PC, in words', () => {
  it('says connected, the time it was last seen today, the date on another day, or not seen yet', () => {
    expect(seenText(member({ connected: true, lastSeen: SEEN }), NOW)).toBe('Connected now');
    expect(seenText(member({ connected: false, lastSeen: SEEN }), NOW)).toBe('Last seen 10:31');
    expect(seenText(member({ connected: false, lastSeen: '2026-12-01T16:05:00.000Z' }), NOW)).toBe('Last seen Tue 1 Dec');
    expect(seenText(member({ connected: false, lastSeen: null }), NOW)).toBe('Not seen yet');
  });

  it('says the time in the practice’s time: 23:30 GMT on a summer night is 00:30 the next day in London', () => {
    expect(seenText(member({ connected: false, lastSeen: '2026-07-01T23:30:00.000Z' }), Date.parse('2026-07-02T08:00:00.000Z'))).toBe('Last seen 00:30');
  });

  it('says how many of its records are still to come', () => {
    expect(behindText(member({ behind: 0 }))).toBe('Up to date');
    expect(behindText(member({ behind: 1 }))).toBe('1 record still to come');
    expect(behindText(member({ behind: 12_345 }))).toBe('12,345 records still to come');
  });

  it('mentions its clock only from two minutes out, ahead or behind, and never as a stop', () => {
    expect(skewText(member({ clockSkewMs: null }))).toBeNull();
    expect(skewText(member({ clockSkewMs: 119_999 }))).toBeNull();
    expect(skewText(member({ clockSkewMs: -119_999 }))).toBeNull();
    expect(skewText(member({ clockSkewMs: 120_000 }))).toContain('Its clock is 2 minutes ahead of this PC’s.');
    expect(skewText(member({ clockSkewMs: -3 * 3_600_000 }))).toContain('Its clock is 3 hours behind this PC’s.');
    expect(skewText(member({ clockSkewMs: 120_000 }))).toContain('Records still share correctly');
  });
});

describe('this PC’s sharing, in words', () => {
  it('says a stopped sharing process is a problem, when it starts again, and that the desk records on', () => {
    const text = stateText(status({ state: 'stopped', restartAt: '2026-12-02T10:42:00.000Z' }), NOW);
    expect(text).toBe('Problem: sharing with the other PCs has stopped. It will start again at 10:42. This PC carries on recording, and catches up once sharing starts again.');
    expect(stateText(status({ state: 'stopped', restartAt: '2026-12-02T10:40:00.000Z' }), NOW)).toContain('It is starting again now.');
    expect(stateText(status({ state: 'running' }), NOW)).toBe('Sharing with the other PCs.');
  });

  it('marks the header’s line as a problem when sharing stopped or a PC is not connected, not for a removed one', () => {
    expect(networkLineIsProblem(status({}))).toBe(false);
    expect(networkLineIsProblem(status({ state: 'stopped' }))).toBe(true);
    expect(networkLineIsProblem(status({ members: [member({ connected: false })] }))).toBe(true);
    expect(networkLineIsProblem(status({ members: [member({ connected: false, removed: true })] }))).toBe(false);
  });

  it('says all in step under the date, and everything else on a line of its own', () => {
    expect(networkLinePlacement(status({}))).toBe('inline');
    expect(networkLinePlacement(status({ members: [] }))).toBe('line');
    expect(networkLinePlacement(status({ state: 'starting' }))).toBe('line');
    expect(networkLinePlacement(status({ behind: 5 }))).toBe('line');
    expect(networkLinePlacement(status({ members: [member({}), member({ connected: false })] }))).toBe('line');
    expect(networkLinePlacement(status({ members: [member({}), member({ connected: false, removed: true })] }))).toBe('inline');
  });

  it('fills the catch-up bar with what is here of all there is, only while some are still to come', () => {
    expect(catchUpProgress({ held: 300, behind: 0 })).toBeNull();
    expect(catchUpProgress({ held: 300, behind: 700 })).toEqual({
      value: 300,
      max: 1000,
      text: '300 records of 1,000 from the other PCs are here; 700 still to come.',
    });
  });
});

describe('the join code as it is typed', () => {
  const CODE = 'AAAA-AAAA-AAAA-AAAA';
  // A real code: sixteen characters and the check character the page would show for them.
  const REAL = '0123-4567-89AB-CDEF';

  it('counts an unfinished code without calling it a mistake', () => {
    const note = joinCodeNote('0123-4567');
    expect(note.tone).toBe('note');
    expect(note.text).toContain('this one has 8');
  });

  it('calls a letter no code has a mistake at once, even before the code is finished', () => {
    const note = joinCodeNote('0U');
    expect(note.tone).toBe('error');
    expect(note.text).toContain('never the letter U: “U” is not in it');
    expect(joinCodeNote('01#').tone).toBe('error');
  });

  it('calls a whole code with a changed character a mistake, and says which kind', () => {
    const right = `${REAL}-${findCheck(REAL)}`;
    expect(joinCodeNote(right)).toEqual({ text: `Written correctly: ${right}. Press “Join the network”.`, tone: 'ok' });
    const changed = `1${right.slice(1)}`;
    expect(joinCodeNote(changed)).toEqual({
      text: 'This join code has a mistake in it: a character is wrong or two are swapped. Check each group against the code on the other PC.',
      tone: 'error',
    });
    expect(joinCodeNote(`${CODE}-${findCheck(CODE)}-X`).tone).toBe('error');
  });

  it('splits a code into the groups read aloud', () => {
    expect(joinCodeGroups('7KQ2-M9XD-4TNB-R0HC-5')).toEqual(['7KQ2', 'M9XD', '4TNB', 'R0HC', '5']);
  });
});

/** The one check character that makes the code read as written correctly, found by trying each (not computed by the rule under test). */
function findCheck(groups: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const found = Array.from({ length: alphabet.length }, (_, index) => alphabet.charAt(index)).filter((check) => joinCodeNote(`${groups}-${check}`).tone === 'ok');
  expect(found).toHaveLength(1);
  return found[0] ?? '';
}

describe('the desk’s warnings from the network', () => {
  const quiet = status({ quietPcs: ['Reception 2'], members: [member({ connected: false, lastSeen: SEEN })] });

  it('warns for a working, capped clinician with 3 or fewer left while a PC is quiet, and for nobody else', () => {
    expect(mayBeBehind(boardRow('c1', 22), quiet)).toBe(true);
    expect(mayBeBehind(boardRow('c1', 25), quiet)).toBe(true);
    expect(mayBeBehind(boardRow('c1', 21), quiet)).toBe(false);
    expect(mayBeBehind(boardRow('c1', 22), status({}))).toBe(false);
    expect(mayBeBehind(boardRow('c1', 22), null)).toBe(false);
    expect(mayBeBehind({ ...boardRow('c1', 22), capped: false }, quiet)).toBe(false);
    expect(mayBeBehind({ ...boardRow('c1', 22), status: 'absent' }, quiet)).toBe(false);
  });

  it('names the quiet PCs and the clinician in the record step', () => {
    expect(quietWarning(boardRow('c1', 23), quiet)).toBe(
      'The count for Clinician c1 may be behind: Reception 2 has not been heard from for over a minute, and may have recorded contacts for them.',
    );
    const two = status({ quietPcs: ['Reception 2', 'Desk 3'] });
    expect(quietWarning(boardRow('c1', 23), two)).toContain('Reception 2 and Desk 3 have not been heard from');
    expect(quietWarning(boardRow('c1', 10), quiet)).toBeNull();
  });

  it('lists on the board only the clinicians with few places left', () => {
    expect(quietBoardNote([boardRow('a', 24), boardRow('b', 5), boardRow('c', 25)], quiet)).toBe(
      'Counts may be behind: Reception 2 has not been heard from for over a minute. Check before giving the last places for Clinician a and Clinician c.',
    );
    expect(quietBoardNote([boardRow('b', 5)], quiet)).toBeNull();
  });

  it('says the board is still catching up, with the number still to come, only while it is', () => {
    expect(catchingUpNote(status({ catchingUp: false, behind: 50 }))).toBeNull();
    expect(catchingUpNote(status({ catchingUp: true, behind: 12_345 }))).toBe(
      'Still catching up with the other PCs: 12,345 records still to come, so counts may rise. Recording works as usual.',
    );
  });
});
