import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/result.ts';
import { useDeskStore } from '../../../renderer/src/stores/deskStore.ts';
import { board, boardRow, recordedContact } from './boardRows.ts';
import { installFakeTransport, settle } from './fakeTransport.ts';

/**
 * A record whose answer is lost is sent again, with the same request id, so the
 * core can answer a repeat with the first record instead of saving it twice.
 * The waits between tries are 250 ms, 750 ms, 1.5 s, 3 s, 5 s and 10 s: about
 * 20 seconds in all before the desk is told.
 */

const UNREACHABLE: Envelope<never> = { ok: false, error: { code: 'unreachable', message: 'ContactCap is not answering.' } };
/** When each try goes, counted from the first, worked out by hand from the waits above. */
const TRY_TIMES_MS = [0, 250, 1_000, 2_500, 5_500, 10_500, 20_500];

describe('a record the core did not answer', () => {
  let fake: ReturnType<typeof installFakeTransport>;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = installFakeTransport();
    useDeskStore.setState({ board: board('r1', [boardRow('a', 0)]), boardVersion: 'r1', listsVersion: 'r1', contacts: [], lastAction: null, saving: null });
  });
  afterEach(async () => {
    await fake.failPending();
    vi.useRealTimers();
  });

  const record = () => useDeskStore.getState().record('contact.record', { clinicianId: 'a', typeId: 'telephone' }, { saving: 'Telephone contact for Clinician a', done: 'Recorded.' });
  const tries = () => fake.callsTo('contact.record');
  /** Answers the newest try, then moves the clock on by `ms`. */
  async function answerThenWait(envelope: Envelope<unknown>, ms: number): Promise<void> {
    tries().at(-1)?.answer(envelope);
    await settle();
    await vi.advanceTimersByTimeAsync(ms);
  }

  it('is sent again after 250 ms and 750 ms more, with the same request id each time, and saved once', async () => {
    const recording = record();
    expect(useDeskStore.getState().saving).toMatchObject({ clinicianId: 'a', attempt: 1 });
    await answerThenWait(UNREACHABLE, 249);
    expect(tries()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(tries()).toHaveLength(2);
    expect(useDeskStore.getState().saving).toMatchObject({ attempt: 2 });
    await answerThenWait(UNREACHABLE, 749);
    expect(tries()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(tries()).toHaveLength(3);

    tries()[2]?.answer({ ok: true, value: recordedContact('c-7', 'a', 'telephone', board('r2', [boardRow('a', 1)])) });
    await expect(recording).resolves.toMatchObject({ ok: true, value: { id: 'c-7' } });
    const ids = tries().map((call) => (call.input as { requestId?: unknown }).requestId);
    expect(typeof ids[0]).toBe('string');
    expect(new Set(ids).size).toBe(1);
    expect(tries().every((call) => (call.input as { withBoard?: unknown }).withBoard === true)).toBe(true);
    expect(useDeskStore.getState()).toMatchObject({ saving: null, contacts: [{ id: 'c-7' }], board: { rows: [{ used: 1 }] } });
  });

  it('tries seven times over 20.5 seconds, then gives the desk the reason and stops', async () => {
    const started = Date.now();
    const recording = record();
    for (let i = 1; i < TRY_TIMES_MS.length; i++) {
      const due = TRY_TIMES_MS[i] ?? 0;
      tries().at(-1)?.answer(UNREACHABLE);
      await settle();
      await vi.advanceTimersByTimeAsync(due - (Date.now() - started) - 1);
      expect(tries(), `try ${i + 1}, not before ${due} ms`).toHaveLength(i);
      await vi.advanceTimersByTimeAsync(1);
      expect(tries(), `try ${i + 1}, at ${due} ms`).toHaveLength(i + 1);
    }
    tries().at(-1)?.answer(UNREACHABLE);
    await expect(recording).resolves.toEqual(UNREACHABLE);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries()).toHaveLength(7);
    expect(useDeskStore.getState().saving).toBeNull();
    expect(useDeskStore.getState().lastAction).toBeNull();
  });

  it('is not sent again when the core answered with a refusal', async () => {
    const recording = record();
    tries()[0]?.answer({ ok: false, error: { code: 'at_capacity', message: 'Clinician a is full.', field: 'clinicianId' } });
    await expect(recording).resolves.toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries()).toHaveLength(1);
  });

  it('gives each new record a request id of its own', async () => {
    const first = record();
    tries()[0]?.answer({ ok: true, value: recordedContact('c-1', 'a', 'telephone', board('r2', [boardRow('a', 1)])) });
    await first;
    const second = record();
    tries()[1]?.answer({ ok: true, value: recordedContact('c-2', 'a', 'telephone', board('r3', [boardRow('a', 2)])) });
    await second;
    const [one, two] = tries().map((call) => (call.input as { requestId: string }).requestId);
    expect(one).not.toBe(two);
  });
});
