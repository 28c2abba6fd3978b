import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { METHOD_NAMES, type InputOf, type MethodName } from '../../shared/contract.ts';
import { CLINICIAN_ROLES, CONTACT_MODES } from '../../shared/domain.ts';
import type { Envelope } from '../../shared/result.ts';
import { closeAllCores, expectRefusal, openCore, seed, snapshot, type OpenedCore, type Seed } from './apiHarness.ts';

/**
 * Every method of the contract refuses malformed input with a typed error, in
 * words for the desk, and writes nothing. The bad inputs are generated from a
 * hand-written table — each method's fields, what kind of value each takes, and
 * one valid example — never from the schemas under test.
 */

afterEach(closeAllCores);

const RUNS = 100;

/** Hand-copied from DOMAIN.md; a test below keeps them in step with shared/domain.ts. */
const ROLES = [
  'gp_partner',
  'salaried_gp',
  'locum_gp',
  'gp_registrar',
  'advanced_nurse_practitioner',
  'practice_nurse',
  'clinical_pharmacist',
  'paramedic',
  'physician_associate',
  'healthcare_assistant',
  'other',
];
const MODES = ['face_to_face', 'telephone', 'video', 'online', 'home_visit'];

type Kind = 'clinicianName' | 'role' | 'dailyCap' | 'entityId' | 'mode' | 'instant' | 'practiceDay' | 'voidReason' | 'flag';

interface FieldSpec {
  kind: Kind;
  required: boolean;
  /** What the refusal message must talk about. */
  about: RegExp;
}

interface MethodCase<M extends MethodName> {
  /** Exactly the method's input fields (the type makes a new contract field fail to compile until it is added here). */
  fields: { [K in keyof InputOf<M> & string]-?: FieldSpec };
  /** A request the method accepts against the seeded data. */
  valid: (seed: Seed) => InputOf<M>;
  /** Whether the valid example saves something (so "unchanged" is shown to be a real check). */
  writes: boolean;
}

const clinicianId = (required: boolean): FieldSpec => ({ kind: 'entityId', required, about: /clinician/ });

const CASES: { [M in MethodName]: MethodCase<M> } = {
  'system.status': { fields: {}, valid: () => ({}), writes: false },
  'clinician.list': {
    fields: { includeInactive: { kind: 'flag', required: false, about: /true or false/ } },
    valid: () => ({ includeInactive: true }),
    writes: false,
  },
  'clinician.create': {
    fields: {
      name: { kind: 'clinicianName', required: true, about: /clinician’s name/ },
      role: { kind: 'role', required: true, about: /role/ },
      dailyCap: { kind: 'dailyCap', required: false, about: /daily cap/ },
    },
    valid: () => ({ name: 'Dr Priya Nair', role: 'salaried_gp', dailyCap: 20 }),
    writes: true,
  },
  'clinician.rename': {
    fields: { clinicianId: clinicianId(true), name: { kind: 'clinicianName', required: true, about: /clinician’s name/ } },
    valid: (s) => ({ clinicianId: s.amaraId, name: 'Dr Amara Okafor-Reid' }),
    writes: true,
  },
  'clinician.deactivate': {
    fields: { clinicianId: clinicianId(true) },
    valid: (s) => ({ clinicianId: s.benId }),
    writes: true,
  },
  'contact.record': {
    fields: {
      clinicianId: clinicianId(true),
      mode: { kind: 'mode', required: true, about: /how the contact happened/ },
      occurredAt: { kind: 'instant', required: false, about: /date and time/ },
    },
    valid: (s) => ({ clinicianId: s.amaraId, mode: 'telephone', occurredAt: '2026-11-21T08:45:00Z' }),
    writes: true,
  },
  'contact.void': {
    fields: {
      contactId: { kind: 'entityId', required: true, about: /contact/ },
      reason: { kind: 'voidReason', required: true, about: /reason|voided/ },
    },
    valid: (s) => ({ contactId: s.contactId, reason: 'Recorded against the wrong clinician' }),
    writes: true,
  },
  'contact.listForDay': {
    fields: { day: { kind: 'practiceDay', required: false, about: /YYYY-MM-DD/ }, clinicianId: clinicianId(false) },
    valid: (s) => ({ day: '2026-11-21', clinicianId: s.amaraId }),
    writes: false,
  },
  'board.today': { fields: {}, valid: () => ({}), writes: false },
};

interface UntypedCase {
  fields: Record<string, FieldSpec>;
  valid: (seed: Seed) => Record<string, unknown>;
  writes: boolean;
}

function caseOf(method: MethodName): UntypedCase {
  return CASES[method];
}

// ---------------------------------------------------------------------------
// Values each kind of field must refuse.

