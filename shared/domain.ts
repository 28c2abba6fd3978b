/** Domain words and shapes shared by the core and the renderer (DOMAIN.md). */
import type { DestinationKind, PharmacyFirstCondition, PharmacyFirstRoute, RedirectionReason } from './directory.ts';
import type { IdentifierState } from './identifiers.ts';

export const CLINICIAN_ROLES = [
  'gp_partner',
  'salaried_gp',
  'locum_gp',
  'gp_registrar',
  'advanced_nurse_practitioner',
  'practice_nurse',
  'clinical_pharmacist',
  'paramedic',
  'physician_associate',
  'healthcare_assistant',
  'other',
] as const;
export type ClinicianRole = (typeof CLINICIAN_ROLES)[number];

export const ROLE_LABELS: Record<ClinicianRole, string> = {
  gp_partner: 'GP partner',
  salaried_gp: 'Salaried GP',
  locum_gp: 'Locum GP',
  gp_registrar: 'GP registrar',
  advanced_nurse_practitioner: 'Advanced nurse practitioner',
  practice_nurse: 'Practice nurse',
  clinical_pharmacist: 'Clinical pharmacist',
  paramedic: 'Paramedic',
  physician_associate: 'Physician associate',
  healthcare_assistant: 'Healthcare assistant',
  other: 'Other clinician',
};

/** Kinds of clinician, for offering a colleague of the same kind first when one is full. */
export type ClinicianKind = 'gp' | 'nurse' | 'pharmacist' | 'paramedic' | 'physician_associate' | 'healthcare_assistant' | 'other';

export const ROLE_KINDS: Record<ClinicianRole, ClinicianKind> = {
  gp_partner: 'gp',
  salaried_gp: 'gp',
  locum_gp: 'gp',
  gp_registrar: 'gp',
  advanced_nurse_practitioner: 'nurse',
  practice_nurse: 'nurse',
  clinical_pharmacist: 'pharmacist',
  paramedic: 'paramedic',
  physician_associate: 'physician_associate',
  healthcare_assistant: 'healthcare_assistant',
  other: 'other',
};

/** UEMO's safe maximum, adopted by the BMA's safe-working guidance (DOMAIN.md §1). */
export const DEFAULT_DAILY_CAP = 25;
export const MAX_DAILY_CAP = 200;

export interface RoleDefault {
  capped: boolean;
  dailyCap: number;
}

/**
 * (design) GP roles are capped at 25 (DOMAIN.md §3). Advanced nurse practitioners,
 * paramedics and physician associates consult undifferentiated patients like a GP,
 * so they start capped too; the others start counted but not capped. Every default
 * is editable by the practice.
 */
export const DEFAULT_ROLE_DEFAULTS: Record<ClinicianRole, RoleDefault> = {
  gp_partner: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  salaried_gp: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  locum_gp: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  gp_registrar: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  advanced_nurse_practitioner: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  paramedic: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  physician_associate: { capped: true, dailyCap: DEFAULT_DAILY_CAP },
  practice_nurse: { capped: false, dailyCap: DEFAULT_DAILY_CAP },
  clinical_pharmacist: { capped: false, dailyCap: DEFAULT_DAILY_CAP },
  healthcare_assistant: { capped: false, dailyCap: DEFAULT_DAILY_CAP },
  other: { capped: false, dailyCap: DEFAULT_DAILY_CAP },
};

/** A clinician as configured. A null field follows the practice's default for the role. */
export interface Clinician {
  id: string;
  name: string;
  initials: string;
  role: ClinicianRole;
  capped: boolean | null;
  dailyCap: number | null;
  amCap: number | null;
  pmCap: number | null;
  active: boolean;
  /** Their own key on the reception desk (shared/deskKeys.ts), or null until one is free. */
  key: string | null;
}

/**
 * Where a clinician is today, for the desk. Only "working" clinicians can take a
 * routine contact; for the others the clinician's key opens the at-capacity step.
 */
export const CLINICIAN_STATUSES = ['working', 'finished', 'absent', 'not_working'] as const;
export type ClinicianStatus = (typeof CLINICIAN_STATUSES)[number];

export const CLINICIAN_STATUS_LABELS: Record<ClinicianStatus, string> = {
  working: 'Working today',
  finished: 'Finished for today',
  absent: 'Absent today',
  not_working: 'Not working today',
};

export type Session = 'am' | 'pm';

export interface ContactType {
  id: string;
  name: string;
  /** Whether a contact of this type counts toward the clinician's cap. */
  counts: boolean;
  /** The letter that picks it on the reception desk, if any. */
  key: string | null;
  builtin: boolean;
  active: boolean;
}

export interface ContactVoid {
  reason: string;
  voidedAt: string;
}

export interface Contact {
  id: string;
  clinicianId: string;
  typeId: string;
  counts: boolean;
  /** ISO 8601 instant the contact happened. */
  occurredAt: string;
  /** When it was recorded (the author's clock). */
  recordedAt: string;
  /** Europe/London date fixed when the contact was recorded. */
  practiceDay: string;
  session: Session;
  /** Set when it was recorded as an urgent contact over the clinician's cap. */
  overCapReason: string | null;
  /** Counted beyond the cap (in the day's order), whether urgent or not. */
  overCap: boolean;
  /**
   * Over the cap with no urgent reason: two PCs that could not see each other
   * both took the last places. Says why, in words, for the desk to redirect or
   * void with a reason; null otherwise. Nothing is dropped or voided by itself.
   */
  overCommit: string | null;
  /** Entered on a later day, with this reason; null for a contact recorded on its own day. */
  lateReason: string | null;
  recordedBy: string;
  device: string;
  voided: ContactVoid | null;
}

