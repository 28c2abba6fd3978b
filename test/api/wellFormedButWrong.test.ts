import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract.ts';
import type { ErrorCode } from '../../shared/result.ts';
import { must } from '../helpers/fixtures.ts';
import {
  closeAllCores,
  expectNothingWritten,
  expectNoWrite,
  expectRefusal,
  openCore,
  openSeeded,
  recordMany,
  SEED_NAMES,
  SEED_VOID_REASON,
  SERVICES,
  snapshot,
  TODAY,
  type Seed,
  type Seeded,
} from './apiHarness.ts';

/**
 * Requests that are shaped correctly but ask for something the data does not
 * allow. Each gets its own message, names the field at fault, and changes
 * nothing. The clock stands at 09:00 on Monday 23 November 2026 (GMT), a day
 * every clinician works unless the rota says otherwise.
 */

afterEach(closeAllCores);

type Extra = Record<string, string>;

interface WrongCase {
  name: string;
  /** Data this case needs beyond the seed, written before the "before" snapshot. Returns ids for the input. */
  arrange?: (seeded: Seeded) => Extra;
  method: MethodName;
  input: (seed: Seed, extra: Extra) => Record<string, unknown>;
  code: ErrorCode;
  /** The field the error names, or null for none. */
  field: string | null;
  phrase: string | RegExp;
}

/** Arranging only uses methods that answer at once; a promise here means the arrange step needs awaiting. */
const call = (seeded: Seeded, method: MethodName, input: unknown) => {
  const result = seeded.core.invoke(method, input);
  if (result instanceof Promise) throw new Error(`${method} answers later: arrange with it in an async step.`);
  if (!result.ok) throw new Error(`Arranging with ${method} failed: ${result.error.message}`);
  return result.value;
};

/** A GP with a cap of `dailyCap` who has already seen `used` patients today. */
const clinicianWith =
  (name: string, dailyCap: number, used: number) =>
  (seeded: Seeded): Extra => {
    const created = must(seeded.core.call('clinician.create', { name, role: 'gp_partner', dailyCap }));
    recordMany(seeded, created.id, used);
    return { clinicianId: created.id };
  };

const record = (clinicianId: string, extra: Record<string, unknown> = {}) => ({ clinicianId, typeId: 'telephone', ...extra });
const redirect = (extra: Record<string, unknown>) => ({ reason: 'clinician_at_capacity', patientTold: true, ...extra });
const withNhsNumbers = (seeded: Seeded): Extra => {
  call(seeded, 'settings.update', { collectNhsNumber: true });
  return {};
};

