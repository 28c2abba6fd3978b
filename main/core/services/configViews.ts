import { CacheSlot } from '../db/caches.ts';
import type { Store } from '../db/store.ts';
import { isDeskKey } from '../../../shared/deskKeys.ts';
import { CLINICIAN_ROLES, type Clinician, type ContactType, type RoleDefault } from '../../../shared/domain.ts';
import { DESTINATION_KINDS, type DirectoryEntry } from '../../../shared/directory.ts';
import { DEFAULT_PATTERN, WEEKDAYS, type DayOverride, type WeekPattern } from '../../../shared/rota.ts';
import { BOARD_ORDERS, DEFAULT_SETTINGS, SETUP_STATES, type PracticeSettings } from '../../../shared/settings.ts';
import { withoutTitle } from '../../../shared/text.ts';
import { fieldHistory, listConfig, type ConfigEntity, type HistoryRow } from '../repos/configRepo.ts';

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
    key: typeof data.key === 'string' && isDeskKey(data.key) ? data.key : null,
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
    dayEnd: text(data.dayEnd, DEFAULT_SETTINGS.dayEnd),
    boardOrder: BOARD_ORDERS.find((order) => order === data.boardOrder) ?? DEFAULT_SETTINGS.boardOrder,
    lateEntryDays: intOrNull(data.lateEntryDays) ?? DEFAULT_SETTINGS.lateEntryDays,
    roleDefaults,
    defaultContactType: text(data.defaultContactType, DEFAULT_SETTINGS.defaultContactType),
    collectNhsNumber: bool(data.collectNhsNumber, DEFAULT_SETTINGS.collectNhsNumber),
    identifierRetentionDays: intOrNull(data.identifierRetentionDays) ?? DEFAULT_SETTINGS.identifierRetentionDays,
    listSize: intOrNull(data.listSize),
    noticeWhy: text(data.noticeWhy, DEFAULT_SETTINGS.noticeWhy),
    receptionScript: text(data.receptionScript, DEFAULT_SETTINGS.receptionScript),
    setup: SETUP_STATES.find((state) => state === data.setup) ?? DEFAULT_SETTINGS.setup,
    idleMinutes: intOrNull(data.idleMinutes) ?? DEFAULT_SETTINGS.idleMinutes,
    pinAttempts: intOrNull(data.pinAttempts) ?? DEFAULT_SETTINGS.pinAttempts,
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

/** A past moment's configuration, with each date's rota changes as they stood then. */
export interface TimelineSnapshot extends ConfigSnapshot {
  overridesOn(day: string): Map<string, DayOverride>;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/** By name, titles ignored: Dr Ada Patel sorts with the As. */
function sortByName(clinicians: Clinician[]): Clinician[] {
  const keys = new Map(clinicians.map((clinician) => [clinician.id, withoutTitle(clinician.name)]));
  return clinicians.sort((a, b) => collator.compare(keys.get(a.id) ?? a.name, keys.get(b.id) ?? b.name));
}

/** Re-reads a view only when the configuration has changed since it was last read (the caches drop it then). */
function cachedView<T extends object>(name: string, read: (store: Store) => T): (store: Store) => T {
  const slot = new CacheSlot<{ value: T | null }>(name, ['config'], () => ({ value: null }));
  return (store) => {
    const kept = store.caches.slot(slot);
    kept.value ??= read(store);
    return kept.value;
  };
}

/** The configuration now. Shared and cached: callers must not change it. */
export const currentConfig: (store: Store) => Readonly<ConfigSnapshot> = cachedView('current configuration', readCurrentConfig);

function readCurrentConfig(store: Store): ConfigSnapshot {
  const settingsRow = listConfig(store, 'settings')[0];
  return {
    settings: settingsFrom(settingsRow?.data ?? {}),
    clinicians: sortByName(withUniqueKeys(listConfig(store, 'clinician').map((row) => clinicianFrom(row.id, row.data)))),
    patterns: new Map(listConfig(store, 'rota_pattern').map((row) => [row.id, patternFrom(row.data)])),
  };
}

/**
 * One key, one clinician. Two PCs apart can hand the same free key to two new
 * clinicians; when they meet, the one added first (the rows come in creation
 * order) keeps it and the other has none until it is given a new one, so a key
 * never records for two people. Clinicians off the board hold no key.
 */
function withUniqueKeys(clinicians: Clinician[]): Clinician[] {
  const holders = new Set<string>();
  return clinicians.map((clinician) => {
    if (clinician.key === null) return clinician;
    if (!clinician.active || holders.has(clinician.key)) return { ...clinician, key: null };
    holders.add(clinician.key);
    return clinician;
  });
}

export const currentContactTypes: (store: Store) => readonly ContactType[] = cachedView('contact types', (store) =>
  listConfig(store, 'contact_type').map((row) => contactTypeFrom(row.id, row.data)),
);

export const currentDirectory: (store: Store) => readonly DirectoryEntry[] = cachedView('directory', (store) =>
  listConfig(store, 'directory').map((row) => directoryEntryFrom(row.id, row.data)),
);

const TIMELINE_ENTITIES: readonly ConfigEntity[] = ['settings', 'clinician', 'rota_pattern', 'rota_day'];

export interface ConfigTimeline {
  asOf: (hlcBound: string) => TimelineSnapshot;
}

/**
 * The configuration as it stood at any moment, from the field history: a past
 * day's report uses the caps and rota of that day, not today's. Cached until the
 * configuration changes; each moment asked for is worked out once.
 */
export const configTimeline: (store: Store) => ConfigTimeline = cachedView('configuration timeline', readTimeline);

function readTimeline(store: Store): ConfigTimeline {
  const history = fieldHistory(store, TIMELINE_ENTITIES);
  const moments = new Map<string, TimelineSnapshot>();
  return {
    asOf(hlcBound) {
      const known = moments.get(hlcBound);
      if (known) return known;
      const snapshot = foldHistory(history, hlcBound);
      moments.set(hlcBound, snapshot);
      return snapshot;
    },
  };
}

function foldHistory(history: readonly HistoryRow[], hlcBound: string): TimelineSnapshot {
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
    clinicians: sortByName(of('clinician').map((document) => clinicianFrom(document.id, document.fields))),
    patterns: new Map(of('rota_pattern').map((document) => [document.id, patternFrom(document.fields)])),
    overridesOn(day) {
      const overrides = new Map<string, DayOverride>();
      for (const document of of('rota_day')) {
        const [clinicianId, date] = document.id.split('|');
        const override = document.fields.override as DayOverride | null | undefined;
        if (clinicianId !== undefined && date === day && override) overrides.set(clinicianId, override);
      }
      return overrides;
    },
  };
}

