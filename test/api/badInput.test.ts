import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { backupBeforeUpdate, backupName } from '../../main/core/db/backups.ts';
import path from 'node:path';
import { contract, METHOD_NAMES, type InputOf, type MethodName } from '../../shared/contract.ts';
import { DESKTOP_METHOD_NAMES, desktopMethods, type DesktopInputOf, type DesktopMethodName } from '../../shared/desktopMethods.ts';
import { DESTINATION_KINDS, PHARMACY_FIRST_CONDITIONS, PHARMACY_FIRST_ROUTES, REDIRECTION_REASONS } from '../../shared/directory.ts';
import { CLINICIAN_ROLES, DEFERRAL_KINDS } from '../../shared/domain.ts';
import { EXPORT_TABLES, GPAS_STATUSES } from '../../shared/reports.ts';
import { WEEKDAYS } from '../../shared/rota.ts';
import { STAFF_ROLES } from '../../shared/staff.ts';
import type { Envelope } from '../../shared/result.ts';
import {
  closeAllCores,
  closeCore,
  expectNothingWritten,
  expectNoWrite,
  expectRefusal,
  openSeeded as openSeededCore,
  SERVICES,
  snapshot,
  TODAY,
  type Seed,
  type Seeded,
} from './apiHarness.ts';
import { must } from '../helpers/fixtures.ts';

/**
 * Every method of the contract refuses malformed input with a typed error, in
 * words for the desk, and writes nothing. The bad inputs are generated from a
 * hand-written table — each method's fields, what kind of value each takes, and
 * one valid example — never from the schemas under test.
 *
 * The refusals of one method share one seeded core: each test ends by checking
 * the database is exactly as seeded, so the next one starts from the same data.
 */

afterAll(closeAllCores);

/**
 * The desktop shell's own methods go through the same dispatcher, checked against
 * their own schemas, once the shell adds them: every core here has them, with
 * stand-ins for the window (the shell's own tests, test/unit/shell/, check the real ones).
 */
type TestedMethod = MethodName | DesktopMethodName;
const TESTED_METHODS: TestedMethod[] = [...METHOD_NAMES, ...DESKTOP_METHOD_NAMES];
type TestedInputOf<M extends TestedMethod> = M extends MethodName ? InputOf<M> : M extends DesktopMethodName ? DesktopInputOf<M> : never;

function openSeeded(): Seeded {
  const seeded = openSeededCore();
  seeded.core.addShellMethods(desktopMethods, {
    'desktop.setCompact': ({ on }) => ({ compact: on }),
    'desktop.saveExport': () => Promise.resolve({ saved: null }),
    'desktop.printToPdf': () => Promise.resolve({ saved: null }),
  });
  return seeded;
}

/** One seeded core for the tests of the enclosing describe block. */
function sharedSeeded(): () => Seeded {
  let seeded: Seeded | undefined;
  beforeAll(() => {
    seeded = openSeeded();
  });
  afterAll(() => {
    if (seeded) closeCore(seeded);
  });
  return () => {
    if (!seeded) throw new Error('The shared core is opened in beforeAll.');
    return seeded;
  };
}

const RUNS = 60;

// ---------------------------------------------------------------------------
// Hand-copied lists (from DOMAIN.md); a test below keeps them in step with shared/.

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
const DESTINATIONS = ['pharmacy_first', 'urgent_treatment_centre', 'enhanced_access_hub', 'nhs_111', 'emergency_999', 'self_care', 'self_referral', 'other'];
const REASONS = ['clinician_at_capacity', 'more_appropriate_service'];
const ROUTES = ['referred', 'signposted'];
const CONDITIONS = ['uti', 'shingles', 'impetigo', 'infected_insect_bite', 'sinusitis', 'sore_throat', 'acute_otitis_media'];
const DEFERRALS = ['later_date', 'waiting_list'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const GPAS = ['green', 'amber', 'red', 'black'];
const TABLES = ['clinician-days', 'clinician-day-types', 'contacts', 'redirections', 'deferrals'];
const STAFF_ROLES_BY_HAND = ['reception', 'clinician', 'manager', 'admin'];
const FORMATS = ['csv', 'xlsx'];

// ---------------------------------------------------------------------------
// Values each kind of field must refuse.

/**
 * Any JSON value, but none holding a key called __proto__, constructor or prototype
 * (fast-check likes to make them): those are refused before anything else is
 * looked at, and have tests of their own below ("keys that could reach a prototype").
 */
const json = fc.jsonValue({ maxDepth: 2 }).filter((value) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(value)));
const shapes = fc.constantFrom<unknown>(null, true, false, 0, 1, -1, 25, 3.5, '', 'text', [], [1], ['a'], {}, { value: 'x' }, { nested: { deeper: [1, 2] } });
type JsType = 'string' | 'number' | 'boolean' | 'object';
/** Any JSON value (and a few hand-picked ones) whose type is not the one the field takes. Arrays and null are not objects here. */
const otherThan = (type: JsType) =>
  fc.oneof(shapes, json).filter((value) => (type === 'object' ? value === null || typeof value !== 'object' || Array.isArray(value) : typeof value !== type));
const notNull = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.filter((value) => value !== null);

/** Characters String.prototype.trim removes, so a string of them is empty once trimmed. */
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u3000'), maxLength: 12 });
/** Characters that stay what they are through trimming, space-collapsing and NFC. */
const visible = fc.constantFrom('a', 'Z', 'é', '7', '.', '漢', '-', '’', '😀');
/** Longer than `max` UTF-16 units, with nothing tidying could shorten. */
const longerThan = (max: number) => fc.string({ unit: visible, minLength: max + 1, maxLength: max + 150 });
const padded = (core: fc.Arbitrary<string>) => fc.tuple(whitespace, core, whitespace).map(([before, text, after]) => before + text + after);
/** Control characters other than the ones that count as spaces. */
const control = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u0008', '\u001b', '\u007f', '\u0085', '\u009f');
/** Readable words with a control character inside: printable text only. */
const withControl = fc.tuple(fc.constantFrom('Ada', 'Room 4'), control, fc.constantFrom('Patel', 'x')).map(([a, c, b]) => `${a}${c}${b}`);
/** Punctuation only: nothing a person can read as a name or a reason. */
const unreadable = (minLength: number) => fc.string({ unit: fc.constantFrom('.', '-', '’', '!', '(', ')', '*', '–', '/'), minLength, maxLength: minLength + 10 });

/** Typed text between `min` and `max` characters once tidied, with letters or digits. */
const words = (min: number, max: number) =>
  fc.oneof(
    otherThan('string'),
    whitespace,
    // Shorter than `min` UTF-16 units, as the schema counts them ('😀' is two).
    ...(min > 1 ? [padded(fc.string({ unit: visible, minLength: 1, maxLength: min - 1 }).filter((text) => text.length < min))] : []),
    longerThan(max),
    unreadable(min),
    withControl,
);
/** Free text that may be empty: only the wrong type, too long, or unprintable. */
const optionalText = (max: number) => fc.oneof(otherThan('string'), longerThan(max), withControl);
/** A trimmed id of 1 to 64 characters. */
const id = fc.oneof(otherThan('string'), whitespace, longerThan(64));

const notOneOf = (allowed: readonly string[], nearMisses: string[]) =>
  fc.oneof(
    otherThan('string'),
    fc.constantFrom(...nearMisses),
    fc.string().filter((text) => !allowed.includes(text)),
);

const flag = fc.oneof(otherThan('boolean'), fc.constantFrom<unknown>('true', 'false', 0, 1, 'yes', null));

