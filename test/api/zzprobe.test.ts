import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract.ts';
import { closeAllCores, expectRefusal, openCore, seed, snapshot } from './apiHarness.ts';
afterEach(closeAllCores);
it('probe', () => {
  const { core, clock, pushes } = openCore();
  seed(core, clock);
  pushes.length = 0;
  const before = snapshot(core.db);
  const name = fc.oneof(fc.string(), fc.string({ unit: 'binary' })).filter((c) => !(METHOD_NAMES as string[]).includes(c));
  let t = performance.now();
  fc.assert(fc.property(name, (m) => { const e = expectRefusal(core.invoke(m, {}), { code: 'unknown_method', field: null }); expect(e.message).toContain(m); }), { numRuns: 200 });
  console.log('contain', performance.now() - t);
  t = performance.now();
  fc.assert(fc.property(name, (m) => { core.invoke(m, {}); expect(pushes).toEqual([]); }), { numRuns: 200 });
  console.log('pushes', performance.now() - t);
});
