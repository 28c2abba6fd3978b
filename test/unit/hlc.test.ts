import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, receiveHlc, tickHlc, zeroHlc, type Hlc } from '../../shared/hlc.ts';

describe('hybrid logical clock', () => {
  it('takes the wall clock when it has moved on', () => {
    expect(tickHlc({ wall: 1000, counter: 7, node: 'a' }, 2000)).toEqual({ wall: 2000, counter: 0, node: 'a' });
  });

  it('counts up when the wall clock stands still or goes backwards', () => {
    expect(tickHlc({ wall: 1000, counter: 7, node: 'a' }, 1000)).toEqual({ wall: 1000, counter: 8, node: 'a' });
    expect(tickHlc({ wall: 1000, counter: 7, node: 'a' }, 400)).toEqual({ wall: 1000, counter: 8, node: 'a' });
  });

  it('moves past a remote clock that is ahead of ours', () => {
    expect(receiveHlc({ wall: 1000, counter: 2, node: 'a' }, { wall: 5000, counter: 3, node: 'b' }, 1200)).toEqual({ wall: 5000, counter: 4, node: 'a' });
  });

  it('keeps the larger counter when both clocks share a wall time', () => {
    expect(receiveHlc({ wall: 5000, counter: 9, node: 'a' }, { wall: 5000, counter: 3, node: 'b' }, 100)).toEqual({ wall: 5000, counter: 10, node: 'a' });
  });

  it('takes the physical time when it is ahead of both', () => {
    expect(receiveHlc({ wall: 5000, counter: 9, node: 'a' }, { wall: 6000, counter: 3, node: 'b' }, 7000)).toEqual({ wall: 7000, counter: 0, node: 'a' });
  });

  it('encodes to a fixed-width string', () => {
    expect(encodeHlc({ wall: 1_795_000_000_000, counter: 1, node: 'dev1' })).toBe('000mwm0nk74-00001-dev1');
    expect(decodeHlc('000mwm0nk74-00001-dev1')).toEqual({ wall: 1_795_000_000_000, counter: 1, node: 'dev1' });
  });

  it('rejects text that is not a clock value', () => {
    expect(() => decodeHlc('hello')).toThrow(/hybrid clock/);
    expect(() => decodeHlc('000mwm0nk74-00001-')).toThrow(/hybrid clock/);
  });

  const hlcArb = fc.record({
    wall: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    counter: fc.integer({ min: 0, max: 36 ** 5 - 1 }),
    node: fc.stringMatching(/^[0-9a-f]{1,16}$/),
  });

  it('sorts as text exactly as it sorts as a clock', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a: Hlc, b: Hlc) => {
        const text = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
        expect(text).toBe(Math.sign(compareHlc(a, b)));
      }),
    );
  });

  it('never goes backwards, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 10_000 }).map((t) => ({ local: t })), hlcArb.map((remote) => ({ remote }))), { maxLength: 60 }), (steps) => {
        let clock = zeroHlc('me');
        for (const step of steps) {
          const next = 'local' in step ? tickHlc(clock, step.local) : receiveHlc(clock, step.remote, 0);
          expect(compareHlc(next, clock)).toBe(1);
          if ('remote' in step) expect(compareHlc(next, { ...step.remote, node: 'me' })).toBe(1);
          clock = next;
        }
      }),
    );
  });
});
