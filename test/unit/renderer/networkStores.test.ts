import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkStatus } from '../../../shared/network.ts';
import { useDeskStore } from '../../../renderer/src/stores/deskStore.ts';
import { useSetupStore } from '../../../renderer/src/stores/setupStore.ts';
import { useSystemStore } from '../../../renderer/src/stores/systemStore.ts';
import { board, boardRow } from './boardRows.ts';
import { installFakeTransport, settle } from './fakeTransport.ts';
import { networkStatus } from '../../helpers/networkStatus.ts';

const status = (state: NetworkStatus['state']) => networkStatus({ state, thisPc: { deviceId: 'ab'.repeat(8), name: 'Reception 1' } });

describe('the network in the system store', () => {
  let fake: ReturnType<typeof installFakeTransport>;
  beforeEach(() => {
    fake = installFakeTransport();
    useSystemStore.setState({ network: null, joinCode: null });
  });
  afterEach(async () => {
    await fake.failPending();
  });

  it('reads the join code once this PC is found joined, and forgets it when it has left', async () => {
    const loading = useSystemStore.getState().loadNetwork();
    fake.callsTo('network.status')[0]?.answer({ ok: true, value: status('running') });
    await loading;
    await settle();
    const asked = fake.callsTo('network.joinCode');
    expect(asked).toHaveLength(1);
    asked[0]?.answer({ ok: true, value: { joinCode: '0123-4567-89AB-CDEF-G' } });
    await settle();
    expect(useSystemStore.getState().joinCode).toBe('0123-4567-89AB-CDEF-G');

    // Read again while joined: the code it has is kept, not asked for again.
    const again = useSystemStore.getState().loadNetwork();
    fake.callsTo('network.status')[1]?.answer({ ok: true, value: status('running') });
    await again;
    await settle();
    expect(fake.callsTo('network.joinCode')).toHaveLength(1);

    const leaving = useSystemStore.getState().leaveNetwork();
    fake.callsTo('network.leave')[0]?.answer({ ok: true, value: status('not_joined') });
    await leaving;
    expect(useSystemStore.getState().joinCode).toBeNull();
    expect(useSystemStore.getState().network?.state).toBe('not_joined');
  });

  it('keeps the status it had when the core refuses a change', async () => {
    useSystemStore.setState({ network: status('not_joined') });
    const joining = useSystemStore.getState().joinNetwork('0000-0000-0000-0000-0');
    fake.callsTo('network.join')[0]?.answer({ ok: false, error: { code: 'invalid_input', message: 'This join code has a mistake in it.', field: 'code' } });
    const result = await joining;
    expect(result.ok).toBe(false);
    expect(useSystemStore.getState().network?.state).toBe('not_joined');
    expect(fake.callsTo('network.joinCode')).toHaveLength(0);
  });
});

describe('redirecting the patient of a contact over the cap from two PCs', () => {
  let fake: ReturnType<typeof installFakeTransport>;
  const input = { destinationId: 'builtin-hub', reason: 'clinician_at_capacity' as const, patientTold: true as const, fromClinicianId: 'a' };
  const label = { saving: 'patient redirected to the hub', done: 'Patient redirected to the hub.' };

  beforeEach(() => {
    fake = installFakeTransport();
    useDeskStore.setState({ board: board('r1', [boardRow('a', 26)]), boardVersion: 'r1', listsVersion: 'r1', contacts: [], redirections: [], lastAction: null, saving: null });
  });
  afterEach(async () => {
    await fake.failPending();
  });

  it('records the redirection first, then voids the contact with the reason, and offers no Undo for the pair', async () => {
    const doing = useDeskStore.getState().redirectInstead('contact-9', input, label);
    expect(fake.callsTo('contact.void')).toHaveLength(0);
    const redirection = { id: 'redirection-1', occurredAt: '2026-11-23T10:00:00.000Z', practiceDay: '2026-11-23' };
    fake.callsTo('redirection.record')[0]?.answer({ ok: true, value: { redirection, warnings: [], board: board('r2', [boardRow('a', 26)]) } });
    await settle();
    const voids = fake.callsTo('contact.void');
    expect(voids).toHaveLength(1);
    expect(voids[0]?.input).toEqual({ contactId: 'contact-9', reason: 'Redirected: recorded while the PCs could not see each other' });
    voids[0]?.answer({ ok: true, value: {} });
    const done = await doing;
    expect(done.voidError).toBeNull();
    expect(useDeskStore.getState().lastAction).toBeNull();
  });

  it('voids nothing when the redirection is refused', async () => {
    const doing = useDeskStore.getState().redirectInstead('contact-9', input, label);
    fake.callsTo('redirection.record')[0]?.answer({ ok: false, error: { code: 'invalid_input', message: 'Say that the patient has been told.', field: 'patientTold' } });
    const done = await doing;
    expect(done.result.ok).toBe(false);
    expect(fake.callsTo('contact.void')).toHaveLength(0);
  });

  it('says why the contact was not voided when the void is refused, keeping the redirection', async () => {
    const doing = useDeskStore.getState().redirectInstead('contact-9', input, label);
    const redirection = { id: 'redirection-1', occurredAt: '2026-11-23T10:00:00.000Z', practiceDay: '2026-11-23' };
    fake.callsTo('redirection.record')[0]?.answer({ ok: true, value: { redirection, warnings: [], board: board('r2', [boardRow('a', 26)]) } });
    await settle();
    fake.callsTo('contact.void')[0]?.answer({ ok: false, error: { code: 'conflict', message: 'This contact was already voided.' } });
    const done = await doing;
    expect(done.result.ok).toBe(true);
    expect(done.voidError).toBe('This contact was already voided.');
  });
});

describe('the first-run setup on a PC in a practice network', () => {
  let fake: ReturnType<typeof installFakeTransport>;
  beforeEach(() => {
    fake = installFakeTransport();
    useSetupStore.setState({ checked: false, open: false });
  });
  afterEach(async () => {
    await fake.failPending();
  });

  async function firstRun(network: NetworkStatus['state']): Promise<boolean> {
    const checking = useSetupStore.getState().checkFirstRun();
    fake.callsTo('settings.get')[0]?.answer({ ok: true, value: { setup: 'not_done' } });
    fake.callsTo('clinician.list')[0]?.answer({ ok: true, value: [] });
    fake.callsTo('network.status')[0]?.answer({ ok: true, value: status(network) });
    await checking;
    return useSetupStore.getState().open;
  }

  it('opens by itself on a new PC on its own', async () => {
    expect(await firstRun('not_joined')).toBe(true);
  });

  it('stays shut on a new PC that has joined, whose clinicians are still on their way from the other PCs', async () => {
    expect(await firstRun('running')).toBe(false);
  });
});