const CASES: WrongCase[] = [
  // --- Things ContactCap does not know.
  {
    name: 'recording a contact for a clinician ContactCap does not know',
    method: 'contact.record',
    input: () => record('no-such-clinician'),
    code: 'not_found',
    field: 'clinicianId',
    phrase: 'not on ContactCap’s list',
  },
  {
    name: 'recording a contact of a type ContactCap does not know',
    method: 'contact.record',
    input: (s) => ({ clinicianId: s.amaraId, typeId: 'carrier_pigeon' }),
    code: 'not_found',
    field: 'typeId',
    phrase: 'That type of contact is not on the list',
  },
  {
    name: 'voiding a contact ContactCap does not know',
    method: 'contact.void',
    input: () => ({ contactId: 'no-such-contact', reason: 'Entered twice' }),
    code: 'not_found',
    field: 'contactId',
    phrase: 'not in ContactCap’s records',
  },
  {
    name: 'redirecting to a service that is not in the directory',
    method: 'redirection.record',
    input: () => redirect({ destinationId: 'builtin-moon-base' }),
    code: 'not_found',
    field: 'destinationId',
    phrase: 'That service is not in the directory',
  },
  {
    name: 'redirecting from a clinician ContactCap does not know',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, fromClinicianId: 'no-such-clinician' }),
    code: 'not_found',
    field: 'fromClinicianId',
    phrase: 'not on ContactCap’s list',
  },
  {
    name: 'changing a directory entry ContactCap does not know',
    method: 'directory.update',
    input: () => ({ entryId: 'no-such-service', name: 'Somewhere else' }),
    code: 'not_found',
    field: 'entryId',
    phrase: 'That service is not in the directory',
  },
  {
    name: 'changing a contact type ContactCap does not know',
    method: 'contactType.update',
    input: () => ({ typeId: 'no-such-type', name: 'Something else' }),
    code: 'not_found',
    field: 'typeId',
    phrase: 'That type of contact is not on the list',
  },

  // --- Clinicians on and off the board, and their names.
  {
    name: 'recording a contact for a clinician who is off the board',
    method: 'contact.record',
    input: (s) => record(s.caraId),
    code: 'conflict',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.cara} is no longer on the board`,
  },
  {
    name: 'recording an urgent contact for a clinician who is off the board',
    method: 'contact.record',
    input: (s) => record(s.caraId, { overCapReason: 'Acute asthma attack' }),
    code: 'conflict',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.cara} is no longer on the board`,
  },
  {
    name: 'adding a clinician with the name of one on the board, in capitals',
    method: 'clinician.create',
    input: () => ({ name: 'DR AMARA OKAFOR', role: 'locum_gp' }),
    code: 'conflict',
    field: 'name',
    phrase: `already a clinician called “${SEED_NAMES.amara}”`,
  },
  {
    name: 'adding a clinician with the name of one on the board, in lower case with spaces around it',
    method: 'clinician.create',
    input: () => ({ name: '  dr   amara okafor  ', role: 'locum_gp', dailyCap: 10 }),
    code: 'conflict',
    field: 'name',
    phrase: `already a clinician called “${SEED_NAMES.amara}”`,
  },
  {
    name: 'renaming a clinician to the name of another one on the board',
    method: 'clinician.rename',
    input: (s) => ({ clinicianId: s.benId, name: 'dr amara OKAFOR' }),
    code: 'conflict',
    field: 'name',
    phrase: `already a clinician called “${SEED_NAMES.amara}”`,
  },
  {
    name: 'changing a clinician’s name to that of another one on the board',
    method: 'clinician.update',
    input: (s) => ({ clinicianId: s.benId, name: 'Dr Amara Okafor', role: 'gp_partner' }),
    code: 'conflict',
    field: 'name',
    phrase: `already a clinician called “${SEED_NAMES.amara}”`,
  },
  {
    name: 'taking off the board a clinician who is already off it',
    method: 'clinician.deactivate',
    input: (s) => ({ clinicianId: s.caraId }),
    code: 'conflict',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.cara} is already off the board`,
  },
  {
    name: 'putting back on the board a clinician who is already on it',
    method: 'clinician.reactivate',
    input: (s) => ({ clinicianId: s.amaraId }),
    code: 'conflict',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.amara} is already on the board`,
  },
  {
    name: 'putting a clinician back on the board when someone else on it now has the same name',
    arrange: (seeded) => {
      call(seeded, 'clinician.create', { name: 'DR CARA LUND', role: 'salaried_gp' });
      return {};
    },
    method: 'clinician.reactivate',
    input: (s) => ({ clinicianId: s.caraId }),
    code: 'conflict',
    field: 'name',
    phrase: 'already a clinician called “DR CARA LUND”',
  },

  // --- The cap.
  {
    name: 'recording a counted contact for a clinician at their cap of 2, without an urgent reason',
    arrange: clinicianWith('Dr Dana Frost', 2, 2),
    method: 'contact.record',
    input: (_s, x) => record(x.clinicianId ?? ''),
    code: 'at_capacity',
    field: 'clinicianId',
    phrase: 'Dr Dana Frost is full (2 of 2 today)',
  },
  {
    name: 'recording the 26th contact for a GP on the role default of 25, with the usual type',
    arrange: (seeded) => {
      recordMany(seeded, seeded.data.amaraId, 24);
      return {};
    },
    method: 'contact.record',
    input: (s) => ({ clinicianId: s.amaraId }),
    code: 'at_capacity',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.amara} is full (25 of 25 today)`,
  },
  {
    name: 'recording a contact for a clinician whose cap is 0',
    arrange: clinicianWith('Dr Gil Moss', 0, 0),
    method: 'contact.record',
    input: (_s, x) => record(x.clinicianId ?? ''),
    code: 'at_capacity',
    field: 'clinicianId',
    phrase: 'Dr Gil Moss is full (0 of 0 today)',
  },
  {
    name: 'recording a contact for a clinician marked absent today',
    arrange: (seeded) => {
      call(seeded, 'rota.setDay', { clinicianId: seeded.data.amaraId, day: TODAY, override: { absent: true } });
      return {};
    },
    method: 'contact.record',
    input: (s) => record(s.amaraId),
    code: 'at_capacity',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.amara} is absent today`,
  },
  {
    name: 'recording a contact for a clinician whose weekly pattern has Mondays off',
    arrange: (seeded) => {
      const off = { am: false, pm: false };
      const on = { am: true, pm: true };
      call(seeded, 'rota.setPattern', { clinicianId: seeded.data.amaraId, pattern: { mon: off, tue: on, wed: on, thu: on, fri: on, sat: off, sun: off } });
      return {};
    },
    method: 'contact.record',
    input: (s) => record(s.amaraId),
    code: 'at_capacity',
    field: 'clinicianId',
    phrase: `${SEED_NAMES.amara} is not on the rota today`,
  },
  {
    name: 'recording a morning contact in session mode once the morning’s 2 of a daily 4 are used',
    arrange: (seeded) => {
      call(seeded, 'settings.update', { capMode: 'session' });
      return clinicianWith('Dr Eli Stone', 4, 2)(seeded);
    },
    method: 'contact.record',
    input: (_s, x) => record(x.clinicianId ?? ''),
    code: 'at_capacity',
    field: 'clinicianId',
    phrase: 'Dr Eli Stone is full (2 of 2 this morning)',
  },
  {
    name: 'recording a contact of a type that is no longer in use',
    arrange: (seeded) => {
      call(seeded, 'contactType.update', { typeId: 'video', active: false });
      return {};
    },
    method: 'contact.record',
    input: (s) => ({ clinicianId: s.amaraId, typeId: 'video' }),
    code: 'invalid_input',
    field: 'typeId',
    phrase: '“Video” is no longer in use',
  },

  // --- Times.
  {
    name: 'recording a contact one second in the future',
    method: 'contact.record',
    input: (s) => record(s.amaraId, { occurredAt: '2026-11-23T09:00:01Z' }),
    code: 'invalid_input',
    field: 'occurredAt',
    phrase: 'in the future',
  },
  {
    name: 'recording an urgent contact next year',
    method: 'contact.record',
    input: (s) => record(s.amaraId, { occurredAt: '2027-01-04T09:00:00Z', overCapReason: 'Urgent review' }),
    code: 'invalid_input',
    field: 'occurredAt',
    phrase: 'in the future',
  },
  {
    name: 'recording a contact that happened later today in another time zone’s notation',
    method: 'contact.record',
    // 08:30 in New York is 13:30 in London: still in the future.
    input: (s) => record(s.amaraId, { occurredAt: '2026-11-23T08:30:00-05:00' }),
    code: 'invalid_input',
    field: 'occurredAt',
    phrase: 'in the future',
  },
  {
    name: 'backdating a contact to yesterday afternoon',
    method: 'contact.record',
    input: (s) => record(s.amaraId, { occurredAt: '2026-11-22T16:30:00Z' }),
    code: 'invalid_input',
    field: 'occurredAt',
    phrase: 'Only earlier today can be entered (since midnight).',
  },
  {
    name: 'backdating a contact to one second before midnight',
    method: 'contact.record',
    input: (s) => record(s.amaraId, { occurredAt: '2026-11-22T23:59:59Z' }),
    code: 'invalid_input',
    field: 'occurredAt',
    phrase: 'Only earlier today can be entered (since midnight).',
  },
  {
    name: 'recording a redirection ten minutes from now',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, occurredAt: '2026-11-23T09:10:00Z' }),
    code: 'invalid_input',
    field: 'occurredAt',
    phrase: 'in the future',
  },

  // --- Voiding twice.
  {
    name: 'voiding a contact that is already voided',
    method: 'contact.void',
    input: (s) => ({ contactId: s.voidedContactId, reason: 'Entered twice' }),
    code: 'conflict',
    field: 'contactId',
    // When, and why, it was voided the first time (08:25 GMT is 08:25 in London).
    phrase: `already voided at 08:25 (“${SEED_VOID_REASON}”)`,
  },
  {
    name: 'voiding a redirection that is already voided',
    method: 'redirection.void',
    input: (s) => ({ redirectionId: s.voidedRedirectionId, reason: 'Entered twice' }),
    code: 'conflict',
    field: 'redirectionId',
    phrase: `This redirection was already voided at 08:36 (“${SEED_VOID_REASON}”)`,
  },
  {
    name: 'voiding a deferral that is already voided',
    method: 'deferral.void',
    input: (s) => ({ deferralId: s.voidedDeferralId, reason: 'Entered twice' }),
    code: 'conflict',
    field: 'deferralId',
    phrase: `This deferral was already voided at 08:43 (“${SEED_VOID_REASON}”)`,
  },

  // --- Session caps.
  {
    name: 'adding a GP with session caps of 13 + 13 against the role default of 25',
    method: 'clinician.create',
    input: () => ({ name: 'Dr Hana Ito', role: 'gp_partner', amCap: 13, pmCap: 13 }),
    code: 'invalid_input',
    field: 'pmCap',
    phrase: '(13 + 13 = 26) must add up to the daily cap (25)',
  },
  {
    name: 'adding a clinician with session caps of 10 + 12 against an own daily cap of 20',
    method: 'clinician.create',
    input: () => ({ name: 'Dr Hana Ito', role: 'salaried_gp', dailyCap: 20, amCap: 10, pmCap: 12 }),
    code: 'invalid_input',
    field: 'pmCap',
    phrase: '(10 + 12 = 22) must add up to the daily cap (20)',
  },
  {
    name: 'giving an existing GP session caps of 13 + 13',
    method: 'clinician.update',
    input: (s) => ({ clinicianId: s.amaraId, amCap: 13, pmCap: 13 }),
    code: 'invalid_input',
    field: 'pmCap',
    phrase: '13 + 13 = 26',
  },
  {
    name: 'lowering the daily cap of a clinician whose session caps add up to the old one',
    arrange: (seeded) => {
      call(seeded, 'clinician.update', { clinicianId: seeded.data.amaraId, amCap: 15, pmCap: 10 });
      return {};
    },
    method: 'clinician.update',
    input: (s) => ({ clinicianId: s.amaraId, dailyCap: 20 }),
    code: 'invalid_input',
    field: 'pmCap',
    phrase: '(15 + 10 = 25) must add up to the daily cap (20)',
  },
  {
    name: 'adding a clinician with a morning cap only',
    method: 'clinician.create',
    input: () => ({ name: 'Dr Hana Ito', role: 'gp_partner', amCap: 13 }),
    code: 'invalid_input',
    field: 'pmCap',
    phrase: 'Give both the morning and the afternoon cap, or neither.',
  },
  {
    name: 'adding a clinician with an afternoon cap only',
    method: 'clinician.create',
    input: () => ({ name: 'Dr Hana Ito', role: 'gp_partner', amCap: null, pmCap: 12 }),
    code: 'invalid_input',
    field: 'amCap',
    phrase: 'Give both the morning and the afternoon cap, or neither.',
  },
  {
    name: 'giving an existing clinician a morning cap only',
    method: 'clinician.update',
    input: (s) => ({ clinicianId: s.amaraId, amCap: 12 }),
    code: 'invalid_input',
    field: 'pmCap',
    phrase: 'Give both the morning and the afternoon cap, or neither.',
  },

  // --- Redirections.
  {
    name: 'giving an NHS number when the practice has not turned NHS numbers on',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, nhsNumber: '943 476 5919' }),
    code: 'invalid_input',
    field: 'nhsNumber',
    phrase: 'This practice does not record NHS numbers in ContactCap',
  },
  {
    name: 'giving an NHS number whose check digit is wrong (Modulus 11 gives 9, not 8)',
    arrange: withNhsNumbers,
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, nhsNumber: '943 476 5918' }),
    code: 'invalid_input',
    field: 'nhsNumber',
    phrase: 'That NHS number is not valid',
  },
  {
    name: 'giving an NHS number whose check digit would have to be 10',
    arrange: withNhsNumbers,
    method: 'redirection.record',
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 6×2 = 309; 309 mod 11 = 1; 11 − 1 = 10: no valid number starts so.
    input: () => redirect({ destinationId: SERVICES.utc, nhsNumber: '9434765960' }),
    code: 'invalid_input',
    field: 'nhsNumber',
    phrase: 'That NHS number is not valid',
  },
  {
    name: 'giving an NHS number with nine digits',
    arrange: withNhsNumbers,
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, nhsNumber: '943 476 591' }),
    code: 'invalid_input',
    field: 'nhsNumber',
    phrase: 'An NHS number has 10 digits',
  },
  {
    name: 'redirecting to Pharmacy First without saying referred or signposted',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.pharmacy }),
    code: 'invalid_input',
    field: 'pharmacyFirst',
    phrase: 'Say whether the patient was referred or signposted to the pharmacy.',
  },
  {
    name: 'giving Pharmacy First details for the urgent treatment centre',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, pharmacyFirst: { route: 'referred', condition: 'uti' } }),
    code: 'invalid_input',
    field: 'pharmacyFirst',
    phrase: 'Referred or signposted is only for Pharmacy First.',
  },
  {
    name: 'ticking “ICB informed” for the urgent treatment centre',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc, icbInformed: true }),
    code: 'invalid_input',
    field: 'icbInformed',
    phrase: 'The “ICB informed” tick is only for NHS 111.',
  },
  {
    name: 'leaving “ICB informed” unticked for 999, where it does not apply either',
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.emergency, icbInformed: false }),
    code: 'invalid_input',
    field: 'icbInformed',
    phrase: 'only for NHS 111',
  },
  {
    name: 'redirecting to a service the practice took out of the directory',
    arrange: (seeded) => {
      call(seeded, 'directory.update', { entryId: SERVICES.utc, active: false });
      return {};
    },
    method: 'redirection.record',
    input: () => redirect({ destinationId: SERVICES.utc }),
    code: 'invalid_input',
    field: 'destinationId',
    phrase: 'Urgent treatment centre is no longer in the directory',
  },

  // --- Deferrals.
  {
    name: 'deferring to a later date that is today',
    method: 'deferral.record',
    input: () => ({ kind: 'later_date', patientTold: true, untilDay: TODAY }),
    code: 'invalid_input',
    field: 'untilDay',
    phrase: 'A later date must be after today.',
  },
  {
    name: 'deferring to a later date that was last week',
    method: 'deferral.record',
    input: () => ({ kind: 'later_date', patientTold: true, untilDay: '2026-11-16' }),
    code: 'invalid_input',
    field: 'untilDay',
    phrase: 'A later date must be after today.',
  },
  {
    name: 'deferring to a later date without the date',
    method: 'deferral.record',
    input: () => ({ kind: 'later_date', patientTold: true }),
    code: 'invalid_input',
    field: 'untilDay',
    phrase: 'Choose the date the patient is booked for.',
  },
  {
    name: 'putting a patient on the waiting list with a date',
    method: 'deferral.record',
    input: () => ({ kind: 'waiting_list', patientTold: true, untilDay: '2026-12-01' }),
    code: 'invalid_input',
    field: 'untilDay',
    phrase: 'The waiting list has no date.',
  },
  {
    name: 'deferring for a clinician ContactCap does not know',
    method: 'deferral.record',
    input: () => ({ kind: 'waiting_list', patientTold: true, clinicianId: 'no-such-clinician' }),
    code: 'not_found',
    field: 'clinicianId',
    phrase: 'not on ContactCap’s list',
  },

  // --- Contact types and settings.
  ...['U', 'S', 'L', 'X', 'l'].map(
    (key): WrongCase => ({
      name: `giving a new contact type the desk’s reserved shortcut ${key}`,
      method: 'contactType.create',
      input: () => ({ name: 'Group consultation', counts: true, key }),
      code: 'invalid_input',
      field: 'key',
      phrase: `The letter ${key.toUpperCase()} is used by the reception desk for something else.`,
    }),
  ),
  {
    name: 'giving an existing contact type the reserved shortcut X',
    method: 'contactType.update',
    input: () => ({ typeId: 'video', key: 'X' }),
    code: 'invalid_input',
    field: 'key',
    phrase: 'The letter X is used by the reception desk',
  },
  {
    name: 'giving a new contact type the shortcut of Telephone',
    method: 'contactType.create',
    input: () => ({ name: 'Group consultation', counts: true, key: 't' }),
    code: 'conflict',
    field: 'key',
    phrase: 'The letter T already picks “Telephone”.',
  },
  {
    name: 'giving Video the shortcut of Admin',
    method: 'contactType.update',
    input: () => ({ typeId: 'video', key: 'A' }),
    code: 'conflict',
    field: 'key',
    phrase: 'The letter A already picks “Admin”.',
  },
  {
    name: 'adding a contact type with the name of one in use, in capitals',
    method: 'contactType.create',
    input: () => ({ name: 'TELEPHONE', counts: false }),
    code: 'conflict',
    field: 'name',
    phrase: 'There is already a type of contact called “TELEPHONE”.',
  },
  {
    name: 'making a usual contact type of one that does not exist',
    method: 'settings.update',
    input: () => ({ defaultContactType: 'carrier_pigeon' }),
    code: 'invalid_input',
    field: 'defaultContactType',
    phrase: 'Choose the usual type of contact from the list',
  },
  {
    name: 'making a usual contact type of one that is no longer in use',
    arrange: (seeded) => {
      call(seeded, 'contactType.update', { typeId: 'online', active: false });
      return {};
    },
    method: 'settings.update',
    input: () => ({ defaultContactType: 'online', warningPercent: 90 }),
    code: 'invalid_input',
    field: 'defaultContactType',
    phrase: 'Choose the usual type of contact from the list',
  },

  // --- The rota.
  {
    name: 'asking for the rota with the end before the start',
    method: 'rota.get',
    input: () => ({ from: '2026-11-23', to: '2026-11-22' }),
    code: 'invalid_input',
    field: 'to',
    phrase: 'The end date is before the start date.',
  },
  {
    name: 'asking for 63 days of the rota',
    method: 'rota.get',
    // 1 November + 62 days is 2 January, the last end allowed.
    input: () => ({ from: '2026-11-01', to: '2027-01-03' }),
    code: 'invalid_input',
    field: 'to',
    phrase: 'Show at most 62 days of the rota at once.',
  },
  {
    name: 'marking a clinician absent and working the morning on the same date',
    method: 'rota.setDay',
    input: (s) => ({ clinicianId: s.amaraId, day: '2026-11-24', override: { absent: true, am: true } }),
    code: 'invalid_input',
    field: 'override',
    phrase: 'A clinician cannot be absent and working a session on the same day.',
  },
  {
    name: 'marking a clinician absent and working the afternoon on the same date',
    method: 'rota.setDay',
    input: (s) => ({ clinicianId: s.amaraId, day: TODAY, override: { absent: true, pm: true, duty: true } }),
    code: 'invalid_input',
    field: 'override',
    phrase: 'cannot be absent and working a session',
  },
  {
    name: 'setting the weekly pattern of a clinician ContactCap does not know',
    method: 'rota.setPattern',
    input: () => ({
      clinicianId: 'no-such-clinician',
      pattern: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { am: true, pm: false }])),
    }),
    code: 'not_found',
    field: 'clinicianId',
    phrase: 'not on ContactCap’s list',
  },

  // --- Reports, the GPAS return, the action register and exports.
  {
    name: 'a day summary for a range that ends before it starts',
    method: 'report.range',
    input: () => ({ from: TODAY, to: '2026-11-16' }),
    code: 'invalid_input',
    field: 'to',
    phrase: 'The end date is before the start date. Swap them, or choose again.',
  },
  {
    name: 'a summary of 401 days',
    method: 'report.range',
    input: () => ({ from: '2025-10-19', to: TODAY }),
    code: 'invalid_input',
    field: 'to',
    phrase: 'A summary can cover at most 400 days at once.',
  },
  {
    name: 'the GPAS return for a Tuesday',
    method: 'report.gpas',
    input: () => ({ monday: '2026-11-24' }),
    code: 'invalid_input',
    field: 'monday',
    phrase: 'The GPAS return is for a Monday. Choose a Monday.',
  },
  {
    name: 'a GPAS assessment for a Sunday',
    method: 'gpas.assess',
    input: () => ({ monday: '2026-11-22', status: 'red', note: 'Flu' }),
    code: 'invalid_input',
    field: 'monday',
    phrase: 'Choose a Monday',
  },
  {
    name: 'taking a new action without saying from when',
    method: 'action.create',
    input: () => ({ title: 'Limit home visits', taking: true }),
    code: 'invalid_input',
    field: 'from',
    phrase: 'Say from which date the practice is taking this action.',
  },
  {
    name: 'an action that ends before it starts',
    method: 'action.update',
    input: () => ({ actionId: 'bma-2024-03', taking: true, from: '2026-12-01', until: '2026-11-30' }),
    code: 'invalid_input',
    field: 'until',
    phrase: 'The end date is before the start date.',
  },
  {
    name: 'clearing the start date of an action being taken',
    method: 'action.update',
    arrange: (seeded) => {
      call(seeded, 'action.update', { actionId: 'bma-2024-01', taking: true, from: TODAY });
      return {};
    },
    input: () => ({ actionId: 'bma-2024-01', from: null }),
    code: 'invalid_input',
    field: 'from',
    phrase: 'Say from which date',
  },
  {
    name: 'changing an action that is not in the register',
    method: 'action.update',
    input: () => ({ actionId: 'bma-2024-99', taking: true, from: TODAY }),
    code: 'not_found',
    field: 'actionId',
    phrase: 'That action is not in the register.',
  },
  {
    name: 'a CSV export without a table',
    method: 'export.build',
    input: () => ({ format: 'csv', from: TODAY, to: TODAY }),
    code: 'invalid_input',
    field: 'table',
    phrase: 'Choose which table to export as CSV: each CSV file holds one table.',
  },
  {
    name: 'a workbook of 401 days',
    method: 'export.build',
    input: () => ({ format: 'xlsx', from: '2025-10-19', to: TODAY }),
    code: 'invalid_input',
    field: 'to',
    phrase: 'One export can cover at most 400 days at once.',
  },
  {
    name: 'an end-of-day export to a relative folder',
    method: 'export.configureEndOfDay',
    input: () => ({ enabled: true, folder: 'Reports' }),
    code: 'invalid_input',
    field: 'folder',
    phrase: 'Give the folder’s full path',
  },
  {
    name: 'an end-of-day export with no folder',
    method: 'export.configureEndOfDay',
    input: () => ({ enabled: true, time: '18:00' }),
    code: 'invalid_input',
    field: 'folder',
    phrase: 'Choose the folder the daily files go to.',
  },
  {
    name: 'an end-of-day export to a folder that does not exist',
    method: 'export.configureEndOfDay',
    input: () => ({ enabled: true, folder: '/no/such/folder/for/contactcap' }),
    code: 'invalid_input',
    field: 'folder',
    phrase: 'The folder “/no/such/folder/for/contactcap” cannot be found.',
  },
];

