import { DEFAULT_NOTICE_WHY, DEFAULT_RECEPTION_SCRIPT } from './actions.ts';
import { IDENTIFIER_RETENTION_DAYS } from './identifiers.ts';
import { IDLE_MINUTES, PIN_ATTEMPTS } from './staff.ts';
import { DEFAULT_ROLE_DEFAULTS, type CapMode, type ClinicianRole, type RoleDefault } from './domain.ts';

export const BOARD_ORDERS = ['surname', 'first_name', 'key'] as const;
export type BoardOrder = (typeof BOARD_ORDERS)[number];

export const BOARD_ORDER_LABELS: Record<BoardOrder, string> = {
  surname: 'By surname',
  first_name: 'By first name',
  key: 'By desk key',
};

/** The most days back a late entry may ever be allowed. */
export const MAX_LATE_ENTRY_DAYS = 31;

/** Settings the whole practice shares (they travel with the event log). */
/**
 * Whether the practice has been through the first-run setup. It is a practice
 * setting, not this PC's: it travels with the practice's settings, so a second
 * PC of a practice that is set up never offers the setup again by itself.
 */
export const SETUP_STATES = ['not_done', 'skipped', 'done'] as const;
export type SetupState = (typeof SETUP_STATES)[number];

export interface PracticeSettings {
  /** '' until the practice gives its name: slips, notices and returns then leave the name out. */
  practiceName: string;
  /** Why the cap is what it is, shown beside it (NHS England calls 25 "arbitrary"; DOMAIN.md §1). */
  capBasis: string;
  capMode: CapMode;
  /** Nearly full from this percentage of the cap (EQUIP London starts at 85%). */
  warningPercent: number;
  /** Local time (HH:mm) at which the afternoon session starts. */
  sessionSplit: string;
  /**
   * Local time (HH:mm) the afternoon session ends: a clinician whose last session
   * has ended is finished for today and is not offered for routine contacts.
   */
  dayEnd: string;
  /** How the board is ordered: by surname (titles ignored), by first name, or by desk key. */
  boardOrder: BoardOrder;
  /** How many days back a forgotten contact, redirection or deferral can be entered (0: today only). */
  lateEntryDays: number;
  roleDefaults: Record<ClinicianRole, RoleDefault>;
  /** 'auto' uses the practice's most common type over the last four weeks. */
  defaultContactType: string;
  /** NHS numbers on redirections: off unless the practice turns it on (UK GDPR minimisation). */
  collectNhsNumber: boolean;
  /** Days a record's NHS number and note are kept after its day; then erased on every PC (issue 10 §5). */
  identifierRetentionDays: number;
  /** Practice list size, for the LMC's GPAS return. */
  listSize: number | null;
  /** Why the practice is taking collective action, on the patient notice. */
  noticeWhy: string;
  /** What reception says when a clinician is full (editable by the practice). */
  receptionScript: string;
  /** The first-run setup: not done yet, skipped, or done. */
  setup: SetupState;
  /** Minutes without use after which a desk asks again who is there (issue 10 §1). */
  idleMinutes: number;
  /** Wrong PINs in a row that lock a member of staff out on a PC. */
  pinAttempts: number;
}

export const DEFAULT_SETTINGS: PracticeSettings = {
  practiceName: '',
  capBasis: 'Practice policy, following the BMA’s safe-working guidance (UEMO safe maximum of 25 contacts a day).',
  capMode: 'day',
  warningPercent: 85,
  sessionSplit: '13:00',
  dayEnd: '18:30',
  boardOrder: 'surname',
  lateEntryDays: 7,
  roleDefaults: DEFAULT_ROLE_DEFAULTS,
  defaultContactType: 'auto',
  collectNhsNumber: false,
  identifierRetentionDays: IDENTIFIER_RETENTION_DAYS.default,
  listSize: null,
  noticeWhy: DEFAULT_NOTICE_WHY,
  receptionScript: DEFAULT_RECEPTION_SCRIPT,
  setup: 'not_done',
  idleMinutes: IDLE_MINUTES.default,
  pinAttempts: PIN_ATTEMPTS.default,
};

