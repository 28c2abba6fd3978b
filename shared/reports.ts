import type { CapMode, ClinicianRole } from './domain.ts';
import type { DestinationKind, RedirectionReason } from './directory.ts';
import type { SessionPair } from './rota.ts';

/** One clinician's practice day, as the manager's daily summary shows it (DOMAIN.md §6). */
export interface ClinicianDayReport {
  clinicianId: string;
  name: string;
  role: ClinicianRole;
  sessions: SessionPair;
  working: boolean;
  duty: boolean;
  capped: boolean;
  /** The day's cap as it stood at the end of the day (0 on a day off); means nothing when not capped. */
  cap: number;
  counted: number;
  notCounted: number;
  /** Contacts by type id, counted and not counted, voided ones left out. */
  byType: Record<string, number>;
  /** Counted contacts as a percentage of the cap; null when not capped or the cap is 0. */
  percentOfCap: number | null;
  /** When the warning level and the cap were reached: when the contact that reached each happened (not when it was entered). */
  warnedAt: string | null;
  fullAt: string | null;
  /** Counted contacts beyond the cap recorded with an urgent reason. Work that does not count is never over the cap. */
  urgentOverCap: number;
  /** Counted contacts beyond the cap, urgent or not (a late entry is never refused, so it can be over the cap without a reason). */
  overCap: number;
}

export interface DestinationCount {
  destinationId: string;
  name: string;
  kind: DestinationKind;
  count: number;
}

export interface RedirectionSummary {
  total: number;
  /** 999 / A&E: an emergency escalation, not a capacity diversion. */
  emergencies: number;
  /** Patients sent elsewhere for care: every redirection but the emergency escalations. */
  diversions: number;
  byDestination: DestinationCount[];
  byReason: Record<RedirectionReason, number>;
  nhs111: { total: number; icbInformed: number };
  pharmacyFirst: { referred: number; signposted: number };
}

/** Kept within the practice for later: reported apart from diversions. */
export interface DeferralSummary {
  total: number;
  laterDate: number;
  waitingList: number;
}

export interface TypeLabel {
  id: string;
  name: string;
  counts: boolean;
}

export interface DayReport {
  day: string;
  practiceName: string;
  capBasis: string;
  capMode: CapMode;
  warningPercent: number;
  clinicians: ClinicianDayReport[];
  totals: {
    /** Everyone's counted contacts: capped and not. */
    counted: number;
    notCounted: number;
    urgentOverCap: number;
    overCap: number;
    /** Clinicians on the rota that day who were listed (a day off with contacts is not working). */
    cliniciansWorking: number;
    atOrOverCap: number;
    /** The caps of the capped clinicians working that day, added up. */
    cap: number;
    /** Those capped clinicians' counted contacts: the part of `counted` that `cap` and `percentOfCap` cover. */
    cappedCounted: number;
    /** Everyone else's counted contacts: clinicians not capped, and contacts on a day off. `cappedCounted + uncappedCounted = counted`. */
    uncappedCounted: number;
    /** cappedCounted as a percentage of cap, to one decimal; null when the cap is 0. */
    percentOfCap: number | null;
    byType: Record<string, number>;
    /** Contacts, redirections and deferrals (voided ones left out) entered on a later day than they happened. */
    lateEntries: number;
  };
  redirections: RedirectionSummary;
  deferrals: DeferralSummary;
  types: TypeLabel[];
}

export interface ClinicianRangeReport {
  clinicianId: string;
  name: string;
  role: ClinicianRole;
  /** Days on the rota with a session. A day off (absent, or not on the rota) is never one, even with contacts recorded. */
  daysWorked: number;
  sessionsWorked: number;
  daysAtOrOverCap: number;
  counted: number;
  /** Of `counted`, those recorded on a day off: in the totals, not in the averages. */
  countedOnDaysOff: number;
  notCounted: number;
  /** Counted contacts on days worked ÷ days worked (and ÷ sessions worked), one decimal; null with none. */
  averagePerDay: number | null;
  averagePerSession: number | null;
  urgentOverCap: number;
}

export interface RangeDay {
  day: string;
  counted: number;
  redirections: number;
  byClinician: Record<string, { counted: number; cap: number; working: boolean; capped: boolean }>;
  redirectionsByKind: Partial<Record<DestinationKind, number>>;
}

export interface RangeReport {
  from: string;
  to: string;
  practiceName: string;
  days: number;
  clinicians: ClinicianRangeReport[];
  totals: {
    counted: number;
    /** Of `counted`, those recorded on a clinician's day off. */
    countedOnDaysOff: number;
    notCounted: number;
    urgentOverCap: number;
    redirections: number;
    deferrals: number;
    /** Redirections per 100 counted contacts, 999 escalations left out; null when there were no contacts. */
    redirectionsPer100Contacts: number | null;
    /** Clinician-days worked, all clinicians together. */
    daysWorked: number;
    sessionsWorked: number;
    daysAtOrOverCap: number;
    /** Counted contacts on days worked per clinician-day worked (and per session), to one decimal; null with none worked. */
    averagePerDay: number | null;
    averagePerSession: number | null;
  };
  redirections: RedirectionSummary;
  /** Redirections by local hour of the day, 0–23. */
  redirectionsByHour: number[];
  deferrals: DeferralSummary;
  daily: RangeDay[];
}

/** General Practice Alert State, the LMC's weekly return (DOMAIN.md §6). */
export const GPAS_STATUSES = ['green', 'amber', 'red', 'black'] as const;
export type GpasStatus = (typeof GPAS_STATUSES)[number];

export const GPAS_LABELS: Record<GpasStatus, string> = { green: 'Green', amber: 'Amber', red: 'Red', black: 'Black' };

export interface GpasReport {
  monday: string;
  /** Counted patient contacts across all clinicians that Monday. */
  totalContacts: number;
  /** The Monday is today (or still to come): the figure is the day so far, not the whole day. */
  soFar: boolean;
  listSize: number | null;
  per1000: number | null;
  assessment: { status: GpasStatus; note: string } | null;
}

/** Exports larger than this many days in one file are refused (split them). */
export const MAX_EXPORT_DAYS = 400;

export const EXPORT_TABLES = ['clinician-days', 'clinician-day-types', 'contacts', 'redirections', 'deferrals'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const EXPORT_TABLE_LABELS: Record<ExportTable, string> = {
  'clinician-days': 'Clinician days (one row per clinician per day)',
  'clinician-day-types': 'Contacts by type (one row per clinician, day and type)',
  contacts: 'Contacts (one row per contact)',
  redirections: 'Redirections (one row per redirection)',
  deferrals: 'Deferrals (one row per deferral)',
};

export interface ExportFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64. */
  base64: string;
  rows: number;
}

/** This PC's end-of-day export: whether it is on, where the files go, and how it last went. */
export interface EndOfDayStatus {
  enabled: boolean;
  /** Local time (HH:MM) each day's files are written. */
  time: string;
  folder: string;
  lastExportedDay: string | null;
  lastSuccessAt: string | null;
  lastError: { at: string; day: string; message: string } | null;
  /** Why a set already in the folder was left as it was (another PC wrote it knowing more), or null. */
  note: string | null;
  /** Days whose files are due and not yet written, oldest first. */
  waiting: string[];
}
