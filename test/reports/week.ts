import type { Core } from '../../main/core/createCore.ts';
import type { InputOf } from '../../shared/contract.ts';
import type { RedirectionSummary } from '../../shared/reports.ts';
import type { Envelope } from '../../shared/result.ts';
import { must, type FakeClock } from '../helpers/fixtures.ts';
import { SERVICES } from '../api/apiHarness.ts';

/**
 * A realistic week at a practice, written through the real API, and a plain
 * record of every request sent and whether it succeeded. Tests work out what
 * the reports must say from this record (and from the hand-written rota table
 * below), never from the code under test.
 *
 * The week is Monday 19 to Sunday 25 October 2026. London is on summer time
 * (+01:00) until 02:00 on Sunday 25 October, when the clocks go back to GMT:
 * that Sunday has 25 hours and 01:00–01:59 happens twice. Every time below is
 * written as London wall-clock time with its offset, so a record's practice day
 * is the first ten characters of its time and its local hour the two after "T".
 * "Today" once seeded is Monday 26 October, 09:00 GMT.
 */

export type Who = 'amara' | 'ben' | 'cleo' | 'dev' | 'eve';
export const WHO: readonly Who[] = ['amara', 'ben', 'cleo', 'dev', 'eve'];

export const NAMES: Record<Who, string> = {
  amara: 'Dr Amara Okafor',
  ben: 'Dr Ben Carter',
  cleo: 'Nurse Cleo Diaz',
  dev: 'Dr Dev Patel',
  // A name a spreadsheet would run as a formula.
  eve: '=Dr Eve Equals',
};

export const ROLES = { amara: 'gp_partner', ben: 'salaried_gp', cleo: 'practice_nurse', dev: 'locum_gp', eve: 'other' } as const;

/** The built-in types that count toward the cap (DOMAIN.md §2): admin, documents and results do not. */
export const COUNTED_TYPES: ReadonlySet<string> = new Set(['face_to_face', 'telephone', 'video', 'online', 'home_visit', 'care_home_visit']);

/** The built-in services the week uses (the same ids on every PC). */
export { SERVICES } from '../api/apiHarness.ts';

export const STAFF = { staffName: 'Sam Reed', deviceName: 'Reception 1' } as const;
export const FOOD_BANK = '=Community Food Bank';
/** Stands for the food bank's id in the plan; the directory gives it one on Monday morning. */
const FOOD_BANK_KEY = 'food-bank';
export const NHS_NUMBER = '943 476 5919';

export const WEEK = ['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25'] as const;
export const TODAY = '2026-10-26';
export const NOW = '2026-10-26T09:00:00+00:00';

export interface DayPlan {
  am: boolean;
  pm: boolean;
  duty: boolean;
  cap: number;
  capped: boolean;
}

const plan = (cap: number, capped: boolean, extra: Partial<DayPlan> = {}): DayPlan => ({ am: true, pm: true, duty: false, cap, capped, ...extra });

/**
 * Who works each day, worked out by hand from the rota the seed sets up:
 * - Amara (GP partner, role default 25): Monday to Friday; absent Wednesday; on duty Friday.
 * - Ben (salaried GP, 25): Monday to Thursday, Friday mornings only (weekly pattern);
 *   Tuesday a date cap of 15, and on duty.
 * - Cleo (practice nurse, own cap 20, not capped by role): Monday to Friday; Thursday morning only.
 * - Dev (locum GP, own cap 12): Wednesdays and Thursdays; also Sunday 25 October (a date change).
 * - Eve (role "other", not capped, 25): Thursday mornings only.
 * In day mode a half day keeps the whole daily cap. Nobody works the Saturday.
 */
