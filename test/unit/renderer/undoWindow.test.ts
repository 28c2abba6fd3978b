import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDeskFlow } from '../../../renderer/src/stores/deskFlow.ts';
import { useDeskStore } from '../../../renderer/src/stores/deskStore.ts';
import { board, boardRow, keyPress, recordedContact } from './boardRows.ts';
import { installFakeTransport, settle } from './fakeTransport.ts';

/**
 * Ctrl+Z undoes the desk's last entry for 10 seconds after it was recorded
 * (README: "Undo the last entry for 10 seconds"), by voiding it; after that it is gone.
 */

const RECORDED_AT = Date.parse('2026-11-23T10:00:00Z');
const SENTENCE = 'Telephone contact recorded for Clinician a.';

describe('the undo window', () => {
  let fake: ReturnType<typeof installFakeTransport>;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(RECORDED_AT);
    fake = installFakeTransport();
    useDeskStore.setState({ board: board('u1', [boardRow('a', 0)]), boardVersion: 'u1', listsVersion: 'u1', contacts: [], lastAction: null, undone: null, saving: null });
    useDeskFlow.setState({ step: null, leaving: null, hint: null, failed: null, queued: 0 });
  });
  afterEach(async () => {
    await fake.failPending();
    vi.useRealTimers();
  });

  /** Records a telephone contact at RECORDED_AT; the core answers at once. */
  async function recordOne(): Promise<void> {
    const recording = useDeskStore.getState().record('contact.record', { clinicianId: 'a', typeId: 'telephone' }, { saving: 'Telephone contact for Clinician a', done: SENTENCE });
    fake.callsTo('contact.record')[0]?.answer({ ok: true, value: recordedContact('c-1', 'a', 'telephone', board('u2', [boardRow('a', 1)])) });
    await recording;
  }

  const pressCtrlZ = () => useDeskFlow.getState().press(keyPress('z', 'KeyZ', { ctrlKey: true }));

  it('voids the entry when Ctrl+Z comes exactly 10 seconds after it, and says so', async () => {
    await recordOne();
    vi.setSystemTime(RECORDED_AT + 10_000);
    expect(pressCtrlZ()).toBe(true);
    const voids = fake.callsTo('contact.void');
    expect(voids.map((call) => call.input)).toEqual([{ contactId: 'c-1', reason: 'Undone at the desk straight after recording' }]);
    voids[0]?.answer({ ok: true, value: { id: 'c-1' } });
    await settle();
    expect(useDeskStore.getState().undone).toBe(`Undone, and kept in the history as voided: ${SENTENCE}`);
    // Undone once: a second Ctrl+Z has nothing left to undo.
    expect(useDeskStore.getState().lastAction).toBeNull();
    pressCtrlZ();
    expect(fake.callsTo('contact.void')).toHaveLength(1);
  });

  it('does nothing once the 10 seconds are over', async () => {
    await recordOne();
    vi.setSystemTime(RECORDED_AT + 10_001);
    pressCtrlZ();
    await expect(useDeskStore.getState().undo(Date.now())).resolves.toBeNull();
    await settle();
    expect(fake.callsTo('contact.void')).toEqual([]);
    expect(useDeskStore.getState().undone).toBeNull();
  });

  it('says plainly when the undo was refused, and keeps nothing as undone', async () => {
    await recordOne();
    vi.setSystemTime(RECORDED_AT + 3_000);
    pressCtrlZ();
    fake.callsTo('contact.void')[0]?.answer({ ok: false, error: { code: 'conflict', message: 'This contact is already voided.' } });
    await settle();
    expect(useDeskStore.getState().undone).toBe('Not undone: This contact is already voided.');
    expect(useDeskStore.getState().lastAction).toMatchObject({ id: 'c-1' });
  });
});
