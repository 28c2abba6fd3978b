import { z } from 'zod';
import { CLINICIAN_ROLES, DEFERRAL_KINDS } from '../../../shared/domain.ts';
import { DESTINATION_KINDS, PHARMACY_FIRST_ROUTES, REDIRECTION_REASONS } from '../../../shared/directory.ts';
import { GPAS_STATUSES } from '../../../shared/reports.ts';
import { ERASURE_REASONS } from '../../../shared/identifiers.ts';
import { STAFF_ROLES } from '../../../shared/staff.ts';
import { isSealed } from '../db/sealedIdentifiers.ts';

/**
 * Event bodies, by type. An event, once written, is never changed. A body gains
 * fields only as optional ones with a new schema version, and the projector keeps
 * reading every older version (see the defaults in projector.ts).
 */
const nullableInt = z.number().int().nullable();
const changes = z.record(z.string(), z.unknown());

/** Added to contact v3, redirection v2 and deferral v2: the desk's request id and a late entry's reason. */
const recordingExtras = { requestId: z.string().nullable().optional(), lateReason: z.string().nullable().optional() };

/**
 * Added to redirection v3 and deferral v3: the patient's identifiers, sealed
 * under the record's own key (db/sealedIdentifiers.ts); the plain note is then
 * always empty and the NHS number null. Before v3 they were kept in plain text.
 */
const sealed = z.string().refine(isSealed).nullable().optional();