export const ROTA: Record<string, Partial<Record<Who, DayPlan>>> = {
  '2026-10-19': { amara: plan(25, true), ben: plan(25, true), cleo: plan(20, false) },
  '2026-10-20': { amara: plan(25, true), ben: plan(15, true, { duty: true }), cleo: plan(20, false) },
  '2026-10-21': { ben: plan(25, true), cleo: plan(20, false), dev: plan(12, true) },
  '2026-10-22': { amara: plan(25, true), ben: plan(25, true), cleo: plan(20, false, { pm: false }), dev: plan(12, true), eve: plan(25, false, { pm: false }) },
  '2026-10-23': { amara: plan(25, true, { duty: true }), ben: plan(25, true, { pm: false }), cleo: plan(20, false) },
  '2026-10-24': {},
  '2026-10-25': { dev: plan(12, true) },
  '2026-10-26': { amara: plan(25, true), ben: plan(25, true), cleo: plan(20, false) },
};

interface Sent {
  /** When it happened, London wall-clock time with its offset. */
  at: string;
  ok: boolean;
  /** The error code when refused. */
  code?: string;
  id?: string;
  label?: string;
}

export interface SentContact extends Sent {
  kind: 'contact';
  who: Who;
  typeId: string;
  overCapReason?: string;
  /** When it was entered, if later than `at` (a backdated contact). */
  recordedAt: string;
}

export interface SentRedirection extends Sent {
  kind: 'redirection';
  destinationId: string;
  destinationKind: string;
  destinationName: string;
  reason: 'clinician_at_capacity' | 'more_appropriate_service';
  from?: Who;
  pharmacyFirst?: { route: 'referred' | 'signposted'; condition?: string };
  icbInformed?: boolean;
  note?: string;
  nhsNumber?: string;
}

export interface SentDeferral extends Sent {
  kind: 'deferral';
  deferralKind: 'later_date' | 'waiting_list';
  untilDay?: string;
  who?: Who;
  note?: string;
}

export interface SentVoid extends Sent {
  kind: 'void';
  target: 'contact' | 'redirection' | 'deferral';
  targetLabel: string;
  reason: string;
}

export type Entry = SentContact | SentRedirection | SentDeferral | SentVoid;

export interface Week {
  ids: Record<Who, string>;
  foodBankId: string;
  ledger: Entry[];
}

// ---------------------------------------------------------------------------
// Time as text: the seed is written in local times, so arithmetic stays on the text.

const pad = (n: number) => String(n).padStart(2, '0');

/** The same local date and offset, `minutes` later on the clock face (never past midnight here). */
export function plusMinutes(local: string, minutes: number): string {
  const total = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)) + minutes;
  if (total >= 24 * 60) throw new Error(`${local} + ${minutes} minutes runs into the next day`);
  return `${local.slice(0, 11)}${pad(Math.floor(total / 60))}:${pad(total % 60)}${local.slice(16)}`;
}

export const dayOf = (local: string) => local.slice(0, 10);
export const hourOf = (local: string) => Number(local.slice(11, 13));

// ---------------------------------------------------------------------------
// The plan of the week: requests with their times, run in time order.

type Step = { at: string; order: number; run: (week: Week, core: Core) => Entry | null };

class WeekPlan {
  readonly steps: Step[] = [];

  private add(at: string, run: Step['run']): void {
    this.steps.push({ at, order: this.steps.length, run });
  }

  contact(at: string, who: Who, typeId: string, options: { overCapReason?: string; label?: string; recordedAt?: string } = {}): void {
    const recordedAt = options.recordedAt ?? at;
    this.add(recordedAt, (week, core) => {
      const input: InputOf<'contact.record'> = { clinicianId: week.ids[who], typeId };
      if (options.overCapReason !== undefined) input.overCapReason = options.overCapReason;
      if (recordedAt !== at) input.occurredAt = at;
      return {
        kind: 'contact',
        at,
        recordedAt,
        who,
        typeId,
        ...(options.overCapReason === undefined ? {} : { overCapReason: options.overCapReason }),
        ...(options.label === undefined ? {} : { label: options.label }),
        ...outcome(core.call('contact.record', input)),
      };
    });
  }