/** Whole numbers from `min` to `max`: everything else, including the near misses. */
const wholeNumber = (min: number, max: number, asText: string) =>
  fc.oneof(
    otherThan('number'),
    fc.constantFrom<unknown>(asText, '0', '', ` ${asText} `, '1e1'),
    fc.integer({ min: -1_000_000, max: min - 1 }),
    fc.integer({ min: max + 1, max: 2 ** 31 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    // NaN and the infinities are not JSON, so only an in-process caller can send them.
    fc.constantFrom(Number.NaN, Infinity, -Infinity, min - 0.5, min + 0.5, max + 0.5, min - 1e-9, max + 1e-9, 1e21, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2),
);

/** Every UTF-16 unit of `text` passes `test`. */
function everyUnit(text: string, test: (unit: string) => boolean): boolean {
  for (let i = 0; i < text.length; i++) if (!test(text.charAt(i))) return false;
  return true;
}
const isDigit = (unit: string) => unit >= '0' && unit <= '9';
const isAsciiLetter = (unit: string) => (unit >= 'a' && unit <= 'z') || (unit >= 'A' && unit <= 'Z');

/** HH:MM on a 24-hour clock, written out by hand rather than borrowed from the schema. */
function isClockTime(text: string): boolean {
  if (text.length !== 5 || text[2] !== ':') return false;
  if (!everyUnit(text.slice(0, 2) + text.slice(3), isDigit)) return false;
  return Number(text.slice(0, 2)) <= 23 && Number(text.slice(3)) <= 59;
}

/** One ASCII letter once trimmed: what a shortcut key may be. */
function isShortcutLetter(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length === 1 && isAsciiLetter(trimmed);
}

/** A PDF file name once trimmed: 1 to 120 of letters, digits, _ space . , ( ) -, then .pdf in any case. */
function isPdfName(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 5 || trimmed.slice(-4).toLowerCase() !== '.pdf') return false;
  const stem = trimmed.slice(0, -4);
  return stem.length >= 1 && stem.length <= 120 && everyUnit(stem, (unit) => isDigit(unit) || isAsciiLetter(unit) || '_ .,()-'.includes(unit));
}

/**
 * A desk key as a person may type it, written out by hand: one digit or ASCII
 * letter other than S, L or U, optionally after "⇧", "shift" or "shift+" (any
 * case, spaces anywhere).
 */
function isDeskKeyText(text: string): boolean {
  let rest = text.replace(/\s/g, '').toUpperCase();
  if (rest.startsWith('⇧')) rest = rest.slice(1);
  else if (rest.startsWith('SHIFT+')) rest = rest.slice(6);
  else if (rest.startsWith('SHIFT')) rest = rest.slice(5);
  return rest.length === 1 && (isDigit(rest) || isAsciiLetter(rest)) && !['S', 'L', 'U'].includes(rest);
}

/** 8 to 64 of ASCII letters, digits, hyphens and underscores. */
function isRequestId(text: string): boolean {
  return text.length >= 8 && text.length <= 64 && everyUnit(text, (unit) => isDigit(unit) || isAsciiLetter(unit) || unit === '-' || unit === '_');
}

/** 1 to 4 ASCII letters once trimmed: initials (fc.string() gives ASCII only). */
function isInitials(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 1 && trimmed.length <= 4 && everyUnit(trimmed, isAsciiLetter);
}

/** A PIN as typed: 4 to 8 ASCII digits, nothing else (not even a space). */
function isPin(text: string): boolean {
  return text.length >= 4 && text.length <= 8 && everyUnit(text, isDigit);
}

/** Not a PIN (see isPin). Weak PINs such as 1111 are well-formed: the service refuses them, and test/api/staff.test.ts checks that. */
const pin = fc.oneof(
  otherThan('string'),
  fc.constantFrom('', ' ', '123', '123456789', '12a4', ' 1234', '1234 ', '12 34', '１２３４', '١٢٣٤', '12.4', '-123', '+1234', '1e10', '0x12', '2580\n'),
  fc.string().filter((text) => !isPin(text)),
  fc.integer({ min: 1000, max: 99_999_999 }),
);

const pad2 = (n: number) => String(n).padStart(2, '0');

const instant = fc.oneof(
  otherThan('string'),
  fc.constantFrom(
    '',
    ' ',
    'now',
    'today',
    '09:30',
    '2026-11-23',
    '2026-11-23T09:00:00', // no offset: local time is ambiguous
    '2026-11-23T09:00:00.000',
    '2026-11-23 09:00:00Z',
    '2026-11-23T09:00Z', // no seconds
    '2026-11-23T24:00:00Z',
    '2026-11-23T09:60:00Z',
    '2026-11-23T09:00:60Z',
    '2026-02-29T09:00:00Z', // 2026 is not a leap year
    '2026-11-31T09:00:00Z',
    '2026-13-01T09:00:00Z',
    '2026-11-23T09:00:00+0100',
    '2026-11-23T09:00:00+01',
    '2026-11-23T09:00:00+24:00',
    '2026-11-23t09:00:00z',
    ' 2026-11-23T09:00:00Z',
    '2026-11-23T09:00:00Z ',
    '23/11/2026 09:00',
    '1795424400000',
  ),
  fc.string().filter((text) => !/^\d{4}-\d{2}-\d{2}T/.test(text)),
  fc.integer({ min: 0, max: 2 ** 42 }),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 19)),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().replace('T', ' ')),
);