async function runCase(wrong: WrongCase): Promise<Seeded> {
  const seeded = openSeeded();
  const extra = wrong.arrange?.(seeded) ?? {};
  const before = snapshot(seeded.core.db);
  seeded.pushes.length = 0;
  const result = await seeded.core.invoke(wrong.method, wrong.input(seeded.data, extra));
  expectRefusal(result, { code: wrong.code, field: wrong.field, phrase: wrong.phrase });
  expect(snapshot(seeded.core.db)).toEqual(before);
  expect(seeded.pushes).toEqual([]);
  return seeded;
}

describe('well-formed requests the data does not allow', () => {
  it.each(CASES)('refuses $name ($code on $field) and changes nothing', async (wrong) => {
    await runCase(wrong);
  });

  it('refuses the 14th morning contact in session mode but not the first afternoon one', async () => {
    // The same clinician, full in the morning, is free again after 13:00: the refusal is about the session, not the day.
    const seeded = openSeeded();
    call(seeded, 'settings.update', { capMode: 'session' });
    const created = must(seeded.core.call('clinician.create', { name: 'Dr Ivo Marsh', role: 'gp_partner' }));
    recordMany(seeded, created.id, 13);
    const before = snapshot(seeded.core.db);
    expectRefusal(await seeded.core.invoke('contact.record', record(created.id)), {
      code: 'at_capacity',
      field: 'clinicianId',
      phrase: 'Dr Ivo Marsh is full (13 of 13 this morning)',
    });
    // Backdated into the morning from the afternoon: still the morning's cap.
    seeded.clock.set('2026-11-23T13:05:00Z');
    expectRefusal(await seeded.core.invoke('contact.record', record(created.id, { occurredAt: '2026-11-23T12:59:00Z' })), {
      code: 'at_capacity',
      field: 'clinicianId',
      phrase: '(13 of 13 this morning)',
    });
    expect(snapshot(seeded.core.db)).toEqual(before);
    expect(await seeded.core.invoke('contact.record', record(created.id))).toMatchObject({ ok: true, value: { session: 'pm', overCap: false } });
  });

  it('refuses every well-formed id it does not know, for every method that takes one, and changes nothing', async () => {
    const seeded = openSeeded();
    const s = seeded.data;
    const seedIds = [s.amaraId, s.benId, s.caraId, s.contactId, s.voidedContactId, s.redirectionId, s.voidedRedirectionId, s.deferralId, s.voidedDeferralId];
    const builtinTypes = ['face_to_face', 'telephone', 'video', 'online', 'home_visit', 'care_home_visit', 'admin', 'documents', 'results'];
    const known = new Set([...seedIds, ...builtinTypes]);
    const unknownId = fc
      .string({ minLength: 1, maxLength: 64 })
      .filter((candidate) => candidate.trim().length > 0 && !known.has(candidate.trim()) && !candidate.trim().startsWith('builtin-') && !candidate.trim().startsWith('bma-2024-'));
    const clinicianMissing = 'not on ContactCap’s list';
    const requests: { method: MethodName; input: (id: string) => Record<string, unknown>; field: string; phrase: string }[] = [
      { method: 'contact.record', input: (id) => record(id), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'contact.record', input: (id) => ({ clinicianId: s.amaraId, typeId: id }), field: 'typeId', phrase: 'Choose one from the list' },
      { method: 'clinician.rename', input: (id) => ({ clinicianId: id, name: 'Dr Someone Else' }), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'clinician.update', input: (id) => ({ clinicianId: id, dailyCap: 20 }), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'clinician.deactivate', input: (id) => ({ clinicianId: id }), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'clinician.reactivate', input: (id) => ({ clinicianId: id }), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'rota.setDay', input: (id) => ({ clinicianId: id, day: TODAY, override: { duty: true } }), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'contact.void', input: (id) => ({ contactId: id, reason: 'Entered twice' }), field: 'contactId', phrase: 'Refresh the list' },
      { method: 'redirection.void', input: (id) => ({ redirectionId: id, reason: 'Entered twice' }), field: 'redirectionId', phrase: 'Refresh the list' },
      { method: 'deferral.void', input: (id) => ({ deferralId: id, reason: 'Entered twice' }), field: 'deferralId', phrase: 'Refresh the list' },
      { method: 'contactType.update', input: (id) => ({ typeId: id, counts: false }), field: 'typeId', phrase: 'not on the list' },
      { method: 'directory.update', input: (id) => ({ entryId: id, active: false }), field: 'entryId', phrase: 'not in the directory' },
      { method: 'redirection.record', input: (id) => redirect({ destinationId: id }), field: 'destinationId', phrase: 'not in the directory' },
      { method: 'redirection.record', input: (id) => redirect({ destinationId: SERVICES.utc, fromClinicianId: id }), field: 'fromClinicianId', phrase: clinicianMissing },
      { method: 'deferral.record', input: (id) => ({ kind: 'waiting_list', patientTold: true, clinicianId: id }), field: 'clinicianId', phrase: clinicianMissing },
      { method: 'action.update', input: (id) => ({ actionId: id, title: 'Renamed action' }), field: 'actionId', phrase: 'not in the register' },
    ];
    await fc.assert(
      fc.asyncProperty(unknownId, fc.constantFrom(...requests), async (id, request) => {
        const result = await seeded.core.invoke(request.method, request.input(id));
        expectRefusal(result, { code: 'not_found', field: request.field, phrase: request.phrase });
        expectNoWrite(seeded);
      }),
      { numRuns: 150 },
    );
    expectNothingWritten(seeded);
  });

  it('refuses any time after now and any time before today’s midnight, for contacts and redirections, and changes nothing', async () => {
    const seeded = openSeeded();
    const now = Date.parse('2026-11-23T09:00:00Z');
    const midnight = Date.parse('2026-11-23T00:00:00Z');
    const future = fc.integer({ min: now + 1, max: now + 400 * 86_400_000 });
    const past = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: midnight - 1 });
    const request = fc.constantFrom(
      (occurredAt: string) => ({ method: 'contact.record' as const, input: record(seeded.data.amaraId, { occurredAt }) }),
      (occurredAt: string) => ({ method: 'contact.record' as const, input: record(seeded.data.amaraId, { occurredAt, overCapReason: 'Urgent review' }) }),
      (occurredAt: string) => ({ method: 'redirection.record' as const, input: redirect({ destinationId: SERVICES.utc, occurredAt }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(future, past), request, async (at, make) => {
        const { method, input } = make(new Date(at).toISOString());
        expectRefusal(await seeded.core.invoke(method, input), { code: 'invalid_input', field: 'occurredAt', phrase: at > now ? 'in the future' : 'earlier today' });
        expectNoWrite(seeded);
      }),
      { numRuns: 150 },
    );
    expectNothingWritten(seeded);
  });
});

