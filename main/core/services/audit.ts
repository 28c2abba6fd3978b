import Papa from 'papaparse';
import { ERASURE_REASONS, ERASURE_REASON_WORDS } from '../../../shared/identifiers.ts';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { AUDIT_KINDS, AUDIT_KIND_LABELS, AUDIT_ROW_LIMIT, type AuditKind, type AuditRow, type AuditTrail } from '../../../shared/audit.ts';
import { endOfPracticeDay, practiceIsoOf, startOfPracticeDay } from '../../../shared/practiceDay.ts';
import { CLINICIAN_ROLES, ROLE_LABELS } from '../../../shared/domain.ts';
import { NOT_SIGNED_IN, STAFF_ROLE_LABELS, STAFF_ROLES } from '../../../shared/staff.ts';
import type { CoreContext } from '../context.ts';
import { MAX_EXPORT_DAYS } from '../../../shared/reports.ts';
import { assertRange } from './reports/summary.ts';
import { statement } from '../db/store.ts';
import { listMembers } from '../repos/networkRepo.ts';
import { currentConfig, currentContactTypes, currentDirectory } from './configViews.ts';
import { readDevice } from './device.ts';
import { allStaff } from './staff.ts';

/**
 * (design) The audit trail is read from the event log itself, which every PC
 * holds whole: who (the event's actor, the member of staff signed in), where
 * (its origin, the PC) and when (its wall time). Nothing is kept apart for it,
 * so nothing can be taken out of it without breaking the hash chain.
 */

/** Which event types belong to each kind the manager can filter by. */
const TYPES_BY_KIND: Record<AuditKind, readonly string[]> = {
  caps: ['clinician.updated', 'settings.updated'],
  rota: ['rota.patternSet', 'rota.daySet'],
  clinicians: ['clinician.created', 'clinician.updated'],
  settings: ['settings.updated', 'contactType.created', 'contactType.updated', 'directory.created', 'directory.updated', 'action.created', 'action.updated', 'gpas.assessed'],
  voids: ['contact.voided', 'redirection.voided', 'deferral.voided'],
  exports: ['export.withIdentifiers'],
  identifiers: ['identifiers.erased', 'identifiers.viewed'],
  staff: ['staff.added', 'staff.updated', 'staff.unlocked'],
  sign_ins: ['staff.signedIn', 'staff.signedOut', 'staff.pinFailed'],
  network: ['network.pcRemoved'],
};

const CAP_FIELDS = new Set(['capped', 'dailyCap', 'amCap', 'pmCap']);

interface EventRow {
  origin: string;
  seq: number;
  wallTime: number;
  type: string;
  body: string;
  actor: string | null;
}

type Body = Record<string, unknown>;

/** Which kind an event is, read from its body where the type alone does not say (a cap change is a clinician update). */
function kindOf(type: string, body: Body): AuditKind | null {
  const changes = (body.changes ?? {}) as Body;
  const fields = Object.keys(changes);
  if (type === 'clinician.updated') return fields.some((field) => CAP_FIELDS.has(field)) ? 'caps' : 'clinicians';
  if (type === 'settings.updated') return fields.some((field) => field.startsWith('roleDefault:')) ? 'caps' : 'settings';
  return AUDIT_KINDS.find((kind) => TYPES_BY_KIND[kind].includes(type)) ?? null;
}

const text = (value: unknown): string => (value === null || value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value));

/** Fields as a practice manager knows them; any other is shown by its own name. */
const FIELD_WORDS: Record<string, string> = {
  dailyCap: 'daily cap',
  amCap: 'morning cap',
  pmCap: 'afternoon cap',
  capped: 'capped',
  key: 'desk key',
  active: 'active',
  warningPercent: 'warning level (%)',
  sessionSplit: 'afternoon starts',
  dayEnd: 'day ends',
  boardOrder: 'board order',
  lateEntryDays: 'late entries (days back)',
  collectNhsNumber: 'collect NHS numbers',
  identifierRetentionDays: 'days identifiers are kept',
  listSize: 'list size',
  practiceName: 'practice name',
  capMode: 'cap per',
  capBasis: 'cap based on',
  defaultContactType: 'usual type of contact',
  idleMinutes: 'idle time (minutes)',
  pinAttempts: 'wrong PINs before a lockout',
  noticeWhy: 'notice’s “why”',
  receptionScript: 'reception script',
};

