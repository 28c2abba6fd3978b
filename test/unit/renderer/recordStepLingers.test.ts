import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/result.ts';
import { RECORD_STEP_LINGERS_MS, useDeskFlow } from '../../../renderer/src/stores/deskFlow.ts';
import { useDeskStore } from '../../../renderer/src/stores/deskStore.ts';
import { board, boardRow, keyPress as press, recordedContact } from './boardRows.ts';
import { installFakeTransport, type PendingCall } from './fakeTransport.ts';

/**
 * After Enter, the record step stays on screen until its answer comes (then the
 * dialog closes in the same frame as the board changes), or for a moment at most.
 */

function recordedAnswer(used: number): Envelope<unknown> {
  return { ok: true, value: recordedContact(`contact-${used}`, 'a', 'face_to_face', board(`v${used + 1}`, [boardRow('a', used)])) };
}

describe('the record step after Enter', () => {
  let answers: PendingCall[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    answers = installFakeTransport().calls;
    useDeskStore.setState({ board: board('v1', [boardRow('a', 0)]), boardVersion: 'v1', listsVersion: 'v1', contacts: [], saving: null });
    useDeskFlow.setState({ step: null, leaving: null, hint: null, failed: null, queued: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const answer = async (used: number) => {
    answers.shift()?.answer(recordedAnswer(used));
    // Let the answer's promise chain run, and no timer.
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it('stays on screen until its answer, and goes with it', async () => {
    useDeskFlow.getState().press(press('1', 'Digit1'));
    const step = useDeskFlow.getState().step;
    expect(step).toMatchObject({ kind: 'record', clinicianId: 'a' });
    useDeskFlow.getState().press(press('Enter'));
    expect(useDeskFlow.getState()).toMatchObject({ step: null, leaving: step });
    expect(answers).toHaveLength(1);

    await answer(1);
    expect(useDeskStore.getState().board?.rows[0]?.used).toBe(1);
    expect(useDeskFlow.getState().leaving).toBeNull();
  });

  it('goes after a moment when the answer is slow, while the record is still being saved', async () => {
    useDeskFlow.getState().press(press('1', 'Digit1'));
    useDeskFlow.getState().press(press('Enter'));
    vi.advanceTimersByTime(RECORD_STEP_LINGERS_MS - 1);
    expect(useDeskFlow.getState().leaving).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(useDeskFlow.getState().leaving).toBeNull();
    expect(useDeskStore.getState().saving).not.toBeNull();
    await answer(1);
    expect(useDeskStore.getState().saving).toBeNull();
  });

  it('keeps keys typed meanwhile for afterwards, and the next step gets a dialog of its own', async () => {
    useDeskFlow.getState().press(press('1', 'Digit1'));
    const opened = useDeskFlow.getState().opened;
    useDeskFlow.getState().press(press('Enter'));
    expect(useDeskFlow.getState().press(press('1', 'Digit1'))).toBe(true);
    expect(useDeskFlow.getState()).toMatchObject({ step: null, queued: 1 });

    await answer(1);
    expect(useDeskFlow.getState()).toMatchObject({ step: { kind: 'record', clinicianId: 'a' }, leaving: null, queued: 0 });
    expect(useDeskFlow.getState().opened).toBe(opened + 1);
  });
});