const practiceDay = fc.oneof(
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
    '26-11-23',
    '23/11/2026',
    '2026/11/23',
    '20261123',
    ' 2026-11-23',
    '2026-11-23 ',
    '2026-11-23T00:00:00Z',
  ),
  fc.string().filter((text) => !/^\d{4}-\d{2}-\d{2}$/.test(text)),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad2(m)}-${pad2(d)}`),
  fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 32, max: 99 })).map(([y, m, d]) => `${y}-${pad2(m)}-${pad2(d)}`),
  fc
    .integer({ min: 2001, max: 2099 })
    .filter((year) => year % 4 !== 0)
    .map((year) => `${year}-02-29`),
);

const cap = wholeNumber(0, 200, '25');

const FULL_WEEK = {
  mon: { am: true, pm: true },
  tue: { am: true, pm: false },
  wed: { am: false, pm: true },
  thu: { am: true, pm: true },
  fri: { am: true, pm: true },
  sat: { am: false, pm: false },
  sun: { am: false, pm: false },
};

/** A session pair that is not exactly {am: boolean, pm: boolean} (unexpected extra keys are tested separately). */
const badSessionPair = fc.oneof(
  otherThan('object'),
  flag.map((bad) => ({ am: bad, pm: true })),
  flag.map((bad) => ({ am: false, pm: bad })),
  fc.constantFrom<unknown>({}, { am: true }, { pm: false }),
);

/** A week with one day missing or wrong, or not a week at all. */
const weekPattern = fc.oneof(
  otherThan('object'),
  fc.constantFrom(...DAYS).map((day) => Object.fromEntries(Object.entries(FULL_WEEK).filter(([key]) => key !== day))),
  fc.tuple(fc.constantFrom(...DAYS), badSessionPair).map(([day, pair]) => ({ ...FULL_WEEK, [day]: pair })),
);

/** One date's change with a field of the wrong kind, or not a change at all (null is allowed: it clears the date). */
const dayOverride = fc.oneof(
  notNull(otherThan('object')),
  fc.tuple(fc.constantFrom('absent', 'am', 'pm', 'duty'), flag).map(([key, bad]) => ({ [key]: bad })),
  cap.map((bad) => ({ am: true, cap: bad })),
);

/** Pharmacy First details: route referred/signposted, condition one of the seven or null. */
const pharmacyFirst = fc.oneof(
  otherThan('object'),
  fc.constant({}),
  notOneOf(ROUTES, ['Referred', 'SIGNPOSTED', 'refer', '']).map((route) => ({ route })),
  notNull(notOneOf(CONDITIONS, ['UTI', 'urinary tract infection', 'flu', 'sore throat', ''])).map((condition) => ({ route: 'referred', condition })),
);

/** A known role with a patch that is not {capped?: boolean, dailyCap?: 0–200}. */
const roleDefaults = fc.tuple(
  fc.constantFrom(...ROLES),
  fc.oneof(
    otherThan('object'),
    flag.map((bad) => ({ capped: bad })),
    cap.map((bad) => ({ capped: true, dailyCap: bad })),
  ),
).map(([role, patch]) => ({ [role]: patch }));

/** Not a desk key (see isDeskKeyText). */
const deskKey = fc.oneof(
  otherThan('string'),
  fc.constantFrom('', ' ', 'S', 'l', 'U', 'shift+s', '⇧L', 'AB', '11', '!', '£', 'é', '⇧', '⇧⇧1', 'Shift', 'Ctrl+1', 'Alt+Q', '０', 'F2'),
  fc.string().filter((text) => !isDeskKeyText(text)),
);

// ---------------------------------------------------------------------------
// The practice network's fields.

/** A join code the contract accepts: the secret ff ee dd cc bb aa 99 88 77 66, worked out by hand in test/unit/network/joinCode.test.ts. */
const JOIN_CODE = 'ZZQD-VK5V-NACR-GXV6-8';
/** Crockford's base 32, copied from DESIGN.md §5's join code: no I, L, O or U. */
const CODE_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const JOIN_CODE_CHARS = JOIN_CODE.replaceAll('-', '');

/** Not a join code: the wrong kind, empty, too short or long, a character no code has, or one character changed (caught by the check character). */
const joinCode = fc.oneof(
  otherThan('string'),
  whitespace,
  fc.constantFrom('ZZQD-VK5V-NACR-GXV6', 'ZZQD-VK5V-NACR-GXV6-88', 'ZZQU-VK5V-NACR-GXV6-8', 'ZZQD-VK5V-NACR-GXV6-!', 'ZZQD_VK5V_NACR_GXV6_8', 'Z'.repeat(61), 'ZZQD-VK5V-NACR-GXV6-8.', 'ZZQD-VK5V-NACR-GXV6-V'),
  fc.tuple(fc.nat({ max: JOIN_CODE_CHARS.length - 1 }), fc.constantFrom(...Array.from(CODE_CHARS))).filter(([at, char]) => JOIN_CODE_CHARS.charAt(at) !== char).map(([at, char]) => JOIN_CODE_CHARS.slice(0, at) + char + JOIN_CODE_CHARS.slice(at + 1)),
  fc.nat({ max: JOIN_CODE_CHARS.length - 1 }).map((at) => JOIN_CODE_CHARS.slice(0, at) + JOIN_CODE_CHARS.slice(at + 1)),
);

/** A PC's device id as the Network page lists it: 16 to 64 lower-case hex digits. */
const isDeviceId = (text: string) => text.length >= 16 && text.length <= 64 && everyUnit(text, (unit) => '0123456789abcdef'.includes(unit));
const deviceId = fc.oneof(
  otherThan('string'),
  fc.constantFrom('', 'a1b2c3d4', 'A1B2C3D4E5F60718', 'g1b2c3d4e5f60718', ' a1b2c3d4e5f60718', 'a1b2c3d4e5f60718 ', 'a1b2-c3d4-e5f6-0718', 'a'.repeat(65)),
  fc.string().filter((text) => !isDeviceId(text)),
);

const GOOD_ADDRESSES = ['192.168.1.20', 'reception-2:42600', '10.0.0.5:42525'];
/** Typed addresses that are not a host then optionally :port (1024–65535), or are too long to be one. */
const badAddress = fc.oneof(
  fc.constantFrom('not an address', 'http://192.168.1.20', '192.168.1.20:', ':42525', '-desk', 'desk-', 'desk_2', '192.168.1.20:42525:1', '192.168.1.20:123456', 'x'.repeat(261), 'dësk', '192.168.1.300', '10.0.0:42600'),
  fc.tuple(fc.constantFrom('desk', '10.0.0.5'), fc.integer({ min: 0, max: 1023 })).map(([host, port]) => `${host}:${port}`),
  fc.tuple(fc.constantFrom('desk', '10.0.0.5'), fc.integer({ min: 65536, max: 99999 })).map(([host, port]) => `${host}:${port}`),
);
const notText = fc.oneof(shapes, json).filter((value) => typeof value !== 'string');
/** Not a list, a list with one wrong entry among good ones, or more than 50 entries. */
const addressList = fc.oneof(
  otherThan('object').filter((value) => !Array.isArray(value)),
  fc.constant<unknown>({ 0: '192.168.1.20' }),
  fc
    .tuple(fc.array(fc.constantFrom(...GOOD_ADDRESSES), { maxLength: 3 }), fc.oneof(badAddress, notText), fc.nat())
    .map(([good, bad, at]) => [...good.slice(0, at % (good.length + 1)), bad, ...good.slice(at % (good.length + 1))]),
  fc.array(fc.constantFrom(...GOOD_ADDRESSES), { minLength: 51, maxLength: 60 }),
);

const KINDS = {
  clinicianName: words(1, 80),
  contactTypeName: words(2, 40),
  serviceName: words(2, 80),
  deviceName: words(1, 40),
  staffName: words(1, 40),
  staffMemberName: words(1, 60),
  staffRole: notOneOf(STAFF_ROLES_BY_HAND, ['Admin', 'ADMIN', 'administrator', 'practice_manager', 'Practice manager', 'receptionist', ' reception', 'manager ', 'gp', 'nurse', '']),
  pin,
  idleMinutes: wholeNumber(1, 480, '10'),
  pinAttempts: wholeNumber(3, 10, '5'),
  identifierRetentionDays: wholeNumber(1, 3650, '30'),
  erasureWhy: notOneOf(['patient_request', 'entered_in_error', 'no_longer_needed'], ['Patient request', 'patient asked', 'error', 'retention', ' patient_request', '']),
  /** Not a list, an empty one, one with a bad id among good ones, or more than 500. */
  recordIdList: fc.oneof(
    otherThan('object').filter((value) => !Array.isArray(value)),
    fc.constant<unknown>([]),
    fc.constant<unknown>({ 0: 'id-1' }),
    fc.tuple(id, fc.nat(3)).map(([bad, at]) => ['id-1', 'id-2', 'id-3'].toSpliced(at, 0, bad as string)),
    fc.constant<unknown>(Array.from({ length: 501 }, (_, i) => `id-${i}`)),
  ),
  searchText: fc.oneof(otherThan('string'), longerThan(100)),
  practiceName: words(2, 100),
  capBasis: words(5, 300),
  voidReason: words(3, 200),
  overCapReason: words(3, 200),
  lateReason: words(3, 200),
  phone: optionalText(40),
  address: optionalText(200),
  hours: optionalText(120),
  hint: optionalText(300),
  note: optionalText(500),
  entityId: id,
  nullableEntityId: notNull(id),
  typeId: id,
  role: notOneOf(ROLES, ['GP_PARTNER', 'Gp_partner', 'gp partner', ' gp_partner', 'gp_partner ', 'GP partner', 'nurse', 'doctor', '']),
  capMode: notOneOf(['day', 'session'], ['Day', 'SESSION', ' day', 'week', 'daily', 'sessions', '']),
  destinationKind: notOneOf(DESTINATIONS, ['pharmacy first', 'NHS_111', '111', 'nhs-111', 'A&E', 'emergency', '']),
  redirectionReason: notOneOf(REASONS, ['at_capacity', 'Clinician at capacity', 'full', '']),
  deferralKind: notOneOf(DEFERRALS, ['later', 'waiting list', 'Waiting_List', 'tomorrow', '']),
  flag,
  nullableFlag: notNull(flag),
  patientTold: fc.oneof(otherThan('boolean'), fc.constantFrom<unknown>(false, 'true', 1, 'yes', null)),
  cap,
  nullableCap: notNull(cap),
  warningPercent: wholeNumber(50, 100, '85'),
  nullableListSize: notNull(wholeNumber(1, 500_000, '9500')),
  clockTime: fc.oneof(
    otherThan('string'),
    fc.constantFrom('', '24:00', '9:00', '09:0', '13:60', '1300', '13:00:00', ' 13:00', '13:00 ', '13.00', '1pm', '-1:00', '１３:００', '13：00', '13:00\n'),
    fc.string().filter((text) => !isClockTime(text)),
  ),
  initials: fc.oneof(
    otherThan('string'),
    fc.constantFrom('', ' ', 'ABCDE', 'a1', 'A.B', 'A B', 'A-B', '12', '!', '漢', '\u0000', 'ÉMILE'),
    fc.string().filter((text) => !isInitials(text)),
  ),
  nullableTypeKey: fc.oneof(
    notNull(otherThan('string')),
    fc.constantFrom('', ' ', 'AB', 'ab', '1', '!', 'É', 'é', 'ß', 'a b', 'Ａ', '\u0000'),
    fc.string().filter((text) => !isShortcutLetter(text)),
  ),
  nhsNumber: fc.oneof(otherThan('string'), fc.string({ minLength: 21, maxLength: 60 })),
  deskKey,
  nullableDeskKey: notNull(deskKey),
  requestId: fc.oneof(
    otherThan('string'),
    fc.constantFrom('', 'short', 'has space in it', 'x'.repeat(65), 'bad/char/slash', 'ünïcödé-id-1234', 'tab\there-1234'),
    fc.string().filter((text) => !isRequestId(text)),
  ),
  boardOrder: notOneOf(['surname', 'first_name', 'key'], ['Surname', 'name', 'first name', 'firstName', ' surname', 'keys', 'working', '']),
  lateEntryDays: wholeNumber(0, 31, '7'),
  instant,
  practiceDay,
  nullablePracticeDay: notNull(practiceDay),
  noticeText: words(10, 1500),
  setupOutcome: notOneOf(['done', 'skipped'], ['Done', 'SKIPPED', ' done', 'skip', 'not_done', 'finished', '']),
  csv: fc.oneof(otherThan('string'), fc.integer({ min: 100_001, max: 100_200 }).map((length) => 'Name,Role\n'.padEnd(length, 'a'))),
  actionTitle: words(3, 200),
  forPatients: optionalText(600),
  gpasStatus: notOneOf(GPAS, ['Green', 'AMBER', 'Red ', ' black', 'grey', 'yellow', 'g', '']),
  exportFormat: notOneOf(FORMATS, ['CSV', 'Xlsx', 'xls', 'pdf', 'json', ' csv', 'csv ', '.csv', '']),
  exportTable: notOneOf(TABLES, ['Contacts', 'contact', 'clinician_days', 'clinician days', 'summary', 'all', ' contacts', '']),
  folderPath: fc.oneof(otherThan('string'), whitespace, longerThan(400)),
  backupName: fc.oneof(
    otherThan('string'),
    fc.constantFrom('', ' ', 'contactcap.db', '../contactcap.db', 'backups/contactcap-backup-2026-11-23-090000-daily.db', 'contactcap-backup-2026-11-23-090000-weekly.db', 'contactcap-backup-2026-11-23-daily.db'),
  ),
  pdfFileName: fc.oneof(
    otherThan('string'),
    fc.constantFrom('', ' ', 'report', 'report.docx', 'report.pdf.txt', '.pdf', ' .pdf', 'pdf', 'a/b.pdf', '../report.pdf', 'C:\\report.pdf', 'rep<ort>.pdf', 'Résumé.pdf', 'day:1.pdf', `${'x'.repeat(121)}.pdf`),
    fc.string().filter((text) => !isPdfName(text)),
  ),
  weekPattern,
  nullableDayOverride: dayOverride,
  pharmacyFirst,
  roleDefaults,
  joinCode,
  deviceId,
  addressList,
  port: wholeNumber(1024, 65535, '42525'),
  auditKind: notOneOf(['caps', 'rota', 'clinicians', 'settings', 'voids', 'exports', 'identifiers', 'staff', 'sign_ins', 'network'], ['Caps', 'cap', 'sign-ins', 'signins', ' caps', 'all', '']),
} satisfies Record<string, fc.Arbitrary<unknown>>;

type Kind = keyof typeof KINDS;

interface FieldSpec {
  kind: Kind;
  required: boolean;
  /** What the refusal message must talk about. */
  about: RegExp;
  /** Required, but null is a valid value (it clears something). */
  nullAllowed?: boolean;
}

interface MethodCase<M extends TestedMethod> {
  /** Exactly the method's input fields (the type makes a new contract field fail to compile until it is added here). */
  fields: { [K in keyof TestedInputOf<M> & string]-?: FieldSpec };
  /** A request the method accepts against the seeded data. */
  valid: (seed: Seed) => TestedInputOf<M>;
  /** Whether the valid example saves something (so "unchanged" is shown to be a real check). */
  writes: boolean;
  /** What the valid example needs done first, on its own core (a practice network joined, staff named). Malformed input is refused before this would matter. */
  before?: (seeded: Seeded) => void | Promise<void>;
  /**
   * The valid example saves nothing but still tells windows to refresh. Only
   * export.runEndOfDay, a known bug: see "tells no window to refresh when no file was
   * due" in test/reports/endOfDay.test.ts.
   */
  pushesWithoutWriting?: true;
}

const optional = (kind: Kind, about: RegExp): FieldSpec => ({ kind, required: false, about });
const required = (kind: Kind, about: RegExp): FieldSpec => ({ kind, required: true, about });
const clinicianId = (isRequired: boolean): FieldSpec => ({ kind: 'entityId', required: isRequired, about: /clinician/ });
const includeInactive = { includeInactive: optional('flag', /includeInactive/) };
/** The practice's administrator, named first, and a receptionist. */
const ANN = { name: 'Ann Admin', role: 'admin', pin: '2580' } as const;
const RITA = { name: 'Rita Reception', role: 'reception', pin: '1470' } as const;
/** The staff a case's `before` named on its own core, by that core's seed. */
const NAMED_STAFF = new WeakMap<Seed, { ann: string; rita: string }>();
/**
 * Rita's id where she was named; on the shared cores, which name nobody, a
 * well-formed id of nobody: every request made there is refused before the id is looked up.
 */
const ritaOf = (seed: Seed) => NAMED_STAFF.get(seed)?.rita ?? 'staff-nobody';
const staffId = (isRequired: boolean): FieldSpec => ({ kind: 'entityId', required: isRequired, about: /member of staff/ });

const voidReason = required('voidReason', /voided|reason/);
/** A date refused: asked for as YYYY-MM-DD when it is not written that way, or said not to exist (2026-02-30, test/api/dates.test.ts). */
const A_DATE = /YYYY-MM-DD|is not a real date/;
const day = optional('practiceDay', A_DATE);
/** The first of the BMA's 2024 actions, in every practice's register from the start. */
const BMA_ACTION_1 = 'bma-2024-01';
const exportFields = {
  format: required('exportFormat', /CSV or a spreadsheet/),
  table: optional('exportTable', /which table/),
  from: required('practiceDay', A_DATE),
  to: required('practiceDay', A_DATE),
  includeIdentifiers: optional('flag', /Include patient identifiers/),
};

const CASES: { [M in TestedMethod]: MethodCase<M> } = {
  'system.status': { fields: {}, valid: () => ({}), writes: false },
  'device.get': { fields: {}, valid: () => ({}), writes: false },
  'device.update': {
    fields: {
      deviceName: optional('deviceName', /PC/),
      staffName: optional('staffName', /your name/),
      clinicianViewId: optional('nullableEntityId', /clinician/),
    },
    valid: (s) => ({ deviceName: 'Reception 2', staffName: 'Jo Bloggs', clinicianViewId: s.amaraId }),
    writes: true,
  },
  'settings.get': { fields: {}, valid: () => ({}), writes: false },
  'settings.update': {
    fields: {
      practiceName: optional('practiceName', /practice’s name/),
      capBasis: optional('capBasis', /based on|basis/),
      capMode: optional('capMode', /cap per day or per session/),
      warningPercent: optional('warningPercent', /warning level/),
      sessionSplit: optional('clockTime', /HH:MM/),
      dayEnd: optional('clockTime', /HH:MM/),
      boardOrder: optional('boardOrder', /board is ordered/),
      lateEntryDays: optional('lateEntryDays', /late entries/i),
      defaultContactType: optional('typeId', /type of contact/),
      collectNhsNumber: optional('flag', /Collect NHS numbers/),
      listSize: optional('nullableListSize', /list size/),
      noticeWhy: optional('noticeText', /at least a sentence|1,500 characters/),
      receptionScript: optional('noticeText', /at least a sentence|1,500 characters/),
      roleDefaults: optional('roleDefaults', /role’s cap|Capped|daily cap/),
      setup: optional('setupOutcome', /setup/),
      idleMinutes: optional('idleMinutes', /idle time/),
      pinAttempts: optional('pinAttempts', /wrong PINs|tries before a lockout/),
      identifierRetentionDays: optional('identifierRetentionDays', /identifiers are kept|Keep identifiers|kept for at most/),
    },
    valid: () => ({
      practiceName: 'Riverside Surgery',
      capBasis: 'Practice policy agreed by the partners.',
      capMode: 'day',
      warningPercent: 90,
      sessionSplit: '12:30',
      dayEnd: '18:00',
      boardOrder: 'key',
      lateEntryDays: 5,
      defaultContactType: 'telephone',
      collectNhsNumber: true,
      listSize: 9500,
      noticeWhy: 'We limit each clinician’s contacts so that care stays safe.',
      receptionScript: 'I’m sorry, Dr [name] is full today. I can offer you the pharmacy or a later appointment.',
      roleDefaults: { salaried_gp: { capped: true, dailyCap: 22 } },
      setup: 'done',
      idleMinutes: 15,
      pinAttempts: 4,
      identifierRetentionDays: 60,
    }),
    writes: true,
  },
  'clinician.list': { fields: includeInactive, valid: () => ({ includeInactive: true }), writes: false },
  'clinician.create': {
    fields: {
      name: required('clinicianName', /clinician’s name/),
      role: required('role', /role/),
      initials: optional('initials', /Initials/),
      capped: optional('nullableFlag', /Capped/),
      dailyCap: optional('nullableCap', /daily cap/),
      amCap: optional('nullableCap', /morning cap/),
      pmCap: optional('nullableCap', /afternoon cap/),
      key: optional('deskKey', /desk key|cannot be a clinician’s key/),
    },
    valid: () => ({ name: 'Dr Priya Nair', role: 'salaried_gp', initials: 'PN', capped: true, dailyCap: 20, amCap: 11, pmCap: 9, key: 'Shift+P' }),
    writes: true,
  },
  'clinician.update': {
    fields: {
      clinicianId: clinicianId(true),
      name: optional('clinicianName', /clinician’s name/),
      role: optional('role', /role/),
      initials: optional('initials', /Initials/),
      capped: optional('nullableFlag', /Capped/),
      dailyCap: optional('nullableCap', /daily cap/),
      amCap: optional('nullableCap', /morning cap/),
      pmCap: optional('nullableCap', /afternoon cap/),
      key: optional('nullableDeskKey', /desk key|cannot be a clinician’s key/),
    },
    valid: (s) => ({ clinicianId: s.amaraId, name: 'Dr Amara Okafor-Reid', role: 'gp_partner', initials: 'AOR', capped: true, dailyCap: 24, amCap: 12, pmCap: 12, key: 'Z' }),
    writes: true,
  },
  'clinician.rename': {
    fields: { clinicianId: clinicianId(true), name: required('clinicianName', /clinician’s name/) },
    valid: (s) => ({ clinicianId: s.amaraId, name: 'Dr Amara Okafor-Reid' }),
    writes: true,
  },
  'clinician.deactivate': { fields: { clinicianId: clinicianId(true) }, valid: (s) => ({ clinicianId: s.benId }), writes: true },
  'clinician.reactivate': { fields: { clinicianId: clinicianId(true) }, valid: (s) => ({ clinicianId: s.caraId }), writes: true },
  'clinician.import': {
    fields: { csv: required('csv', /CSV|too big/), apply: required('flag', /Apply/) },
    valid: () => ({ csv: 'Name,Role,Daily cap\nDr Priya Nair,Salaried GP,20\n', apply: true }),
    writes: true,
  },
  'rota.get': {
    fields: { from: required('practiceDay', A_DATE), to: required('practiceDay', A_DATE) },
    valid: () => ({ from: '2026-11-01', to: '2026-12-31' }),
    writes: false,
  },
  'rota.setPattern': {
    fields: { clinicianId: clinicianId(true), pattern: required('weekPattern', /weekly pattern|morning|afternoon/i) },
    valid: (s) => ({ clinicianId: s.amaraId, pattern: FULL_WEEK }),
    writes: true,
  },
  'rota.setDay': {
    fields: {
      clinicianId: clinicianId(true),
      day: required('practiceDay', A_DATE),
      override: { kind: 'nullableDayOverride', required: true, nullAllowed: true, about: /changes on that date|Absent|Morning|Afternoon|cap for the day|Duty/ },
    },
    valid: (s) => ({ clinicianId: s.amaraId, day: '2026-11-24', override: { absent: false, am: true, pm: false, cap: 15, duty: true } }),
    writes: true,
  },
  'contactType.list': { fields: includeInactive, valid: () => ({ includeInactive: true }), writes: false },
  'contactType.create': {
    fields: {
      name: required('contactTypeName', /contact type/),
      counts: required('flag', /Counts toward the cap/),
      key: optional('nullableTypeKey', /shortcut/),
    },
    valid: () => ({ name: 'Group consultation', counts: true, key: 'G' }),
    writes: true,
  },
  'contactType.update': {
    fields: {
      typeId: required('typeId', /type of contact/),
      name: optional('contactTypeName', /contact type/),
      counts: optional('flag', /Counts toward the cap/),
      key: optional('nullableTypeKey', /shortcut/),
      active: optional('flag', /Active/),
    },
    valid: () => ({ typeId: 'video', name: 'Video call', counts: true, key: 'W', active: true }),
    writes: true,
  },
  'contact.record': {
    fields: {
      clinicianId: clinicianId(true),
      typeId: optional('typeId', /type of contact/),
      occurredAt: optional('instant', /date and time/),
      overCapReason: optional('overCapReason', /reason|over the cap/),
      lateReason: optional('lateReason', /late/),
      requestId: optional('requestId', /request id/),
      withBoard: optional('flag', /With the board/),
    },
    valid: (s) => ({
      clinicianId: s.amaraId,
      typeId: 'telephone',
      occurredAt: '2026-11-23T08:45:00Z',
      overCapReason: 'Chest pain, seen today',
      requestId: 'desk-0001-abcdef',
      withBoard: true,
    }),
    writes: true,
  },
  'contact.void': {
    fields: { contactId: required('entityId', /contact/), reason: voidReason },
    valid: (s) => ({ contactId: s.contactId, reason: 'Recorded against the wrong clinician' }),
    writes: true,
  },
  'contact.listForDay': {
    fields: { day, clinicianId: clinicianId(false) },
    valid: (s) => ({ day: TODAY, clinicianId: s.amaraId }),
    writes: false,
  },
  'board.today': { fields: {}, valid: () => ({}), writes: false },
  'desk.today': { fields: {}, valid: () => ({}), writes: false },
  'directory.list': { fields: includeInactive, valid: () => ({ includeInactive: true }), writes: false },
  'directory.create': {
    fields: {
      kind: required('destinationKind', /kind of service/),
      name: required('serviceName', /service’s name/),
      phone: optional('phone', /phone number/),
      address: optional('address', /address/),
      hours: optional('hours', /opening hours/),
      hint: optional('hint', /hint/),
    },
    valid: () => ({
      kind: 'self_referral',
      name: 'Podiatry (self-referral)',
      phone: '01632 960 001',
      address: 'High Street Clinic',
      hours: 'Weekdays 09:00–17:00',
      hint: 'Foot and ankle problems.',
    }),
    writes: true,
  },
  'directory.update': {
    fields: {
      entryId: required('entityId', /service/),
      kind: optional('destinationKind', /kind of service/),
      name: optional('serviceName', /service’s name/),
      phone: optional('phone', /phone number/),
      address: optional('address', /address/),
      hours: optional('hours', /opening hours/),
      hint: optional('hint', /hint/),
      active: optional('flag', /Active/),
    },
    valid: () => ({
      entryId: SERVICES.utc,
      kind: 'urgent_treatment_centre',
      name: 'Riverside UTC',
      phone: '01632 960 002',
      address: 'Riverside Hospital',
      hours: '08:00–22:00 every day',
      hint: 'Walk in.',
      active: true,
    }),
    writes: true,
  },
  'redirection.record': {
    fields: {
      destinationId: required('entityId', /service/),
      reason: required('redirectionReason', /why the patient is being redirected/),
      patientTold: required('patientTold', /patient was told/),
      fromClinicianId: optional('entityId', /clinician/),
      pharmacyFirst: optional('pharmacyFirst', /referred or signposted|Pharmacy First conditions/),
      icbInformed: optional('flag', /ICB informed/),
      note: optional('note', /note/),
      nhsNumber: optional('nhsNumber', /NHS number/),
      occurredAt: optional('instant', /date and time/),
      lateReason: optional('lateReason', /late/),
      requestId: optional('requestId', /request id/),
      withBoard: optional('flag', /With the board/),
    },
    // NHS 111 takes icbInformed; pharmacyFirst would be refused for it, so it is left out here.
    valid: (s) => ({
      destinationId: SERVICES.nhs111,
      reason: 'clinician_at_capacity',
      patientTold: true,
      fromClinicianId: s.amaraId,
      icbInformed: true,
      note: 'Called back by 111 within the hour',
      nhsNumber: '',
      occurredAt: '2026-11-23T08:50:00Z',
      requestId: 'desk-0002-abcdef',
      withBoard: true,
    }),
    writes: true,
    // A note is kept only while the practice collects identifiers.
    before: collectingIdentifiers,
  },
  'redirection.void': {
    fields: { redirectionId: required('entityId', /redirection/), reason: voidReason },
    valid: (s) => ({ redirectionId: s.redirectionId, reason: 'Patient stayed to be seen' }),
    writes: true,
  },
  'redirection.listForDay': { fields: { day }, valid: () => ({ day: TODAY }), writes: false },
  'deferral.record': {
    fields: {
      kind: required('deferralKind', /later date or the waiting list/),
      patientTold: required('patientTold', /patient was told/),
      untilDay: optional('practiceDay', A_DATE),
      clinicianId: clinicianId(false),
      note: optional('note', /note/),
      occurredAt: optional('instant', /date and time/),
      lateReason: optional('lateReason', /late/),
      requestId: optional('requestId', /request id/),
      withBoard: optional('flag', /With the board/),
    },
    valid: (s) => ({
      kind: 'later_date',
      patientTold: true,
      untilDay: '2026-11-30',
      clinicianId: s.amaraId,
      note: 'Booked with usual GP',
      occurredAt: '2026-11-23T08:55:00Z',
      requestId: 'desk-0003-abcdef',
      withBoard: true,
    }),
    writes: true,
    before: collectingIdentifiers,
  },
  'deferral.void': {
    fields: { deferralId: required('entityId', /deferral/), reason: voidReason },
    valid: (s) => ({ deferralId: s.deferralId, reason: 'Booked in error' }),
    writes: true,
  },
  'deferral.listForDay': { fields: { day }, valid: () => ({ day: TODAY }), writes: false },
  'desktop.setCompact': { fields: { on: required('flag', /Compact/) }, valid: () => ({ on: true }), writes: false },
  'report.day': { fields: { day: required('practiceDay', A_DATE) }, valid: () => ({ day: TODAY }), writes: false },
  'report.range': {
    fields: { from: required('practiceDay', A_DATE), to: required('practiceDay', A_DATE) },
    valid: () => ({ from: '2026-11-16', to: TODAY }),
    writes: false,
  },
  'report.gpas': { fields: { monday: required('practiceDay', A_DATE) }, valid: () => ({ monday: TODAY }), writes: false },
  'audit.list': {
    fields: { from: required('practiceDay', A_DATE), to: required('practiceDay', A_DATE), staffId: optional('nullableEntityId', /member of staff/), kind: optional('auditKind', /kind of change/) },
    valid: () => ({ from: TODAY, to: TODAY, staffId: null, kind: 'caps' }),
    writes: false,
  },
  'audit.csv': {
    fields: { from: required('practiceDay', A_DATE), to: required('practiceDay', A_DATE), staffId: optional('nullableEntityId', /member of staff/), kind: optional('auditKind', /kind of change/) },
    valid: () => ({ from: TODAY, to: TODAY, kind: 'sign_ins' }),
    writes: false,
  },
  'identifiers.summary': { fields: {}, valid: () => ({}), writes: false },
  'identifiers.find': {
    fields: { nhsNumber: optional('nhsNumber', /NHS number/), text: optional('searchText', /note/), from: day, to: day },
    valid: () => ({ nhsNumber: '943 476 5919', text: 'rash', from: '2026-11-01', to: TODAY }),
    // The look-up itself is written in the audit trail.
    writes: true,
  },
  'identifiers.erase': {
    fields: { recordIds: required('recordIdList', /record/), why: required('erasureWhy', /Say why/) },
    valid: (s) => ({ recordIds: [s.redirectionId], why: 'patient_request' }),
    writes: true,
  },
  'gpas.assess': {
    fields: { monday: required('practiceDay', A_DATE), status: required('gpasStatus', /Green, Amber, Red or Black/), note: optional('note', /comment/) },
    valid: () => ({ monday: TODAY, status: 'amber', note: 'Two GPs off sick; locum booked' }),
    writes: true,
  },
  'action.list': { fields: {}, valid: () => ({}), writes: false },
  'action.create': {
    fields: {
      title: required('actionTitle', /title/),
      forPatients: optional('forPatients', /text for patients/),
      taking: optional('flag', /Taking this action/),
      from: optional('practiceDay', A_DATE),
      until: optional('practiceDay', A_DATE),
    },
    valid: () => ({ title: 'Limit home visits to the housebound', forPatients: 'Home visits are for patients who cannot leave home.', taking: true, from: TODAY, until: '2026-12-31' }),
    writes: true,
  },
  'action.update': {
    fields: {
      actionId: required('entityId', /action/),
      title: optional('actionTitle', /title/),
      forPatients: optional('forPatients', /text for patients/),
      taking: optional('flag', /Taking this action/),
      from: optional('nullablePracticeDay', A_DATE),
      until: optional('nullablePracticeDay', A_DATE),
    },
    valid: () => ({ actionId: BMA_ACTION_1, title: 'Limit contacts to 25 a clinician a day', forPatients: 'Each clinician sees at most 25 patients a day.', taking: true, from: TODAY, until: null }),
    writes: true,
  },
  'export.build': {
    fields: exportFields,
    valid: () => ({ format: 'csv', table: 'contacts', from: TODAY, to: TODAY, includeIdentifiers: false }),
    writes: false,
  },
  'export.endOfDayStatus': { fields: {}, valid: () => ({}), writes: false },
  'export.configureEndOfDay': {
    fields: { enabled: required('flag', /End-of-day export/), time: optional('clockTime', /HH:MM/), folder: optional('folderPath', /folder/) },
    // Off: the folder is kept for later and not checked, so the example needs no real folder.
    valid: () => ({ enabled: false, time: '18:45', folder: '/srv/reports' }),
    writes: true,
  },
  // Nothing is due (the export is off): it answers with the status and saves nothing.
  'export.runEndOfDay': { fields: {}, valid: () => ({}), writes: false, pushesWithoutWriting: true },
  'backup.status': { fields: {}, valid: () => ({}), writes: false },
  // A real backup of the test's database, into its data folder; its outcome is kept for the Backups page.
  'backup.now': { fields: {}, valid: () => ({}), writes: true },
  'backup.configure': {
    fields: { secondFolder: optional('folderPath', /folder/) },
    // Cleared: no folder to check.
    valid: () => ({}),
    writes: true,
  },
  // A checked backup made before the call; the restore is asked for (a file in the data folder), not done.
  'backup.restore': { fields: { name: required('backupName', /Choose a backup from the list/) }, valid: () => ({ name: backupName('before-update', BACKED_UP_AT) }), writes: false, before: backedUp },
  'backup.cancelRestore': { fields: {}, valid: () => ({}), writes: false },
  'desktop.saveExport': {
    fields: exportFields,
    valid: () => ({ format: 'xlsx', from: '2026-11-16', to: TODAY, includeIdentifiers: true }),
    writes: false,
  },
  'desktop.printToPdf': { fields: { fileName: required('pdfFileName', /Give the file a name/) }, valid: () => ({ fileName: 'Daily summary 23-11-2026.pdf' }), writes: false },
  // The network's methods start no process here: the harness gives each core a stand-in that never answers (test/helpers/quietReplication.ts).
  'network.status': { fields: {}, valid: () => ({}), writes: false },
  'network.create': { fields: {}, valid: () => ({}), writes: true },
  'network.join': { fields: { code: required('joinCode', /join code/) }, valid: () => ({ code: JOIN_CODE }), writes: true },
  'network.joinCode': { fields: {}, valid: () => ({}), writes: false },
  'network.leave': { fields: {}, valid: () => ({}), writes: true, before: joined },
  'network.remove': {
    fields: { deviceId: required('deviceId', /PC to remove/) },
    valid: () => ({ deviceId: OTHER_PC.deviceId }),
    writes: true,
    before: (seeded) => {
      joined(seeded);
      seeded.replication.latest().say({ kind: 'member', member: OTHER_PC });
    },
  },
  'network.configure': {
    fields: { addresses: optional('addressList', /address|port in/), port: optional('port', /port/) },
    valid: () => ({ addresses: ['192.168.1.20', ' reception-2:42600 ', ''], port: 42600 }),
    writes: true,
    before: joined,
  },
  // The shared cores name no staff, so nothing is asked there; a case whose example needs staff names them on its own core (staffNamed).
  'staff.list': { fields: includeInactive, valid: () => ({ includeInactive: true }), writes: false, before: staffNamed },
  // The practice's first member of staff, named with nobody signed in: its administrator.
  'staff.add': {
    fields: { name: required('staffMemberName', /name/), role: required('staffRole', /role/), pin: required('pin', /PIN/) },
    valid: () => ({ ...ANN }),
    writes: true,
  },
  // Ann, the administrator, is signed in.
  'staff.update': {
    fields: { staffId: staffId(true), name: optional('staffMemberName', /name/), role: optional('staffRole', /role/), active: optional('flag', /Active/) },
    valid: (s) => ({ staffId: ritaOf(s), name: 'Rita Reed', role: 'clinician', active: true }),
    writes: true,
    before: staffNamed,
  },
  // Rita changes her own PIN, giving her current one.
  'staff.setPin': {
    fields: { staffId: staffId(true), pin: required('pin', /PIN/), currentPin: optional('pin', /PIN/) },
    valid: (s) => ({ staffId: ritaOf(s), pin: '3692', currentPin: RITA.pin }),
    writes: true,
    before: async (seeded) => {
      await staffNamed(seeded);
      must(await seeded.core.call('session.signIn', { staffId: ritaOf(seeded.data), pin: RITA.pin }));
    },
  },
  // Rita has typed a wrong PIN on this PC; Ann, signed in, clears the count.
  'staff.unlock': {
    fields: { staffId: staffId(true) },
    valid: (s) => ({ staffId: ritaOf(s) }),
    writes: true,
    before: async (seeded) => {
      await staffNamed(seeded);
      expect(await seeded.core.call('session.signIn', { staffId: ritaOf(seeded.data), pin: '0000' })).toMatchObject({ ok: false, error: { field: 'pin' } });
    },
  },
  'session.get': { fields: {}, valid: () => ({}), writes: false },
  'session.signIn': {
    fields: { staffId: staffId(true), pin: required('pin', /PIN/) },
    valid: (s) => ({ staffId: ritaOf(s), pin: RITA.pin }),
    writes: true,
    before: staffNamed,
  },
  // Ann is signed in, so signing out saves the sign-out for the audit trail.
  'session.signOut': { fields: {}, valid: () => ({}), writes: true, before: staffNamed },
  // Only the idle time starts again, in memory.
  'session.touch': { fields: {}, valid: () => ({}), writes: false, before: staffNamed },
};

/** Names Ann (administrator, then signed in, as the first named is) and Rita (reception): from then on this core asks who is at the desk. */
async function staffNamed(seeded: Seeded): Promise<void> {
  const ann = must(await seeded.core.call('staff.add', { ...ANN }));
  const rita = must(await seeded.core.call('staff.add', { ...RITA }));
  NAMED_STAFF.set(seeded.data, { ann: ann.id, rita: rita.id });
  expect(must(seeded.core.call('session.get', {})).staff?.id).toBe(ann.id);
}

/** Another PC of the practice, as the replication process reports one that proved the secret. */
const OTHER_PC = { deviceId: 'a1b2c3d4e5f60718', coreKey: 'ab'.repeat(32), name: 'Reception 2' };

function collectingIdentifiers(seeded: Seeded): void {
  expect(seeded.core.call('settings.update', { collectNhsNumber: true })).toMatchObject({ ok: true });
}

const BACKED_UP_AT = Date.parse('2026-11-23T07:00:00Z');
function backedUp(seeded: Seeded): void {
  backupBeforeUpdate(seeded.core.db, path.join(path.dirname(seeded.core.databasePath), 'backups'), BACKED_UP_AT);
}

function joined(seeded: Seeded): void {
  expect(seeded.core.call('network.join', { code: JOIN_CODE })).toMatchObject({ ok: true });
}

interface UntypedCase {
  fields: Record<string, FieldSpec>;
  valid: (seed: Seed) => Record<string, unknown>;
  writes: boolean;
  before?: (seeded: Seeded) => void | Promise<void>;
  pushesWithoutWriting?: true;
}

/** Nothing saved and, unless the case is the known exception, no window told to refresh. */
function expectValidCallWroteNothing(seeded: Seeded, method: TestedMethod): void {
  if (caseOf(method).pushesWithoutWriting) expect(snapshot(seeded.core.db)).toEqual(seeded.before);
  else expectNothingWritten(seeded);
}

function caseOf(method: TestedMethod): UntypedCase {
  return CASES[method];
}

/** Does what the method's valid example needs first, then takes the database as it now is as the one to compare against. */
async function prepare(seeded: Seeded, method: TestedMethod): Promise<void> {
  const { before } = caseOf(method);
  if (!before) return;
  await before(seeded);
  seeded.before = snapshot(seeded.core.db);
  seeded.pushes.length = 0;
}

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
        'mode',
        'reason',
        'role',
        'practiceDay',
        'occurredAt',
        'clinicianId',
        'typeId',
        'overCapReason',
        'nhsNumber',
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

/** The envelope, waited for when the method answers later (export.build and the like). */
async function invoke(core: Core, method: string, input: unknown): Promise<Envelope<unknown>> {
  let answer: Envelope<unknown> | Promise<Envelope<unknown>>;
  try {
    answer = core.invoke(method, input);
  } catch (error) {
    throw new Error(`invoke("${method}") threw instead of returning an error envelope: ${String(error)}`, { cause: error });
  }
  try {
    return await answer;
  } catch (error) {
    throw new Error(`invoke("${method}") rejected instead of answering with an error envelope: ${String(error)}`, { cause: error });
  }
}

/** The top-level input field an error is about: "pattern.mon.am" is about "pattern". */
function topField(field: string | undefined): string | undefined {
  return field?.split('.')[0];
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
    ['Invalid input: expected record, received number'],
    ['Expected number, received string.'],
    ['Unrecognized key: "extra".'],
    ['Too small: expected string to have >=1 characters.'],
    ['Invalid option: expected one of "day"|"session".'],
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

  it('tells a wrong code and a missing phrase apart', () => {
    expect(() => expectRefusal(refusal('Enter the clinician’s name.', 'name'), { code: 'conflict', field: 'name' })).toThrow();
    expect(() => expectRefusal(refusal('Enter the clinician’s name.', 'name'), { code: 'invalid_input', phrase: 'daily cap' })).toThrow();
  });
});

describe('the bad-input table', () => {
  it('covers exactly the methods of the contract and the desktop shell’s own', () => {
    expect(Object.keys(CASES).sort()).toEqual([...METHOD_NAMES, ...DESKTOP_METHOD_NAMES].sort());
  });

  it('lists the same roles, services, reasons, routes, conditions, deferral kinds, weekdays, GPAS states, export tables and staff roles as shared/', () => {
    expect(ROLES).toEqual([...CLINICIAN_ROLES]);
    expect(DESTINATIONS).toEqual([...DESTINATION_KINDS]);
    expect(REASONS).toEqual([...REDIRECTION_REASONS]);
    expect(ROUTES).toEqual([...PHARMACY_FIRST_ROUTES]);
    expect(CONDITIONS).toEqual(PHARMACY_FIRST_CONDITIONS.map((condition) => condition.id));
    expect(DEFERRALS).toEqual([...DEFERRAL_KINDS]);
    expect(DAYS).toEqual([...WEEKDAYS]);
    expect(GPAS).toEqual([...GPAS_STATUSES]);
    expect(TABLES).toEqual([...EXPORT_TABLES]);
    expect(STAFF_ROLES_BY_HAND).toEqual([...STAFF_ROLES]);
  });

  it('writes its own clock-time, shortcut, initials, PDF-name and PIN checks correctly', () => {
    expect(['00:00', '09:05', '13:00', '23:59'].every(isClockTime)).toBe(true);
    expect(['24:00', '9:00', '12:60', '1300', '12:3a', ' 12:30'].some(isClockTime)).toBe(false);
    expect(['a', 'Z', ' q '].every(isShortcutLetter)).toBe(true);
    expect(['', 'ab', '1', 'é', '!'].some(isShortcutLetter)).toBe(false);
    expect(['A', 'ap', ' AbCd '].every(isInitials)).toBe(true);
    expect(['', 'ABCDE', 'A1', 'A B'].some(isInitials)).toBe(false);
    expect(['a.pdf', ' Daily summary (1), 23-11-2026.PDF ', `${'x'.repeat(120)}.pdf`].every(isPdfName)).toBe(true);
    expect(['.pdf', 'a.pdfx', 'a/b.pdf', 'é.pdf', `${'x'.repeat(121)}.pdf`, 'a.txt'].some(isPdfName)).toBe(false);
    expect(['0000', '2580', '1111', '12345678'].every(isPin)).toBe(true);
    expect(['', '123', '123456789', '12a4', ' 1234', '１２３４', '12.4'].some(isPin)).toBe(false);
  });

  it.each(TESTED_METHODS)('has a valid example that %s accepts, so each mutation is the only thing wrong', async (method) => {
    const seeded = openSeeded();
    try {
      const { valid, writes } = caseOf(method);
      await prepare(seeded, method);
      const result = await invoke(seeded.core, method, valid(seeded.data));
      expect(result).toMatchObject({ ok: true });
      // A write shows up in the snapshot, so "the snapshot is unchanged" really means nothing was written.
      if (writes) expect(snapshot(seeded.core.db)).not.toEqual(seeded.before);
      else expectValidCallWroteNothing(seeded, method);
    } finally {
      closeCore(seeded);
    }
  });
});

describe.each(TESTED_METHODS)('%s with malformed input', (method) => {
  const { fields, valid } = caseOf(method);
  const fieldNames = Object.keys(fields);
  const shared = sharedSeeded();

  it('refuses anything that is not a set of named values, and writes nothing', async () => {
    const seeded = shared();
    await fc.assert(
      fc.asyncProperty(notAnObject, async (input) => {
        const result = await invoke(seeded.core, method, input);
        expectRefusal(result, { code: 'invalid_input', field: null, phrase: /named values/ });
        expectNoWrite(seeded);
      }),
      { numRuns: RUNS },
    );
    expectNothingWritten(seeded);
  });

  it('refuses a field it does not take, naming it, and writes nothing', async () => {
    const seeded = shared();
    await fc.assert(
      fc.asyncProperty(extraKey(fields), json, async (key, value) => {
        const input = mutate(valid(seeded.data), [{ kind: 'extra', key, value }]);
        const result = await invoke(seeded.core, method, input);
        expectRefusal(result, { code: 'invalid_input', field: null, phrase: key });
        expect(result).toMatchObject({ error: { message: expect.stringContaining('Nothing was changed') as unknown } });
        expectNoWrite(seeded);
      }),
      { numRuns: RUNS },
    );
    expectNothingWritten(seeded);
  });

  for (const field of fieldNames) {
    const spec = fields[field];
    if (spec === undefined) continue;

    it(`refuses a malformed ${field} (${spec.kind}) with a message about ${field}, and writes nothing`, async () => {
      const seeded = shared();
      await fc.assert(
        fc.asyncProperty(KINDS[spec.kind], async (value) => {
          const input = mutate(valid(seeded.data), [{ kind: 'replace', field, value }]);
          const result = await invoke(seeded.core, method, input);
          try {
            const error = expectRefusal(result, { code: 'invalid_input', phrase: spec.about });
            // A nested detail is named by its path: pattern.mon.am is about pattern.
            expect(topField(error.field)).toBe(field);
          } catch (error) {
            throw new Error(`${field} = ${describeValue(value)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          expectNoWrite(seeded);
        }),
        { numRuns: RUNS },
      );
      expectNothingWritten(seeded);
    });

    if (spec.required) {
      it(`refuses a request without ${field}, naming ${field}, and writes nothing`, async () => {
        const seeded = shared();
        const input = mutate(valid(seeded.data), [{ kind: 'remove', field }]);
        expectRefusal(await invoke(seeded.core, method, input), { code: 'invalid_input', field, phrase: spec.about });
        if (!spec.nullAllowed) {
          // Sent as null rather than left out: still refused.
          const withNull = mutate(valid(seeded.data), [{ kind: 'replace', field, value: null }]);
          expectRefusal(await invoke(seeded.core, method, withNull), { code: 'invalid_input', field, phrase: spec.about });
        }
        expectNothingWritten(seeded);
      });
    }
  }

  if (fieldNames.length > 0) {
    it('refuses several mistakes at once, naming one of the fields at fault, and writes nothing', async () => {
      const seeded = shared();
      const fieldMutation = fc.constantFrom(...fieldNames).chain((field): fc.Arbitrary<Mutation> => {
        const spec = fields[field];
        if (spec === undefined) throw new Error(`No spec for ${field}`);
        const replace = KINDS[spec.kind].map((value): Mutation => ({ kind: 'replace', field, value }));
        return spec.required ? fc.oneof(replace, fc.constant<Mutation>({ kind: 'remove', field })) : replace;
      });
      const extra = fc.tuple(extraKey(fields), json).map(([key, value]): Mutation => ({ kind: 'extra', key, value }));
      const mutations = fc
        .tuple(
          fc.uniqueArray(fieldMutation, { minLength: 1, maxLength: fieldNames.length, selector: (m) => (m.kind === 'extra' ? m.key : m.field) }),
          fc.array(extra, { maxLength: 2 }),
        )
        .map(([onFields, extras]) => [...onFields, ...extras]);
      await fc.assert(
        fc.asyncProperty(mutations, async (changes) => {
          const input = mutate(valid(seeded.data), changes);
          const result = await invoke(seeded.core, method, input);
          const error = expectRefusal(result, { code: 'invalid_input' });
          const atFault = changes.flatMap((m) => (m.kind === 'extra' ? [] : [m.field]));
          if (error.field === undefined) {
            // Only an unexpected field gives a message without a field, and it names the field.
            const extras = changes.flatMap((m) => (m.kind === 'extra' ? [m.key] : []));
            expect(extras.length).toBeGreaterThan(0);
            expect(extras.some((key) => error.message.includes(key))).toBe(true);
          } else {
            expect(atFault).toContain(topField(error.field));
          }
          expectNoWrite(seeded);
        }),
        { numRuns: RUNS },
      );
      expectNothingWritten(seeded);
    });
  } else {
    it('takes no details: an empty request is the only valid one', async () => {
      const seeded = shared();
      expectRefusal(await invoke(seeded.core, method, { clinicianId: seeded.data.amaraId }), { code: 'invalid_input', field: null, phrase: 'clinicianId' });
      if (caseOf(method).writes) {
        // network.create and network.leave save something, and work once: each empty request gets a core of its own.
        expectNothingWritten(seeded);
        for (const input of [{}, undefined]) {
          const own = openSeeded();
          try {
            await prepare(own, method);
            expect(await invoke(own.core, method, input)).toMatchObject({ ok: true });
          } finally {
            closeCore(own);
          }
        }
        return;
      }
      expect(await invoke(seeded.core, method, {})).toMatchObject({ ok: true });
      expect(await invoke(seeded.core, method, undefined)).toMatchObject({ ok: true });
      expectValidCallWroteNothing(seeded, method);
    });
  }
});