const valueText = (value: unknown): string => (value === true ? 'yes' : value === false ? 'no' : text(value));

/** A change set as "field value, …", the PIN's hash never shown. */
function changesText(changes: Body): string {
  return Object.entries(changes)
    .map(([field, value]) => {
      if (field === 'pinHash') return 'a new PIN';
      if (field.startsWith('roleDefault:')) {
        const role = CLINICIAN_ROLES.find((candidate) => `roleDefault:${candidate}` === field);
        const fallback = value as { capped?: unknown; dailyCap?: unknown };
        return `default for ${role ? ROLE_LABELS[role] : field.slice('roleDefault:'.length)}: capped ${valueText(fallback.capped)}, daily cap ${valueText(fallback.dailyCap)}`;
      }
      return `${FIELD_WORDS[field] ?? field} ${valueText(value)}`;
    })
    .join(', ');
}

interface Names {
  clinician: (id: unknown) => string;
  staff: (id: unknown) => string;
  type: (id: unknown) => string;
  service: (id: unknown) => string;
}

/** What happened, in words for a practice manager. */
function summaryOf(type: string, body: Body, names: Names): string {
  const changes = (body.changes ?? {}) as Body;
  switch (type) {
    case 'clinician.created':
      return `Added ${text(body.name)}`;
    case 'clinician.updated':
      return `Changed ${names.clinician(body.clinicianId)}: ${changesText(changes)}`;
    case 'settings.updated':
      return `Changed the practice’s settings: ${changesText(changes)}`;
    case 'rota.patternSet':
      return `Set the usual week of ${names.clinician(body.clinicianId)}`;
    case 'rota.daySet':
      return `Changed ${text(body.day)} for ${names.clinician(body.clinicianId)}: ${body.override === null ? 'back to the usual week' : changesText(body.override as Body)}`;
    case 'contactType.created':
      return `Added the type of contact ${text(body.name)}`;
    case 'contactType.updated':
      return `Changed the type of contact ${names.type(body.typeId)}: ${changesText(changes)}`;
    case 'directory.created':
      return `Added the service ${text(body.name)}`;
    case 'directory.updated':
      return `Changed the service ${names.service(body.entryId)}: ${changesText(changes)}`;
    case 'action.created':
      return `Added collective action: ${text(body.title)}`;
    case 'action.updated':
      return `Changed collective action: ${changesText(changes)}`;
    case 'gpas.assessed':
      return `GPAS for the week of ${text(body.monday)}: ${text(body.status)}`;
    case 'contact.voided':
      return `Voided a contact: ${text(body.reason)}`;
    case 'redirection.voided':
      return `Voided a redirection: ${text(body.reason)}`;
    case 'deferral.voided':
      return `Voided a deferral: ${text(body.reason)}`;
    case 'export.withIdentifiers':
      return `Exported ${text(body.table)} (${text(body.format)}) with patient identifiers, ${text(body.from)} to ${text(body.to)}`;
    case 'identifiers.erased': {
      const count = Array.isArray(body.recordIds) ? body.recordIds.length : 0;
      const why = ERASURE_REASONS.find((reason) => reason === body.why);
      return `Erased the NHS number and note of ${count === 1 ? '1 record' : `${count} records`}${why ? ` (${ERASURE_REASON_WORDS[why]})` : ''}`;
    }
    case 'identifiers.viewed': {
      const how: Record<string, string> = { nhs_number: ' by NHS number', note: ' by words in a note', nhs_number_and_note: ' by NHS number and words in a note', all: '' };
      const shown = typeof body.shown === 'number' ? body.shown : 0;
      return `Looked up patient identifiers${how[String(body.by)] ?? ''}: ${shown === 1 ? '1 record' : `${shown} records`} shown`;
    }
    case 'staff.added': {
      const role = STAFF_ROLES.find((candidate) => candidate === body.role);
      return `Named ${text(body.name)} as ${role ? STAFF_ROLE_LABELS[role] : text(body.role)}`;
    }
    case 'staff.updated':
      return `Changed ${names.staff(body.staffId)}: ${changesText(changes)}`;
    case 'staff.unlocked':
      return `Unlocked ${names.staff(body.staffId)} after wrong PINs`;
    case 'staff.signedIn':
      return `${names.staff(body.staffId)} signed in`;
    case 'staff.signedOut': {
      const why: Record<string, string> = { by_hand: '', idle: ' (the desk was idle)', switched: ' (someone else signed in)', taken_off: ' (taken off the staff list)' };
      return `${names.staff(body.staffId)} signed out${why[String(body.why)] ?? ''}`;
    }
    case 'staff.pinFailed':
      return `Wrong PIN for ${names.staff(body.staffId)}${body.lockedOut === true ? ': locked out' : ''}`;
    case 'network.pcRemoved':
      return `Removed ${text(body.name)} from the practice network`;
    default:
      return type;
  }
}

