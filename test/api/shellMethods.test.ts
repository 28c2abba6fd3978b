import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { asyncMethod } from '../../shared/contract.ts';
import { DomainError } from '../../main/core/errors.ts';
import { closeAllCores, expectNothingWritten, expectRefusal, openSeeded } from './apiHarness.ts';

/**
 * A shell adds the methods only it can carry out (the desktop window's save
 * dialog) to the core's one dispatcher. They are checked against their own
 * schemas like every other method, answer later, change nothing in the core,
 * and can never take the place of one of the core's methods.
 */

afterEach(closeAllCores);

const specs = {
  'window.shake': asyncMethod(z.strictObject({ times: z.number({ error: 'Say how many times to shake the window.' }).int().min(1).max(3) }), 'Shake the window.')<{ shaken: number }>(),
};

describe('a shell’s own methods in the one dispatcher', () => {
  it('checks the input against the method’s own schema before the shell sees it', async () => {
    const seeded = openSeeded();
    const shake = vi.fn(({ times }: { times: number }) => ({ shaken: times }));
    seeded.core.addShellMethods(specs, { 'window.shake': shake });
    await expect(seeded.core.invoke('window.shake', { times: 2 })).resolves.toEqual({ ok: true, value: { shaken: 2 } });
    expect(shake).toHaveBeenCalledWith({ times: 2 });
    expectRefusal(await seeded.core.invoke('window.shake', { times: 9 }), { code: 'invalid_input', field: 'times' });
    expectRefusal(await seeded.core.invoke('window.shake', { times: 1, loudly: true }), { code: 'invalid_input', field: null, phrase: 'loudly' });
    expectRefusal(await seeded.core.invoke('window.shake', JSON.parse('{"times":1,"constructor":{}}')), { code: 'invalid_input', field: null, phrase: 'constructor' });
    expect(shake).toHaveBeenCalledTimes(1);
    expectNothingWritten(seeded);
  });

  it('answers later, always, and tells no window to refresh', async () => {
    const seeded = openSeeded();
    seeded.core.addShellMethods(specs, { 'window.shake': ({ times }) => ({ shaken: times }) });
    const good = seeded.core.invoke('window.shake', { times: 1 });
    const bad = seeded.core.invoke('window.shake', { times: 'lots' });
    expect(good).toBeInstanceOf(Promise);
    expect(bad).toBeInstanceOf(Promise);
    await Promise.all([good, bad]);
    expect(seeded.pushes).toEqual([]);
  });

  it('turns what the shell throws into an answer: its own refusal as it is, anything else as a general message', async () => {
    const seeded = openSeeded();
    const errors: Error[] = [new DomainError('not_available', 'There is no window to shake.'), new Error('native crash')];
    seeded.core.addShellMethods(specs, {
      'window.shake': () => {
        throw errors.shift() ?? new Error('Only two calls were expected.');
      },
    });
    expectRefusal(await seeded.core.invoke('window.shake', { times: 1 }), { code: 'not_available', field: null, phrase: 'There is no window to shake.' });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expectRefusal(await seeded.core.invoke('window.shake', { times: 1 }), { code: 'internal', field: null, phrase: 'Something went wrong' });
    quiet.mockRestore();
  });

  it('refuses a shell method named like one of the core’s, or added twice, and keeps the core’s own', async () => {
    const seeded = openSeeded();
    const takeover = { 'clinician.create': asyncMethod(z.strictObject({}), 'Not the core’s.')<{ taken: true }>() };
    expect(() => seeded.core.addShellMethods(takeover, { 'clinician.create': () => ({ taken: true as const }) })).toThrow(
      'A shell method may not take the name of another method: clinician.create.',
    );
    seeded.core.addShellMethods(specs, { 'window.shake': () => ({ shaken: 1 }) });
    expect(() => seeded.core.addShellMethods(specs, { 'window.shake': () => ({ shaken: 2 }) })).toThrow('A shell method may not take the name of another method: window.shake.');
    await expect(seeded.core.invoke('window.shake', { times: 1 })).resolves.toEqual({ ok: true, value: { shaken: 1 } });
    expect(seeded.core.invoke('clinician.create', { name: 'Dr Ada Okafor', role: 'gp_partner' })).toMatchObject({ ok: true, value: { name: 'Dr Ada Okafor' } });
  });

  it('forgets the methods once the shell takes them away', async () => {
    const seeded = openSeeded();
    const remove = seeded.core.addShellMethods(specs, { 'window.shake': () => ({ shaken: 1 }) });
    remove();
    expectRefusal(await seeded.core.invoke('window.shake', { times: 1 }), { code: 'unknown_method', field: null, phrase: '“window.shake”' });
  });
});
