import { msUntilNextPracticeDay, practiceDayOf } from '../../../shared/practiceDay.ts';

export interface Timers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  setInterval: (run: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

/**
 * Calls `onNewDay` when the practice day (Europe/London) turns over, with nobody
 * touching the screen: a timer set for local midnight, and a check every 30
 * seconds for a PC that slept through it or had its clock changed.
 */
export function watchPracticeDay(now: () => number, onNewDay: (day: string) => void, timers: Timers): () => void {
  let current = practiceDayOf(now());
  let midnight: unknown = null;
  const check = () => {
    const day = practiceDayOf(now());
    if (day !== current) {
      current = day;
      onNewDay(day);
    }
  };
  const schedule = () => {
    midnight = timers.setTimeout(() => {
      check();
      schedule();
    }, msUntilNextPracticeDay(now()) + 250);
  };
  schedule();
  const poll = timers.setInterval(check, 30_000);
  return () => {
    timers.clearTimeout(midnight);
    timers.clearInterval(poll);
  };
}