describe('fixed bugs that must stay fixed', () => {
  // main/core/services/device.ts: updateDevice calls requireClinician without a field name,
  // so an unknown clinicianViewId is reported against "clinicianId", a field device.update does not have.
  it('names clinicianViewId when this PC’s clinician view is set to a clinician ContactCap does not know', async () => {
    await runCase({
      name: 'device view of an unknown clinician',
      method: 'device.update',
      input: () => ({ clinicianViewId: 'no-such-clinician' }),
      code: 'not_found',
      field: 'clinicianViewId',
      phrase: 'not on ContactCap’s list',
    });
  });

  it('refuses this PC’s clinician view of a clinician ContactCap does not know, and changes nothing (whatever the field)', async () => {
    const seeded = openSeeded();
    expectRefusal(await seeded.core.invoke('device.update', { staffName: 'Jo', clinicianViewId: 'no-such-clinician' }), { code: 'not_found', phrase: 'not on ContactCap’s list' });
    expectNothingWritten(seeded);
  });

  // main/core/services/contactTypes.ts: updateContactType skips assertFree's checks when
  // only `active: true` is sent (name and key are undefined), so a type can be put back
  // while another active type has taken its shortcut letter: two types answer to G.
  it('refuses to put back a contact type whose shortcut letter another type in use has taken meanwhile', async () => {
    const seeded = openSeeded();
    const group = must(seeded.core.call('contactType.create', { name: 'Group consultation', counts: true, key: 'G' }));
    must(seeded.core.call('contactType.update', { typeId: group.id, active: false }));
    must(seeded.core.call('contactType.create', { name: 'Group session', counts: true, key: 'G' }));
    await runCaseOn(seeded, 'contactType.update', { typeId: group.id, active: true }, { code: 'conflict', field: 'key', phrase: 'The letter G already picks “Group session”' });
  });

  // main/core/services/settings.ts: updateSettings changes a role's default daily cap without
  // checking the clinicians who follow it and have session caps of their own. Afterwards their
  // caps no longer add up (planCaps uses 15 + 10 against a day cap of 20), and any later edit of
  // that clinician, even a rename, is refused with a session-cap error the editor did not cause.
  it('refuses a role default cap that the session caps of a clinician following it would no longer add up to', async () => {
    const seeded = openSeeded();
    must(seeded.core.call('clinician.update', { clinicianId: seeded.data.amaraId, amCap: 15, pmCap: 10 }));
    await runCaseOn(seeded, 'settings.update', { roleDefaults: { gp_partner: { dailyCap: 20 } } }, { code: 'conflict', field: 'roleDefaults', phrase: SEED_NAMES.amara });
  });

  it('keeps the clinician workable after refusing that role default: the day cap stays 25 and a rename still works', async () => {
    const seeded = openSeeded();
    must(seeded.core.call('clinician.update', { clinicianId: seeded.data.amaraId, amCap: 15, pmCap: 10 }));
    expect(await seeded.core.invoke('settings.update', { roleDefaults: { gp_partner: { dailyCap: 20 } } })).toMatchObject({ ok: false });
    const row = must(seeded.core.call('board.today', {})).rows.find((candidate) => candidate.clinicianId === seeded.data.amaraId);
    expect(row).toMatchObject({ dayCap: 25, bySession: { am: { cap: 15 }, pm: { cap: 10 } } });
    expect(must(seeded.core.call('clinician.rename', { clinicianId: seeded.data.amaraId, name: 'Dr Amara Okafor-Reid' })).name).toBe('Dr Amara Okafor-Reid');
  });
});