export type CapMode = 'day' | 'session';
export type CapState = 'available' | 'nearly_full' | 'full' | 'over_cap' | 'not_capped';

export const CAP_STATE_LABELS: Record<CapState, string> = {
  available: 'Available',
  nearly_full: 'Nearly full',
  full: 'Full',
  over_cap: 'Over cap',
  not_capped: 'No cap',
};

export interface SessionUsage {
  working: boolean;
  cap: number;
  used: number;
  remaining: number;
  state: CapState;
}

export interface BoardRow {
  clinicianId: string;
  name: string;
  initials: string;
  role: ClinicianRole;
  /** Their own desk key, or null when none is free. */
  key: string | null;
  /** Working now, finished, absent or not on today's rota. */
  status: ClinicianStatus;
  /** Working at least one session today (rota pattern and today's changes). */
  working: boolean;
  sessions: { am: boolean; pm: boolean };
  duty: boolean;
  capped: boolean;
  /** Today's cap in day mode; the current session's cap in session mode. */
  cap: number;
  used: number;
  remaining: number;
  state: CapState;
  /** The whole day, whatever the cap mode. */
  dayCap: number;
  dayUsed: number;
  bySession: Record<Session, SessionUsage>;
  /** When the warning threshold and the cap were reached (ISO), or null. */
  warnedAt: string | null;
  fullAt: string | null;
  urgentOverCap: number;
  /** Contacts over the cap with no urgent reason (see Contact.overCommit): each needs redirecting or voiding. */
  overCommitted: number;
  notCounted: number;
}

export interface Board {
  day: string;
  /**
   * The newest change the board includes (a hybrid clock value; '' before any).
   * A window that already shows this version need not fetch it again.
   */
  version: string;
  now: string;
  capMode: CapMode;
  /** The session now, in session mode. */
  session: Session;
  warningPercent: number;
  defaultTypeId: string;
  rows: BoardRow[];
}

export interface StartupNotice {
  kind: 'database_moved_aside' | 'database_damaged' | 'database_rebuilt' | 'log_set_aside' | 'log_recovered' | 'network_identity' | 'backup_failed' | 'database_restored' | 'audit_trail_broken';
  message: string;
  /** The file the notice is about. */
  file: string;
}

export interface SystemStatus {
  appVersion: string;
  deviceId: string;
  databasePath: string;
  schemaVersion: number;
  now: string;
  today: string;
  notices: StartupNotice[];
  /** The background check of every page of the database since this start. */
  integrity: 'checking' | 'ok' | 'damaged' | 'not_checked';
  /** The background check of the events' hash chain, at start and after each catch-up from the network. */
  audit: AuditTrailStatus;
}

/** Enough for a manager's screen to say "Audit trail checked at 09:14: intact". */
export interface AuditTrailStatus {
  /** A check is running now (the result below is the last one that finished). */
  checking: boolean;
  /** intact: every PC's records follow on, unchanged; broken: see the audit_trail_broken notice; not_checked: none has finished. */
  result: 'intact' | 'broken' | 'not_checked';
  /** When the last check finished (an instant), or null. */
  checkedAt: string | null;
  /** How many records the last check went through. */
  events: number;
}

/** This PC's own settings: not shared with other PCs. */
export interface DeviceSettings {
  deviceName: string;
  staffName: string;
  /** The clinician this PC's clinician view shows, once picked. */
  clinicianViewId: string | null;
}

export const DEFERRAL_KINDS = ['later_date', 'waiting_list'] as const;
export type DeferralKind = (typeof DEFERRAL_KINDS)[number];

export interface Redirection {
  id: string;
  destinationId: string;
  /** The destination's name and kind when the patient was redirected. */
  destinationName: string;
  destinationKind: DestinationKind;
  reason: RedirectionReason;
  /** The clinician who was full, when the redirection came from the at-capacity step. */
  fromClinicianId: string | null;
  pharmacyFirst: { route: PharmacyFirstRoute; condition: PharmacyFirstCondition | null } | null;
  /** NHS 111 only: whether the ICB has been told. */
  icbInformed: boolean | null;
  emergency: boolean;
  /** Empty, and nhsNumber null, unless identifiers are held here (see `identifiers`). */
  note: string;
  nhsNumber: string | null;
  /** Whether the note and NHS number are readable here, erased, or not yet arrived from the PC that recorded them. */
  identifiers: IdentifierState;
  occurredAt: string;
  practiceDay: string;
  /** Entered on a later day, with this reason. */
  lateReason: string | null;
  recordedBy: string;
  device: string;
  voided: ContactVoid | null;
}

/** A patient kept within the practice for later: booked for a later date or put on the waiting list. Not a diversion. */
export interface Deferral {
  id: string;
  clinicianId: string | null;
  kind: DeferralKind;
  untilDay: string | null;
  note: string;
  identifiers: IdentifierState;
  occurredAt: string;
  practiceDay: string;
  /** Entered on a later day, with this reason. */
  lateReason: string | null;
  recordedBy: string;
  device: string;
  voided: ContactVoid | null;
}

/** What the reception desk shows, read at one moment so the parts always agree. */
export interface DeskToday {
  board: Board;
  contacts: Contact[];
  redirections: Redirection[];
  deferrals: Deferral[];
}
