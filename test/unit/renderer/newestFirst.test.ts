import { describe, expect, it } from 'vitest';
import { withNewestFirst } from '../../../renderer/src/stores/newestFirst.ts';

const at = (id: string, time: string) => ({ id, occurredAt: `2026-11-23T${time}:00.000Z` });

describe('today’s lists, newest first', () => {
  it('puts a new entry in its place by when it happened, before others of the same time', () => {
    const list = [at('c', '10:30'), at('b', '10:00'), at('a', '09:00')];
    expect(withNewestFirst(list, at('new', '11:00')).map((entry) => entry.id)).toEqual(['new', 'c', 'b', 'a']);
    // Entered with an earlier time (a contact from earlier today).
    expect(withNewestFirst(list, at('earlier', '09:30')).map((entry) => entry.id)).toEqual(['c', 'b', 'earlier', 'a']);
    expect(withNewestFirst(list, at('same', '10:00')).map((entry) => entry.id)).toEqual(['c', 'same', 'b', 'a']);
    expect(withNewestFirst(list, at('oldest', '08:00')).map((entry) => entry.id)).toEqual(['c', 'b', 'a', 'oldest']);
    expect(withNewestFirst([], at('only', '08:00')).map((entry) => entry.id)).toEqual(['only']);
  });

  it('adds an entry once only, and leaves the list it was given as it was', () => {
    const list = [at('b', '10:00'), at('a', '09:00')];
    expect(withNewestFirst(list, at('b', '10:00'))).toBe(list);
    withNewestFirst(list, at('c', '11:00'));
    expect(list.map((entry) => entry.id)).toEqual(['b', 'a']);
  });
});