describe('nested details', () => {
  const cases: { name: string; method: MethodName; input: (s: Seed) => Record<string, unknown>; field: string; phrase: string }[] = [
    { name: 'a weekly pattern with a tenth day', method: 'rota.setPattern', input: (s) => ({ clinicianId: s.amaraId, pattern: { ...FULL_WEEK, monday: { am: true, pm: true } } }), field: 'pattern', phrase: 'monday' },
    { name: 'a session pair with a third session', method: 'rota.setPattern', input: (s) => ({ clinicianId: s.amaraId, pattern: { ...FULL_WEEK, mon: { am: true, pm: true, eve: true } } }), field: 'pattern.mon', phrase: 'eve' },
    { name: 'a date change with an unknown detail', method: 'rota.setDay', input: (s) => ({ clinicianId: s.amaraId, day: TODAY, override: { late: true } }), field: 'override', phrase: 'late' },
    { name: 'a role default for a role that does not exist', method: 'settings.update', input: () => ({ roleDefaults: { nurse: { capped: true } } }), field: 'roleDefaults', phrase: 'nurse' },
    { name: 'a role default with an unknown detail', method: 'settings.update', input: () => ({ roleDefaults: { gp_partner: { weeklyCap: 100 } } }), field: 'roleDefaults.gp_partner', phrase: 'weeklyCap' },
    {
      name: 'Pharmacy First details with an unknown detail',
      method: 'redirection.record',
      input: () => ({ destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', patientTold: true, pharmacyFirst: { route: 'referred', age: 40 } }),
      field: 'pharmacyFirst',
      phrase: 'age',
    },
  ];
  const shared = sharedSeeded();

  it.each(cases)('refuses $name, naming the unexpected detail, and writes nothing', async (wrong) => {
    const seeded = shared();
    expectRefusal(await invoke(seeded.core, wrong.method, wrong.input(seeded.data)), { code: 'invalid_input', phrase: wrong.phrase });
    expectNothingWritten(seeded);
  });

  it.each(cases)('names the field that holds $name', async (wrong) => {
    const seeded = shared();
    expectRefusal(await invoke(seeded.core, wrong.method, wrong.input(seeded.data)), { code: 'invalid_input', field: wrong.field });
  });

  it('refuses roleDefaults that is not a set of roles, in words for the desk', async () => {
    const seeded = shared();
    for (const roleDefaults of [5, null, [], 'gp_partner', true]) {
      expectRefusal(await invoke(seeded.core, 'settings.update', { roleDefaults }), { code: 'invalid_input', field: 'roleDefaults', phrase: /role/ });
    }
    expectNothingWritten(seeded);
  });

  it('refuses roleDefaults that is not a set of roles, and writes nothing (whatever the wording)', async () => {
    const seeded = shared();
    for (const roleDefaults of [5, null, [], 'gp_partner', true]) {
      expect(await invoke(seeded.core, 'settings.update', { roleDefaults })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'roleDefaults' } });
    }
    expectNothingWritten(seeded);
  });
});

