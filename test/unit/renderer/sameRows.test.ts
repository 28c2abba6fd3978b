import { describe, expect, it } from 'vitest';
import { sameJson, withUnchangedRows } from '../../../renderer/src/stores/sameRows.ts';
import { board, boardRow } from './boardRows.ts';

/** A new board keeps the rows that did not change as the very objects already shown, so only changed rows are drawn again. */
describe('a new board keeps its unchanged rows', () => {
  it('keeps each unchanged row as the same object, and takes the changed one', () => {
    const before = board('v1', [boardRow('a', 3), boardRow('b', 7), boardRow('c', 0)]);
    const after = withUnchangedRows(before, board('v2', [boardRow('a', 3), boardRow('b', 8), boardRow('c', 0)]));
    expect(after.version).toBe('v2');
    expect(after.rows[0]).toBe(before.rows[0]);
    expect(after.rows[1]).not.toBe(before.rows[1]);
    expect(after.rows[1]?.used).toBe(8);
    expect(after.rows[2]).toBe(before.rows[2]);
  });

  it('sees a change deep inside a row, and takes a new row, a new order and a first board as they come', () => {
    const before = board('v1', [boardRow('a', 3), boardRow('b', 7)]);
    const changedSession = boardRow('a', 3);
    changedSession.bySession.pm.used = 1;
    const after = withUnchangedRows(before, board('v2', [boardRow('b', 7), changedSession, boardRow('d', 0)]));
    expect(after.rows.map((row) => row.clinicianId)).toEqual(['b', 'a', 'd']);
    expect(after.rows[0]).toBe(before.rows[1]);
    expect(after.rows[1]).toBe(changedSession);
    const first = board('v1', [boardRow('a', 0)]);
    expect(withUnchangedRows(null, first)).toBe(first);
  });

  it('compares values read from JSON all the way down', () => {
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: 0 }] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});