/** The audit trail for a date range, newest first, filtered by person and kind. */
export function readAudit(ctx: CoreContext, input: ParsedInputOf<'audit.list'>): AuditTrail {
  assertRange(input.from, input.to, MAX_EXPORT_DAYS, 'The audit trail');
  const kinds = input.kind ? [input.kind] : AUDIT_KINDS;
  const types = [...new Set(kinds.flatMap((kind) => TYPES_BY_KIND[kind]))];
  const actorClause = input.staffId === undefined ? '' : input.staffId === null ? 'AND actor IS NULL' : 'AND actor = @staffId';
  const rows = statement(
    ctx,
    `SELECT origin, seq, wall_time AS wallTime, type, body, actor FROM events
     WHERE wall_time BETWEEN @start AND @end AND type IN (SELECT value FROM json_each(@types)) ${actorClause}
     ORDER BY wall_time DESC, origin, seq DESC`,
  ).all({ start: startOfPracticeDay(input.from), end: endOfPracticeDay(input.to), types: JSON.stringify(types), staffId: input.staffId ?? null }) as EventRow[];

  const config = currentConfig(ctx);
  const staff = new Map(allStaff(ctx).map((member) => [member.id, member.name]));
  const clinicians = new Map(config.clinicians.map((clinician) => [clinician.id, clinician.name]));
  const typeNames = new Map(currentContactTypes(ctx).map((type) => [type.id, type.name]));
  const services = new Map(currentDirectory(ctx).map((entry) => [entry.id, entry.name]));
  const lookup = (map: Map<string, string>, fallback: string) => (id: unknown) => map.get(String(id)) ?? fallback;
  const names: Names = {
    clinician: lookup(clinicians, 'a clinician'),
    staff: lookup(staff, 'a member of staff'),
    type: lookup(typeNames, 'a type of contact'),
    service: lookup(services, 'a service'),
  };
  const pcs = new Map(listMembers(ctx).map((member) => [member.deviceId, member.name]));
  pcs.set(ctx.log.origin, readDevice(ctx).deviceName);

  const trail: AuditRow[] = [];
  for (const row of rows) {
    const body = JSON.parse(row.body) as Body;
    const kind = kindOf(row.type, body);
    if (kind === null || !kinds.includes(kind)) continue;
    if (trail.length === AUDIT_ROW_LIMIT) return { rows: trail, truncated: true };
    trail.push({
      at: row.wallTime,
      pc: pcs.get(row.origin) ?? `PC ${row.origin.slice(0, 8)}`,
      staff: row.actor === null ? NOT_SIGNED_IN : (staff.get(row.actor) ?? 'a member of staff no longer known'),
      kind,
      summary: summaryOf(row.type, body, names),
      origin: row.origin,
      seq: row.seq,
    });
  }
  return { rows: trail, truncated: false };
}

/** The same trail as a CSV file for the LMC or the ICB: UTF-8 with a byte-order mark, formulae defused, times in practice time. */
export function auditCsv(ctx: CoreContext, input: ParsedInputOf<'audit.csv'>): { fileName: string; csv: string; rows: number } {
  const trail = readAudit(ctx, input);
  const body = Papa.unparse(
    {
      fields: ['when', 'pc', 'staff', 'kind', 'what', 'pc_id', 'sequence'],
      data: trail.rows.map((row) => [practiceIsoOf(row.at), row.pc, row.staff, AUDIT_KIND_LABELS[row.kind], row.summary, row.origin, row.seq]),
    },
    { newline: '\r\n', escapeFormulae: true },
  );
  return { fileName: `contactcap-audit-${input.from}-to-${input.to}.csv`, csv: `\uFEFF${body}\r\n`, rows: trail.rows.length };
}
