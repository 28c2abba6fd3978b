import type Database from 'better-sqlite3';
import { CLINICIAN_ROLES, type Clinician, type ClinicianRole, type ContactType, type RoleDefault } from '../../../shared/domain.ts';
import { DESTINATION_KINDS, type DirectoryEntry } from '../../../shared/directory.ts';
import { DEFAULT_PATTERN, WEEKDAYS, type WeekPattern } from '../../../shared/rota.ts';
import { DEFAULT_SETTINGS, type PracticeSettings } from '../../../shared/settings.ts';
import { withoutTitle } from '../../../shared/text.ts';
import { fieldHistory, listConfig, type ConfigEntity } from '../repos/configRepo.ts';

/**
 * Typed views of the configuration documents. Stored documents are read
 * defensively: a field that is missing or of the wrong shape (say, written by a
 * newer version) falls back to its default rather than breaking the desk.
 */

type Fields = Record<string, unknown>;

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
const intOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const boolOrNull = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

export function clinicianFrom(id: string, data: Fields): Clinician {
  const role = CLINICIAN_ROLES.find((candidate) => candidate === data.role) ?? 'other';
  return {
    id,
    name: text(data.name, '(unnamed)'),
    initials: text(data.initials, '?'),
    role,
    capped: boolOrNull(data.capped),
    dailyCap: intOrNull(data.dailyCap),
    amCap: intOrNull(data.amCap),
    pmCap: intOrNull(data.pmCap),
    active: bool(data.active, true),
  };
}

export function settingsFrom(data: Fields): PracticeSettings {
  const roleDefaults = { ...DEFAULT_SETTINGS.roleDefaults };
  for (const role of CLINICIAN_ROLES) {
    const stored = data[`roleDefault:${role}`] as Partial<RoleDefault> | undefined;
    if (stored && typeof stored === 'object') {
      roleDefaults[role] = { capped: bool(stored.capped, roleDefaults[role].capped), dailyCap: intOrNull(stored.dailyCap) ?? roleDefaults[role].dailyCap };
    }
  }
  return {
    practiceName: text(data.practiceName, DEFAULT_SETTINGS.practiceName),
    capBasis: text(data.capBasis, DEFAULT_SETTINGS.capBasis),
    capMode: data.capMode === 'session' ? 'session' : 'day',
    warningPercent: intOrNull(data.warningPercent) ?? DEFAULT_SETTINGS.warningPercent,
    sessionSplit: text(data.sessionSplit, DEFAULT_SETTINGS.sessionSplit),
    roleDefaults,
    defaultContactType: text(data.defaultContactType, DEFAULT_SETTINGS.defaultContactType),
    collectNhsNumber: bool(data.collectNhsNumber, DEFAULT_SETTINGS.collectNhsNumber),
    listSize: intOrNull(data.listSize),
  };
}

export function patternFrom(data: Fields): WeekPattern {
  const stored = data.pattern as Partial<Record<string, { am?: unknown; pm?: unknown }>> | undefined;
  const pattern = { ...DEFAULT_PATTERN };
  for (const day of WEEKDAYS) {
    const value = stored?.[day];
    if (value) pattern[day] = { am: bool(value.am, false), pm: bool(value.pm, false) };
  }
  return pattern;
}

export function contactTypeFrom(id: string, data: Fields): ContactType {
  const key = typeof data.key === 'string' && /^[A-Z]$/.test(data.key) ? data.key : null;
  return { id, name: text(data.name, id), counts: bool(data.counts, true), key, builtin: bool(data.builtin, false), active: bool(data.active, true) };
}

export function directoryEntryFrom(id: string, data: Fields): DirectoryEntry {
  return {
    id,
    kind: DESTINATION_KINDS.find((kind) => kind === data.kind) ?? 'other',
    name: text(data.name, id),
    phone: text(data.phone, ''),
    address: text(data.address, ''),
    hours: text(data.hours, ''),
    hint: text(data.hint, ''),
    active: bool(data.active, true),
    builtin: bool(data.builtin, false),
  };
}

/** The configuration that decides caps: settings, clinicians and weekly patterns. */
export interface ConfigSnapshot {
  settings: PracticeSettings;
  clinicians: Clinician[];
  patterns: Map<string, WeekPattern>;
}

/** By name, titles ignored: Dr Ada Patel sorts with the As. */
const byName = (a: Clinician, b: Clinician) => withoutTitle(a.name).localeCompare(withoutTitle(b.name), 'en-GB', { sensitivity: 'base' });

/** The configuration now. */
export function currentConfig(db: Database.Database): ConfigSnapshot {
  const settingsRow = listConfig(db, 'settings')[0];
  return {
    settings: settingsFrom(settingsRow?.data ?? {}),
    clinicians: listConfig(db, 'clinician')
      .map((row) => clinicianFrom(row.id, row.data))
      .sort(byName),
    patterns: new Map(listConfig(db, 'rota_pattern').map((row) => [row.id, patternFrom(row.data)])),
  };
}

export function currentContactTypes(db: Database.Database): ContactType[] {
  return listConfig(db, 'contact_type').map((row) => contactTypeFrom(row.id, row.data));
}

export function currentDirectory(db: Database.Database): DirectoryEntry[] {
  return listConfig(db, 'directory').map((row) => directoryEntryFrom(row.id, row.data));
}

const TIMELINE_ENTITIES: readonly ConfigEntity[] = ['settings', 'clinician', 'rota_pattern'];

/**
 * The configuration as it stood at any moment, from the field history: a past
 * day's report uses the caps and rota of that day, not today's.
 */
export function configTimeline(db: Database.Database): { asOf: (hlcBound: string) => ConfigSnapshot } {
  const history = fieldHistory(db, TIMELINE_ENTITIES);
  return {
    asOf(hlcBound) {
      const documents = new Map<string, { entity: ConfigEntity; id: string; fields: Fields }>();
      for (const row of history) {
        if (row.hlc > hlcBound) continue;
        const key = `${row.entity}\u0000${row.entityId}`;
        let document = documents.get(key);
        if (!document) {
          document = { entity: row.entity, id: row.entityId, fields: {} };
          documents.set(key, document);
        }
        document.fields[row.field] = row.value;
      }
      const of = (entity: ConfigEntity) => [...documents.values()].filter((document) => document.entity === entity);
      return {
        settings: settingsFrom(of('settings')[0]?.fields ?? {}),
        clinicians: of('clinician')
          .map((document) => clinicianFrom(document.id, document.fields))
          .sort(byName),
        patterns: new Map(of('rota_pattern').map((document) => [document.id, patternFrom(document.fields)])),
      };
    },
  };
}

export type { ClinicianRole };
