/** The audit trail a manager reads (issue 10 §2): who changed what, when and at which PC. */
export const AUDIT_KINDS = ['caps', 'rota', 'clinicians', 'settings', 'voids', 'exports', 'identifiers', 'staff', 'sign_ins', 'network'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  caps: 'Caps',
  rota: 'Rota',
  clinicians: 'Clinicians',
  settings: 'Settings and services',
  voids: 'Voids',
  exports: 'Exports with identifiers',
  identifiers: 'Identifiers looked up or erased',
  staff: 'Staff',
  sign_ins: 'Sign-ins and wrong PINs',
  network: 'Practice network',
};

export interface AuditRow {
  /** When it happened (ms), by the PC's clock. */
  at: number;
  /** The PC's name. */
  pc: string;
  /** Who was signed in there, or "not signed in". */
  staff: string;
  kind: AuditKind;
  summary: string;
  /** Where the event sits in the PC's log: its id and sequence number. */
  origin: string;
  seq: number;
}

export interface AuditTrail {
  rows: AuditRow[];
  /** More happened than is shown: narrow the dates, the person or the kind. */
  truncated: boolean;
}

/** The most rows one answer carries. */
export const AUDIT_ROW_LIMIT = 2000;
