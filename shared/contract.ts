import { z } from 'zod';
import type { Board, Clinician, Contact, SystemStatus } from './domain.ts';
import { DEFAULT_DAILY_CAP } from './domain.ts';
import {
  clinicianName,
  clinicianRole,
  contactMode,
  dailyCap,
  entityId,
  instant,
  practiceDay,
  voidReason,
} from './schemas.ts';

/**
 * The one API contract: method name (domain.verb) → input schema and result type.
 * The core's handlers are typed against it, the renderer's client derives its
 * types from it, and the browser host's HTTP API is this map over POST.
 */

interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type only. */
  result?: R;
  summary: string;
}

const method =
  <I extends z.ZodType>(input: I, summary: string) =>
  <R>(): MethodSpec<I, R> => ({ input, summary });

const none = z.strictObject({}, { error: 'This request takes no details.' });

export const contract = {
  'system.status': method(none, 'Who and where this install is, and any notice from start-up.')<SystemStatus>(),

  'clinician.list': method(
    z.strictObject({ includeInactive: z.boolean({ error: 'includeInactive must be true or false.' }).optional() }),
    'Clinicians in name order; active ones only unless includeInactive is true.',
  )<Clinician[]>(),
  'clinician.create': method(
    z.strictObject({ name: clinicianName, role: clinicianRole, dailyCap: dailyCap.default(DEFAULT_DAILY_CAP) }),
    'Add a clinician. The daily cap defaults to 25.',
  )<Clinician>(),
  'clinician.rename': method(
    z.strictObject({ clinicianId: entityId('clinician'), name: clinicianName }),
    'Change a clinician’s name.',
  )<Clinician>(),
  'clinician.deactivate': method(
    z.strictObject({ clinicianId: entityId('clinician') }),
    'Take a clinician off the board. Their contacts stay.',
  )<Clinician>(),

  'contact.record': method(
    z.strictObject({
      clinicianId: entityId('clinician'),
      mode: contactMode,
      occurredAt: instant.optional(),
    }),
    'Record one patient contact for a clinician. The time defaults to now.',
  )<Contact>(),
  'contact.void': method(
    z.strictObject({ contactId: entityId('contact'), reason: voidReason }),
    'Void a contact recorded in error, with a reason. The contact stays in the history.',
  )<Contact>(),
  'contact.listForDay': method(
    z.strictObject({ day: practiceDay.optional(), clinicianId: entityId('clinician').optional() }),
    'Contacts of one practice day (today by default), newest first, voided ones included.',
  )<Contact[]>(),

  'board.today': method(none, 'Every active clinician with used, cap and remaining for today.')<Board>(),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends. */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after validation and defaults. */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type ResultOf<M extends MethodName> = Required<Contract[M]>['result'];

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
