import type { Change } from '../db/caches.ts';
import type { Store } from '../db/store.ts';
import { DEFAULT_PATTERN, sessionOf } from '../../../shared/rota.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { deriveInitials } from '../../../shared/text.ts';
import { ensureConfig, recordFieldChange, setConfigField, type ConfigEntity } from '../repos/configRepo.ts';
import { dayOrderKey, insertContact } from '../repos/contactsRepo.ts';
import { insertDeferral } from '../repos/deferralsRepo.ts';
import { dropKeyThatDoesNotOpen, eraseIdentifiers, isErased } from '../repos/identifiersRepo.ts';
import { insertRedirection } from '../repos/redirectionsRepo.ts';
import { insertRequest, type RequestKind } from '../repos/requestsRepo.ts';
import { insertRemoved, markUnprojected } from '../repos/networkRepo.ts';
import { setRotaDay } from '../repos/rotaRepo.ts';
import { upsertVoid, type VoidTarget } from '../repos/voidsRepo.ts';
import { applyBaseline } from './baseline.ts';
import { EVENT_BODIES, EVENT_SCHEMA_VERSION, isEventType, type StoredEvent } from './eventTypes.ts';

/** Tables that are projections of the event log, cleared and refilled by a rebuild. */
export const PROJECTION_TABLES = ['unprojected_events', 'removed_pcs', 'requests', 'voids', 'contacts', 'redirections', 'deferrals', 'rota_days', 'config', 'field_history'] as const;

/**
 * Applies one event to the projections, then tells the caches what it changed:
 * this is the one place they hear of changes to practice data, whichever path
 * the event came by (a local write, a replay, another PC's events). Every
 * branch is idempotent and independent of arrival order: inserts ignore
 * duplicates, edits are last-writer-wins per field by hybrid clock, and voids
 * keep the earliest.
 */
export function applyEvent(store: Store, event: StoredEvent): void {
  const change = project(store, event);
  if (change) store.caches.changed(change);
}

const CONFIG: Change = { kind: 'config' };
const ALL_CONTACTS: Change = { kind: 'contacts' };

