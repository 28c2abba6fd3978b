/** Domain words and shapes shared by the core and the renderer (DOMAIN.md). */

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

/** UEMO's safe maximum, adopted by the BMA's safe-working guidance (DOMAIN.md §1). */
export const DEFAULT_DAILY_CAP = 25;
export const MAX_DAILY_CAP = 200;

/** GPAD appointment modes (DOMAIN.md §2). */
export const CONTACT_MODES = ['face_to_face', 'telephone', 'video', 'online', 'home_visit'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

export const MODE_LABELS: Record<ContactMode, string> = {
  face_to_face: 'Face to face',
  telephone: 'Telephone',
  video: 'Video',
  online: 'Online / written',
  home_visit: 'Home visit',
};

export interface Clinician {
  id: string;
  name: string;
  role: ClinicianRole;
  dailyCap: number;
  active: boolean;
}

export interface ContactVoid {
  reason: string;
  voidedAt: string;
}

export interface Contact {
  id: string;
  clinicianId: string;
  mode: ContactMode;
  /** ISO 8601 instant the contact happened. */
  occurredAt: string;
  /** Europe/London date fixed when the contact was recorded. */
  practiceDay: string;
  voided: ContactVoid | null;
}

export interface BoardRow {
  clinicianId: string;
  name: string;
  role: ClinicianRole;
  cap: number;
  used: number;
  remaining: number;
}

export interface Board {
  day: string;
  rows: BoardRow[];
}

/** Something the person at the PC must know about the database, shown until ContactCap restarts. */
export interface StartupNotice {
  kind: 'database_moved_aside' | 'database_damaged';
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
}
