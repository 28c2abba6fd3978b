/**
 * Named staff and what each role may do (issue 10 §1). The core enforces it on
 * every method (main/core/api/access.ts); screens only use it to hide what
 * would be refused anyway.
 */
export const STAFF_ROLES = ['reception', 'clinician', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  reception: 'Reception',
  clinician: 'Clinician',
  manager: 'Practice manager',
  admin: 'Administrator',
};

/** A member of staff as every screen may see them: never their PIN or its hash. */
export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  /** Locked out on this PC after too many wrong PINs, until this instant (ms); null when not locked. */
  lockedUntil: number | null;
}

/** Who is at this PC's desk. */
export interface SessionInfo {
  /** Null: nobody is signed in. Records made then say "not signed in". */
  staff: { id: string; name: string; role: StaffRole } | null;
  /** Since when (ms), when someone is signed in. */
  since: number | null;
  /** False until the practice has named its first member of staff: until then nothing asks anyone to sign in. */
  staffNamed: boolean;
  /** The practice's idle time: after this many minutes without use the desk asks again who is there. */
  idleMinutes: number;
}

/** What a method needs of whoever is signed in at the desk. */
export type Need =
  /** Anyone, signed in or not: the board, and recording a patient (never blocked by sign-in). */
  | 'anyone'
  /** Any named member of staff who is signed in. */
  | 'staff'
  /** A practice manager or an administrator. */
  | 'manager'
  /** An administrator only. */
  | 'admin';

/** Whether a role has what a need asks for. */
export function roleMeets(role: StaffRole, need: Need): boolean {
  if (need === 'anyone' || need === 'staff') return true;
  if (need === 'manager') return role === 'manager' || role === 'admin';
  return role === 'admin';
}

/** The name records carry when nobody is signed in at the PC. */
export const NOT_SIGNED_IN = 'not signed in';

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;

/**
 * Why a new PIN is too easy to guess, or null. A PIN is 4 to 8 digits; with
 * wrong PINs throttled and locked out (Cyber Essentials), the ones that are
 * guessed first are refused: one digit repeated, and a run up or down.
 */
export function weakPinProblem(pin: string): string | null {
  const digits = Array.from({ length: pin.length }, (_, index) => pin.charCodeAt(index) - 48);
  if (digits.every((digit) => digit === digits[0])) return 'That PIN is one digit repeated, which is guessed first. Choose another.';
  const steps = digits.slice(1).map((digit, index) => (digit - (digits[index] ?? 0) + 10) % 10);
  if (steps.every((step) => step === 1) || steps.every((step) => step === 9)) return 'That PIN is a run of digits (like 1234), which is guessed first. Choose another.';
  return null;
}

/** Idle minutes a practice may set: 1 minute to 8 hours; 10 unless the practice says otherwise. */
export const IDLE_MINUTES = { min: 1, max: 480, default: 10 } as const;
/** Wrong PINs in a row before a member of staff is locked out on a PC: 3 to 10 (Cyber Essentials allows at most 10); 5 unless the practice says otherwise. */
export const PIN_ATTEMPTS = { min: 3, max: 10, default: 5 } as const;
/** How long a lockout lasts unless a manager or administrator unlocks it sooner. */
export const LOCKOUT_MINUTES = 15;
