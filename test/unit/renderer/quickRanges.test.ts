import { describe, expect, it } from 'vitest';
import { QUICK_DAYS, QUICK_RANGES, quickRange, quickRangeOf } from '../../../renderer/src/components/reports/dates.ts';

/** The Export screen's one-day shortcuts, and how a range is recognised as one of the choices offered. */
describe('quick date choices', () => {
  it('Today is today alone; Yesterday the day before, across a month and a year', () => {
    expect(quickRange('today', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(quickRange('yesterday', '2026-11-23')).toEqual({ from: '2026-11-22', to: '2026-11-22' });
    expect(quickRange('yesterday', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(quickRange('yesterday', '2027-01-01')).toEqual({ from: '2026-12-31', to: '2026-12-31' });
    // The clocks went forward on Sunday 29 March 2026: the day before the Monday is still the Sunday.
    expect(quickRange('yesterday', '2026-03-30')).toEqual({ from: '2026-03-29', to: '2026-03-29' });
  });

  it('names a one-day range Today or Yesterday only where those are offered', () => {
    const offered = [...QUICK_DAYS, ...QUICK_RANGES];
    expect(quickRangeOf({ from: '2026-11-23', to: '2026-11-23' }, '2026-11-23', offered)).toBe('today');
    expect(quickRangeOf({ from: '2026-11-22', to: '2026-11-22' }, '2026-11-23', offered)).toBe('yesterday');
    expect(quickRangeOf({ from: '2026-11-23', to: '2026-11-23' }, '2026-11-23')).toBeNull();
    expect(quickRangeOf({ from: '2026-11-21', to: '2026-11-21' }, '2026-11-23', offered)).toBeNull();
    // Monday 23 November 2026: this week is the 23rd to the 29th, whichever list is offered.
    expect(quickRangeOf({ from: '2026-11-23', to: '2026-11-29' }, '2026-11-23', offered)).toBe('this-week');
  });
});
