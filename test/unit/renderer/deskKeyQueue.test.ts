import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactType } from '../../../shared/domain.ts';
import { useCatalogueStore } from '../../../renderer/src/stores/catalogueStore.ts';
import { useDeskFlow } from '../../../renderer/src/stores/deskFlow.ts';
import { useDeskStore } from '../../../renderer/src/stores/deskStore.ts';
import { board, boardRow, keyPress, recordedContact } from './boardRows.ts';
import { installFakeTransport, settle } from './fakeTransport.ts';

/**
 * Keys typed while a record is being saved wait, and are applied in the order
 * they were typed once its answer is in (DOMAIN.md §7: no keystroke lost).
 */

const type = (id: string, name: string, key: string): ContactType => ({ id, name, counts: true, key, builtin: true, active: true });
const ADA = { ...boardRow('ada', 0), name: 'Dr Ada Patel', key: '1' };
const BEN = { ...boardRow('ben', 0), name: 'Dr Ben Okafor', key: '2' };

describe('the desk’s key queue', () => {
  let fake: ReturnType<typeof installFakeTransport>;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = installFakeTransport();
    useCatalogueStore.setState({ contactTypes: [type('face_to_face', 'Face to face', 'F'), type('telephone', 'Telephone', 'T')] });
    useDeskStore.setState({ board: board('k1', [ADA, BEN]), boardVersion: 'k1', listsVersion: 'k1', contacts: [], saving: null });
    useDeskFlow.setState({ step: null, leaving: null, hint: null, failed: null, queued: 0 });
  });
  afterEach(async () => {
    await fake.failPending();
    vi.useRealTimers();
  });

  const press = (key: string, code = key) => useDeskFlow.getState().press(keyPress(key, code));
  const records = () => fake.callsTo('contact.record').map((call) => call.input as { clinicianId: string; typeId: string });

  it('applies 2, T and Enter, typed while Ada’s contact was saving, in that order: a telephone contact for Ben', async () => {
    press('1', 'Digit1');
    press('Enter');
    expect(records()).toMatchObject([{ clinicianId: 'ada', typeId: 'face_to_face' }]);
    for (const [key, code] of [['2', 'Digit2'], ['t', 'KeyT'], ['Enter', 'Enter']] as const) expect(press(key, code)).toBe(true);
    expect(useDeskFlow.getState()).toMatchObject({ step: null, queued: 3 });
    expect(records()).toHaveLength(1);

    fake.callsTo('contact.record')[0]?.answer({ ok: true, value: recordedContact('c-1', 'ada', 'face_to_face', board('k2', [{ ...ADA, used: 1 }, BEN])) });
    await settle();
    expect(records()).toMatchObject([
      { clinicianId: 'ada', typeId: 'face_to_face' },
      { clinicianId: 'ben', typeId: 'telephone' },
    ]);
    expect(useDeskFlow.getState().queued).toBe(0);
  });

  it('holds the keys until the answer, however long it takes', async () => {
    press('1', 'Digit1');
    press('Enter');
    press('2', 'Digit2');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(useDeskFlow.getState()).toMatchObject({ step: null, queued: 1 });
    fake.callsTo('contact.record')[0]?.answer({ ok: true, value: recordedContact('c-1', 'ada', 'face_to_face', board('k2', [{ ...ADA, used: 1 }, BEN])) });
    await settle();
    expect(useDeskFlow.getState()).toMatchObject({ step: { kind: 'record', clinicianId: 'ben' }, queued: 0 });
  });

  it('uses none of the keys typed after a record that was not saved as typed, and says how many', async () => {
    press('1', 'Digit1');
    press('Enter');
    press('2', 'Digit2');
    press('Enter');
    // Another desk took Ada's last place first: nothing was recorded, and the desk reads the board again.
    fake.callsTo('contact.record')[0]?.answer({ ok: false, error: { code: 'at_capacity', message: 'Dr Ada Patel is full.', field: 'clinicianId' } });
    await settle();
    fake.callsTo('desk.today')[0]?.answer({ ok: true, value: { board: board('k2', [{ ...ADA, used: 25, remaining: 0, state: 'full' }, BEN]), contacts: [], redirections: [], deferrals: [] } });
    await settle();
    expect(records()).toHaveLength(1);
    expect(useDeskFlow.getState()).toMatchObject({
      step: { kind: 'routing', clinicianId: 'ada' },
      queued: 0,
      hint: 'The 2 keys you pressed after that were not used. Check the board, then carry on.',
    });
  });
});
