import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskToday } from '../../../shared/domain.ts';
import { coalesce } from '../../../renderer/src/stores/coalesce.ts';
import { useDeskStore } from '../../../renderer/src/stores/deskStore.ts';
import { connectLiveUpdates } from '../../../renderer/src/stores/liveUpdates.ts';
import { board, boardRow, recordedContact } from './boardRows.ts';
import { installFakeTransport, settle } from './fakeTransport.ts';

/** A refresh asked for while one is running becomes one follow-up, never a queue of requests. */
describe('coalesced refreshes', () => {
  function countedRun() {
    const finishes: (() => void)[] = [];
    const run = vi.fn(() => new Promise<void>((resolve) => finishes.push(resolve)));
    return { run, finishNext: async () => {
      finishes.shift()?.();
      await settle();
    } };
  }

  it('runs once more, not three times, for three asks while a run is under way', async () => {
    const { run, finishNext } = countedRun();
    const refresh = coalesce(run);
    const first = refresh();
    const asked = [refresh(), refresh(), refresh()];
    expect(run).toHaveBeenCalledTimes(1);
    await finishNext();
    // The follow-up fetches what changed during the first run.
    expect(run).toHaveBeenCalledTimes(2);
    await finishNext();
    await Promise.all([first, ...asked]);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs again for an ask that comes after the last run ended', async () => {
    const { run, finishNext } = countedRun();
    const refresh = coalesce(run);
    const first = refresh();
    await finishNext();
    await first;
    const later = refresh();
    expect(run).toHaveBeenCalledTimes(2);
    await finishNext();
    await later;
  });

  it('runs yet again for an ask during the follow-up', async () => {
    const { run, finishNext } = countedRun();
    const refresh = coalesce(run);
    void refresh();
    void refresh();
    await finishNext();
    expect(run).toHaveBeenCalledTimes(2);
    void refresh();
    await finishNext();
    expect(run).toHaveBeenCalledTimes(3);
    await finishNext();
    expect(run).toHaveBeenCalledTimes(3);
  });
});

/** Pushes for the desk are gathered for 40 ms before anything is fetched (liveUpdates.ts). */
describe('pushes for the desk', () => {
  let fake: ReturnType<typeof installFakeTransport>;
  let disconnect: () => void = () => {};

  const deskToday = (version: string, used: number): DeskToday => ({ board: board(version, [boardRow('a', used)]), contacts: [], redirections: [], deferrals: [] });
  const contactsChanged = (version: string, previous: string) => ({ topics: ['contacts' as const], version, previous });

  beforeEach(() => {
    vi.useFakeTimers();
    fake = installFakeTransport();
    useDeskStore.setState({ board: board('p10', [boardRow('a', 0)]), boardVersion: 'p10', listsVersion: 'p10', contacts: [], saving: null });
    disconnect = connectLiveUpdates();
  });
  afterEach(async () => {
    disconnect();
    await fake.failPending();
    vi.useRealTimers();
  });

  it('fetches the desk once for three pushes from another desk within the gather window, and not before it closes', async () => {
    fake.push('data.changed', contactsChanged('p11', 'p10'));
    await vi.advanceTimersByTimeAsync(15);
    fake.push('data.changed', contactsChanged('p12', 'p11'));
    await vi.advanceTimersByTimeAsync(15);
    fake.push('data.changed', contactsChanged('p13', 'p12'));
    await vi.advanceTimersByTimeAsync(9);
    expect(fake.callsTo('desk.today')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.callsTo('desk.today')).toHaveLength(1);
    fake.callsTo('desk.today')[0]?.answer({ ok: true, value: deskToday('p13', 3) });
    await settle();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.callsTo('desk.today')).toHaveLength(1);
    expect(useDeskStore.getState()).toMatchObject({ boardVersion: 'p13', board: { rows: [{ used: 3 }] } });
  });

  it('fetches again for a push that comes after the window closed', async () => {
    fake.push('data.changed', contactsChanged('p11', 'p10'));
    await vi.advanceTimersByTimeAsync(40);
    fake.callsTo('desk.today')[0]?.answer({ ok: true, value: deskToday('p11', 1) });
    await settle();
    fake.push('data.changed', contactsChanged('p12', 'p11'));
    await vi.advanceTimersByTimeAsync(40);
    expect(fake.callsTo('desk.today')).toHaveLength(2);
  });

  it('fetches nothing for the push of this window’s own record, whose answer already brought the board', async () => {
    const recording = useDeskStore.getState().record('contact.record', { clinicianId: 'a', typeId: 'telephone' }, { saving: 'Saving', done: 'Recorded.' });
    fake.callsTo('contact.record')[0]?.answer({ ok: true, value: recordedContact('c-1', 'a', 'telephone', board('p10-own', [boardRow('a', 1)])) });
    await recording;
    fake.push('data.changed', contactsChanged('p10-own', 'p10'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.callsTo('desk.today')).toHaveLength(0);
    expect(useDeskStore.getState()).toMatchObject({ boardVersion: 'p10-own', listsVersion: 'p10-own', contacts: [{ id: 'c-1' }] });
  });
});