  /** `count` contacts of one type, `step` minutes apart; the one at `labelAt` (1-based) gets a label. */
  series(start: string, who: Who, typeId: string, count: number, step: number, labelled?: { index: number; label: string }): void {
    for (let i = 0; i < count; i++) {
      this.contact(plusMinutes(start, i * step), who, typeId, labelled?.index === i + 1 ? { label: labelled.label } : {});
    }
  }

  redirection(at: string, details: Omit<SentRedirection, 'kind' | 'at' | 'ok' | 'code' | 'id' | 'destinationKind' | 'destinationName'>): void {
    this.add(at, (week, core) => {
      const destinationId = details.destinationId === FOOD_BANK_KEY ? week.foodBankId : details.destinationId;
      const input: InputOf<'redirection.record'> = { destinationId, reason: details.reason, patientTold: true };
      if (details.from) input.fromClinicianId = week.ids[details.from];
      if (details.pharmacyFirst) input.pharmacyFirst = details.pharmacyFirst;
      if (details.icbInformed !== undefined) input.icbInformed = details.icbInformed;
      if (details.note !== undefined) input.note = details.note;
      if (details.nhsNumber !== undefined) input.nhsNumber = details.nhsNumber;
      const destination = describeDestination(week, destinationId);
      const answer = core.call('redirection.record', input);
      return {
        kind: 'redirection',
        at,
        ...details,
        destinationId,
        ...destination,
        ...outcome(answer.ok ? { ok: true, value: answer.value.redirection } : answer),
      };
    });
  }

  deferral(at: string, details: Omit<SentDeferral, 'kind' | 'at' | 'ok' | 'code' | 'id'>): void {
    this.add(at, (week, core) => {
      const input: InputOf<'deferral.record'> = { kind: details.deferralKind, patientTold: true };
      if (details.untilDay !== undefined) input.untilDay = details.untilDay;
      if (details.who) input.clinicianId = week.ids[details.who];
      if (details.note !== undefined) input.note = details.note;
      return { kind: 'deferral', at, ...details, ...outcome(core.call('deferral.record', input)) };
    });
  }

  void(at: string, target: SentVoid['target'], targetLabel: string, reason: string): void {
    this.add(at, (week, core) => {
      const targetId = week.ledger.find((entry) => entry.label === targetLabel && entry.ok)?.id;
      if (targetId === undefined) throw new Error(`Nothing labelled ${targetLabel} was recorded before ${at}`);
      const answer =
        target === 'contact'
          ? core.call('contact.void', { contactId: targetId, reason })
          : target === 'redirection'
            ? core.call('redirection.void', { redirectionId: targetId, reason })
            : core.call('deferral.void', { deferralId: targetId, reason });
      return { kind: 'void', at, target, targetLabel, reason, ...outcome(answer) };
    });
  }

  /** Anything else, run at its time (set-up calls); not part of the record. */
  other(at: string, run: (week: Week, core: Core) => void): void {
    this.add(at, (week, core) => {
      run(week, core);
      return null;
    });
  }
}

function outcome(answer: Envelope<{ id: string }>): { ok: boolean; id?: string; code?: string } {
  return answer.ok ? { ok: true, id: answer.value.id } : { ok: false, code: answer.error.code };
}

function describeDestination(week: Week, id: string): { destinationKind: string; destinationName: string } {
  if (id === week.foodBankId) return { destinationKind: 'other', destinationName: FOOD_BANK };
  const known: Record<string, [string, string]> = {
    [SERVICES.pharmacy]: ['pharmacy_first', 'Community pharmacy – Pharmacy First'],
    [SERVICES.utc]: ['urgent_treatment_centre', 'Urgent treatment centre'],
    [SERVICES.nhs111]: ['nhs_111', 'NHS 111'],
    [SERVICES.emergency]: ['emergency_999', '999 / A&E'],
    [SERVICES.selfCare]: ['self_care', 'Self-care and the NHS website'],
  };
  const entry = known[id];
  if (!entry) throw new Error(`Unknown service ${id}`);
  return { destinationKind: entry[0], destinationName: entry[1] };
}