const json = fc.jsonValue({ maxDepth: 2 });
const shapes = fc.constantFrom<unknown>(null, true, false, 0, 1, -1, 25, 3.5, '', 'text', [], [1], ['a'], {}, { value: 'x' }, { nested: { deeper: [1, 2] } });
/** Any JSON value (and a few hand-picked ones) whose type is not the one the field takes. */
const otherThan = (type: 'string' | 'number' | 'boolean') => fc.oneof(shapes, json).filter((value) => typeof value !== type);

/** Characters String.prototype.trim removes, so a string of them is empty to the schema. */
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u3000'), maxLength: 12 });
const visible = fc.constantFrom('a', 'Z', 'é', '7', '.', '漢', '-', '’');
/** Longer than `max` UTF-16 units even after trimming: it starts and ends with a visible character. */
const longerThan = (max: number) =>
  fc
    .tuple(visible, fc.string({ unit: 'grapheme', minLength: max - 1, maxLength: max + 150 }), visible)
    .map(([first, middle, last]) => `${first}${middle}${last}`);
const padded = (core: fc.Arbitrary<string>) => fc.tuple(whitespace, core, whitespace).map(([before, text, after]) => before + text + after);

const notOneOf = (allowed: readonly string[], nearMisses: string[]) =>
  fc.oneof(
    otherThan('string'),
    fc.constantFrom(...nearMisses),
    fc.string().filter((text) => !allowed.includes(text)),
  );

const pad2 = (n: number) => String(n).padStart(2, '0');

