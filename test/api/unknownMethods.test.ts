import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isMethodName, METHOD_NAMES } from '../../shared/contract.ts';
import { closeAllCores, expectRefusal, openSeeded, snapshot } from './apiHarness.ts';

/** A request the contract does not define is refused by name, whatever its details, and writes nothing. */

afterEach(closeAllCores);

/** Details that clinician.create would accept, so a mis-routed request would write. */
const WRITING_DETAILS = { name: 'Dr Priya Nair', role: 'salaried_gp', dailyCap: 20 };

const UNKNOWN = [
  'nope',
  '',
  ' ',
  'clinician.delete',
  'clinician.create ',
  ' clinician.create',
  'Clinician.Create',
  'CLINICIAN.CREATE',
  'clinician/create',
  'clinician_create',
  'clinician.create.extra',
  'clinician',
  'clinician.',
  '.create',
  'contact.delete',
  'contact.recordUrgent',
  'contact.mode',
  'desktop.setcompact',
  'desktop',
  // The desktop shell's own methods: a core that no shell has added them to does not know them.
  'desktop.setCompact',
  'desktop.saveExport',
  'desktop.printToPdf',
  'rota.set',
  'db.exec',
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];

describe('unknown methods', () => {
  it.each(UNKNOWN.map((name) => [JSON.stringify(name)] as const))('refuses %s as unknown_method and writes nothing', async (quoted) => {
    const name = JSON.parse(quoted) as string;
    const seeded = openSeeded();
    for (const input of [WRITING_DETAILS, {}, undefined, null, 'text']) {
      const error = expectRefusal(await seeded.core.invoke(name, input), { code: 'unknown_method', field: null });
      expect(error.message).toContain(`“${name}”`);
      expect(error.message).toContain('Nothing was changed.');
    }
    expect(snapshot(seeded.core.db)).toEqual(seeded.before);
    expect(seeded.pushes).toEqual([]);
  });

  it('refuses any name that is not in the contract, and writes nothing', async () => {
    const seeded = openSeeded();
    const nearMiss = fc
      .tuple(fc.constantFrom(...METHOD_NAMES), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), fc.boolean())
      .map(([name, before, after, upper]) => `${before}${upper ? name.toUpperCase() : name}${after}`);
    const name = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), nearMiss).filter((candidate) => !(METHOD_NAMES as string[]).includes(candidate));
    await fc.assert(
      fc.asyncProperty(name, async (method) => {
        const error = expectRefusal(await seeded.core.invoke(method, WRITING_DETAILS), { code: 'unknown_method', field: null });
        expect(error.message).toContain(method);
        expect(snapshot(seeded.core.db)).toEqual(seeded.before);
        expect(seeded.pushes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('knows exactly the methods of the contract, and none inherited from Object', () => {
    for (const name of METHOD_NAMES) expect(isMethodName(name)).toBe(true);
    for (const name of UNKNOWN) expect(isMethodName(name)).toBe(false);
  });
});