export const EVENT_BODIES = {
  /** v1: clinicianId, name, role, dailyCap. v2 adds initials, capped, amCap, pmCap; dailyCap may be null (role default). v3 adds key. */
  'clinician.created': z.object({
    clinicianId: z.string(),
    name: z.string(),
    role: z.enum(CLINICIAN_ROLES),
    dailyCap: nullableInt,
    initials: z.string().optional(),
    capped: z.boolean().nullable().optional(),
    amCap: nullableInt.optional(),
    pmCap: nullableInt.optional(),
    key: z.string().nullable().optional(),
  }),
  /** Last-writer-wins per field: only the fields present change. */
  'clinician.updated': z.object({ clinicianId: z.string(), changes }),
  'settings.updated': z.object({ changes }),
  'rota.patternSet': z.object({ clinicianId: z.string(), pattern: z.record(z.string(), z.object({ am: z.boolean(), pm: z.boolean() })) }),
  'rota.daySet': z.object({ clinicianId: z.string(), day: z.string(), override: z.record(z.string(), z.unknown()).nullable() }),
  'contactType.created': z.object({ typeId: z.string(), name: z.string(), counts: z.boolean(), key: z.string().nullable() }),
  'contactType.updated': z.object({ typeId: z.string(), changes }),
  'directory.created': z.object({
    entryId: z.string(),
    kind: z.enum(DESTINATION_KINDS),
    name: z.string(),
    phone: z.string(),
    address: z.string(),
    hours: z.string(),
    hint: z.string(),
  }),
  'directory.updated': z.object({ entryId: z.string(), changes }),
  /**
   * v1: contactId, clinicianId, mode, occurredAt, practiceDay. v2 adds the rest and names the type typeId.
   * v3 adds requestId (the desk's retry key) and lateReason (entered on a later day).
   */
  'contact.recorded': z.object({
    contactId: z.string(),
    clinicianId: z.string(),
    occurredAt: z.number().int(),
    practiceDay: z.string(),
    mode: z.string().optional(),
    typeId: z.string().optional(),
    counts: z.boolean().optional(),
    session: z.enum(['am', 'pm']).optional(),
    overCapReason: z.string().nullable().optional(),
    recordedBy: z.string().optional(),
    device: z.string().optional(),
    ...recordingExtras,
  }),
  'contact.voided': z.object({ contactId: z.string(), reason: z.string() }),
  'redirection.recorded': z.object({
    redirectionId: z.string(),
    destinationId: z.string(),
    destinationName: z.string(),
    destinationKind: z.enum(DESTINATION_KINDS),
    reason: z.enum(REDIRECTION_REASONS),
    fromClinicianId: z.string().nullable(),
    pharmacyFirst: z.object({ route: z.enum(PHARMACY_FIRST_ROUTES), condition: z.string().nullable() }).nullable(),
    icbInformed: z.boolean().nullable(),
    note: z.string(),
    nhsNumber: z.string().nullable(),
    occurredAt: z.number().int(),
    practiceDay: z.string(),
    recordedBy: z.string(),
    device: z.string(),
    ...recordingExtras,
    sealed,
  }),
  'redirection.voided': z.object({ redirectionId: z.string(), reason: z.string() }),
  'deferral.recorded': z.object({
    deferralId: z.string(),
    clinicianId: z.string().nullable(),
    kind: z.enum(DEFERRAL_KINDS),
    untilDay: z.string().nullable(),
    note: z.string(),
    occurredAt: z.number().int(),
    practiceDay: z.string(),
    recordedBy: z.string(),
    device: z.string(),
    ...recordingExtras,
    sealed,
  }),
  'deferral.voided': z.object({ deferralId: z.string(), reason: z.string() }),
  'action.created': z.object({
    actionId: z.string(),
    title: z.string(),
    forPatients: z.string(),
    taking: z.boolean(),
    from: z.string().nullable(),
    until: z.string().nullable(),
  }),
  'action.updated': z.object({ actionId: z.string(), changes }),
  'gpas.assessed': z.object({ monday: z.string(), status: z.enum(GPAS_STATUSES), note: z.string() }),
  /** A member of staff named (issue 10 §1); pinHash is an argon2id hash, never the PIN. Staff replicate like the roster. */
  'staff.added': z.object({ staffId: z.string(), name: z.string(), role: z.enum(STAFF_ROLES), pinHash: z.string() }),
  /** Last-writer-wins per field (name, role, active, pinHash). */
  'staff.updated': z.object({ staffId: z.string(), changes }),
  /** For the audit trail: who signed in and out at which PC (the event's origin), and wrong PINs. */
  'staff.signedIn': z.object({ staffId: z.string() }),
  'staff.signedOut': z.object({ staffId: z.string(), why: z.enum(['by_hand', 'idle', 'switched', 'taken_off']) }),
  'staff.pinFailed': z.object({ staffId: z.string(), lockedOut: z.boolean() }),
  'staff.unlocked': z.object({ staffId: z.string() }),
  /** For the audit trail: a file with patient identifiers was built here (the event's origin and actor say where and by whom). */
  'export.withIdentifiers': z.object({ table: z.string(), format: z.enum(['csv', 'xlsx']), from: z.string(), to: z.string(), rows: z.number().int() }),
  /** The identifiers of these records erased on request (issue 10 §5): every PC deletes their keys. Names no patient. */
  'identifiers.erased': z.object({ recordIds: z.array(z.string().min(1).max(64)).min(1).max(500), why: z.enum(ERASURE_REASONS) }),
  /** For the audit trail: someone looked up patient identifiers (how, and how many records were shown); never what was looked for. */
  'identifiers.viewed': z.object({ by: z.enum(['nhs_number', 'note', 'nhs_number_and_note', 'all']), shown: z.number().int().nonnegative() }),
  /** A PC taken out of the practice network: its events up to keptUpTo stay, later ones are set aside. */
  'network.pcRemoved': z.object({ deviceId: z.string(), name: z.string(), keptUpTo: z.number().int().nonnegative() }),
} as const;

export type EventType = keyof typeof EVENT_BODIES;
export type EventBody<T extends EventType> = z.infer<(typeof EVENT_BODIES)[T]>;

export const EVENT_SCHEMA_VERSION: Record<EventType, number> = {
  'clinician.created': 3,
  'clinician.updated': 1,
  'settings.updated': 1,
  'rota.patternSet': 1,
  'rota.daySet': 1,
  'contactType.created': 1,
  'contactType.updated': 1,
  'directory.created': 1,
  'directory.updated': 1,
  'contact.recorded': 3,
  'contact.voided': 1,
  'redirection.recorded': 3,
  'redirection.voided': 1,
  'deferral.recorded': 3,
  'deferral.voided': 1,
  'action.created': 1,
  'action.updated': 1,
  'gpas.assessed': 1,
  'network.pcRemoved': 1,
  'staff.added': 1,
  'staff.updated': 1,
  'staff.signedIn': 1,
  'staff.signedOut': 1,
  'staff.pinFailed': 1,
  'staff.unlocked': 1,
  'export.withIdentifiers': 1,
  'identifiers.erased': 1,
  'identifiers.viewed': 1,
};

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_BODIES, type);
}

/** A row of the events table: defined with the table's repository, below this layer. */
export type { StoredEvent } from '../repos/eventsRepo.ts';
