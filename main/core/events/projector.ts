import type Database from 'better-sqlite3';
import { DEFAULT_PATTERN, sessionOf } from '../../../shared/rota.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { deriveInitials } from '../../../shared/text.ts';
import { ensureConfig, recordFieldChange, setConfigField, touchConfig, type ConfigEntity } from '../repos/configRepo.ts';
import { dayOrderKey, insertContact, touchContacts } from '../repos/contactsRepo.ts';
import { insertDeferral } from '../repos/deferralsRepo.ts';
import { insertRedirection } from '../repos/redirectionsRepo.ts';
import { insertRequest, type RequestKind } from '../repos/requestsRepo.ts';
import { setRotaDay } from '../repos/rotaRepo.ts';
import { upsertVoid, type VoidTarget } from '../repos/voidsRepo.ts';
import { applyBaseline } from './baseline.ts';
import { EVENT_BODIES, isEventType, type StoredEvent } from './eventTypes.ts';

/** Tables that are projections of the event log, cleared and refilled by a rebuild. */
export const PROJECTION_TABLES = ['requests', 'voids', 'contacts', 'redirections', 'deferrals', 'rota_days', 'config', 'field_history'] as const;

/**
 * Applies one event to the projections. Every branch is idempotent and
 * independent of arrival order: inserts ignore duplicates, edits are
 * last-writer-wins per field by hybrid clock, and voids keep the earliest.
 */
