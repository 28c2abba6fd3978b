import type Database from 'better-sqlite3';
import { DEFAULT_DAILY_CAP } from '../../../shared/domain.ts';
import { claimField } from '../repos/fieldClocksRepo.ts';
import { ensureClinicianRow, setClinicianCreatedHlc, setClinicianField, type ClinicianField } from '../repos/cliniciansRepo.ts';
import { insertContact, upsertVoid } from '../repos/contactsRepo.ts';
import { EVENT_BODIES, isEventType, type StoredEvent } from './eventTypes.ts';

/** Tables that are projections of the event log, cleared and refilled by a rebuild. */
export const PROJECTION_TABLES = ['contact_voids', 'contacts', 'clinicians', 'field_clocks'] as const;

/**
 * Applies one event to the projections. Every branch is idempotent and
 * independent of arrival order: inserts ignore duplicates, edits are
 * last-writer-wins by hybrid clock, and voids keep the earliest.
 */
export function applyEvent(db: Database.Database, event: StoredEvent): void {
  if (!isEventType(event.type)) return; // from a newer version: kept in the log, projected after upgrade
  const raw: unknown = JSON.parse(event.body);
  switch (event.type) {
    case 'clinician.created': {
      const body = EVENT_BODIES['clinician.created'].parse(raw);
      ensureClinicianRow(db, { id: body.clinicianId, name: body.name, role: body.role, dailyCap: body.dailyCap, createdHlc: event.hlc });
      setClinicianCreatedHlc(db, body.clinicianId, event.hlc);
      setFields(db, body.clinicianId, event.hlc, { name: body.name, role: body.role, dailyCap: body.dailyCap, active: true });
      return;
    }
    case 'clinician.updated': {
      const body = EVENT_BODIES['clinician.updated'].parse(raw);
      ensureClinicianRow(db, {
        id: body.clinicianId,
        name: body.changes.name ?? '(unnamed)',
        role: body.changes.role ?? 'other',
        dailyCap: body.changes.dailyCap ?? DEFAULT_DAILY_CAP,
        createdHlc: event.hlc,
      });
      setFields(db, body.clinicianId, event.hlc, body.changes);
      return;
    }
    case 'contact.recorded': {
      const body = EVENT_BODIES['contact.recorded'].parse(raw);
      insertContact(db, {
        id: body.contactId,
        clinicianId: body.clinicianId,
        mode: body.mode,
        occurredAt: body.occurredAt,
        practiceDay: body.practiceDay,
        origin: event.origin,
        seq: event.seq,
      });
      return;
    }
    case 'contact.voided': {
      const body = EVENT_BODIES['contact.voided'].parse(raw);
      upsertVoid(db, {
        contactId: body.contactId,
        reason: body.reason,
        voidedAt: event.wallTime,
        hlc: event.hlc,
        origin: event.origin,
        seq: event.seq,
      });
      return;
    }
  }
}

function setFields(db: Database.Database, clinicianId: string, hlc: string, changes: Partial<Record<ClinicianField, string | number | boolean>>): void {
  for (const [field, value] of Object.entries(changes) as [ClinicianField, string | number | boolean | undefined][]) {
    if (value === undefined) continue;
    if (claimField(db, 'clinician', clinicianId, field, hlc)) setClinicianField(db, clinicianId, field, value);
  }
}
