import { z } from 'zod';
import { CLINICIAN_ROLES } from '../../../shared/domain.ts';

/**
 * Event bodies, by type. An event, once written, is never changed: a new shape
 * gets a new schema version and the projector keeps reading the old ones.
 */
export const EVENT_BODIES = {
  'clinician.created': z.object({
    clinicianId: z.string(),
    name: z.string(),
    role: z.enum(CLINICIAN_ROLES),
    dailyCap: z.number().int(),
  }),
  /** Last-writer-wins per field: only the fields present are changed. */
  'clinician.updated': z.object({
    clinicianId: z.string(),
    changes: z.object({
      name: z.string().optional(),
      role: z.enum(CLINICIAN_ROLES).optional(),
      dailyCap: z.number().int().optional(),
      active: z.boolean().optional(),
    }),
  }),
  'contact.recorded': z.object({
    contactId: z.string(),
    clinicianId: z.string(),
    mode: z.string(),
    occurredAt: z.number().int(),
    practiceDay: z.string(),
  }),
  'contact.voided': z.object({ contactId: z.string(), reason: z.string() }),
} as const;

export type EventType = keyof typeof EVENT_BODIES;
export type EventBody<T extends EventType> = z.infer<(typeof EVENT_BODIES)[T]>;

export const EVENT_SCHEMA_VERSION: Record<EventType, number> = {
  'clinician.created': 1,
  'clinician.updated': 1,
  'contact.recorded': 1,
  'contact.voided': 1,
};

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_BODIES, type);
}

/** A row of the events table. */
export interface StoredEvent {
  origin: string;
  seq: number;
  hlc: string;
  wallTime: number;
  type: string;
  schemaVersion: number;
  body: string;
  hash: string;
}