describe('keys that could reach a prototype', () => {
  const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
  /** Every object or array inside a value, the value itself first: the places a key can be put. */
  const placesIn = (value: unknown): object[] => {
    if (typeof value !== 'object' || value === null) return [];
    return [value, ...Object.values(value).flatMap(placesIn)];
  };
  const shared = sharedSeeded();

  it.each(TESTED_METHODS)('%s refuses __proto__, constructor or prototype at any depth, naming it, and writes nothing', async (method) => {
    const seeded = shared();
    const valid = caseOf(method).valid(seeded.data);
    const places = placesIn(valid).length;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FORBIDDEN), fc.nat({ max: places - 1 }), json, async (key, where, value) => {
        const input = structuredClone(valid);
        const place = placesIn(input)[where];
        if (place === undefined) throw new Error(`No place ${where} in ${method}’s input`);
        Object.defineProperty(place, key, { value, enumerable: true, writable: true, configurable: true });
        const result = await invoke(seeded.core, method, input);
        expect(result).toEqual({
          ok: false,
          error: { code: 'invalid_input', message: `This request has a detail called “${key}”, which ContactCap never accepts. Nothing was changed.` },
        });
        expectRefusal(result, { code: 'invalid_input', field: null, phrase: key });
        expectNoWrite(seeded);
      }),
      { numRuns: 20 },
    );
    expectNothingWritten(seeded);
  });

  it('refuses settings.update {"roleDefaults":{"__proto__":{}}}, which zod alone let through as a success', async () => {
    const seeded = shared();
    const input: unknown = JSON.parse('{"roleDefaults":{"__proto__":{}}}');
    expectRefusal(await invoke(seeded.core, 'settings.update', input), { code: 'invalid_input', field: null, phrase: '“__proto__”, which ContactCap never accepts. Nothing was changed.' });
    expectNothingWritten(seeded);
  });

  it('ends on an input that holds itself, and on one nested far deeper than any method takes', async () => {
    const seeded = shared();
    const cyclic: Record<string, unknown> = { roleDefaults: {} };
    cyclic.self = cyclic;
    expectRefusal(await invoke(seeded.core, 'settings.update', cyclic), { code: 'invalid_input', phrase: 'self' });
    let deep: unknown = JSON.parse('{"__proto__":1}');
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expectRefusal(await invoke(seeded.core, 'settings.update', { roleDefaults: deep }), { code: 'invalid_input', field: null, phrase: '__proto__' });
    expectNothingWritten(seeded);
  });
});