export function applyEvent(db: Database.Database, event: StoredEvent): void {
  if (!isEventType(event.type)) return; // from a newer version: kept in the log, projected after upgrade
  const raw: unknown = JSON.parse(event.body);
  switch (event.type) {
    case 'clinician.created': {
      const body = EVENT_BODIES['clinician.created'].parse(raw);
      const fields = {
        name: body.name,
        initials: body.initials ?? deriveInitials(body.name),
        role: body.role,
        capped: body.capped ?? null,
        dailyCap: body.dailyCap,
        amCap: body.amCap ?? null,
        pmCap: body.pmCap ?? null,
        active: true,
        // Before version 3 a clinician had no key of their own: one is given at the next start.
        key: body.key ?? null,
      };
      return applyConfig(db, 'clinician', body.clinicianId, event.hlc, fields, fields);
    }
    case 'clinician.updated': {
      const body = EVENT_BODIES['clinician.updated'].parse(raw);
      const placeholder = { name: '(not yet known)', initials: '?', role: 'other', capped: null, dailyCap: null, amCap: null, pmCap: null, active: true };
      return applyConfig(db, 'clinician', body.clinicianId, event.hlc, body.changes, placeholder);
    }
    case 'settings.updated': {
      const body = EVENT_BODIES['settings.updated'].parse(raw);
      return applyConfig(db, 'settings', 'practice', event.hlc, body.changes, {});
    }
    case 'rota.patternSet': {
      const body = EVENT_BODIES['rota.patternSet'].parse(raw);
      return applyConfig(db, 'rota_pattern', body.clinicianId, event.hlc, { pattern: body.pattern }, { pattern: DEFAULT_PATTERN });
    }
    case 'rota.daySet': {
      const body = EVENT_BODIES['rota.daySet'].parse(raw);
      if (recordFieldChange(db, 'rota_day', `${body.clinicianId}|${body.day}`, 'override', event.hlc, body.override)) {
        setRotaDay(db, body.clinicianId, body.day, body.override);
      }
      return;
    }
    case 'contactType.created': {
      const body = EVENT_BODIES['contactType.created'].parse(raw);
      const fields = { name: body.name, counts: body.counts, key: body.key, active: true };
      return applyConfig(db, 'contact_type', body.typeId, event.hlc, fields, { ...fields, builtin: false });
    }
    case 'contactType.updated': {
      const body = EVENT_BODIES['contactType.updated'].parse(raw);
      return applyConfig(db, 'contact_type', body.typeId, event.hlc, body.changes, { name: '(not yet known)', counts: true, key: null, active: true, builtin: false });
    }
    case 'directory.created': {
      const body = EVENT_BODIES['directory.created'].parse(raw);
      const { entryId, ...fields } = body;
      return applyConfig(db, 'directory', entryId, event.hlc, { ...fields, active: true }, { ...fields, active: true, builtin: false });
    }
    case 'directory.updated': {
      const body = EVENT_BODIES['directory.updated'].parse(raw);
      const placeholder = { kind: 'other', name: '(not yet known)', phone: '', address: '', hours: '', hint: '', active: true, builtin: false };
      return applyConfig(db, 'directory', body.entryId, event.hlc, body.changes, placeholder);
    }
    case 'contact.recorded': {
      const body = EVENT_BODIES['contact.recorded'].parse(raw);
      insertContact(db, {
        id: body.contactId,
        clinicianId: body.clinicianId,
        // Version 1 named the type "mode" and had no counts, session or author.
        typeId: body.typeId ?? body.mode ?? 'face_to_face',
        counts: body.counts ?? true,
        occurredAt: body.occurredAt,
        recordedAt: event.wallTime,
        practiceDay: body.practiceDay,
        session: body.session ?? sessionOf(body.occurredAt, DEFAULT_SETTINGS.sessionSplit),
        overCapReason: body.overCapReason ?? null,
        lateReason: body.lateReason ?? null,
        recordedBy: body.recordedBy ?? '',
        device: body.device ?? '',
        hlc: event.hlc,
        orderKey: dayOrderKey(event.hlc, body.lateReason ? body.occurredAt : null),
        origin: event.origin,
        seq: event.seq,
      });
      rememberRequest(db, event, body.requestId, 'contact', body.contactId);
      return;
    }
    case 'redirection.recorded': {
      const body = EVENT_BODIES['redirection.recorded'].parse(raw);
      insertRedirection(db, {
        id: body.redirectionId,
        destinationId: body.destinationId,
        destinationName: body.destinationName,
        destinationKind: body.destinationKind,
        reason: body.reason,
        fromClinicianId: body.fromClinicianId,
        pharmacyFirstRoute: body.pharmacyFirst?.route ?? null,
        pharmacyFirstCondition: body.pharmacyFirst?.condition ?? null,
        icbInformed: body.icbInformed,
        emergency: body.destinationKind === 'emergency_999',
        note: body.note,
        nhsNumber: body.nhsNumber,
        occurredAt: body.occurredAt,
        practiceDay: body.practiceDay,
        lateReason: body.lateReason ?? null,
        recordedBy: body.recordedBy,
        device: body.device,
        hlc: event.hlc,
        origin: event.origin,
        seq: event.seq,
      });
      rememberRequest(db, event, body.requestId, 'redirection', body.redirectionId);
      return;
    }
    case 'deferral.recorded': {
      const body = EVENT_BODIES['deferral.recorded'].parse(raw);
      const { deferralId, requestId, lateReason, ...rest } = body;
      insertDeferral(db, { id: deferralId, ...rest, lateReason: lateReason ?? null, hlc: event.hlc, origin: event.origin, seq: event.seq });
      rememberRequest(db, event, requestId, 'deferral', deferralId);
      return;
    }
    case 'action.created': {
      const body = EVENT_BODIES['action.created'].parse(raw);
      const { actionId, ...fields } = body;
      return applyConfig(db, 'action', actionId, event.hlc, fields, { ...fields, builtin: false });
    }
    case 'action.updated': {
      const body = EVENT_BODIES['action.updated'].parse(raw);
      const placeholder = { title: '(not yet known)', forPatients: '', taking: false, from: null, until: null, builtin: false };
      return applyConfig(db, 'action', body.actionId, event.hlc, body.changes, placeholder);
    }
    case 'gpas.assessed': {
      const body = EVENT_BODIES['gpas.assessed'].parse(raw);
      return applyConfig(db, 'gpas', body.monday, event.hlc, { status: body.status, note: body.note }, { status: body.status, note: body.note });
    }
    case 'contact.voided': {
      const body = EVENT_BODIES['contact.voided'].parse(raw);
      return applyVoid(db, event, 'contact', body.contactId, body.reason);
    }
    case 'redirection.voided': {
      const body = EVENT_BODIES['redirection.voided'].parse(raw);
      return applyVoid(db, event, 'redirection', body.redirectionId, body.reason);
    }
    case 'deferral.voided': {
      const body = EVENT_BODIES['deferral.voided'].parse(raw);
      return applyVoid(db, event, 'deferral', body.deferralId, body.reason);
    }
  }
}

function rememberRequest(db: Database.Database, event: StoredEvent, requestId: string | null | undefined, kind: RequestKind, targetId: string): void {
  if (requestId) insertRequest(db, requestId, { kind, targetId }, { origin: event.origin, seq: event.seq });
}

function applyVoid(db: Database.Database, event: StoredEvent, target: VoidTarget, targetId: string, reason: string): void {
  upsertVoid(db, { target, targetId, reason, voidedAt: event.wallTime, hlc: event.hlc, origin: event.origin, seq: event.seq });
}

/** Creates the document if needed, then sets each field this event is the newest writer of. */
function applyConfig(db: Database.Database, entity: ConfigEntity, id: string, hlc: string, changes: Record<string, unknown>, defaults: object): void {
  ensureConfig(db, entity, id, defaults, hlc);
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (recordFieldChange(db, entity, id, field, hlc, value)) setConfigField(db, entity, id, field, value);
  }
}

/** Clears every projection and lays down the built-in baseline, ready for a replay. */
export function resetProjections(db: Database.Database): void {
  for (const table of PROJECTION_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  touchConfig(db);
  touchContacts(db);
  applyBaseline(db);
}