async function runCaseOn(seeded: Seeded, method: MethodName, input: Record<string, unknown>, expected: { code: ErrorCode; field: string; phrase: string }): Promise<void> {
  const before = snapshot(seeded.core.db);
  seeded.pushes.length = 0;
  expectRefusal(await seeded.core.invoke(method, input), expected);
  expect(snapshot(seeded.core.db)).toEqual(before);
  expect(seeded.pushes).toEqual([]);
}

describe('clinician names that only look different', () => {
  it('refuses a name that differs from an active clinician’s only in the case of an accented letter', async () => {
    const { core } = openCore();
    expect(core.call('clinician.create', { name: 'Zoë Ward', role: 'salaried_gp' })).toMatchObject({ ok: true });
    const before = snapshot(core.db);
    expectRefusal(await core.invoke('clinician.create', { name: 'ZOË WARD', role: 'salaried_gp' }), { code: 'conflict', field: 'name', phrase: 'already a clinician called “Zoë Ward”' });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('refuses the same name typed with a combining accent (NFD, as macOS and some keyboards send it)', async () => {
    const { core } = openCore();
    expect(core.call('clinician.create', { name: 'Zo\u00eb Ward', role: 'salaried_gp' })).toMatchObject({ ok: true });
    const before = snapshot(core.db);
    expectRefusal(await core.invoke('clinician.create', { name: 'Zoe\u0308 Ward', role: 'salaried_gp' }), { code: 'conflict', field: 'name' });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('accepts a name that differs by an accent itself: Zoe is not Zoë', () => {
    const { core } = openCore();
    must(core.call('clinician.create', { name: 'Zoë Ward', role: 'salaried_gp' }));
    expect(core.call('clinician.create', { name: 'Zoe Ward', role: 'salaried_gp' })).toMatchObject({ ok: true, value: { name: 'Zoe Ward' } });
  });

  it('refuses a name with nothing visible in it', async () => {
    const { core } = openCore();
    const before = snapshot(core.db);
    for (const name of ['\u200b', '\u200b\u200b\u200b', '\u0000', '\u0007\u0008', '---', '’']) {
      expectRefusal(await core.invoke('clinician.create', { name, role: 'other' }), { code: 'invalid_input', field: 'name', phrase: 'clinician’s name' });
    }
    expect(snapshot(core.db)).toEqual(before);
  });

  it('lets a clinician off the board keep a name that a new one then takes', () => {
    const seeded = openSeeded();
    expect(seeded.core.call('clinician.create', { name: SEED_NAMES.cara, role: 'locum_gp' })).toMatchObject({ ok: true, value: { name: SEED_NAMES.cara, active: true } });
  });
});