const INVALID: Record<Kind, fc.Arbitrary<unknown>> = {
  clinicianName: fc.oneof(otherThan('string'), whitespace, longerThan(80)),
  entityId: fc.oneof(otherThan('string'), whitespace, longerThan(64)),
  voidReason: fc.oneof(
    otherThan('string'),
    whitespace,
    // One or two visible characters: too short once trimmed.
    padded(fc.string({ unit: visible, minLength: 1, maxLength: 2 })),
    longerThan(200),
  ),
  role: notOneOf(ROLES, ['GP_PARTNER', 'Gp_partner', 'gp partner', ' gp_partner', 'gp_partner ', 'GP partner', 'nurse', 'doctor', '']),
  mode: notOneOf(MODES, ['Telephone', 'TELEPHONE', ' telephone', 'phone', 'face-to-face', 'Face to face', 'home visit', '']),
  flag: fc.oneof(otherThan('boolean'), fc.constantFrom<unknown>('true', 'false', 0, 1, 'yes', null)),
  dailyCap: fc.oneof(
    otherThan('number'),
    fc.constantFrom<unknown>('25', '0', '', ' 25 ', '1e1'),
    fc.integer({ min: -1_000_000, max: -1 }),
    fc.integer({ min: 201, max: 2 ** 31 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    // NaN and the infinities are not JSON, so only an in-process caller can send them.
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -0.5, 0.5, 24.5, 200.5, -1e-9, 200 + 1e-9, 1e21, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2),
  ),
  instant: fc.oneof(
    otherThan('string'),
    fc.constantFrom(
      '',
      ' ',
      'now',
      'today',
      '09:30',
      '2026-11-21',
      '2026-11-21T09:00:00', // no offset: local time is ambiguous
      '2026-11-21T09:00:00.000',
      '2026-11-21 09:00:00Z',
      '2026-11-21T09:00Z', // no seconds
      '2026-11-21T24:00:00Z',
      '2026-11-21T09:60:00Z',
      '2026-11-21T09:00:60Z',
      '2026-02-29T09:00:00Z', // 2026 is not a leap year
      '2026-11-31T09:00:00Z',
      '2026-13-01T09:00:00Z',
      '2026-11-21T09:00:00+0100',
      '2026-11-21T09:00:00+01',
      '2026-11-21T09:00:00+24:00',
      '2026-11-21t09:00:00z',
      ' 2026-11-21T09:00:00Z',
      '2026-11-21T09:00:00Z ',
      '21/11/2026 09:00',
      '1795251600000',
    ),
    fc.string().filter((text) => !/^\d{4}-\d{2}-\d{2}T/.test(text)),
    fc.integer({ min: 0, max: 2 ** 42 }),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 19)),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString().replace('T', ' ')),
  ),
  practiceDay: fc.oneof(
    otherThan('string'),
    fc.constantFrom(
      '',
      'today',
      '2026-02-29',
      '2026-11-31',
      '2026-13-01',
      '2026-00-10',
      '2026-11-00',
      '2026-1-1',
      '26-11-21',
      '21/11/2026',
      '2026/11/21',
      '20261121',
      ' 2026-11-21',
      '2026-11-21 ',
      '2026-11-21T00:00:00Z',
    ),
    fc.string().filter((text) => !/^\d{4}-\d{2}-\d{2}$/.test(text)),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad2(m)}-${pad2(d)}`),
    fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 32, max: 99 })).map(([y, m, d]) => `${y}-${pad2(m)}-${pad2(d)}`),
    fc
      .integer({ min: 2001, max: 2099 })
      .filter((year) => year % 4 !== 0)
      .map((year) => `${year}-02-29`),
  ),
};

/** Values that are not a set of named values at all. */
const notAnObject = fc.oneof(
  fc.constantFrom<unknown>(null, 42, 'text', [], true, false, 0, '', Number.NaN, Infinity),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.array(json, { maxLength: 4 }),
);

/** Field names a method does not take: random ones, near misses, and the names of Object.prototype members. */
const extraKey = (fields: Record<string, FieldSpec>) =>
  fc
    .oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'id',
        'clinician_id',
        'Name',
        'name ',
        'dailycap',
        'reason',
        'role',
        'practiceDay',
        'occurredAt',
        'clinicianId',
      ),
    )
    .filter((key) => !Object.hasOwn(fields, key));

// ---------------------------------------------------------------------------

type Mutation = { kind: 'replace'; field: string; value: unknown } | { kind: 'remove'; field: string } | { kind: 'extra'; key: string; value: unknown };

/** Defines rather than assigns, so a key such as "__proto__" becomes a real field, as JSON.parse would make it. */
function withField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(valid: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(valid)) withField(input, key, value);
  for (const mutation of mutations) {
    if (mutation.kind === 'remove') Reflect.deleteProperty(input, mutation.field);
    else if (mutation.kind === 'replace') withField(input, mutation.field, mutation.value);
    else withField(input, mutation.key, mutation.value);
  }
  return input;
}

function invoke(core: Core, method: string, input: unknown): Envelope<unknown> {
  try {
    return core.invoke(method, input);
  } catch (error) {
    throw new Error(`invoke("${method}") threw instead of returning an error envelope: ${String(error)}`, { cause: error });
  }
}

interface Seeded extends OpenedCore {
  data: Seed;
  /** The database right after seeding. */
  before: ReturnType<typeof snapshot>;
}

function openSeeded(): Seeded {
  const opened = openCore();
  const data = seed(opened.core, opened.clock);
  opened.pushes.length = 0;
  return { ...opened, data, before: snapshot(opened.core.db) };
}

function expectNothingWritten(seeded: Seeded): void {
  expect(snapshot(seeded.core.db)).toEqual(seeded.before);
  expect(seeded.pushes).toEqual([]);
}

function describeValue(value: unknown): string {
  // NaN and the infinities would print as null.
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

describe('the refusal check', () => {
  const refusal = (message: string, field?: string): Envelope<never> => ({
    ok: false,
    error: field === undefined ? { code: 'invalid_input', message } : { code: 'invalid_input', message, field },
  });

  it.each([
    ['Invalid input: expected string, received number'],
    ['Expected number, received string.'],
    ['Unrecognized key: "extra".'],
    ['Too small: expected string to have >=1 characters.'],
    ['Enter the clinician’s name'],
    ['   '],
  ])('rejects a message a receptionist should never see: %j', (message) => {
    expect(() => expectRefusal(refusal(message), { code: 'invalid_input' })).toThrow();
  });

  it('rejects a missing or wrong field, a field where none belongs, and a success', () => {
    expect(() => expectRefusal(refusal('Enter the clinician’s name.'), { code: 'invalid_input', field: 'name' })).toThrow();
    expect(() => expectRefusal(refusal('Enter the clinician’s name.', 'role'), { code: 'invalid_input', field: 'name' })).toThrow();
    expect(() => expectRefusal(refusal('Enter the clinician’s name.', 'name'), { code: 'invalid_input', field: null })).toThrow();
    expect(() => expectRefusal({ ok: true, value: 1 }, { code: 'invalid_input' })).toThrow();
    expect(() => expectRefusal(refusal('Enter the clinician’s name.', 'name'), { code: 'invalid_input', field: 'name' })).not.toThrow();
  });
});

describe('the bad-input table', () => {
  it('covers exactly the methods of the contract', () => {
    expect(Object.keys(CASES).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('lists the same roles and modes as the domain', () => {
    expect(ROLES).toEqual([...CLINICIAN_ROLES]);
    expect(MODES).toEqual([...CONTACT_MODES]);
  });

  it.each(METHOD_NAMES)('has a valid example that %s accepts, so each mutation is the only thing wrong', (method) => {
    const seeded = openSeeded();
    const { valid, writes } = caseOf(method);
    const result = invoke(seeded.core, method, valid(seeded.data));
    expect(result).toMatchObject({ ok: true });
    // A write shows up in the snapshot, so "the snapshot is unchanged" really means nothing was written.
    if (writes) expect(snapshot(seeded.core.db)).not.toEqual(seeded.before);
    else expectNothingWritten(seeded);
  });
});

describe.each(METHOD_NAMES)('%s with malformed input', (method) => {
  const { fields, valid } = caseOf(method);
  const fieldNames = Object.keys(fields);

  it('refuses anything that is not a set of named values, and writes nothing', () => {
    const seeded = openSeeded();
    fc.assert(
      fc.property(notAnObject, (input) => {
        const result = invoke(seeded.core, method, input);
        expectRefusal(result, { code: 'invalid_input', field: null, phrase: /named values/ });
        expectNothingWritten(seeded);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a field it does not take, naming it, and writes nothing', () => {
    const seeded = openSeeded();
    fc.assert(
      fc.property(extraKey(fields), json, (key, value) => {
        const input = mutate(valid(seeded.data), [{ kind: 'extra', key, value }]);
        const result = invoke(seeded.core, method, input);
        expectRefusal(result, { code: 'invalid_input', field: null, phrase: key });
        expect(result).toMatchObject({ error: { message: expect.stringContaining('Nothing was changed') as unknown } });
        expectNothingWritten(seeded);
      }),
      { numRuns: RUNS },
    );
  });

  for (const field of fieldNames) {
    const spec = fields[field];
    if (spec === undefined) continue;

    it(`refuses a malformed ${field} (${spec.kind}) with a message about ${field}, and writes nothing`, () => {
      const seeded = openSeeded();
      fc.assert(
        fc.property(INVALID[spec.kind], (value) => {
          const input = mutate(valid(seeded.data), [{ kind: 'replace', field, value }]);
          const result = invoke(seeded.core, method, input);
          try {
            expectRefusal(result, { code: 'invalid_input', field, phrase: spec.about });
          } catch (error) {
            throw new Error(`${field} = ${describeValue(value)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          expectNothingWritten(seeded);
        }),
        { numRuns: RUNS },
      );
    });

    if (spec.required) {
      it(`refuses a request without ${field}, naming ${field}, and writes nothing`, () => {
        const seeded = openSeeded();
        const input = mutate(valid(seeded.data), [{ kind: 'remove', field }]);
        expectRefusal(invoke(seeded.core, method, input), { code: 'invalid_input', field, phrase: spec.about });
        // Sent as null rather than left out: still refused.
        const withNull = mutate(valid(seeded.data), [{ kind: 'replace', field, value: null }]);
        expectRefusal(invoke(seeded.core, method, withNull), { code: 'invalid_input', field, phrase: spec.about });
        expectNothingWritten(seeded);
      });
    }
  }

  if (fieldNames.length > 0) {
    it('refuses several mistakes at once, naming one of the fields at fault, and writes nothing', () => {
      const seeded = openSeeded();
      const fieldMutation = fc.constantFrom(...fieldNames).chain((field): fc.Arbitrary<Mutation> => {
        const spec = fields[field];
        if (spec === undefined) throw new Error(`No spec for ${field}`);
        const replace = INVALID[spec.kind].map((value): Mutation => ({ kind: 'replace', field, value }));
        return spec.required ? fc.oneof(replace, fc.constant<Mutation>({ kind: 'remove', field })) : replace;
      });
      const extra = fc.tuple(extraKey(fields), json).map(([key, value]): Mutation => ({ kind: 'extra', key, value }));
      const mutations = fc
        .tuple(
          fc.uniqueArray(fieldMutation, { minLength: 1, maxLength: fieldNames.length, selector: (m) => (m.kind === 'extra' ? m.key : m.field) }),
          fc.array(extra, { maxLength: 2 }),
        )
        .map(([onFields, extras]) => [...onFields, ...extras]);
      fc.assert(
        fc.property(mutations, (changes) => {
          const input = mutate(valid(seeded.data), changes);
          const result = invoke(seeded.core, method, input);
          const error = expectRefusal(result, { code: 'invalid_input' });
          const atFault = changes.flatMap((m) => (m.kind === 'extra' ? [] : [m.field]));
          if (error.field === undefined) {
            // Only an unexpected field gives a message without a field, and it names the field.
            const extras = changes.flatMap((m) => (m.kind === 'extra' ? [m.key] : []));
            expect(extras.length).toBeGreaterThan(0);
            expect(extras.some((key) => error.message.includes(key))).toBe(true);
          } else {
            expect(atFault).toContain(error.field);
          }
          expectNothingWritten(seeded);
        }),
        { numRuns: RUNS },
      );
    });
  } else {
    it('takes no details: an empty request is the only valid one', () => {
      const seeded = openSeeded();
      expect(invoke(seeded.core, method, {})).toMatchObject({ ok: true });
      expect(invoke(seeded.core, method, undefined)).toMatchObject({ ok: true });
      expectRefusal(invoke(seeded.core, method, { clinicianId: seeded.data.amaraId }), { code: 'invalid_input', field: null, phrase: 'clinicianId' });
      expectNothingWritten(seeded);
    });
  }
});
