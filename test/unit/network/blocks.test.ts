import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock, type WireEvent } from '../../../shared/replication.ts';

const EVENT: WireEvent = {
  origin: 'a1b2c3d4e5f60718',
  seq: 7,
  hlc: '000mwm0nk74-00001-a1b2c3d4e5f60718',
  wallTime: 1_795_000_000_000,
  type: 'contact.recorded',
  schemaVersion: 3,
  body: '{"contactId":"c-1"}',
  hash: 'ab'.repeat(32),
  actor: null,
  prevHash: null,
};

/** The same event as this version writes it: chained to the one before and naming who caused it. */
const CHAINED: WireEvent = { ...EVENT, actor: 'staff-7', prevHash: 'cd'.repeat(32) };

const events = fc.record({
  origin: fc.string(),
  seq: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  hlc: fc.string(),
  wallTime: fc.double({ noNaN: true, noDefaultInfinity: true }),
  type: fc.string(),
  schemaVersion: fc.integer(),
  body: fc.string(),
  hash: fc.string(),
}).chain((contents) =>
  fc.oneof(
    fc.constant({ ...contents, actor: null, prevHash: null }),
    fc.record({ actor: fc.option(fc.string()), prevHash: fc.string() }).map((link) => ({ ...contents, ...link })),
  ),
);

const WRONG_KIND = { ok: false, reason: 'one of its parts has the wrong kind of value' };
const NOT_AN_EVENT = { ok: false, reason: 'it is not in the shape of an event' };
const UNREADABLE = { ok: false, reason: 'it is not readable' };

describe('a block of a PC’s record', () => {
  it('of a chained event adds its actor and its link, as ten parts', () => {
    expect(encodeBlock(CHAINED)).toBe(
      '["a1b2c3d4e5f60718",7,"000mwm0nk74-00001-a1b2c3d4e5f60718",1795000000000,"contact.recorded",3,"{\\"contactId\\":\\"c-1\\"}","' +
        'ab'.repeat(32) +
        '","staff-7","' +
        'cd'.repeat(32) +
        '"]',
    );
    expect(decodeBlock(encodeBlock({ ...CHAINED, actor: null }))).toEqual({ ok: true, event: { ...CHAINED, actor: null } });
  });

  it('of an event from before the chain is the event’s eight fields as a JSON array, in the events table’s order', () => {
    expect(encodeBlock(EVENT)).toBe(
      '["a1b2c3d4e5f60718",7,"000mwm0nk74-00001-a1b2c3d4e5f60718",1795000000000,"contact.recorded",3,"{\\"contactId\\":\\"c-1\\"}","' + 'ab'.repeat(32) + '"]',
    );
  });

  it('reads back as the event it was made from', () => {
    fc.assert(
      fc.property(events, (event) => {
        // -0 goes through JSON as 0.
        expect(decodeBlock(encodeBlock(event))).toEqual({ ok: true, event: { ...event, wallTime: event.wallTime === 0 ? 0 : event.wallTime } });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['', UNREADABLE],
    ['{"origin": ', UNREADABLE],
    ['not json at all', UNREADABLE],
    ['null', NOT_AN_EVENT],
    ['"text"', NOT_AN_EVENT],
    ['42', NOT_AN_EVENT],
    ['{}', NOT_AN_EVENT],
    ['{"0":"a","1":1,"2":"h","3":1,"4":"t","5":1,"6":"{}","7":"x","length":8}', NOT_AN_EVENT],
    ['[]', NOT_AN_EVENT],
    ['["a",1,"h",1,"t",1,"{}"]', NOT_AN_EVENT],
    ['["a",1,"h",1,"t",1,"{}","x","extra"]', NOT_AN_EVENT],
    ['[1,1,"h",1,"t",1,"{}","x"]', WRONG_KIND],
    ['["a","1","h",1,"t",1,"{}","x"]', WRONG_KIND],
    ['["a",1.5,"h",1,"t",1,"{}","x"]', WRONG_KIND],
    ['["a",9007199254740993,"h",1,"t",1,"{}","x"]', WRONG_KIND],
    ['["a",1,null,1,"t",1,"{}","x"]', WRONG_KIND],
    ['["a",1,"h","1","t",1,"{}","x"]', WRONG_KIND],
    ['["a",1,"h",1e999,"t",1,"{}","x"]', WRONG_KIND],
    ['["a",1,"h",1,["t"],1,"{}","x"]', WRONG_KIND],
    ['["a",1,"h",1,"t","1","{}","x"]', WRONG_KIND],
    ['["a",1,"h",1,"t",1,{},"x"]', WRONG_KIND],
    ['["a",1,"h",1,"t",1,"{}",false]', WRONG_KIND],
    ['["a",1,"h",1,"t",1,"{}","x","staff",null]', WRONG_KIND],
    ['["a",1,"h",1,"t",1,"{}","x",7,"p"]', WRONG_KIND],
    ['["a",1,"h",1,"t",1,"{}","x",null,5]', WRONG_KIND],
    ['["a",1,"h",1,"t",1,"{}","x",null,"p","extra"]', NOT_AN_EVENT],
  ])('%j is %j', (text, expected) => {
    expect(decodeBlock(text)).toEqual(expected);
  });

  it('never throws, whatever arrives: any text, any JSON, and values that are not text at all', () => {
    const anything = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.array(fc.jsonValue(), { minLength: 8, maxLength: 8 }).map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(anything, (text) => {
        const decoded = decodeBlock(text);
        if (decoded.ok) {
          expect(Object.keys(decoded.event)).toEqual(['origin', 'seq', 'hlc', 'wallTime', 'type', 'schemaVersion', 'body', 'hash', 'actor', 'prevHash']);
          expect(encodeBlock(decoded.event)).toBe(JSON.stringify(JSON.parse(text)));
        } else {
          expect(decoded.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
    // What a confused channel might hand over instead of text.
    const decodeAnything = decodeBlock as (value: unknown) => ReturnType<typeof decodeBlock>;
    for (const value of [undefined, null, 42, {}, [], Buffer.from('[]'), Symbol('x')]) {
      expect(() => decodeAnything(value)).not.toThrow();
      expect(decodeAnything(value)).toMatchObject({ ok: false });
    }
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(decodeBlock(deep)).toMatchObject({ ok: false });
    expect(decodeBlock('['.repeat(200_000))).toEqual(UNREADABLE);
  });
});