/** Writes the event into the projections; says what it changed, or null where nothing kept in memory is made from it. */
function project(store: Store, event: StoredEvent): Change | null {
  if (!isEventType(event.type)) {
    // From a PC on a newer version: kept in the log, projected at the first start of a version that knows it.
    markUnprojected(store, event.origin, event.seq);
    return null;
  }
  // A newer schema version of a known type: projected now with the fields this version knows, fully after an upgrade.
  if (event.schemaVersion > EVENT_SCHEMA_VERSION[event.type]) markUnprojected(store, event.origin, event.seq, true);
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
      return applyConfig(store, 'clinician', body.clinicianId, event.hlc, fields, fields);
    }
    case 'clinician.updated': {
      const body = EVENT_BODIES['clinician.updated'].parse(raw);
      const placeholder = { name: '(not yet known)', initials: '?', role: 'other', capped: null, dailyCap: null, amCap: null, pmCap: null, active: true };
      return applyConfig(store, 'clinician', body.clinicianId, event.hlc, body.changes, placeholder);
    }
    case 'settings.updated': {
      const body = EVENT_BODIES['settings.updated'].parse(raw);
      return applyConfig(store, 'settings', 'practice', event.hlc, body.changes, {});
    }
    case 'rota.patternSet': {
      const body = EVENT_BODIES['rota.patternSet'].parse(raw);
      return applyConfig(store, 'rota_pattern', body.clinicianId, event.hlc, { pattern: body.pattern }, { pattern: DEFAULT_PATTERN });
    }
    case 'rota.daySet': {
      const body = EVENT_BODIES['rota.daySet'].parse(raw);
      if (recordFieldChange(store, 'rota_day', `${body.clinicianId}|${body.day}`, 'override', event.hlc, body.override)) {
        setRotaDay(store, body.clinicianId, body.day, body.override);
      }
      return CONFIG;
    }
    case 'contactType.created': {
      const body = EVENT_BODIES['contactType.created'].parse(raw);
      const fields = { name: body.name, counts: body.counts, key: body.key, active: true };
      return applyConfig(store, 'contact_type', body.typeId, event.hlc, fields, { ...fields, builtin: false });
    }
    case 'contactType.updated': {
      const body = EVENT_BODIES['contactType.updated'].parse(raw);
      return applyConfig(store, 'contact_type', body.typeId, event.hlc, body.changes, { name: '(not yet known)', counts: true, key: null, active: true, builtin: false });
    }
    case 'directory.created': {
      const body = EVENT_BODIES['directory.created'].parse(raw);
      const { entryId, ...fields } = body;
      return applyConfig(store, 'directory', entryId, event.hlc, { ...fields, active: true }, { ...fields, active: true, builtin: false });
    }
    case 'directory.updated': {
      const body = EVENT_BODIES['directory.updated'].parse(raw);
      const placeholder = { kind: 'other', name: '(not yet known)', phone: '', address: '', hours: '', hint: '', active: true, builtin: false };
      return applyConfig(store, 'directory', body.entryId, event.hlc, body.changes, placeholder);
    }
    case 'contact.recorded': {
      const body = EVENT_BODIES['contact.recorded'].parse(raw);
      insertContact(store, {
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
      rememberRequest(store, event, body.requestId, 'contact', body.contactId);
      return { kind: 'contact', day: body.practiceDay, clinicianId: body.clinicianId };
    }
    case 'redirection.recorded': {
      const body = EVENT_BODIES['redirection.recorded'].parse(raw);
      insertRedirection(store, {
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
        // A plain note from before sealing stays cleared once erased, through any replay.
        ...(isErased(store, body.redirectionId) ? { note: '', nhsNumber: null } : { note: body.note, nhsNumber: body.nhsNumber }),
        sealed: body.sealed ?? null,
        occurredAt: body.occurredAt,
        practiceDay: body.practiceDay,
        lateReason: body.lateReason ?? null,
        recordedBy: body.recordedBy,
        device: body.device,
        hlc: event.hlc,
        origin: event.origin,
        seq: event.seq,
      });
      if (body.sealed) dropKeyThatDoesNotOpen(store, body.redirectionId, body.sealed);
      rememberRequest(store, event, body.requestId, 'redirection', body.redirectionId);
      return null;
    }
    case 'deferral.recorded': {
      const body = EVENT_BODIES['deferral.recorded'].parse(raw);
      const { deferralId, requestId, lateReason, sealed, ...rest } = body;
      const note = isErased(store, deferralId) ? '' : rest.note;
      insertDeferral(store, { id: deferralId, ...rest, note, sealed: sealed ?? null, lateReason: lateReason ?? null, hlc: event.hlc, origin: event.origin, seq: event.seq });
      if (sealed) dropKeyThatDoesNotOpen(store, deferralId, sealed);
      rememberRequest(store, event, requestId, 'deferral', deferralId);
      return null;
    }
    case 'action.created': {
      const body = EVENT_BODIES['action.created'].parse(raw);
      const { actionId, ...fields } = body;
      return applyConfig(store, 'action', actionId, event.hlc, fields, { ...fields, builtin: false });
    }
    case 'action.updated': {
      const body = EVENT_BODIES['action.updated'].parse(raw);
      const placeholder = { title: '(not yet known)', forPatients: '', taking: false, from: null, until: null, builtin: false };
      return applyConfig(store, 'action', body.actionId, event.hlc, body.changes, placeholder);
    }
    case 'gpas.assessed': {
      const body = EVENT_BODIES['gpas.assessed'].parse(raw);
      return applyConfig(store, 'gpas', body.monday, event.hlc, { status: body.status, note: body.note }, { status: body.status, note: body.note });
    }
    case 'network.pcRemoved': {
      const body = EVENT_BODIES['network.pcRemoved'].parse(raw);
      insertRemoved(store, { deviceId: body.deviceId, name: body.name, keptUpTo: body.keptUpTo, removedAt: event.wallTime, hlc: event.hlc });
      return null;
    }
    case 'staff.added': {
      const body = EVENT_BODIES['staff.added'].parse(raw);
      const fields = { name: body.name, role: body.role, pinHash: body.pinHash, active: true };
      return applyConfig(store, 'staff', body.staffId, event.hlc, fields, fields);
    }
    case 'staff.updated': {
      const body = EVENT_BODIES['staff.updated'].parse(raw);
      // Never a role that could let someone in before the member's own creation arrives.
      return applyConfig(store, 'staff', body.staffId, event.hlc, body.changes, { name: '(not yet known)', role: 'reception', pinHash: '', active: true });
    }
    case 'identifiers.erased': {
      const body = EVENT_BODIES['identifiers.erased'].parse(raw);
      eraseIdentifiers(store, body.recordIds, body.why, event.wallTime);
      return null;
    }
    case 'staff.signedIn':
    case 'staff.signedOut':
    case 'staff.pinFailed':
    case 'staff.unlocked':
    case 'export.withIdentifiers':
    case 'identifiers.viewed':
      // The audit trail reads these from the log itself; no projection keeps them.
      return null;
    case 'contact.voided': {
      const body = EVENT_BODIES['contact.voided'].parse(raw);
      applyVoid(store, event, 'contact', body.contactId, body.reason);
      return ALL_CONTACTS;
    }
    case 'redirection.voided': {
      const body = EVENT_BODIES['redirection.voided'].parse(raw);
      applyVoid(store, event, 'redirection', body.redirectionId, body.reason);
      return null;
    }
    case 'deferral.voided': {
      const body = EVENT_BODIES['deferral.voided'].parse(raw);
      applyVoid(store, event, 'deferral', body.deferralId, body.reason);
      return null;
    }
  }
}

function rememberRequest(store: Store, event: StoredEvent, requestId: string | null | undefined, kind: RequestKind, targetId: string): void {
  if (requestId) insertRequest(store, requestId, { kind, targetId }, { origin: event.origin, seq: event.seq });
}

function applyVoid(store: Store, event: StoredEvent, target: VoidTarget, targetId: string, reason: string): void {
  upsertVoid(store, { target, targetId, reason, voidedAt: event.wallTime, hlc: event.hlc, origin: event.origin, seq: event.seq });
}

/** Creates the document if needed, then sets each field this event is the newest writer of. */
function applyConfig(store: Store, entity: ConfigEntity, id: string, hlc: string, changes: Record<string, unknown>, defaults: object): Change {
  ensureConfig(store, entity, id, defaults, hlc);
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (recordFieldChange(store, entity, id, field, hlc, value)) setConfigField(store, entity, id, field, value);
  }
  return CONFIG;
}

/** Clears every projection and lays down the built-in baseline, ready for a replay. */
export function resetProjections(store: Store): void {
  for (const table of PROJECTION_TABLES) store.db.prepare(`DELETE FROM ${table}`).run();
  applyBaseline(store);
  store.caches.changed({ kind: 'everything' });
}