const both = { am: true, pm: true };
const none = { am: false, pm: false };
const amOnly = { am: true, pm: false };

/** The week as planned: set-up on Monday morning, then each day's work. */
function planWeek(): WeekPlan {
  const p = new WeekPlan();

  p.other('2026-10-19T07:30:00+01:00', (week, core) => {
    must(core.call('device.update', STAFF));
    // Dev's Sunday runs late (a 23:30 call), so the practice's sessions end at 23:59, not 18:30.
    must(core.call('settings.update', { collectNhsNumber: true, dayEnd: '23:59' }));
    for (const who of WHO) {
      const extra = who === 'cleo' ? { dailyCap: 20 } : who === 'dev' ? { dailyCap: 12 } : {};
      week.ids[who] = must(core.call('clinician.create', { name: NAMES[who], role: ROLES[who], ...extra })).id;
    }
    must(core.call('rota.setPattern', { clinicianId: week.ids.ben, pattern: { mon: both, tue: both, wed: both, thu: both, fri: amOnly, sat: none, sun: none } }));
    must(core.call('rota.setPattern', { clinicianId: week.ids.dev, pattern: { mon: none, tue: none, wed: both, thu: both, fri: none, sat: none, sun: none } }));
    must(core.call('rota.setPattern', { clinicianId: week.ids.eve, pattern: { mon: none, tue: none, wed: none, thu: amOnly, fri: none, sat: none, sun: none } }));
    must(core.call('rota.setDay', { clinicianId: week.ids.amara, day: '2026-10-21', override: { absent: true } }));
    must(core.call('rota.setDay', { clinicianId: week.ids.amara, day: '2026-10-23', override: { duty: true } }));
    must(core.call('rota.setDay', { clinicianId: week.ids.ben, day: '2026-10-20', override: { cap: 15, duty: true } }));
    must(core.call('rota.setDay', { clinicianId: week.ids.cleo, day: '2026-10-22', override: { pm: false } }));
    must(core.call('rota.setDay', { clinicianId: week.ids.dev, day: '2026-10-25', override: { am: true, pm: true } }));
    week.foodBankId = must(core.call('directory.create', { kind: 'other', name: FOOD_BANK })).id;
  });

  // Monday 19 October (BST).
  p.series('2026-10-19T08:00:00+01:00', 'amara', 'face_to_face', 15, 10);
  p.series('2026-10-19T10:30:00+01:00', 'amara', 'telephone', 10, 10);
  p.contact('2026-10-19T12:10:00+01:00', 'amara', 'telephone'); // full: refused
  p.contact('2026-10-19T12:20:00+01:00', 'amara', 'face_to_face', { overCapReason: '+Chest pain, seen today' });
  p.contact('2026-10-19T14:00:00+01:00', 'amara', 'admin');
  p.contact('2026-10-19T14:30:00+01:00', 'amara', 'admin');
  p.series('2026-10-19T08:05:00+01:00', 'ben', 'telephone', 18, 12, { index: 3, label: 'ben-mon-3' });
  p.series('2026-10-19T14:00:00+01:00', 'ben', 'video', 2, 20);
  p.void('2026-10-19T16:00:00+01:00', 'contact', 'ben-mon-3', '-Entered twice');
  p.series('2026-10-19T08:30:00+01:00', 'cleo', 'face_to_face', 14, 15);
  p.series('2026-10-19T15:00:00+01:00', 'cleo', 'results', 3, 10);
  p.contact('2026-10-19T10:00:00+01:00', 'dev', 'telephone'); // not on the rota: refused
  p.redirection('2026-10-19T12:15:00+01:00', {
    destinationId: SERVICES.pharmacy,
    reason: 'clinician_at_capacity',
    from: 'amara',
    pharmacyFirst: { route: 'referred', condition: 'uti' },
    note: '=1+1 patient note',
    nhsNumber: NHS_NUMBER,
  });
  p.redirection('2026-10-19T12:40:00+01:00', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', from: 'amara' });
  p.redirection('2026-10-19T15:05:00+01:00', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', icbInformed: true });
  p.deferral('2026-10-19T12:30:00+01:00', { deferralKind: 'later_date', untilDay: '2026-10-26', who: 'amara', note: 'Booked with usual GP' });
  p.deferral('2026-10-19T16:00:00+01:00', { deferralKind: 'waiting_list' });

  // Tuesday 20 October: Ben has a date cap of 15 and is on duty.
  p.series('2026-10-20T09:00:00+01:00', 'amara', 'video', 6, 20);
  p.series('2026-10-20T14:00:00+01:00', 'amara', 'online', 4, 15);
  p.series('2026-10-20T16:00:00+01:00', 'amara', 'admin', 2, 15);
  p.series('2026-10-20T08:00:00+01:00', 'ben', 'telephone', 15, 15);
  p.contact('2026-10-20T11:45:00+01:00', 'ben', 'home_visit', { overCapReason: 'Palliative patient, family called' });
  p.contact('2026-10-20T12:00:00+01:00', 'ben', 'telephone'); // full: refused
  p.contact('2026-10-20T13:30:00+01:00', 'ben', 'telephone', { overCapReason: 'Child with high fever' });
  p.series('2026-10-20T09:00:00+01:00', 'cleo', 'telephone', 8, 30);
  p.redirection('2026-10-20T09:10:00+01:00', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', pharmacyFirst: { route: 'signposted', condition: 'sore_throat' } });
  p.redirection('2026-10-20T10:20:00+01:00', { destinationId: SERVICES.emergency, reason: 'more_appropriate_service' });
  p.redirection('2026-10-20T11:50:00+01:00', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', from: 'ben', icbInformed: false });
  p.redirection('2026-10-20T12:05:00+01:00', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', from: 'ben', label: 'utc-tue' });
  p.void('2026-10-20T14:45:00+01:00', 'redirection', 'utc-tue', '=HYPERLINK("http://x")');
  p.deferral('2026-10-20T15:00:00+01:00', { deferralKind: 'waiting_list', who: 'ben', note: 'Wants usual GP', label: 'def-tue' });
  p.void('2026-10-20T15:10:00+01:00', 'deferral', 'def-tue', '@Booked in error');

  // Wednesday 21 October: Amara is absent; Dev works.
  p.contact('2026-10-21T09:00:00+01:00', 'amara', 'telephone'); // absent: refused
  p.series('2026-10-21T08:00:00+01:00', 'ben', 'face_to_face', 12, 20);
  p.series('2026-10-21T08:30:00+01:00', 'cleo', 'telephone', 10, 20, { index: 5, label: 'cleo-wed-5' });
  p.void('2026-10-21T12:00:00+01:00', 'contact', 'cleo-wed-5', 'Recorded twice');
  p.series('2026-10-21T09:00:00+01:00', 'dev', 'telephone', 12, 20);
  p.contact('2026-10-21T13:00:00+01:00', 'dev', 'telephone'); // full: refused
  p.contact('2026-10-21T16:30:00+01:00', 'dev', 'face_to_face', { overCapReason: 'Suspected sepsis' });
  p.redirection('2026-10-21T11:00:00+01:00', { destinationId: SERVICES.selfCare, reason: 'more_appropriate_service' });
  p.redirection('2026-10-21T13:15:00+01:00', { destinationId: SERVICES.pharmacy, reason: 'clinician_at_capacity', from: 'dev', pharmacyFirst: { route: 'referred', condition: 'shingles' } });
  p.redirection('2026-10-21T16:45:00+01:00', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', from: 'dev', icbInformed: true });
  p.deferral('2026-10-21T10:00:00+01:00', { deferralKind: 'later_date', untilDay: '2026-10-28' });

  // Thursday 22 October: Cleo works the morning only; Eve's one session.
  p.series('2026-10-22T08:00:00+01:00', 'amara', 'telephone', 12, 15);
  p.series('2026-10-22T13:00:00+01:00', 'ben', 'telephone', 5, 20);
  p.series('2026-10-22T15:00:00+01:00', 'ben', 'documents', 2, 20);
  // Entered at 16:00 for a call at 09:30.
  p.contact('2026-10-22T09:30:00+01:00', 'ben', 'telephone', { recordedAt: '2026-10-22T16:00:00+01:00' });
  p.series('2026-10-22T08:00:00+01:00', 'cleo', 'face_to_face', 6, 30);
  p.series('2026-10-22T14:00:00+01:00', 'dev', 'video', 4, 30);
  p.series('2026-10-22T09:00:00+01:00', 'eve', 'face_to_face', 2, 30);
  p.redirection('2026-10-22T09:30:00+01:00', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', pharmacyFirst: { route: 'signposted' } });
  p.redirection('2026-10-22T10:00:00+01:00', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', pharmacyFirst: { route: 'referred', condition: 'impetigo' }, label: 'pf-thu' });
  p.void('2026-10-22T10:05:00+01:00', 'redirection', 'pf-thu', 'Patient went to the GP instead');
  p.redirection('2026-10-22T17:20:00+01:00', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity' });
  p.redirection('2026-10-22T18:40:00+01:00', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', from: 'amara' });
  p.deferral('2026-10-22T11:00:00+01:00', { deferralKind: 'waiting_list' });

  // Friday 23 October: Amara on duty; Ben's half day.
  p.series('2026-10-23T08:00:00+01:00', 'amara', 'face_to_face', 8, 30, { index: 2, label: 'amara-fri-2' });
  p.void('2026-10-23T12:00:00+01:00', 'contact', 'amara-fri-2', 'Wrong patient record');
  p.series('2026-10-23T08:00:00+01:00', 'ben', 'telephone', 9, 20);
  p.series('2026-10-23T09:00:00+01:00', 'cleo', 'telephone', 5, 30);
  p.contact('2026-10-23T14:00:00+01:00', 'cleo', 'admin');
  p.redirection('2026-10-23T10:10:00+01:00', { destinationId: SERVICES.utc, reason: 'more_appropriate_service' });
  p.redirection('2026-10-23T11:00:00+01:00', { destinationId: FOOD_BANK_KEY, reason: 'more_appropriate_service' });
  p.redirection('2026-10-23T12:05:00+01:00', { destinationId: SERVICES.emergency, reason: 'more_appropriate_service' });
  p.deferral('2026-10-23T09:15:00+01:00', { deferralKind: 'later_date', untilDay: '2026-10-30', who: 'cleo' });

  // Saturday 24 October: nobody works; the phones still ring.
  p.redirection('2026-10-24T11:00:00+01:00', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', icbInformed: true });
  p.redirection('2026-10-24T22:50:00+01:00', { destinationId: SERVICES.pharmacy, reason: 'more_appropriate_service', pharmacyFirst: { route: 'signposted', condition: 'sinusitis' } });

  // Sunday 25 October: the clocks go back at 02:00 BST; Dev works an extra day.
  p.redirection('2026-10-25T00:30:00+01:00', { destinationId: SERVICES.emergency, reason: 'more_appropriate_service' });
  p.contact('2026-10-25T00:40:00+01:00', 'dev', 'telephone');
  p.redirection('2026-10-25T01:30:00+01:00', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', icbInformed: true });
  p.redirection('2026-10-25T01:30:00+00:00', { destinationId: SERVICES.utc, reason: 'more_appropriate_service' });
  p.series('2026-10-25T10:00:00+00:00', 'dev', 'telephone', 3, 20);
  p.contact('2026-10-25T23:30:00+00:00', 'dev', 'telephone');
  p.redirection('2026-10-25T23:45:00+00:00', { destinationId: SERVICES.selfCare, reason: 'more_appropriate_service' });

  // Monday 26 October (GMT): today, two contacts so far.
  p.series('2026-10-26T08:30:00+00:00', 'amara', 'telephone', 2, 15);
  return p;
}

/**
 * Writes the week through the API, in time order, with the clock set to each
 * request's time; leaves the clock at 09:00 GMT on Monday 26 October.
 */
export function seedWeek(core: Core, clock: FakeClock): Week {
  const week: Week = { ids: { amara: '', ben: '', cleo: '', dev: '', eve: '' }, foodBankId: '', ledger: [] };
  const steps = [...planWeek().steps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
  for (const step of steps) {
    clock.set(step.at);
    const entry = step.run(week, core);
    if (entry) week.ledger.push(entry);
  }
  clock.set(NOW);
  return week;
}

// ---------------------------------------------------------------------------
// Reading the record.

export const contactsIn = (week: Week) => week.ledger.filter((entry): entry is SentContact => entry.kind === 'contact');
export const redirectionsIn = (week: Week) => week.ledger.filter((entry): entry is SentRedirection => entry.kind === 'redirection');
export const deferralsIn = (week: Week) => week.ledger.filter((entry): entry is SentDeferral => entry.kind === 'deferral');

/** Labels of records voided successfully. */
export function voidedLabels(week: Week): Set<string> {
  return new Set(week.ledger.filter((entry): entry is SentVoid => entry.kind === 'void' && entry.ok).map((entry) => entry.targetLabel));
}

export function isVoided(week: Week, entry: Entry): boolean {
  return entry.label !== undefined && voidedLabels(week).has(entry.label);
}

const inDays = (days: readonly string[]) => (entry: Entry) => days.includes(dayOf(entry.at));

/** Contacts saved (not refused) and not voided, on the days given. */
export function liveContacts(week: Week, days: readonly string[], who?: Who): SentContact[] {
  return contactsIn(week).filter((entry) => entry.ok && !isVoided(week, entry) && inDays(days)(entry) && (who === undefined || entry.who === who));
}

export function liveRedirections(week: Week, days: readonly string[]): SentRedirection[] {
  return redirectionsIn(week).filter((entry) => entry.ok && !isVoided(week, entry) && inDays(days)(entry));
}

export function liveDeferrals(week: Week, days: readonly string[]): SentDeferral[] {
  return deferralsIn(week).filter((entry) => entry.ok && !isVoided(week, entry) && inDays(days)(entry));
}

export const counts = (entry: SentContact) => COUNTED_TYPES.has(entry.typeId);

export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const item of items) result[key(item)] = (result[key(item)] ?? 0) + 1;
  return result;
}

/** Rounded to one decimal place, as the reports promise. */
export const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** What a report's redirection summary must say about these records (voided ones already left out). */
export function expectedRedirections(records: readonly SentRedirection[]): RedirectionSummary {
  const byId = new Map<string, { destinationId: string; name: string; kind: string; count: number }>();
  for (const record of records) {
    const entry = byId.get(record.destinationId) ?? { destinationId: record.destinationId, name: record.destinationName, kind: record.destinationKind, count: 0 };
    entry.count += 1;
    byId.set(record.destinationId, entry);
  }
  const nhs111 = records.filter((record) => record.destinationKind === 'nhs_111');
  return {
    total: records.length,
    emergencies: records.filter((record) => record.destinationKind === 'emergency_999').length,
    diversions: records.filter((record) => record.destinationKind !== 'emergency_999').length,
    byDestination: [...byId.values()] as RedirectionSummary['byDestination'],
    byReason: {
      clinician_at_capacity: records.filter((record) => record.reason === 'clinician_at_capacity').length,
      more_appropriate_service: records.filter((record) => record.reason === 'more_appropriate_service').length,
    },
    nhs111: { total: nhs111.length, icbInformed: nhs111.filter((record) => record.icbInformed === true).length },
    pharmacyFirst: {
      referred: records.filter((record) => record.pharmacyFirst?.route === 'referred').length,
      signposted: records.filter((record) => record.pharmacyFirst?.route === 'signposted').length,
    },
  };
}