describe('methods that answer later', () => {
  const ASYNC_METHODS: TestedMethod[] = [
    'export.build',
    'export.runEndOfDay',
    'backup.now',
    'backup.restore',
    'desktop.saveExport',
    'desktop.printToPdf',
    'desktop.setCompact',
    'staff.add',
    'staff.setPin',
    'session.signIn',
  ];
  const shared = sharedSeeded();

  it('lists every method the contract and the desktop shell say answer later, and no other', () => {
    const marked = [
      ...METHOD_NAMES.filter((method) => (contract[method] as { async?: true }).async === true),
      ...DESKTOP_METHOD_NAMES.filter((method) => (desktopMethods[method] as { async?: true }).async === true),
    ];
    expect([...ASYNC_METHODS].sort()).toEqual(marked.sort());
  });

  it('answers a well-formed request to each of them with a promise', async () => {
    const seeded = shared();
    for (const method of ASYNC_METHODS) {
      const answer = seeded.core.invoke(method, caseOf(method).valid(seeded.data));
      expect(answer, method).toBeInstanceOf(Promise);
      await answer;
    }
  });

  it('answers a malformed request to each of them with a promise too, as core.call’s type says', async () => {
    const seeded = shared();
    for (const method of ASYNC_METHODS) {
      const answer = seeded.core.invoke(method, { format: 'pdf', fileName: 42 });
      expect(answer, method).toBeInstanceOf(Promise);
      expectRefusal(await answer, { code: 'invalid_input' });
    }
  });
});

describe('the wording of a missing choice', () => {
  it('asks for “an action”, not “a action”', async () => {
    const seeded = openSeeded();
    try {
      expectRefusal(await invoke(seeded.core, 'action.update', { actionId: ' ', taking: true }), { code: 'invalid_input', field: 'actionId', phrase: 'Choose an action.' });
    } finally {
      closeCore(seeded);
    }
  });
});
