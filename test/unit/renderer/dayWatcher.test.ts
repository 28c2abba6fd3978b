import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPracticeDay, type Timers } from '../../../renderer/src/stores/dayWatcher.ts';

/** The board turns over to the new practice day at London midnight by itself. */
describe('practice-day watcher', () => {
  let now = 0;
  const timers: Timers = {
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    setInterval: (run, ms) => setInterval(run, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function advance(ms: number) {
    now += ms;
    vi.advanceTimersByTime(ms);
  }

  it('fires once, just after midnight in winter (GMT)', () => {
    now = Date.parse('2026-11-23T23:59:00Z');
    const days: string[] = [];
    const stop = watchPracticeDay(() => now, (day) => days.push(day), timers);
    advance(59_000);
    expect(days).toEqual([]);
    advance(2_000);
    expect(days).toEqual(['2026-11-24']);
    advance(60 * 60_000);
    expect(days).toEqual(['2026-11-24']);
    stop();
  });

  it('fires at 23:00 UTC in summer, which is midnight in London', () => {
    now = Date.parse('2026-07-01T22:30:00Z');
    const days: string[] = [];
    const stop = watchPracticeDay(() => now, (day) => days.push(day), timers);
    advance(29 * 60_000);
    expect(days).toEqual([]);
    advance(2 * 60_000);
    expect(days).toEqual(['2026-07-02']);
    stop();
  });

  it('turns over after the 23-hour day of 29 March 2026 and the 25-hour day of 25 October 2026', () => {
    now = Date.parse('2026-03-29T00:30:00Z');
    const spring: string[] = [];
    const stopSpring = watchPracticeDay(() => now, (day) => spring.push(day), timers);
    advance(22 * 3_600_000); // 22:30 UTC = 23:30 BST on the 29th
    expect(spring).toEqual([]);
    advance(31 * 60_000); // 23:01 UTC = 00:01 BST on the 30th
    expect(spring).toEqual(['2026-03-30']);
    stopSpring();

    now = Date.parse('2026-10-24T23:30:00Z'); // 00:30 BST on the 25th
    const autumn: string[] = [];
    const stopAutumn = watchPracticeDay(() => now, (day) => autumn.push(day), timers);
    advance(24 * 3_600_000); // 23:30 UTC on the 25th = 23:30 GMT, still the 25th
    expect(autumn).toEqual([]);
    advance(31 * 60_000);
    expect(autumn).toEqual(['2026-10-26']);
    stopAutumn();
  });

  it('notices a day it slept through, within 30 seconds', () => {
    now = Date.parse('2026-11-23T17:00:00Z');
    const days: string[] = [];
    const stop = watchPracticeDay(() => now, (day) => days.push(day), timers);
    // The PC sleeps: the clock jumps two days, then timers run late.
    now = Date.parse('2026-11-25T08:00:00Z');
    vi.advanceTimersByTime(30_000);
    expect(days).toEqual(['2026-11-25']);
    stop();
  });

  it('stops when asked', () => {
    now = Date.parse('2026-11-23T23:59:30Z');
    const days: string[] = [];
    const stop = watchPracticeDay(() => now, (day) => days.push(day), timers);
    stop();
    advance(120_000);
    expect(days).toEqual([]);
  });
});
